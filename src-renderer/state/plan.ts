// The funding plan over every dossier of one program in the store (DESIGN.md "Panel results and the
// funding plan"): each dossier's manifest and this workstation's review, planned by core/plan
// (planBatch: the same awards, reasons, allocation and cross-dossier rules as `dossier-desk plan`),
// and written as the 扶持计划 and 公示名单 sheets by the export's workbook writer.
import { planBatch, planSheets, type Allocation, type BatchPlan } from '../core/plan';
import type { Profile } from '../core/profiles/schema';
import type { DossierManifest, Fen } from '../core/types';
import { readStoredReview } from '../db/review-rows';
import { loadProfile } from './profiles';
import { REVIEWER_ID, getStore } from './store';

export interface PlanProgram {
  id: string;
  dossiers: number;
}

/** The programs of the stored dossiers, with how many dossiers each. */
export async function programsInStore(): Promise<PlanProgram[]> {
  const rows = await (await getStore()).listDossiers();
  const counts = new Map<string, number>();
  for (const row of rows) counts.set(row.program, (counts.get(row.program) ?? 0) + 1);
  return [...counts].map(([id, dossiers]) => ({ id, dossiers })).sort((a, b) => b.dossiers - a.dossiers || a.id.localeCompare(b.id));
}

export interface StorePlan {
  profile: Profile;
  result: BatchPlan;
  /** Dossier label (as the plan names it) → dossier id. */
  ids: Map<string, string>;
}

/**
 * How the plan tells the dossiers apart where it names one beside its applicant (the findings across
 * dossiers say "甲公司（label）"): by the applicant's unified social credit code; a firm that filed more
 * than one dossier, or one without a code, gets the first characters of the dossier id, so that each
 * label names one dossier. The screen and the sheets show the applicant's name and code; the dossier
 * id is a click away.
 */
export function planLabels(dossiers: readonly { id: string; manifest: DossierManifest }[]): Map<string, string> {
  const codeOf = (manifest: DossierManifest) => manifest.applicant.creditCode?.trim().toUpperCase() ?? '';
  const filed = new Map<string, number>();
  for (const { manifest } of dossiers) filed.set(codeOf(manifest), (filed.get(codeOf(manifest)) ?? 0) + 1);
  return new Map(dossiers.map(({ id, manifest }) => {
    const code = codeOf(manifest);
    const short = id.slice(0, 8);
    return [id, !code ? short : filed.get(code) === 1 ? code : `${code}·${short}`];
  }));
}

/** The plan of every stored dossier of `programId` within the budget. */
export async function planStore(programId: string, budgetFen: Fen, allocation: Allocation, issueFen?: Fen): Promise<StorePlan> {
  const store = await getStore();
  const profile = await loadProfile(programId);
  const rows = (await store.listDossiers()).filter((row) => row.program === programId);
  const labels = planLabels(rows);
  const ids = new Map([...labels].map(([id, label]) => [label, id]));
  const inputs = await Promise.all(rows.map(async (row) => {
    const review = await readStoredReview(store, row, REVIEWER_ID);
    return { dossier: labels.get(row.id)!, profile, manifest: row.manifest, reviews: [review] };
  }));
  const result = planBatch(inputs, budgetFen, allocation, issueFen === undefined ? {} : { issueFen });
  return { profile, result, ids };
}

/** The plan as an xlsx workbook with the 扶持计划 and 公示名单 sheets (exceljs loaded on the first one). */
export async function planWorkbook(plan: StorePlan): Promise<Uint8Array> {
  const label = (category: string) => plan.profile.categories.find((entry) => entry.id === category)?.label.zh ?? category;
  const { writeXlsx } = await import('../export/xlsx');
  return writeXlsx(planSheets(plan.result.plan, label, (dossier) => plan.ids.get(dossier) ?? dossier, plan.result.verdicts));
}

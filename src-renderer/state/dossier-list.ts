// The dossier list: each stored dossier with its verdict and score, from its stored review rows.
//
// What the list shows of a dossier is kept in its summary (db/schema DossierSummaryRow, schema
// version 8): the list reads the summaries and the head of each audit chain, never the dossiers' rows
// (a 10,000-row manifest each) nor their reviews, unless a summary is missing or its standing is of an
// earlier review than the stored one. Then the standing is computed again and kept; at start-up
// (`staleAfter`) that waits until the dossier to open is on screen, and the list shows the dossier
// without a verdict meanwhile. Opening a dossier keeps its standing from what the opening read (noteStanding).
import { dossierStanding } from '../core/engine';
import type { DossierManifest, ReviewFile } from '../core/types';
import { readStoredReview } from '../db/review-rows';
import type { DossierRow, DossierSummaryRow } from '../db/schema';
import type { DossierStore } from '../db/store';
import { loadProfile } from './profiles';
import { REVIEWER_ID, getStore } from './store';
import { useWorkspace, type DossierSummary } from './workspace';

type Standing = NonNullable<DossierSummaryRow['standing']>;
type Head = Standing['head'];

function shown(row: DossierSummaryRow): DossierSummary {
  const { standing } = row;
  return { id: row.id, program: row.program, applicant: row.applicantName, status: standing?.signed ? 'signed' : 'in-review', verdict: standing?.verdict ?? null, score: standing?.score ?? null };
}

const sameHead = (a: Head, b: Head): boolean => (a === null ? b === null : b !== null && a.seq === b.seq && a.hash === b.hash);

/** The head of a dossier's audit chain as the store holds it now (its last entry). */
async function chainHead(store: DossierStore, dossierId: string): Promise<Head> {
  const last = await store.db.auditLog.where('[dossierId+seq]').between([dossierId, -Infinity], [dossierId, Infinity]).last();
  return last ? { seq: last.seq, hash: last.hash } : null;
}

/**
 * Signed or in review, and the verdict and score the check would give the review (core/engine
 * dossierStanding: the ledger and the rubric, no evidence read, no rule run), as of the review's last
 * audit entry. Null when the engine cannot say (a program with no profile here, data it refuses):
 * the dossier is listed without a verdict, and opening it shows the reason.
 */
async function standingOf(program: string, manifest: DossierManifest, review: ReviewFile): Promise<Standing | null> {
  const last = review.auditLog.at(-1);
  try {
    const standing = dossierStanding(await loadProfile(program), manifest, review);
    return { head: last ? { seq: last.seq, hash: last.hash } : null, signed: Boolean(review.decision?.signedAt), verdict: standing.verdict, score: standing.scoreTotal };
  } catch {
    return null;
  }
}

function summaryOfRow(row: Pick<DossierRow, 'id' | 'program' | 'applicantName' | 'importedAt'>, standing: Standing | null): DossierSummaryRow {
  return { id: row.id, program: row.program, applicantName: row.applicantName, importedAt: row.importedAt, standing };
}

/** Reads a dossier's row and stored review whole, computes its standing and keeps the summary. */
async function summarise(store: DossierStore, dossierId: string): Promise<DossierSummaryRow | null> {
  const row = await store.getDossier(dossierId);
  if (!row) return null;
  const review = await readStoredReview(store, row, REVIEWER_ID);
  const summary = summaryOfRow(row, await standingOf(row.program, row.manifest, review));
  await store.db.dossierSummaries.put(summary);
  return summary;
}

/** Sets one dossier's line of the list (added when it is not listed yet). */
function showSummary(summary: DossierSummaryRow): void {
  const { dossiers, setDossiers } = useWorkspace.getState();
  const line = shown(summary);
  setDossiers(dossiers.some((dossier) => dossier.id === line.id) ? dossiers.map((dossier) => (dossier.id === line.id ? line : dossier)) : [line, ...dossiers]);
}

/**
 * Lists a dossier just imported, at the top and without its verdict, which opening it keeps
 * (noteStanding): its row (a 10,000-row manifest) and review are not read back here, nor its standing
 * computed twice on the window's thread. Should the opening keep none, the next listing computes it.
 */
export async function listImported(row: Pick<DossierRow, 'id' | 'program' | 'applicantName' | 'importedAt'>): Promise<void> {
  const store = await getStore();
  const summary = summaryOfRow(row, null);
  await store.db.dossierSummaries.put(summary);
  showSummary(summary);
}

/**
 * Keeps a dossier's standing from a review just read with its row (opening the dossier reads both):
 * the list then has it without reading them again. Failures are left to the next listing.
 */
export async function noteStanding(row: Pick<DossierRow, 'id' | 'program' | 'applicantName' | 'importedAt' | 'manifest'>, review: ReviewFile): Promise<void> {
  const store = await getStore();
  const summary = summaryOfRow(row, await standingOf(row.program, row.manifest, review));
  if (summary.standing === null) return;
  await store.db.dossierSummaries.put(summary);
  if (useWorkspace.getState().dossiers.some((dossier) => dossier.id === row.id)) showSummary(summary);
}

/**
 * Lists every stored dossier, newest first. With `staleAfter`, the standings to compute again wait
 * for it (the dossiers are listed at once, those without a verdict until then); without it, the list
 * is complete when this resolves.
 */
export async function refreshDossiers(options: { staleAfter?: Promise<unknown> } = {}): Promise<void> {
  const store = await getStore();
  const ids = await store.db.dossiers.orderBy('importedAt').reverse().primaryKeys();
  const [summaries, heads] = await Promise.all([store.db.dossierSummaries.bulkGet(ids), Promise.all(ids.map((id) => chainHead(store, id)))]);
  const current = (index: number): boolean => {
    const standing = summaries[index]?.standing;
    return standing !== null && standing !== undefined && sameHead(standing.head, heads[index]!);
  };
  const stale = ids.filter((_, index) => !current(index));
  if (!options.staleAfter || stale.length === 0) {
    const rows = await Promise.all(ids.map((id, index) => (current(index) ? summaries[index]! : summarise(store, id))));
    useWorkspace.getState().setDossiers(rows.filter((row): row is DossierSummaryRow => row !== null).map(shown));
    return;
  }
  // A dossier with no summary yet (one restored from the mirror) is read now: the list names it.
  const rows = await Promise.all(ids.map(async (id, index) => {
    const summary = summaries[index];
    if (!summary) return summarise(store, id);
    return current(index) ? summary : { ...summary, standing: null };
  }));
  useWorkspace.getState().setDossiers(rows.filter((row): row is DossierSummaryRow => row !== null).map(shown));
  void options.staleAfter.then(async () => {
    for (const [index, id] of ids.entries()) {
      if (current(index) || !summaries[index]) continue;
      // Opening the dossier may have kept its standing meanwhile (noteStanding).
      const [kept, head] = await Promise.all([store.db.dossierSummaries.get(id), chainHead(store, id)]);
      const summary = kept?.standing && sameHead(kept.standing.head, head) ? kept : await summarise(store, id);
      if (summary) showSummary(summary);
    }
  }).catch((error: unknown) => console.warn(`the dossier list's verdicts could not be computed (${error instanceof Error ? error.message : String(error)})`));
}

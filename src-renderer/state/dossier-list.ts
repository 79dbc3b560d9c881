// The dossier list: each stored dossier with its verdict and score, evaluated from the store.
import { evaluateDossier } from '../core/engine';
import { newReview } from '../core/review/read-write';
import type { DossierStore } from '../db/store';
import { loadProfile } from './profiles';
import { REVIEWER_ID, getStore } from './store';
import { useWorkspace, type DossierSummary } from './workspace';

/** Each dossier with its verdict and score, evaluated from what the store holds for it. */
async function summaries(store: DossierStore): Promise<DossierSummary[]> {
  const rows = await store.listDossiers();
  return Promise.all(rows.map(async (row) => {
    const summary: DossierSummary = { id: row.id, program: row.program, applicant: row.applicantName, status: 'in-review', verdict: null, score: null };
    try {
      const [profile, cuts, scores, reviewRow] = await Promise.all([
        loadProfile(row.program), store.cuts(row.id), store.db.scores.where('dossierId').equals(row.id).toArray(), store.review(row.id, REVIEWER_ID),
      ]);
      if (reviewRow.decision.signedAt) summary.status = 'signed';
      const review = {
        ...newReview(row.program, { name: '', role: 'auditor' }, row.id),
        cuts: cuts.map((cut) => cut.cut),
        scores: Object.fromEntries(scores.map((score) => [score.criterionId, score.value])),
      };
      const report = evaluateDossier({ profile, manifest: row.manifest, review });
      summary.verdict = report.verdict;
      summary.score = report.score?.total ?? null;
    } catch {
      // A dossier whose program has no profile here, or whose data the engine refuses, is listed
      // without a verdict; opening it shows the reason.
    }
    return summary;
  }));
}

export async function refreshDossiers() {
  const store = await getStore();
  useWorkspace.getState().setDossiers(await summaries(store));
}

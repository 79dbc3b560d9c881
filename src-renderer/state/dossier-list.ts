// The dossier list: each stored dossier with its verdict and score, from its stored review rows.
import { dossierStanding } from '../core/engine';
import { readStoredReview } from '../db/review-rows';
import type { DossierRow } from '../db/schema';
import type { DossierStore } from '../db/store';
import { loadProfile } from './profiles';
import { REVIEWER_ID, getStore } from './store';
import { useWorkspace, type DossierSummary } from './workspace';

/**
 * One dossier's line: signed or in review, and the verdict and score the check would give its stored
 * review (core/engine dossierStanding: the ledger and the rubric, no evidence read, no rule run).
 */
async function summaryOf(store: DossierStore, row: DossierRow): Promise<DossierSummary> {
  const summary: DossierSummary = { id: row.id, program: row.program, applicant: row.applicantName, status: 'in-review', verdict: null, score: null };
  try {
    const [profile, review] = await Promise.all([loadProfile(row.program), readStoredReview(store, row, REVIEWER_ID)]);
    if (review.decision?.signedAt) summary.status = 'signed';
    const standing = dossierStanding(profile, row.manifest, review);
    summary.verdict = standing.verdict;
    summary.score = standing.scoreTotal;
  } catch {
    // A dossier whose program has no profile here, or whose data the engine refuses, is listed
    // without a verdict; opening it shows the reason.
  }
  return summary;
}

export async function refreshDossiers() {
  const store = await getStore();
  const rows = await store.listDossiers();
  useWorkspace.getState().setDossiers(await Promise.all(rows.map((row) => summaryOf(store, row))));
}

// The cut ratio and audit verdict of the review on screen, from the cut totals alone: the ledger's
// claimed total once per declared list, the cuts summed per review. The whole evaluation
// (state/report.ts) gives the same figures (core/engine/verdict.ts on the same ledger) and everything
// else; on a dossier of 10,000 rows it takes a while, so the gauge, the totals and the verdict are taken
// from here and move with a cut at once, while the report follows.
import { useMemo } from 'react';
import { auditVerdict, type AuditVerdict } from '../core/engine/verdict';
import { openWorkOf, qualifyVerdict, type VerdictQualifier } from '../core/engine/verdict-open-work';
import { tryParseYuan } from '../core/money';
import type { DossierManifest, ReviewFile } from '../core/types';
import { useWorkspace } from './workspace';

export interface CutStanding extends AuditVerdict {
  claimedFen: number;
  cutFen: number;
  approvedFen: number;
}

const claimedOfManifest = new WeakMap<DossierManifest, number>();
const cutOfCuts = new WeakMap<ReviewFile['cuts'], number>();

/** The declared total of a manifest, summed once per manifest. */
function claimedFenOf(manifest: DossierManifest): number {
  let claimed = claimedOfManifest.get(manifest);
  if (claimed === undefined) {
    claimed = manifest.claims.reduce((sum, claim) => sum + (tryParseYuan(claim.amount) ?? 0), 0);
    claimedOfManifest.set(manifest, claimed);
  }
  return claimed;
}

/** The review's cuts summed (the reviewer's own and accepted proposals), once per list of cuts. */
function cutFenOf(cuts: ReviewFile['cuts']): number {
  let cut = cutOfCuts.get(cuts);
  if (cut === undefined) {
    cut = cuts.reduce((sum, entry) => sum + (tryParseYuan(entry.amount) ?? 0), 0);
    cutOfCuts.set(cuts, cut);
  }
  return cut;
}

/** The standing of `review` against `threshold` (the program's audit-cut threshold, e.g. "0.20"). */
export function cutStandingOf(manifest: DossierManifest, review: ReviewFile, threshold: string): CutStanding {
  const claimedFen = claimedFenOf(manifest);
  const cutFen = cutFenOf(review.cuts);
  return { ...auditVerdict(claimedFen, cutFen, threshold), claimedFen, cutFen, approvedFen: claimedFen - cutFen };
}

/**
 * The open dossier's standing as the review on screen has it; null until the dossier's first
 * evaluation has given the program's threshold (the gauge shows it as pending until then).
 */
export function useCutStanding(): CutStanding | null {
  const manifest = useWorkspace((state) => state.open?.manifest);
  const review = useWorkspace((state) => state.open?.review);
  const threshold = useWorkspace((state) => state.report?.threshold);
  if (!manifest || !review || threshold === undefined) return null;
  return cutStandingOf(manifest, review, threshold);
}

/**
 * The open dossier's verdict (useCutStanding) with what qualifies it: provisional while error findings
 * or reconciliation proposals are open on an unsigned review (core/engine/verdict-open-work.ts), counted
 * over the report's findings and proposals with the review's decisions as they stand now. Null while
 * the standing is.
 */
export function useVerdictQualifier(): VerdictQualifier | null {
  const standing = useCutStanding();
  const report = useWorkspace((state) => state.report);
  const review = useWorkspace((state) => state.open?.review);
  const open = useMemo(
    () => (report && review ? openWorkOf({ findings: report.findings, decisions: review.findings, reconciliation: report.reconciliation, review }) : null),
    [report, review],
  );
  if (!standing || !open || !review) return null;
  // The verdict if the open proposals were accepted, on the cuts on screen (the report's may be of an earlier review).
  const verdictIfAccepted = open.proposals > 0 ? auditVerdict(standing.claimedFen, standing.cutFen + open.proposedCutFen, standing.threshold).verdict : null;
  return qualifyVerdict(standing.verdict, open, { signed: Boolean(review.decision?.signedAt), verdictIfAccepted });
}

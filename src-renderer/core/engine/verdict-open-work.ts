// Whether the audit verdict is settled or provisional. The verdict (verdict.ts) is that of the cuts
// confirmed so far; while the work that decides them is still open (error findings the reviewer has
// neither accepted nor dismissed, reconciliation proposals neither accepted nor rejected) it is
// provisional, and a reviewer must not read it as the dossier's outcome. A signed review is settled
// whatever is left open: the reviewer signed it as it stands.

import { tryParseYuan } from '../money';
import type { CheckReport, Fen, Finding, ProposalDecision, ReconciledRow, ReviewCut, ReviewFile } from '../types';

/** The finding that restates the verdict itself (cuts above the threshold): not work that decides it. */
const VERDICT_RULE = 'audit-cut-threshold';

export interface OpenWork {
  /** Error findings neither accepted nor dismissed (the finding restating the verdict aside). */
  errorFindings: number;
  /** Reconciliation proposals neither accepted (a cut naming them) nor rejected. */
  proposals: number;
  /** What the open proposals would cut on top of the cuts made, each claim capped at what it has left. */
  proposedCutFen: Fen;
}

export interface OpenWorkInput {
  /** The report's findings; their `status` is the review's decision as of the evaluation. */
  findings: readonly Pick<Finding, 'id' | 'rule' | 'severity' | 'status'>[];
  /** The review's decisions as they stand now (they win over the findings' statuses). */
  decisions?: readonly { id: string; status: 'open' | 'accepted' | 'dismissed' }[] | null;
  /** The report's reconciliation (null when no evidence was read: no proposals). */
  reconciliation?: readonly Pick<ReconciledRow, 'claimId' | 'declaredFen' | 'proposals'>[] | null;
  /**
   * The review as it stands now: a proposal named by a cut is accepted, one the review's proposals
   * reject is rejected, any other open. Without it, the proposals' own statuses count.
   */
  review?: { cuts: readonly Pick<ReviewCut, 'claimId' | 'amount' | 'proposal'>[]; proposals?: Record<string, Pick<ProposalDecision, 'status'>> } | null;
}

/** What is still open of the work that decides the verdict. */
export function openWorkOf(input: OpenWorkInput): OpenWork {
  const decided = new Map((input.decisions ?? []).map((entry) => [entry.id, entry.status]));
  let errorFindings = 0;
  for (const finding of input.findings) {
    if (finding.severity !== 'error' || finding.rule === VERDICT_RULE) continue;
    if ((decided.get(finding.id) ?? finding.status ?? 'open') === 'open') errorFindings += 1;
  }
  const review = input.review ?? null;
  const accepted = review ? new Set(review.cuts.flatMap((cut) => (typeof cut.proposal === 'string' ? [cut.proposal] : []))) : null;
  const cutOnClaim = new Map<string, Fen>();
  for (const cut of review?.cuts ?? []) cutOnClaim.set(cut.claimId, (cutOnClaim.get(cut.claimId) ?? 0) + (tryParseYuan(cut.amount) ?? 0));
  let proposals = 0;
  let proposedCutFen = 0;
  for (const row of input.reconciliation ?? []) {
    let openFen = 0;
    for (const proposal of row.proposals) {
      const open = review && accepted
        ? !accepted.has(proposal.id) && review.proposals?.[proposal.id]?.status !== 'rejected'
        : proposal.status === 'open';
      if (!open) continue;
      proposals += 1;
      openFen += proposal.amountFen;
    }
    proposedCutFen += Math.min(Math.max(0, row.declaredFen - (cutOnClaim.get(row.claimId) ?? 0)), openFen);
  }
  return { errorFindings, proposals, proposedCutFen };
}

export interface VerdictQualifier {
  verdict: 'pass' | 'fail';
  /** True while anything is open and the review is not signed. */
  provisional: boolean;
  signed: boolean;
  open: OpenWork;
  /** The verdict if every open proposal were accepted, only when it differs from `verdict`. */
  verdictIfAccepted: 'pass' | 'fail' | null;
}

/**
 * The verdict with what qualifies it: provisional while work is open on an unsigned review. A pass
 * that the open proposals would turn into a fail says so (`verdictIfAccepted`); proposals add cuts, so
 * they never turn a fail into a pass, and a fail carries none.
 */
export function qualifyVerdict(verdict: 'pass' | 'fail', open: OpenWork, options: { signed: boolean; verdictIfAccepted?: 'pass' | 'fail' | null }): VerdictQualifier {
  const provisional = !options.signed && (open.errorFindings > 0 || open.proposals > 0);
  const ifAccepted = options.verdictIfAccepted ?? null;
  return {
    verdict,
    provisional,
    signed: options.signed,
    open,
    verdictIfAccepted: provisional && verdict === 'pass' && open.proposals > 0 && ifAccepted === 'fail' ? 'fail' : null,
  };
}

/**
 * The verdict of a report as an export states it: open work counted from the report's own findings
 * and proposals (their statuses are the consolidated review's), settled once every review is signed.
 */
export function reportVerdictQualifier(
  report: Pick<CheckReport, 'verdict' | 'findings' | 'reconciliation' | 'verdictIfAccepted'>,
  reviews: readonly Pick<ReviewFile, 'decision'>[],
): VerdictQualifier {
  const open = openWorkOf({ findings: report.findings, reconciliation: report.reconciliation ?? null });
  const signed = reviews.length > 0 && reviews.every((review) => Boolean(review.decision?.signedAt));
  return qualifyVerdict(report.verdict, open, { signed, verdictIfAccepted: report.verdictIfAccepted ?? null });
}

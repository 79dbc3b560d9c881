// The reviewer's decisions on proposals, written into the review file: accepting writes a cut naming
// the proposal (never more than the claim has left after its other cuts); rejecting records
// `proposals: { <id>: { status: "rejected", note } }`; reopening removes either. Pure: a new review.

import { formatYuan, tryParseYuan } from '../../money/yuan';
import { InvalidInputError } from '../../result';
import type { ReconciledRow, ReviewCut, ReviewFile } from '../../types';

function withoutDecision(review: ReviewFile, proposalId: string): ReviewFile {
  const cuts = review.cuts.filter((cut) => cut.proposal !== proposalId);
  const next: ReviewFile = { ...review, cuts };
  if (review.proposals && proposalId in review.proposals) {
    const { [proposalId]: _removed, ...rest } = review.proposals;
    next.proposals = rest;
  }
  return next;
}

function proposalOf(row: ReconciledRow, proposalId: string) {
  const proposal = row.proposals.find((entry) => entry.id === proposalId);
  if (!proposal) throw new InvalidInputError(`row ${row.claimId} has no proposal "${proposalId}"`);
  return proposal;
}

/** Accepts a proposal as a cut of its amount, or of what the claim has left when other cuts already take part of it. */
export function acceptProposal(review: ReviewFile, row: ReconciledRow, proposalId: string, note?: string): ReviewFile {
  const proposal = proposalOf(row, proposalId);
  const next = withoutDecision(review, proposalId);
  const otherCutsFen = next.cuts
    .filter((cut) => cut.claimId === row.claimId)
    .reduce((sum, cut) => sum + (tryParseYuan(cut.amount) ?? 0), 0);
  const amountFen = Math.max(0, Math.min(proposal.amountFen, row.declaredFen - otherCutsFen));
  const cut: ReviewCut = {
    claimId: row.claimId, amount: formatYuan(amountFen), reason: proposal.reason,
    note: note?.trim() ? note.trim() : proposal.message, proposal: proposal.id,
  };
  return { ...next, cuts: [...next.cuts, cut] };
}

/** Rejects a proposal with the reviewer's note; a cut that had accepted it is removed. */
export function rejectProposal(review: ReviewFile, row: ReconciledRow, proposalId: string, note = ''): ReviewFile {
  proposalOf(row, proposalId);
  const next = withoutDecision(review, proposalId);
  return { ...next, proposals: { ...next.proposals, [proposalId]: { status: 'rejected', note: note.trim() } } };
}

/** Takes back an acceptance or a rejection: the proposal is open again. */
export function reopenProposal(review: ReviewFile, proposalId: string): ReviewFile {
  return withoutDecision(review, proposalId);
}

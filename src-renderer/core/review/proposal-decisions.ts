// The reviewer's decisions on proposals, written into the review file: accepting writes a cut naming
// the proposal (never more than the claim has left after its other cuts); rejecting records
// `proposals: { <id>: { status: "rejected", note } }`; reopening removes either. Each decision is a
// ReviewEdit (edits.ts), so the app's one write path and the CLI apply it alike.

import { formatYuan, tryParseYuan } from '../money/yuan';
import { applyProposalDecision, type ReviewEdit } from './edits';
import { InvalidInputError } from '../result';
import type { ReconciledRow, ReviewFile } from '../types';

function proposalOf(row: ReconciledRow, proposalId: string) {
  const proposal = row.proposals.find((entry) => entry.id === proposalId);
  if (!proposal) throw new InvalidInputError(`row ${row.claimId} has no proposal "${proposalId}"`);
  return proposal;
}

export type ProposalStatus = 'accepted' | 'rejected' | 'open';

/**
 * The edit that records a decision on one of the row's proposals. An accepted proposal becomes a cut
 * of its amount, or of what the claim has left when other cuts already take part of it.
 */
export function proposalEdit(review: ReviewFile, row: ReconciledRow, proposalId: string, status: ProposalStatus, note = ''): Extract<ReviewEdit, { type: 'proposal' }> {
  const proposal = proposalOf(row, proposalId);
  const base = { type: 'proposal' as const, proposalId, claimId: row.claimId };
  if (status === 'open') return { ...base, decision: { status: 'open' } };
  if (status === 'rejected') return { ...base, decision: { status: 'rejected', note: note.trim() } };
  const otherCutsFen = review.cuts
    .filter((cut) => cut.claimId === row.claimId && cut.proposal !== proposalId)
    .reduce((sum, cut) => sum + (tryParseYuan(cut.amount) ?? 0), 0);
  const amountFen = Math.max(0, Math.min(proposal.amountFen, row.declaredFen - otherCutsFen));
  return {
    ...base,
    decision: {
      status: 'accepted',
      cut: { claimId: row.claimId, amount: formatYuan(amountFen), reason: proposal.reason, note: note.trim() ? note.trim() : proposal.message, proposal: proposal.id },
    },
  };
}

/** Accepts a proposal as a cut of its amount, or of what the claim has left when other cuts already take part of it. */
export function acceptProposal(review: ReviewFile, row: ReconciledRow, proposalId: string, note?: string): ReviewFile {
  return applyProposalDecision(review, proposalId, proposalEdit(review, row, proposalId, 'accepted', note).decision);
}

/** Rejects a proposal with the reviewer's note; a cut that had accepted it is removed. */
export function rejectProposal(review: ReviewFile, row: ReconciledRow, proposalId: string, note = ''): ReviewFile {
  return applyProposalDecision(review, proposalId, proposalEdit(review, row, proposalId, 'rejected', note).decision);
}

/** Takes back an acceptance or a rejection: the proposal is open again. */
export function reopenProposal(review: ReviewFile, proposalId: string): ReviewFile {
  return applyProposalDecision(review, proposalId, { status: 'open' });
}

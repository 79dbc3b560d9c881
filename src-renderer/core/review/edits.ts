// The reviewer's edits as data, and their effect on a review@1 file. The UI applies an edit to its
// copy at once (so the gauge moves in the same frame) and hands the same edit to the store, which
// writes it with its audit entry in one transaction; a failed write puts the old review back.
import type { ChecklistEntry, ClassificationCorrection, ProposalDecision, ReviewCut, ReviewFile } from '../types';

export type ReviewEdit =
  | { type: 'cut'; claimId: string; cut: ReviewCut | null }
  | { type: 'field'; file: string; page: number; field: string; value: string | null; confirmed: boolean }
  | { type: 'finding'; findingId: string; status: 'open' | 'accepted' | 'dismissed'; note: string }
  | { type: 'score'; criterionId: string; value: string | null }
  | { type: 'checklist'; itemId: string; entry: ChecklistEntry }
  | { type: 'conflict-of-interest'; declared: boolean; note: string }
  | { type: 'reviewer'; name: string }
  | { type: 'sign-off'; signedAt: string }
  /**
   * A decision on a reconciliation proposal: accepted (the cut it becomes, see core/engine/reconcile
   * acceptProposal), rejected (with the reviewer's note) or reopened (neither).
   */
  | { type: 'proposal'; proposalId: string; claimId: string; decision: ProposalEdit }
  /**
   * The reviewer places a file in a material item (or, material null, in none); correction null
   * gives the file back to its content's classification. `placedBefore` is where the pre-review had
   * it, for the audit sentence.
   */
  | { type: 'classification'; file: string; correction: ClassificationCorrection | null; placedBefore?: { material: string | null; source: string } };

export type ProposalEdit =
  | { status: 'accepted'; cut: ReviewCut }
  | { status: 'rejected'; note: string }
  | { status: 'open' };

export class ReviewLockedError extends Error {
  constructor() {
    super('the review is signed and locked');
    this.name = 'ReviewLockedError';
  }
}

/** The audit target of an edit: what it changes, for the log. */
export function editTarget(edit: ReviewEdit): string {
  switch (edit.type) {
    case 'cut':
      return `claim:${edit.claimId}`;
    case 'field':
      return `field:${edit.file}#${edit.page}/${edit.field}`;
    case 'finding':
      return `finding:${edit.findingId}`;
    case 'score':
      return `score:${edit.criterionId}`;
    case 'checklist':
      return `checklist:${edit.itemId}`;
    case 'conflict-of-interest':
      return 'conflict-of-interest';
    case 'reviewer':
      return 'reviewer';
    case 'sign-off':
      return 'decision';
    case 'classification':
      return `classification:${edit.file}`;
    case 'proposal':
      return `proposal:${edit.proposalId}`;
  }
}

/** The review without any decision on the proposal: neither the cut naming it nor its entry in `proposals`. */
function withoutProposalDecision(review: ReviewFile, proposalId: string): ReviewFile {
  const next: ReviewFile = { ...review, cuts: review.cuts.filter((cut) => cut.proposal !== proposalId) };
  if (review.proposals && proposalId in review.proposals) {
    const { [proposalId]: _removed, ...rest } = review.proposals;
    next.proposals = rest;
  }
  return next;
}

/** The review with one proposal's decision replaced (no lock check: the callers check). */
export function applyProposalDecision(review: ReviewFile, proposalId: string, decision: ProposalEdit): ReviewFile {
  const next = withoutProposalDecision(review, proposalId);
  switch (decision.status) {
    case 'accepted':
      return { ...next, cuts: [...next.cuts, { ...decision.cut, proposal: proposalId }] };
    case 'rejected': {
      const entry: ProposalDecision = { status: 'rejected', note: decision.note };
      return { ...next, proposals: { ...next.proposals, [proposalId]: entry } };
    }
    case 'open':
      return next;
  }
}

/** The review after `edit`. Pure; throws ReviewLockedError on a signed review. */
export function applyEdit(review: ReviewFile, edit: ReviewEdit): ReviewFile {
  if (review.decision?.signedAt) throw new ReviewLockedError();
  switch (edit.type) {
    case 'cut': {
      // The reviewer's own cut on a claim; cuts that accept a proposal are decisions of their own.
      const own = (cut: ReviewCut) => cut.claimId === edit.claimId && !cut.proposal;
      const at = review.cuts.findIndex(own);
      const cuts = review.cuts.filter((cut) => !own(cut));
      if (edit.cut) cuts.splice(at < 0 ? cuts.length : at, 0, edit.cut);
      return { ...review, cuts };
    }
    case 'field': {
      const same = (entry: ReviewFile['fields'][number]) => entry.file === edit.file && entry.page === edit.page && entry.field === edit.field;
      const fields = review.fields.filter((entry) => !same(entry));
      if (edit.confirmed) fields.push({ file: edit.file, page: edit.page, field: edit.field, value: edit.value });
      return { ...review, fields };
    }
    case 'finding': {
      const findings = review.findings.filter((finding) => finding.id !== edit.findingId);
      findings.push({ id: edit.findingId, status: edit.status, ...(edit.note ? { note: edit.note } : {}) });
      return { ...review, findings };
    }
    case 'score': {
      const scores = { ...review.scores };
      if (edit.value === null || edit.value === '') delete scores[edit.criterionId];
      else scores[edit.criterionId] = edit.value;
      return { ...review, scores };
    }
    case 'checklist':
      return { ...review, checklists: { ...review.checklists, [edit.itemId]: edit.entry } };
    case 'conflict-of-interest':
      return { ...review, conflictOfInterest: { declared: edit.declared, note: edit.note } };
    case 'reviewer':
      return { ...review, reviewer: { ...review.reviewer, name: edit.name } };
    case 'sign-off':
      return { ...review, decision: { ...review.decision, signedAt: edit.signedAt } };
    case 'proposal':
      return applyProposalDecision(review, edit.proposalId, edit.decision);
    case 'classification': {
      const classifications = { ...(review.classifications ?? {}) };
      if (edit.correction) classifications[edit.file] = edit.correction;
      else delete classifications[edit.file];
      return { ...review, classifications };
    }
  }
}

// The reviewer's edits as data, and their one interpretation (reduceEdit): the review@1 file after
// the edit and the audited change it makes. The UI shows the new review at once (so the gauge moves
// in the same frame) and hands the change to the store, which persists it with its audit entry in
// one transaction; a failed write puts the old review back.
import type { SamplePlan } from '../sampling/plan';
import type { ChecklistEntry, ClassificationCorrection, DeclaredRelation, EvidenceRef, ProposalDecision, ReviewCut, ReviewFile } from '../types';

export type ReviewEdit =
  | { type: 'cut'; claimId: string; cut: ReviewCut | null }
  | { type: 'field'; file: string; page: number; field: string; value: string | null }
  | { type: 'finding'; findingId: string; status: 'open' | 'accepted' | 'dismissed'; note: string }
  | { type: 'score'; criterionId: string; value: string | null }
  | { type: 'checklist'; itemId: string; entry: ChecklistEntry }
  | { type: 'comment'; criterionId: string; text: string }
  | { type: 'opinion'; text: string }
  | { type: 'conflict-of-interest'; declared: boolean; note: string; relations?: DeclaredRelation[] }
  | { type: 'reviewer'; name: string; role?: string; organisation?: string }
  /**
   * The sign-off. `reviewer` and `relations`, where given, are recorded on the review in the same
   * stored write, before the sign-off (a signed review keeps who signed it and what they declared).
   */
  | { type: 'sign-off'; signedAt: string; reviewer?: ReviewerRecord; relations?: DeclaredRelation[] }
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
  | { type: 'classification'; file: string; correction: ClassificationCorrection | null; placedBefore?: { material: string | null; source: string } }
  /** The documented audit sample the review works through (core/sampling drawSample), or null to withdraw it. */
  | { type: 'sample'; plan: SamplePlan | null }
  /**
   * The reviewer links a declared row to the pages of one kind of evidence (they replace the links
   * the reconciliation found for that kind), or with refs null gives the row back to the automatic links.
   */
  | { type: 'link'; claimId: string; kind: LinkKind; refs: EvidenceRef[] | null };

export type LinkKind = 'invoices' | 'contracts' | 'payments';

/** Who a review records as its reviewer. */
export interface ReviewerRecord {
  name: string;
  role?: string;
  organisation?: string;
}

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

/**
 * What an edit changes, as its audit entry records it: the action, the target (keyed as
 * core/audit/replay keys the stored state) and the value after. The store adds the value before
 * (what it holds under that key), the actor, the time and the chain.
 */
export interface ReviewChange {
  action: 'cut.set' | 'cut.remove' | 'invoice.confirm' | 'finding.status' | 'score.set' | 'checklist.set'
    | 'review.reviewer' | 'review.conflict-of-interest' | 'review.sign-off' | 'review.opinion' | 'comment.set'
    | 'proposal.accept' | 'proposal.reject' | 'proposal.reopen' | 'classification.set' | 'sample.draw' | 'sample.clear' | 'link.set';
  target: string;
  after: unknown;
  /** The claim a proposal decision is on (the store keeps it beside a rejection). */
  claimId?: string;
  /** What the entry records as before when the store holds nothing under the key (where the pre-review placed a file). */
  unsetBefore?: unknown;
}

/** Whose review the edit is on: the audit targets name the dossier's invoices and the reviewer. */
export interface EditScope {
  dossierId: string;
  reviewerId: string;
}

/** An edit's whole meaning: the review after it, and the change the store persists (null when nothing changes). */
export interface EditEffect {
  review: ReviewFile;
  change: ReviewChange | null;
  /** Changes the store persists before `change`, in the same transaction (a sign-off records its reviewer first). */
  recordedFirst?: ReviewChange[];
}

/** Every change of an edit in the order the store writes them, all in one transaction. */
export function changesOf(effect: EditEffect): ReviewChange[] {
  return effect.change ? [...(effect.recordedFirst ?? []), effect.change] : [];
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

/** A proposal decision as its audit entry records it. */
export function proposalChange(edit: Extract<ReviewEdit, { type: 'proposal' }>): ReviewChange {
  const target = `proposal:${edit.proposalId}`;
  const { claimId, decision } = edit;
  switch (decision.status) {
    case 'accepted':
      return { action: 'proposal.accept', target, after: { status: 'accepted', cut: { ...decision.cut, proposal: edit.proposalId } }, claimId };
    case 'rejected':
      return { action: 'proposal.reject', target, after: { status: 'rejected', note: decision.note }, claimId };
    case 'open':
      return { action: 'proposal.reopen', target, after: { status: 'open' }, claimId };
  }
}

/**
 * The one interpretation of an edit. Pure; throws ReviewLockedError on a signed review. The UI
 * shows `review` at once; the store writes `change` with its audit entry, and nothing else.
 */
export function reduceEdit(review: ReviewFile, edit: ReviewEdit, scope: EditScope): EditEffect {
  if (review.decision?.signedAt) throw new ReviewLockedError();
  switch (edit.type) {
    case 'cut': {
      // The reviewer's own cut on a claim; cuts that accept a proposal are decisions of their own.
      const own = (cut: ReviewCut) => cut.claimId === edit.claimId && !cut.proposal;
      const at = review.cuts.findIndex(own);
      const cuts = review.cuts.filter((cut) => !own(cut));
      const target = `cut:${edit.claimId}`;
      if (!edit.cut) return at < 0 ? { review, change: null } : { review: { ...review, cuts }, change: { action: 'cut.remove', target, after: null } };
      cuts.splice(at < 0 ? cuts.length : at, 0, edit.cut);
      return { review: { ...review, cuts }, change: { action: 'cut.set', target, after: edit.cut } };
    }
    case 'field': {
      const same = (entry: ReviewFile['fields'][number]) => entry.file === edit.file && entry.page === edit.page && entry.field === edit.field;
      const fields = [...review.fields.filter((entry) => !same(entry)), { file: edit.file, page: edit.page, field: edit.field, value: edit.value }];
      return {
        review: { ...review, fields },
        change: { action: 'invoice.confirm', target: `invoice:${scope.dossierId}:${edit.file}#${edit.page}:${edit.field}`, after: edit.value },
      };
    }
    case 'finding': {
      const findings = review.findings.filter((finding) => finding.id !== edit.findingId);
      findings.push({ id: edit.findingId, status: edit.status, ...(edit.note ? { note: edit.note } : {}) });
      return { review: { ...review, findings }, change: { action: 'finding.status', target: `finding:${edit.findingId}`, after: { status: edit.status, note: edit.note || null } } };
    }
    case 'score': {
      const scores = { ...review.scores };
      const value = edit.value === '' ? null : edit.value;
      if (value === null) delete scores[edit.criterionId];
      else scores[edit.criterionId] = value;
      return { review: { ...review, scores }, change: { action: 'score.set', target: `score:${scope.reviewerId}:${edit.criterionId}`, after: value } };
    }
    case 'checklist':
      return {
        review: { ...review, checklists: { ...review.checklists, [edit.itemId]: edit.entry } },
        change: { action: 'checklist.set', target: `checklist:${scope.reviewerId}:${edit.itemId}`, after: edit.entry },
      };
    case 'comment': {
      const comments = { ...review.comments };
      const text = edit.text.trim() === '' ? null : edit.text;
      if (text === null) delete comments[edit.criterionId];
      else comments[edit.criterionId] = text;
      return { review: { ...review, comments }, change: { action: 'comment.set', target: `comment:${scope.reviewerId}:${edit.criterionId}`, after: text } };
    }
    case 'opinion':
      return { review: { ...review, opinion: edit.text }, change: { action: 'review.opinion', target: `review:${scope.reviewerId}`, after: edit.text } };
    case 'conflict-of-interest': {
      // A declaration that does not list the relations keeps those already declared.
      const relations = edit.relations ?? review.conflictOfInterest?.relations;
      const conflictOfInterest = { declared: edit.declared, note: edit.note, ...(relations ? { relations } : {}) };
      return { review: { ...review, conflictOfInterest }, change: { action: 'review.conflict-of-interest', target: `review:${scope.reviewerId}`, after: conflictOfInterest } };
    }
    case 'reviewer': {
      const reviewer = {
        ...review.reviewer, name: edit.name,
        ...(edit.role !== undefined ? { role: edit.role } : {}),
        ...(edit.organisation !== undefined ? { organisation: edit.organisation } : {}),
      };
      return { review: { ...review, reviewer }, change: { action: 'review.reviewer', target: `review:${scope.reviewerId}`, after: reviewer } };
    }
    case 'sign-off': {
      // Who signs and what they declared are recorded first, in the same write as the sign-off.
      const recordedFirst: ReviewChange[] = [];
      let signing = review;
      if (edit.reviewer) {
        const recorded = reduceEdit(signing, { type: 'reviewer', ...edit.reviewer }, scope);
        signing = recorded.review;
        recordedFirst.push(recorded.change!);
      }
      if (edit.relations) {
        const declaration = signing.conflictOfInterest;
        const recorded = reduceEdit(signing, { type: 'conflict-of-interest', declared: declaration?.declared ?? false, note: declaration?.note ?? '', relations: edit.relations }, scope);
        signing = recorded.review;
        recordedFirst.push(recorded.change!);
      }
      const decision = { ...signing.decision, signedAt: edit.signedAt };
      return {
        review: { ...signing, decision },
        change: { action: 'review.sign-off', target: `review:${scope.reviewerId}`, after: decision },
        ...(recordedFirst.length > 0 ? { recordedFirst } : {}),
      };
    }
    case 'proposal':
      return { review: applyProposalDecision(review, edit.proposalId, edit.decision), change: proposalChange(edit) };
    case 'classification': {
      const classifications = { ...(review.classifications ?? {}) };
      if (edit.correction) classifications[edit.file] = edit.correction;
      else delete classifications[edit.file];
      return {
        review: { ...review, classifications },
        change: { action: 'classification.set', target: `classification:${scope.reviewerId}:${edit.file}`, after: edit.correction, ...(edit.placedBefore ? { unsetBefore: edit.placedBefore } : {}) },
      };
    }
    case 'sample': {
      const target = `review:${scope.reviewerId}`;
      if (edit.plan) return { review: { ...review, sample: edit.plan }, change: { action: 'sample.draw', target, after: edit.plan } };
      if (!review.sample) return { review, change: null };
      const { sample: _withdrawn, ...rest } = review;
      return { review: rest, change: { action: 'sample.clear', target, after: null } };
    }
    case 'link': {
      const links = { ...(review.links ?? {}) };
      const row = { ...(links[edit.claimId] ?? {}) };
      if (edit.refs) row[edit.kind] = edit.refs.map((ref) => ({ file: ref.file, page: ref.page }));
      else delete row[edit.kind];
      if (Object.keys(row).length > 0) links[edit.claimId] = row;
      else delete links[edit.claimId];
      return {
        review: { ...review, links },
        change: { action: 'link.set', target: linkTarget(scope.reviewerId, edit.claimId, edit.kind), after: row[edit.kind] ?? null, claimId: edit.claimId },
      };
    }
  }
}

/** The audit target of a row's reviewer link of one kind. */
export function linkTarget(reviewerId: string, claimId: string, kind: LinkKind): string {
  return `link:${reviewerId}:${claimId}:${kind}`;
}

/** The review after `edit`: reduceEdit's review, for callers that store nothing (so no target is named). */
export function applyEdit(review: ReviewFile, edit: ReviewEdit): ReviewFile {
  return reduceEdit(review, edit, { dossierId: '', reviewerId: '' }).review;
}

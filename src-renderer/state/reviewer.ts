// Who the reviewer is: the profile read from and kept in the store of record, asked once before the
// first score or cut (the edit waits for the dialog and goes ahead once the reviewer is named).
// A review that recorded nobody yet reads the profile (db/review-rows.ts reviewerOf); what a review
// records goes through the one write path with its audit entry: the reviewer and the declared
// relations are recorded on the review at sign-off (and whenever the profile changes after the
// review recorded someone else), so a signed review keeps who signed it.
import type { ReviewEdit, ReviewerRecord } from '../core/review/edits';
import { canonicalJson } from '../core/audit/canonical-json';
import type { DeclaredRelation, ReviewFile } from '../core/types';
import { REVIEWER_ID, getStore } from './store';
import { mirrorReviewerProfile } from './mirror';
import { isNamedProfile, useReviewerProfile, type ReviewerProfile } from './reviewer-profile';
import { isLocked, setEditGate, useWorkspace } from './workspace';

/** Edits that are recorded under the reviewer's name and so need one first. */
const EDITS_NEEDING_A_NAME = new Set<ReviewEdit['type']>(['cut', 'score', 'comment', 'opinion', 'conflict-of-interest', 'sign-off', 'sample']);

let waiting: ((named: boolean) => void)[] = [];
/** The edits waiting for the dialog: the same edit committed again (Enter, then the blur the dialog causes) waits once. */
const waitingEdits = new Set<string>();

/** Reads the profile from the store. */
export async function loadReviewerProfile(): Promise<ReviewerProfile> {
  const row = await (await getStore()).reviewerProfile(REVIEWER_ID);
  const profile: ReviewerProfile = { name: row.name, role: row.role, organisation: row.organisation, relations: row.relations };
  useReviewerProfile.getState().setProfile(profile);
  return profile;
}

/** Opens the reviewer dialog to edit the profile. */
export function editReviewerProfile(): void {
  useReviewerProfile.getState().setDialog({ reason: 'edit' });
}

/** Asks for the profile; resolves true once the reviewer is named, false when the dialog is closed without. */
export function askForReviewer(): Promise<boolean> {
  useReviewerProfile.getState().setDialog({ reason: 'before-edit' });
  return new Promise((resolve) => {
    waiting.push(resolve);
  });
}

function settleWaiting(named: boolean) {
  const callbacks = waiting;
  waiting = [];
  for (const callback of callbacks) callback(named);
}

/** The dialog was closed without saving: the edits that waited for it go ahead only if the reviewer was already named. */
export function dismissReviewerDialog(): void {
  useReviewerProfile.getState().setDialog(null);
  settleWaiting(isNamedProfile(useReviewerProfile.getState().profile));
}

function reviewerFields(profile: ReviewerProfile): Pick<ReviewFile['reviewer'], 'name' | 'role' | 'organisation'> {
  return { name: profile.name, role: profile.role, organisation: profile.organisation };
}

/** Keeps the profile in the store, shows it on the open review, and lets the edits waiting for it go ahead. */
export async function saveReviewerProfile(profile: ReviewerProfile): Promise<void> {
  const cleaned: ReviewerProfile = {
    name: profile.name.trim(), role: profile.role, organisation: profile.organisation.trim(),
    relations: profile.relations.filter((relation) => relation.name.trim() !== '').map((relation) => ({ ...relation, name: relation.name.trim() })),
  };
  const store = await getStore();
  const row = { id: REVIEWER_ID, ...cleaned, updatedAt: new Date().toISOString() };
  await store.saveReviewerProfile(row);
  void mirrorReviewerProfile(row);
  useReviewerProfile.getState().setProfile(cleaned);
  useReviewerProfile.getState().setDialog(null);
  await showProfileOnOpenReview(cleaned);
  settleWaiting(isNamedProfile(cleaned));
}

/**
 * The open, unsigned review after a profile change: where the review recorded nobody (or no
 * relations) it reads the profile at once; where it recorded someone else, the change is recorded.
 */
async function showProfileOnOpenReview(profile: ReviewerProfile): Promise<void> {
  const { open } = useWorkspace.getState();
  if (!open || isLocked(open.review) || !isNamedProfile(profile)) return;
  const stored = await (await getStore()).review(open.id, REVIEWER_ID);
  if (stored.reviewer.name) await recordReviewer(profile);
  else {
    const current = useWorkspace.getState().open;
    if (current?.id === open.id) useWorkspace.getState().apply({ ...current.review, reviewer: { ...current.review.reviewer, ...reviewerFields(profile) } });
  }
  if (stored.conflictOfInterest.relations) await recordRelations(profile);
  else {
    const current = useWorkspace.getState().open;
    if (current?.id === open.id) {
      useWorkspace.getState().apply({ ...current.review, conflictOfInterest: { declared: false, note: '', ...current.review.conflictOfInterest, relations: profile.relations } });
    }
  }
}

/** The profile's name, role and organisation, where the stored review does not hold them already. */
async function reviewerToRecord(dossierId: string, profile: ReviewerProfile): Promise<ReviewerRecord | null> {
  const stored = (await (await getStore()).review(dossierId, REVIEWER_ID)).reviewer;
  if (stored.name === profile.name && stored.role === profile.role && (stored.organisation ?? '') === profile.organisation) return null;
  return reviewerFields(profile);
}

/** The profile's declared relations, where the stored review's declaration does not hold them already. */
async function relationsToRecord(dossierId: string, profile: ReviewerProfile): Promise<DeclaredRelation[] | null> {
  const declaration = (await (await getStore()).review(dossierId, REVIEWER_ID)).conflictOfInterest;
  return canonicalJson(declaration.relations ?? []) === canonicalJson(profile.relations) ? null : profile.relations;
}

/** Records the profile's name, role and organisation on the open review when it does not hold them already. */
async function recordReviewer(profile: ReviewerProfile): Promise<void> {
  const { open, edit } = useWorkspace.getState();
  if (!open) return;
  const reviewer = await reviewerToRecord(open.id, profile);
  if (reviewer) await edit({ type: 'reviewer', ...reviewer });
}

/** Records the profile's declared relations on the open review's declaration when it does not hold them already. */
async function recordRelations(profile: ReviewerProfile): Promise<void> {
  const { open, edit } = useWorkspace.getState();
  if (!open) return;
  const relations = await relationsToRecord(open.id, profile);
  if (!relations) return;
  const declaration = (await (await getStore()).review(open.id, REVIEWER_ID)).conflictOfInterest;
  await edit({ type: 'conflict-of-interest', declared: declaration.declared, note: declaration.note, relations });
}

/**
 * The sign-off as it is stored: with the profile's name and relations where the stored review does
 * not hold them, so that who signed is recorded in the same write as the signature (never one without the other).
 */
async function signOffUnder(edit: Extract<ReviewEdit, { type: 'sign-off' }>, profile: ReviewerProfile): Promise<ReviewEdit> {
  const open = useWorkspace.getState().open;
  if (!open) return edit;
  const reviewer = await reviewerToRecord(open.id, profile);
  const relations = profile.relations.length > 0 ? await relationsToRecord(open.id, profile) : null;
  return { ...edit, ...(reviewer ? { reviewer } : {}), ...(relations ? { relations } : {}) };
}

/**
 * The gate of every edit: a score, cut, comment, opinion, declaration or sign-off needs a named
 * reviewer; a sign-off goes ahead completed with who signs (signOffUnder).
 */
function reviewerGate(edit: ReviewEdit): ReviewEdit | null | Promise<ReviewEdit | null> {
  if (!EDITS_NEEDING_A_NAME.has(edit.type)) return edit;
  const known = useReviewerProfile.getState().profile;
  if (edit.type !== 'sign-off' && isNamedProfile(known)) return edit;
  const key = canonicalJson(edit);
  if (waitingEdits.has(key)) return null;
  return (async () => {
    const profile = known ?? await loadReviewerProfile();
    let named = isNamedProfile(profile);
    if (!named) {
      waitingEdits.add(key);
      try {
        named = await askForReviewer();
      } finally {
        waitingEdits.delete(key);
      }
    }
    if (!named) return null;
    const current = useReviewerProfile.getState().profile;
    // The signed review keeps who signed it, whatever the profile says later.
    if (edit.type === 'sign-off' && isNamedProfile(current)) return signOffUnder(edit, current);
    return edit;
  })();
}

setEditGate(reviewerGate);

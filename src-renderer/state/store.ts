// The one store of record of this window: the Dexie database, opened once, with WebCrypto hashing and
// the local clock for audit entries; and who the edits are by.
import { localIsoTime } from '../core/local-time';
import { DossierStore } from '../db/store';
import { webCryptoHasher } from '../platform/hasher';
import { useReviewerProfile } from './reviewer-profile';
import { useWorkspace } from './workspace';

/**
 * The key of this workstation's own review rows (scores, cuts, checklist, review) and of its
 * reviewer profile. A row key, never a name: the reviewer's name comes from the profile.
 */
export const REVIEWER_ID = 'local';

let storePromise: Promise<DossierStore> | null = null;

export function getStore(): Promise<DossierStore> {
  storePromise ??= new DossierStore({ hasher: webCryptoHasher, clock: { now: () => localIsoTime(new Date()) } }).open();
  return storePromise;
}

/** The name the audit log records for the reviewer's actions: the profile's, else the review's, else 审查员 (never signs). */
export function actorName(): string {
  return useReviewerProfile.getState().profile?.name.trim() || useWorkspace.getState().open?.review.reviewer.name || '审查员';
}

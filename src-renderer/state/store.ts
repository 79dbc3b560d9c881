// The one store of record of this window: the Dexie database, opened once, with WebCrypto hashing and
// the local clock for audit entries; and who the edits are by.
import { localIsoTime } from '../core/local-time';
import { dropReadsOnPageHide, leaveReads, type LeaveReads } from '../db/leave-reads';
import { DossierStore } from '../db/store';
import { sideFileStoreNote } from '../db/store-continuity';
import { webCryptoHasher } from '../platform/hasher';
import { getSideStore } from '../platform/side-store';
import { useReviewerProfile } from './reviewer-profile';
import { useWorkspace } from './workspace';

/**
 * The key of this workstation's own review rows (scores, cuts, checklist, review) and of its
 * reviewer profile. A row key, never a name: the reviewer's name comes from the profile.
 */
export const REVIEWER_ID = 'local';

let storePromise: Promise<DossierStore> | null = null;

/**
 * Where earlier versions kept the note of when this workstation's store was created (localStorage,
 * lost with a SIGKILL soon after it was written); it is now a side file (db/store-continuity), and
 * a note still found here is carried over once.
 */
export const STORE_NOTE_KEY = 'dossier-desk.store-created';
/** How long to wait before the second try when the store did not open. */
const REOPEN_DELAY_MS = 500;

/** The reads of this window's store, dropped when the page goes (db/leave-reads); null before the store is made. */
let reads: LeaveReads | null = null;

/** Whether the page is going away and its reads are dropped: a read in pages stops before its next page. */
export function readsDropped(): boolean {
  return reads?.dropped ?? false;
}

function openStore(): Promise<DossierStore> {
  const store = new DossierStore({
    hasher: webCryptoHasher,
    clock: { now: () => localIsoTime(new Date()) },
    continuity: sideFileStoreNote(getSideStore, { legacy: () => (typeof localStorage === 'undefined' ? undefined : localStorage), legacyKey: STORE_NOTE_KEY }),
  });
  reads = leaveReads(store.db);
  if (typeof window !== 'undefined') dropReadsOnPageHide(window, reads);
  return store.open();
}

/**
 * The store of this window, opened once. An open that fails is tried once more (Chromium answers the
 * first open after it deleted a corrupt store with "Internal error opening backing store"; the next one
 * opens); one that fails again is not kept, so that a later call tries anew instead of failing for ever.
 */
export function getStore(): Promise<DossierStore> {
  storePromise ??= openStore()
    .catch(async () => {
      await new Promise((resolve) => setTimeout(resolve, REOPEN_DELAY_MS));
      return openStore();
    })
    .catch((error: unknown) => {
      storePromise = null;
      throw error;
    });
  return storePromise;
}

/** The name the audit log records for the reviewer's actions: the profile's, else the review's, else 审查员 (never signs). */
export function actorName(): string {
  return useReviewerProfile.getState().profile?.name.trim() || useWorkspace.getState().open?.review.reviewer.name || '审查员';
}

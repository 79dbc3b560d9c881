// The one store of record of this window: the Dexie database, opened once, with WebCrypto hashing and
// the local clock for audit entries; and who the edits are by.
import { localIsoTime } from '../core/local-time';
import { DossierStore } from '../db/store';
import { webCryptoHasher } from '../platform/hasher';
import { useWorkspace } from './workspace';

/** The reviewer id of this workstation's own review. */
export const REVIEWER_ID = 'local';

let storePromise: Promise<DossierStore> | null = null;

export function getStore(): Promise<DossierStore> {
  storePromise ??= new DossierStore({ hasher: webCryptoHasher, clock: { now: () => localIsoTime(new Date()) } }).open();
  return storePromise;
}

/** The name the audit log records for the reviewer's actions. */
export function actorName(): string {
  return useWorkspace.getState().open?.review.reviewer.name || '审查员';
}

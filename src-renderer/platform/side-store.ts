// The side store: named files (text, or bytes) kept OUTSIDE IndexedDB, one adapter for the app in both hosts.
// Chromium deletes an origin's whole IndexedDB when it finds it corrupt (db/store-continuity); what
// must survive that is written here too.
//
//   writeSideFile(name, text)   replaces the file atomically: a reader sees the old text or the new
//   appendSideFile(name, text)  adds text at the end (created when missing); a crash may leave the
//                               last append cut short, never an earlier one
//   readSideFile(name)          the text, or null when there is no such file
//   listSideFiles(prefix)       the names starting with prefix, sorted
//   removeSideFile(name)        removes it (nothing when there is none)
//   writeSideBytes(name, bytes) replaces the file with bytes atomically (an original of a dossier,
//                               kept as original-<sha256>: db/original-mirror.ts)
//   readSideBytes(name)         the bytes, or null when there is no such file
//
// A name is one plain file name: lowercase letters, digits, '.', '_', '-', at most 120 characters,
// no folders and no '..' (isSideFileName in src-main/shared/contract); anything else is refused. Each
// call throws SideStoreError (naming the file and the reason) when the host cannot do it.
//
// Where the files live: the desktop shell keeps them in userData/side-files through the one typed
// bridge (src-main/main/side-files.ts); web mode keeps them in the origin private file system
// (navigator.storage.getDirectory(), folder side-files/), each write through createWritable and
// close, which commits atomically. The web host (platform/host.ts) implements the bridge's side-file
// methods with opfsSideFiles (platform/opfs-side-files.ts), so getSideStore() is the same adapter in both.
import { SIDE_FILE_METHODS, type HostResult, type SideFiles } from '../../src-main/shared/contract';
import { getHost } from './host';
import type { SideFileMethods } from './opfs-side-files';

/** The side store: the bridge contract's side-file calls (SideFiles), each throwing SideStoreError where the host answers an error. */
export type SideStore = SideFiles;

export class SideStoreError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SideStoreError';
  }
}

async function unwrap<T>(result: Promise<HostResult<T>>): Promise<T> {
  const answer = await result;
  if (!answer.ok) throw new SideStoreError(answer.error.message);
  return answer.value;
}

/** The side store on a host's side-file methods (the desktop bridge or the web host): each the host's method of the same name, unwrapped. */
export function sideStoreOf(host: SideFileMethods): SideStore {
  return Object.fromEntries(SIDE_FILE_METHODS.map((method) => [method, (...args: unknown[]) => {
    const call = host[method] as (...args: unknown[]) => Promise<HostResult<unknown>>;
    return unwrap(call.apply(host, args));
  }])) as SideStore;
}

/** The app's side store (desktop data folder or origin private file system). */
export function getSideStore(): SideStore {
  return sideStoreOf(getHost());
}

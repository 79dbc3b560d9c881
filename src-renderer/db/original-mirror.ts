// The originals (the dossier's files) kept outside IndexedDB too, beside the mirror of the review
// (db/audit-mirror): after Chromium deletes a corrupt IndexedDB the review is restored from the
// mirror, and with these the evidence pages open again without importing the files again.
//
//   original-<sha256>   the bytes of one original, content-addressed (a file in two dossiers, or
//                       twice in one, is kept once); written when a dossier is imported (and, for
//                       dossiers imported before, at the next start), never rewritten
//
// Within a quota: the originals together take at most ORIGINALS_MAX_BYTES, and where the host says
// how much room it has (web mode: navigator.storage.estimate, the origin's usage against its quota,
// which the store of record shares) an original is kept only while the origin stays within
// ORIGIN_SHARE of its quota. An original not kept is simply not there at a restore: the restore
// notice names it, to be imported again. At a restore each original is put back only when its bytes
// still give its SHA-256; one that does not (or is missing) is named the same way.
import type { Hasher } from '../core/ports';
import type { SideStore } from '../platform/side-store';
import type { DossierStore } from './store';

export const ORIGINAL_PREFIX = 'original-';
/** The side file an original is kept in. */
export const originalName = (sha256: string): string => `${ORIGINAL_PREFIX}${sha256}`;
/** The most the originals kept outside IndexedDB take together: 2 GiB. */
export const ORIGINALS_MAX_BYTES = 2 * 1024 * 1024 * 1024;
/** In web mode, the share of the origin's quota the origin may use once an original is kept. */
export const ORIGIN_SHARE = 0.5;

/** How much room the host has: web mode's storage estimate; null where the host does not say (the desktop data folder). */
export type StorageEstimate = () => Promise<{ usage: number; quota: number } | null>;

export interface KeptOriginals {
  /** Originals written now. */
  kept: number;
  /** Paths whose original was not kept (the quota, or a failed write), each with why. */
  notKept: { path: string; reason: string }[];
}

/**
 * Keeps the originals of a dossier's documents outside IndexedDB, each once, within the quota.
 * `known`: the originals already kept (listed once by the caller), updated as originals are written.
 */
export async function keepOriginals(store: DossierStore, files: SideStore, dossierId: string, estimate: StorageEstimate,
  known: { names: Set<string>; bytes: number }): Promise<KeptOriginals> {
  const outcome: KeptOriginals = { kept: 0, notKept: [] };
  const seen = new Set<string>();
  for (const document of await store.documents(dossierId)) {
    const name = originalName(document.sha256);
    if (known.names.has(name) || seen.has(name)) continue;
    seen.add(name);
    if (known.bytes + document.size > ORIGINALS_MAX_BYTES) {
      outcome.notKept.push({ path: document.path, reason: `the originals kept outside the store would exceed ${ORIGINALS_MAX_BYTES} bytes` });
      continue;
    }
    const room = await estimate();
    if (room && room.usage + document.size > room.quota * ORIGIN_SHARE) {
      outcome.notKept.push({ path: document.path, reason: `the browser's storage would be more than ${ORIGIN_SHARE * 100}% full (${room.usage} of ${room.quota} bytes used)` });
      continue;
    }
    const original = await store.original(document.sha256);
    if (!original) continue;
    try {
      await files.writeSideBytes(name, new Uint8Array(await original.arrayBuffer()));
    } catch (error) {
      outcome.notKept.push({ path: document.path, reason: error instanceof Error ? error.message : String(error) });
      continue;
    }
    known.names.add(name);
    known.bytes += document.size;
    outcome.kept++;
  }
  return outcome;
}

/** The originals kept now and the bytes they take (sizes as the store knows them; an original of no stored document counts nothing). */
export async function keptOriginals(store: DossierStore, files: SideStore): Promise<{ names: Set<string>; bytes: number }> {
  const names = new Set(await files.listSideFiles(ORIGINAL_PREFIX));
  const sizes = await store.originalSizes([...names].map((name) => name.slice(ORIGINAL_PREFIX.length)));
  return { names, bytes: sizes.reduce<number>((sum, size) => sum + (size ?? 0), 0) };
}

/**
 * Puts back the originals of a restored dossier that the store lacks, from the side store, each only
 * when its bytes give its SHA-256. Returns the paths still without their original (none kept, a
 * copy that no longer matches, or one that cannot be read), in path order.
 */
export async function restoreOriginals(store: DossierStore, files: SideStore, hasher: Hasher, dossierId: string): Promise<string[]> {
  const missing = new Set(await store.missingOriginals(dossierId));
  if (missing.size === 0) return [];
  const stillMissing: string[] = [];
  const putBack = new Set<string>();
  for (const document of await store.documents(dossierId)) {
    if (!missing.has(document.path)) continue;
    if (putBack.has(document.sha256)) continue;
    let bytes: Uint8Array | null;
    try {
      bytes = await files.readSideBytes(originalName(document.sha256));
    } catch (error) {
      console.warn(`${document.path}: its original could not be read outside the store (${error instanceof Error ? error.message : String(error)})`);
      bytes = null;
    }
    if (!bytes || (await hasher.sha256(bytes)) !== document.sha256) {
      if (bytes) console.warn(`${document.path}: the original kept outside the store no longer gives its SHA-256 ${document.sha256}; it is not put back`);
      stillMissing.push(document.path);
      continue;
    }
    await store.putOriginal(document.sha256, bytes, document.type);
    putBack.add(document.sha256);
  }
  return stillMissing.sort();
}

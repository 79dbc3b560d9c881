// Browser storage: persistence (so the browser does not evict the reviewer's work under pressure)
// and the space estimate shown before a large import.
import { formatBytes } from '../core/import/limits';
import type { ImportInputFile } from '../core/import/pipeline';

export interface StorageManagerLike {
  estimate?: () => Promise<{ usage?: number; quota?: number }>;
  persist?: () => Promise<boolean>;
  persisted?: () => Promise<boolean>;
}

export interface SpaceEstimate {
  usage: number;
  quota: number;
  available: number;
}

export function defaultStorageManager(): StorageManagerLike | undefined {
  return typeof navigator !== 'undefined' ? navigator.storage : undefined;
}

/** Asks for persistent storage once; true when granted (or already granted). */
export async function requestPersistentStorage(storage = defaultStorageManager()): Promise<boolean> {
  if (!storage?.persist) return false;
  if (storage.persisted && (await storage.persisted())) return true;
  return storage.persist();
}

export async function estimateSpace(storage = defaultStorageManager()): Promise<SpaceEstimate | null> {
  if (!storage?.estimate) return null;
  const { usage = 0, quota = 0 } = await storage.estimate();
  return { usage, quota, available: Math.max(0, quota - usage) };
}

/** IndexedDB needs some room beyond the raw bytes (keys, structured-clone framing, journal). */
const OVERHEAD_NUMERATOR = 11;
const OVERHEAD_DENOMINATOR = 10;

export class StorageFullError extends Error {
  readonly needed: number;
  readonly available: number | null;
  constructor(needed: number, available: number | null, what: string) {
    super(available === null
      ? `there is not enough storage space for ${what} (${formatBytes(needed)}); nothing was written, and everything stored before is intact`
      : `there is not enough storage space for ${what}: it needs about ${formatBytes(needed)} and ${formatBytes(available)} is free; nothing was written, and everything stored before is intact`);
    this.name = 'StorageFullError';
    this.needed = needed;
    this.available = available;
  }
}

/** The store space `bytes` of originals take, with IndexedDB's overhead. */
export function storedSize(bytes: number): number {
  return Math.ceil((bytes * OVERHEAD_NUMERATOR) / OVERHEAD_DENOMINATOR);
}

/** Throws StorageFullError before writing when the estimate says the bytes will not fit. */
export async function ensureSpaceFor(bytes: number, what: string, storage = defaultStorageManager()): Promise<void> {
  const estimate = await estimateSpace(storage);
  if (!estimate || estimate.quota === 0) return;
  const needed = storedSize(bytes);
  if (needed > estimate.available) throw new StorageFullError(needed, estimate.available, what);
}

// ---- before a large import ------------------------------------------------------------------------

/** An import of at least this many bytes is confirmed by the reviewer first, whatever the free space. */
export const LARGE_IMPORT_BYTES = 200 * 1024 * 1024;
/** ... as is one that would take more than this share (numerator/denominator) of the free space. */
const FREE_SHARE_NUMERATOR = 1;
const FREE_SHARE_DENOMINATOR = 2;

export interface ImportSelection {
  /** Files read (those the host could not read are not stored and not counted). */
  files: number;
  bytes: number;
  /** Zip archives among them: counted at their compressed size, they may need more once unpacked. */
  archives: number;
}

/** What the reviewer selected, as the space check counts it. */
export function measureSelection(files: readonly ImportInputFile[]): ImportSelection {
  const selection: ImportSelection = { files: 0, bytes: 0, archives: 0 };
  for (const file of files) {
    if (!('bytes' in file)) continue;
    selection.files++;
    selection.bytes += file.bytes.length;
    if (/\.zip$/i.test(file.path)) selection.archives++;
  }
  return selection;
}

export interface ImportSpaceCheck {
  selection: ImportSelection;
  /** The store space the import is expected to use (the originals with IndexedDB's overhead). */
  neededBytes: number;
  /** The browser's quota, usage and free space; null where it gives none. */
  estimate: SpaceEstimate | null;
  /** Whether the browser granted persistent storage. */
  persisted: boolean;
  /** false when the estimate says the import will not fit; null when there is no estimate. */
  fits: boolean | null;
  /** Why the reviewer is asked first; null when the import goes ahead without asking. */
  askBecause: 'will-not-fit' | 'large' | 'share-of-free' | null;
}

/**
 * Decides, before anything is read into the store, whether the reviewer confirms the import
 * first: when it will not fit by the estimate, when it is large (LARGE_IMPORT_BYTES), or when it
 * would take more than half of the free space.
 */
export function checkImportSpace(selection: ImportSelection, estimate: SpaceEstimate | null, persisted: boolean): ImportSpaceCheck {
  const neededBytes = storedSize(selection.bytes);
  const known = estimate !== null && estimate.quota > 0;
  const fits = known ? neededBytes <= estimate.available : null;
  let askBecause: ImportSpaceCheck['askBecause'] = null;
  if (fits === false) askBecause = 'will-not-fit';
  else if (selection.bytes >= LARGE_IMPORT_BYTES) askBecause = 'large';
  else if (known && neededBytes * FREE_SHARE_DENOMINATOR > estimate.available * FREE_SHARE_NUMERATOR) askBecause = 'share-of-free';
  return { selection, neededBytes, estimate: known ? estimate : null, persisted, fits, askBecause };
}

/** True for the errors IndexedDB raises when the disk or the origin's quota is full. */
export function isQuotaError(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; current && depth < 4; depth++) {
    const name = (current as { name?: string }).name;
    if (name === 'QuotaExceededError' || name === 'QuotaExceeded') return true;
    current = (current as { inner?: unknown; cause?: unknown }).inner ?? (current as { cause?: unknown }).cause;
  }
  return false;
}

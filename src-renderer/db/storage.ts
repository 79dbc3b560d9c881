// Browser storage: persistence (so the browser does not evict the reviewer's work under pressure)
// and the space estimate shown before a large import.
import { formatBytes } from '../core/import/limits';

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

/** Throws StorageFullError before writing when the estimate says the bytes will not fit. */
export async function ensureSpaceFor(bytes: number, what: string, storage = defaultStorageManager()): Promise<void> {
  const estimate = await estimateSpace(storage);
  if (!estimate || estimate.quota === 0) return;
  const needed = Math.ceil((bytes * OVERHEAD_NUMERATOR) / OVERHEAD_DENOMINATOR);
  if (needed > estimate.available) throw new StorageFullError(needed, estimate.available, what);
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

// Whether the store of record opened now is the one this workstation had before. Chromium deletes an
// origin's whole IndexedDB when it finds it corrupt on opening; the crash probe (#20,
// scripts/crash-probe.mjs) sees this after the browser was killed with SIGKILL in the middle of
// IndexedDB writes: the next start logs "IndexedDB recovering from a corrupted (and deleted)
// database", and the page opens an empty store created anew. Without a word the reviewer's dossiers
// would just be gone. So a note kept outside IndexedDB (localStorage in the app) records when the store
// was first created; a store created anew while that note exists is a lost store, and the app says so.

/** Where the note is kept: anything but the IndexedDB it speaks about. */
export interface StoreNoteKeeper {
  read(): string | null;
  write(value: string): void;
}

/** A store of record created anew although this workstation had one (created at `previousCreatedAt`). */
export interface LostStore {
  previousCreatedAt: string;
}

/**
 * Compares the store just opened with the note: `created` says the open created the database (no
 * database of that name existed). Writes the note when there was none or the store is new.
 * A keeper that cannot be read or written (storage disabled) answers nothing: null.
 */
export function checkStoreContinuity(created: boolean, keeper: StoreNoteKeeper | undefined, now: string): LostStore | null {
  if (!keeper) return null;
  try {
    const previous = keeper.read();
    if (previous && !created) return null;
    keeper.write(now);
    return previous && created ? { previousCreatedAt: previous } : null;
  } catch {
    return null;
  }
}

/** The note in a Web Storage (localStorage) under `key`; undefined where there is none. */
export function webStorageNote(key: string, storage: () => Storage | undefined): StoreNoteKeeper | undefined {
  let target: Storage | undefined;
  try {
    target = storage();
  } catch {
    return undefined;
  }
  if (!target) return undefined;
  const kept = target;
  return { read: () => kept.getItem(key), write: (value) => kept.setItem(key, value) };
}

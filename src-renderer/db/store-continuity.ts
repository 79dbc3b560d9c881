// Whether the store of record opened now is the one this workstation had before. Chromium deletes an
// origin's whole IndexedDB when it finds it corrupt on opening; the crash probe (#20,
// scripts/crash-probe.mjs) sees this after the browser was killed with SIGKILL in the middle of
// IndexedDB writes: the next start logs "IndexedDB recovering from a corrupted (and deleted)
// database", and the page opens an empty store created anew. Without a word the reviewer's dossiers
// would just be gone. So a note kept outside IndexedDB records when the store was first created; a
// store created anew while that note exists is a lost store, and the app says so.
//
// The note is a side file (platform/side-store: the desktop data folder, or the origin private file
// system in web mode), written through at once. It was kept in localStorage before, which Chromium
// writes to disk seconds later: a kill right after the first start lost the note, and with it the
// notice of a store lost at the next start. A note still in localStorage is read once and carried over.

/** Where the note is kept: anything but the IndexedDB it speaks about. Each call resolves once done (a write: once durable). */
export interface StoreNoteKeeper {
  read(): Promise<string | null>;
  write(value: string): Promise<void>;
}

/** A store of record created anew although this workstation had one (created at `previousCreatedAt`). */
export interface LostStore {
  previousCreatedAt: string;
}

/** How long the store's open waits for the note before it goes on without it. */
export const STORE_NOTE_WAIT_MS = 5_000;

/**
 * Compares the store just opened with the note: `created` says the open created the database (no
 * database of that name existed). Writes the note when there was none or the store is new, and
 * resolves once it is written. A keeper that cannot be read or written (storage disabled, no side
 * store), or does not answer within `waitMs`, answers nothing: null (the store opens all the same).
 */
export async function checkStoreContinuity(created: boolean, keeper: StoreNoteKeeper | undefined, now: string, waitMs = STORE_NOTE_WAIT_MS): Promise<LostStore | null> {
  if (!keeper) return null;
  const check = async (): Promise<LostStore | null> => {
    const previous = await keeper.read();
    if (previous && !created) return null;
    await keeper.write(now);
    return previous && created ? { previousCreatedAt: previous } : null;
  };
  let timer: ReturnType<typeof setTimeout> | undefined;
  const gaveUp = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), waitMs);
  });
  try {
    return await Promise.race([check().catch(() => null), gaveUp]);
  } finally {
    clearTimeout(timer);
  }
}

/** The side-store calls the note needs (platform/side-store). */
export interface NoteFiles {
  readSideFile(name: string): Promise<string | null>;
  writeSideFile(name: string, text: string): Promise<unknown>;
}

/** The note's side file: the time the store was created, as the app's clock wrote it, and nothing else. */
export const STORE_NOTE_FILE = 'store-created.txt';

/**
 * The note in the side file `name`. Where there is none yet, a note an earlier version kept in
 * `legacy` (localStorage) under `legacyKey` is carried over once: written into the side file, and only
 * then taken out of localStorage, so that it is never lost between the two.
 */
export function sideFileStoreNote(files: () => NoteFiles, options: { name?: string; legacy?: () => Pick<Storage, 'getItem' | 'removeItem'> | undefined; legacyKey?: string } = {}): StoreNoteKeeper {
  const name = options.name ?? STORE_NOTE_FILE;
  const legacy = (): Pick<Storage, 'getItem' | 'removeItem'> | undefined => {
    try {
      return options.legacyKey ? options.legacy?.() : undefined;
    } catch {
      return undefined;
    }
  };
  const forgetLegacy = () => {
    try {
      legacy()?.removeItem(options.legacyKey!);
    } catch {
      // A localStorage that cannot be written keeps its old note: the side file is read first.
    }
  };
  const write = async (value: string) => {
    await files().writeSideFile(name, value);
    forgetLegacy();
  };
  return {
    async read() {
      const kept = (await files().readSideFile(name))?.trim();
      if (kept) return kept;
      let carried: string | null;
      try {
        carried = legacy()?.getItem(options.legacyKey!) ?? null;
      } catch {
        carried = null;
      }
      if (carried) await write(carried);
      return carried;
    },
    write,
  };
}

// An import the browser or the computer stopped (a crash, a kill, a power cut) writes nothing: the
// store saves a dossier in one transaction. Without a word, though, the reviewer would not know that
// the files they chose never arrived. So an import in progress keeps a note outside IndexedDB
// (localStorage), refreshed while it runs and taken out when it ends, whatever the end; a note
// found at the next start that nobody refreshes any more, with no dossier imported since it began,
// is an interrupted import, and the app says which files to import again.
import type { StoreNoteKeeper } from '../db/store-continuity';

/** How often a running import refreshes its note; a note older than STALE_AFTER_MS is nobody's. */
export const HEARTBEAT_MS = 2_000;
export const STALE_AFTER_MS = 15_000;

export interface ImportInProgress {
  startedAt: string;
  /** Last refresh, in ms since the epoch (Date.now of the importing page). */
  beatAt: number;
  files: number;
  /** The first file chosen, to name the import to the reviewer. */
  first: string;
}

export interface ImportNote {
  /** Marks an import as running until the returned function is called (at any end of the import). */
  begin(files: readonly { path: string }[]): () => void;
  /**
   * The import a crash interrupted, if there was one: a note not refreshed for STALE_AFTER_MS (an
   * import in another window refreshes its own) and no dossier imported since it began. Reading it
   * takes the note out, so it is told once.
   */
  takeInterrupted(importedSince: (startedAt: string) => Promise<boolean>): Promise<ImportInProgress | null>;
}

function parse(text: string | null): ImportInProgress | null {
  if (!text) return null;
  try {
    const value = JSON.parse(text) as Partial<ImportInProgress>;
    if (typeof value.startedAt !== 'string' || typeof value.beatAt !== 'number' || typeof value.files !== 'number' || typeof value.first !== 'string') return null;
    return value as ImportInProgress;
  } catch {
    return null;
  }
}

export interface ImportNoteClock {
  iso(): string;
  ms(): number;
  every(ms: number, beat: () => void): () => void;
}

const SYSTEM_CLOCK: ImportNoteClock = {
  iso: () => new Date().toISOString(),
  ms: () => Date.now(),
  every: (ms, beat) => {
    const timer = setInterval(beat, ms);
    return () => clearInterval(timer);
  },
};

/** The note in `keeper` (undefined where there is no storage: then nothing is noted or told). */
export function importNote(keeper: (StoreNoteKeeper & { remove(): void }) | undefined, clock: ImportNoteClock = SYSTEM_CLOCK): ImportNote {
  const attempt = (work: () => void) => {
    try {
      work();
    } catch {
      // A storage that refuses writes (private mode, quota) only costs the notice after a crash.
    }
  };
  const readNote = (from: StoreNoteKeeper): ImportInProgress | null => {
    try {
      return parse(from.read());
    } catch {
      return null;
    }
  };
  return {
    begin(files) {
      if (!keeper) return () => undefined;
      const note: ImportInProgress = { startedAt: clock.iso(), beatAt: clock.ms(), files: files.length, first: files[0]?.path ?? '' };
      attempt(() => keeper.write(JSON.stringify(note)));
      const stop = clock.every(HEARTBEAT_MS, () => attempt(() => keeper.write(JSON.stringify({ ...note, beatAt: clock.ms() }))));
      return () => {
        stop();
        if (readNote(keeper)?.startedAt === note.startedAt) attempt(() => keeper.remove());
      };
    },
    async takeInterrupted(importedSince) {
      if (!keeper) return null;
      const found = readNote(keeper);
      if (!found || clock.ms() - found.beatAt < STALE_AFTER_MS) return null;
      attempt(() => keeper.remove());
      return (await importedSince(found.startedAt)) ? null : found;
    },
  };
}

export const INTERRUPTED_IMPORT_KEY = 'dossier-desk-import-in-progress';

/** The app's note: localStorage, beside the store's own continuity note. */
export function appImportNote(): ImportNote {
  let storage: Storage | undefined;
  try {
    storage = typeof localStorage === 'undefined' ? undefined : localStorage;
  } catch {
    storage = undefined;
  }
  const kept = storage;
  return importNote(kept && {
    read: () => kept.getItem(INTERRUPTED_IMPORT_KEY),
    write: (value) => kept.setItem(INTERRUPTED_IMPORT_KEY, value),
    remove: () => kept.removeItem(INTERRUPTED_IMPORT_KEY),
  });
}

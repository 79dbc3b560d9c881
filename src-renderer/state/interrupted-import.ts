// An import the browser or the computer stopped (a crash, a kill, a power cut) writes nothing: the
// store saves a dossier in one transaction. Without a word, though, the reviewer would not know that
// the files they chose never arrived. So an import in progress keeps a note, written durably before
// the import reads its first file and refreshed while it runs, and taken out when it ends, whatever
// the end; a note found at the next start that nobody refreshes any more, with no dossier imported
// since it began, is an interrupted import, and the app says which files to import again.
// localStorage, where this note was kept before, is written to disk by Chromium seconds later and
// lost with a SIGKILL (#20, the clean-clone CI ci10). The note is now kept twice: a row of the UI
// state database written with strict durability and committed at once (state/ui-persistence
// `uiDatabaseNote`), and a file of the side store (platform/side-store: the shell's data folder, or
// the origin private file system in web mode), which outlives Chromium deleting an IndexedDB it finds
// corrupt after a kill. Either one is enough to tell the interrupted import.
import { getSideStore, type SideStore } from '../platform/side-store';
import { uiDatabaseNote } from './ui-persistence';

/** How often a running import refreshes its note; a note older than STALE_AFTER_MS is nobody's. */
export const HEARTBEAT_MS = 2_000;
export const STALE_AFTER_MS = 15_000;
/** How long an import waits for its note to be written (or taken out at the end) before it goes on anyway. */
export const NOTE_WRITE_WAIT_MS = 5_000;

export interface ImportInProgress {
  startedAt: string;
  /** Last refresh, in ms since the epoch (Date.now of the importing page). */
  beatAt: number;
  files: number;
  /** The first file chosen, to name the import to the reviewer. */
  first: string;
}

/** Where the note is kept: each call resolves once its write is durable (or rejects). */
export interface ImportNoteKeeper {
  read(): Promise<string | null>;
  write(value: string): Promise<void>;
  remove(): Promise<void>;
}

export interface ImportNote {
  /**
   * Marks an import as running; resolves, once the note is written (or could not be, or
   * NOTE_WRITE_WAIT_MS passed), with the function to call at any end of the import (which resolves
   * once the note is taken out, within the same bound).
   */
  begin(files: readonly { path: string }[]): Promise<() => Promise<void>>;
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
  /** Resolves after `ms` (the bound on waiting for the first write). */
  after(ms: number): Promise<void>;
}

const SYSTEM_CLOCK: ImportNoteClock = {
  iso: () => new Date().toISOString(),
  ms: () => Date.now(),
  every: (ms, beat) => {
    const timer = setInterval(beat, ms);
    return () => clearInterval(timer);
  },
  after: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** The note in `keeper` (undefined where there is no storage: then nothing is noted or told). */
export function importNote(keeper: ImportNoteKeeper | undefined, clock: ImportNoteClock = SYSTEM_CLOCK): ImportNote {
  /** The keeper's work, one call after the other: a refresh never lands after the removal at the end. */
  let queue: Promise<unknown> = Promise.resolve();
  const inTurn = <T>(work: () => Promise<T>): Promise<T | null> => {
    const turn = queue.then(work).catch(() => null);
    queue = turn;
    return turn;
  };
  const readNote = async (from: ImportNoteKeeper) => parse(await from.read());
  return {
    async begin(files) {
      if (!keeper) return () => Promise.resolve();
      const note: ImportInProgress = { startedAt: clock.iso(), beatAt: clock.ms(), files: files.length, first: files[0]?.path ?? '' };
      // A storage that refuses writes (private mode, quota) only costs the notice after a crash.
      const written = inTurn(() => keeper.write(JSON.stringify(note)));
      const stop = clock.every(HEARTBEAT_MS, () => void inTurn(() => keeper.write(JSON.stringify({ ...note, beatAt: clock.ms() }))));
      await Promise.race([written, clock.after(NOTE_WRITE_WAIT_MS)]);
      return async () => {
        stop();
        const removed = inTurn(async () => {
          if ((await readNote(keeper))?.startedAt === note.startedAt) await keeper.remove();
        });
        await Promise.race([removed, clock.after(NOTE_WRITE_WAIT_MS)]);
      };
    },
    async takeInterrupted(importedSince) {
      if (!keeper) return null;
      const found = await inTurn(() => readNote(keeper));
      if (!found || clock.ms() - found.beatAt < STALE_AFTER_MS) return null;
      await inTurn(() => keeper.remove());
      return (await importedSince(found.startedAt)) ? null : found;
    },
  };
}

/**
 * The note kept in every keeper: a write or removal resolves once every keeper has answered, and
 * fails only when all failed (so a removal never overtakes a write still under way in one of them);
 * a read answers the most recently refreshed note any keeper holds.
 */
export function keptInEach(keepers: readonly ImportNoteKeeper[]): ImportNoteKeeper {
  const inEach = async (work: (keeper: ImportNoteKeeper) => Promise<void>) => {
    const outcomes = await Promise.allSettled(keepers.map(work));
    const failed = outcomes.filter((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
    if (failed.length === outcomes.length && failed[0]) throw failed[0].reason;
  };
  return {
    async read() {
      const texts = (await Promise.allSettled(keepers.map((keeper) => keeper.read())))
        .flatMap((outcome) => (outcome.status === 'fulfilled' && outcome.value !== null ? [outcome.value] : []));
      return texts.map((text) => ({ text, note: parse(text) }))
        .sort((a, b) => (b.note?.beatAt ?? -Infinity) - (a.note?.beatAt ?? -Infinity))[0]?.text ?? null;
    },
    write: (value) => inEach((keeper) => keeper.write(value)),
    remove: () => inEach((keeper) => keeper.remove()),
  };
}

/** The row of the UI state database, and the side file, that hold the note. */
export const INTERRUPTED_IMPORT_NOTE = 'import-in-progress';
export const INTERRUPTED_IMPORT_SIDE_FILE = 'import-in-progress.json';

/** The note as a side file. */
export function sideFileNote(store: SideStore, name = INTERRUPTED_IMPORT_SIDE_FILE): ImportNoteKeeper {
  return {
    read: () => store.readSideFile(name),
    write: async (value) => { await store.writeSideFile(name, value); },
    remove: async () => { await store.removeSideFile(name); },
  };
}

/** The app's note: in the side store and, where the page has IndexedDB, in the UI state database. */
export function appImportNote(): ImportNote {
  const side = sideFileNote(getSideStore());
  return importNote(typeof indexedDB === 'undefined' ? side : keptInEach([uiDatabaseNote(INTERRUPTED_IMPORT_NOTE), side]));
}

// Where the UI state that outlives a session (language, open dossier, tab, document and page, zoom)
// is kept: an IndexedDB database of its own, written with strict durability, so that a browser or
// renderer killed a moment after a change comes back where the reviewer was. localStorage, which
// Chromium writes to disk seconds later (and loses on SIGKILL), is only read once, to carry over
// what earlier versions kept there.
import Dexie, { type Table } from 'dexie';
import type { StateStorage } from 'zustand/middleware';

export const UI_DATABASE_NAME = 'dossier-desk-ui';

interface UiStateRow {
  name: string;
  value: string;
  savedAt: number;
}

export class UiStateDatabase extends Dexie {
  state!: Table<UiStateRow, string>;

  constructor(name = UI_DATABASE_NAME, options: { indexedDB?: IDBFactory; IDBKeyRange?: typeof IDBKeyRange } = {}) {
    super(name, { chromeTransactionDurability: 'strict', ...options });
    this.version(1).stores({ state: 'name' });
  }
}

function legacyStorage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

/**
 * A zustand StateStorage on IndexedDB. Writes are queued in order, each committed to disk before the
 * next; `flushed()` resolves once every write so far has committed.
 */
export function durableStateStorage(database: () => UiStateDatabase): StateStorage & { flushed(): Promise<void> } {
  let writes: Promise<unknown> = Promise.resolve();
  const enqueue = (work: () => Promise<unknown>) => {
    writes = writes.then(work).catch(() => undefined);
    return writes.then(() => undefined);
  };
  return {
    async getItem(name) {
      const row = await database().state.get(name).catch(() => undefined);
      if (row) return row.value;
      return legacyStorage()?.getItem(name) ?? null;
    },
    setItem(name, value) {
      return enqueue(() => database().state.put({ name, value, savedAt: Date.now() }));
    },
    removeItem(name) {
      return enqueue(() => database().state.delete(name));
    },
    flushed: () => writes.then(() => undefined),
  };
}

let uiDatabase: UiStateDatabase | null = null;

/** The UI state storage of this window (where there is no IndexedDB at all, localStorage as it is). */
export const uiStateStorage: StateStorage = typeof indexedDB === 'undefined'
  ? { getItem: (name) => legacyStorage()?.getItem(name) ?? null, setItem: (name, value) => legacyStorage()?.setItem(name, value), removeItem: (name) => legacyStorage()?.removeItem(name) }
  : durableStateStorage(() => (uiDatabase ??= new UiStateDatabase()));

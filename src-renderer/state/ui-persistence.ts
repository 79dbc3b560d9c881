// Where the UI state that outlives a session (language, open dossier, tab, document and page, zoom)
// is kept: an IndexedDB database of its own, written with strict durability, so that a browser or
// renderer killed a moment after a change comes back where the reviewer was. localStorage, which
// Chromium writes to disk seconds later (and loses on SIGKILL), is only read once, to carry over
// what earlier versions kept there. Plain IndexedDB, not Dexie: a key-value pair needs no schema, and
// Dexie's promise zones must not reach the React updates that set this state.
import type { StateStorage } from 'zustand/middleware';

export const UI_DATABASE_NAME = 'dossier-desk-ui';
const STORE = 'state';

interface UiStateRow {
  name: string;
  value: string;
  savedAt: number;
}

function settle<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
  });
}

/** One connection to the UI state database (opened on first use). */
export class UiStateDatabase {
  private connection: Promise<IDBDatabase> | null = null;

  constructor(readonly name = UI_DATABASE_NAME, private readonly factory: IDBFactory = indexedDB) {}

  private open(): Promise<IDBDatabase> {
    this.connection ??= new Promise((resolve, reject) => {
      const request = this.factory.open(this.name, 10);
      request.onupgradeneeded = () => {
        if (!request.result.objectStoreNames.contains(STORE)) request.result.createObjectStore(STORE, { keyPath: 'name' });
      };
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error ?? new Error(`IndexedDB ${this.name} could not be opened`));
      request.onblocked = () => reject(new Error(`IndexedDB ${this.name} is blocked by another connection`));
    });
    return this.connection;
  }

  async get(name: string): Promise<UiStateRow | undefined> {
    const db = await this.open();
    return settle<UiStateRow | undefined>(db.transaction(STORE, 'readonly').objectStore(STORE).get(name));
  }

  async count(): Promise<number> {
    const db = await this.open();
    return settle(db.transaction(STORE, 'readonly').objectStore(STORE).count());
  }

  /** Resolves once the write is committed (strict durability: on disk, not only in the page cache). */
  async write(change: (store: IDBObjectStore) => void): Promise<void> {
    const db = await this.open();
    const transaction = db.transaction(STORE, 'readwrite', { durability: 'strict' });
    change(transaction.objectStore(STORE));
    await new Promise<void>((resolve, reject) => {
      transaction.oncomplete = () => resolve();
      transaction.onerror = () => reject(transaction.error ?? new Error('IndexedDB write failed'));
      transaction.onabort = () => reject(transaction.error ?? new Error('IndexedDB write aborted'));
    });
  }

  close(): void {
    void this.connection?.then((db) => db.close(), () => undefined);
    this.connection = null;
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
 * next; `flushed()` resolves once every write so far has committed, and a read waits for them.
 * setItem and removeItem return nothing: zustand hands their result back from every setter, and a
 * setter returning a promise would turn a caller's `act(() => setLanguage(...))` into an async act.
 */
export function durableStateStorage(database: () => UiStateDatabase): StateStorage & { flushed(): Promise<void> } {
  let writes: Promise<unknown> = Promise.resolve();
  const enqueue = (work: () => Promise<unknown>) => {
    writes = writes.then(work).catch(() => undefined);
  };
  const flushed = () => writes.then(() => undefined);
  return {
    async getItem(name) {
      await flushed();
      const row = await database().get(name).catch(() => undefined);
      if (row) return row.value;
      return legacyStorage()?.getItem(name) ?? null;
    },
    setItem(name, value) {
      enqueue(() => database().write((store) => store.put({ name, value, savedAt: Date.now() } satisfies UiStateRow)));
    },
    removeItem(name) {
      enqueue(() => database().write((store) => store.delete(name)));
    },
    flushed,
  };
}

let uiDatabase: UiStateDatabase | null = null;

/** The UI state storage of this window (where there is no IndexedDB at all, localStorage as it is). */
export const uiStateStorage: StateStorage = typeof indexedDB === 'undefined'
  ? { getItem: (name) => legacyStorage()?.getItem(name) ?? null, setItem: (name, value) => legacyStorage()?.setItem(name, value), removeItem: (name) => legacyStorage()?.removeItem(name) }
  : durableStateStorage(() => (uiDatabase ??= new UiStateDatabase()));

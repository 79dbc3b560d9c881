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
  /** The connection once open: a write on page hide must be made before the handler returns, without awaiting. */
  private openedConnection: IDBDatabase | null = null;

  constructor(readonly name = UI_DATABASE_NAME, private readonly factory: IDBFactory = indexedDB) {}

  private open(): Promise<IDBDatabase> {
    this.connection ??= new Promise((resolve, reject) => {
      const request = this.factory.open(this.name, 10);
      request.onupgradeneeded = () => {
        if (!request.result.objectStoreNames.contains(STORE)) request.result.createObjectStore(STORE, { keyPath: 'name' });
      };
      request.onsuccess = () => {
        this.openedConnection = request.result;
        resolve(request.result);
      };
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

  /**
   * Resolves once the write is committed (strict durability: on disk, not only in the page cache).
   * Once the connection is open the transaction is made before this returns, so writes are ordered as called.
   */
  write(change: (store: IDBObjectStore) => void): Promise<void> {
    const opened = this.openedConnection;
    if (!opened) return this.open().then((db) => committed(UiStateDatabase.writeOn(db, change)));
    try {
      return committed(UiStateDatabase.writeOn(opened, change));
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  /**
   * Hands a write to IndexedDB now, synchronously, when the connection is open (false when it is not).
   * For a page that is going away: the transaction exists, and is asked to commit, before the handler
   * returns. A readwrite transaction created later than another one on the same store commits after it.
   */
  writeNow(change: (store: IDBObjectStore) => void): boolean {
    if (!this.openedConnection) return false;
    try {
      void committed(UiStateDatabase.writeOn(this.openedConnection, change)).catch(() => undefined);
      return true;
    } catch {
      return false;
    }
  }

  /**
   * A strict-durability transaction, asked to commit at once. Left to commit by itself, a transaction
   * waits for the page to hear that its requests succeeded; a page reloaded or closed before that
   * loses it (Chromium aborts it with the page's connection: a language switched just before a reload
   * was lost 3 times in 20 here). One asked to commit is committed whatever the page does next.
   */
  private static writeOn(db: IDBDatabase, change: (store: IDBObjectStore) => void): IDBTransaction {
    const transaction = db.transaction(STORE, 'readwrite', { durability: 'strict' });
    change(transaction.objectStore(STORE));
    transaction.commit?.();
    return transaction;
  }

  close(): void {
    void this.connection?.then((db) => db.close(), () => undefined);
    this.connection = null;
    this.openedConnection = null;
  }
}

function committed(transaction: IDBTransaction): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    transaction.oncomplete = () => resolve();
    transaction.onerror = () => reject(transaction.error ?? new Error('IndexedDB write failed'));
    transaction.onabort = () => reject(transaction.error ?? new Error('IndexedDB write aborted'));
  });
}

function legacyStorage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

/** A durable StateStorage: `flushed()` resolves once every write so far has committed; `flushNow()` hands what waits to IndexedDB at once. */
export type DurableStateStorage = StateStorage & { flushed(): Promise<void>; flushNow(): void };

/**
 * A zustand StateStorage on IndexedDB. Each value is the whole state under its name, so only the last
 * one matters: a change while a write is committing replaces the value waiting, and the one waiting is
 * written when the write before it has committed (the last write wins, and quick changes do not queue
 * a strict write each). A read waits for the writes. `flushNow()` (on page hide) writes what waits at
 * once, in a transaction made before it returns, so a reload or close right after a change keeps it.
 * setItem and removeItem return nothing: zustand hands their result back from every setter, and a
 * setter returning a promise would turn a caller's `act(() => setLanguage(...))` into an async act.
 */
export function durableStateStorage(database: () => UiStateDatabase): DurableStateStorage {
  /** The latest value of each name not yet handed to IndexedDB (null: to be removed). */
  const waiting = new Map<string, string | null>();
  let writing = false;
  let drained: Promise<void> = Promise.resolve();
  const change = (name: string, value: string | null) => (store: IDBObjectStore) => {
    if (value === null) store.delete(name);
    else store.put({ name, value, savedAt: Date.now() } satisfies UiStateRow);
  };
  const drain = () => {
    if (writing) return;
    writing = true;
    drained = (async () => {
      try {
        while (waiting.size > 0) {
          const [name, value] = waiting.entries().next().value as [string, string | null];
          waiting.delete(name);
          let written: Promise<void>;
          try {
            written = database().write(change(name, value));
          } catch (error) {
            written = Promise.reject(error instanceof Error ? error : new Error(String(error)));
          }
          await written.catch(() => undefined);
        }
      } finally {
        writing = false;
      }
    })();
  };
  const enqueue = (name: string, value: string | null) => {
    waiting.set(name, value);
    drain();
  };
  const flushed = async () => {
    while (writing || waiting.size > 0) {
      drain();
      await drained;
    }
  };
  return {
    async getItem(name) {
      await flushed();
      const row = await database().get(name).catch(() => undefined);
      if (row) return row.value;
      return legacyStorage()?.getItem(name) ?? null;
    },
    setItem(name, value) {
      enqueue(name, value);
    },
    removeItem(name) {
      enqueue(name, null);
    },
    flushed,
    flushNow() {
      for (const [name, value] of [...waiting]) {
        if (database().writeNow(change(name, value))) waiting.delete(name);
      }
    },
  };
}

/**
 * Writes the UI state that waits when the page is hidden or goes away (a reload, a closed tab or
 * window, a switch to another application): the last chance before the page may be gone.
 */
export function flushOnPageHide(storage: Pick<DurableStateStorage, 'flushNow'>, page: Pick<Window, 'addEventListener'>, doc: Pick<Document, 'addEventListener' | 'visibilityState'>): void {
  page.addEventListener('pagehide', () => storage.flushNow());
  doc.addEventListener('visibilitychange', () => {
    if (doc.visibilityState === 'hidden') storage.flushNow();
  });
}

let uiDatabase: UiStateDatabase | null = null;

/** This window's connection to the UI state database (opened on first use). */
export function uiStateDatabase(): UiStateDatabase {
  return (uiDatabase ??= new UiStateDatabase());
}

/**
 * A note of its own in the UI state database, beside the UI state (the interrupted-import note):
 * each write and removal resolves once committed with strict durability, so it outlives a SIGKILL
 * that comes after.
 */
export function uiDatabaseNote(name: string, database: () => UiStateDatabase = uiStateDatabase) {
  return {
    read: async () => (await database().get(name))?.value ?? null,
    write: (value: string) => database().write((store) => store.put({ name, value, savedAt: Date.now() } satisfies UiStateRow)),
    remove: () => database().write((store) => store.delete(name)),
  };
}

/** The UI state storage of this window (where there is no IndexedDB at all, localStorage as it is). */
export const uiStateStorage: StateStorage = typeof indexedDB === 'undefined'
  ? { getItem: (name) => legacyStorage()?.getItem(name) ?? null, setItem: (name, value) => legacyStorage()?.setItem(name, value), removeItem: (name) => legacyStorage()?.removeItem(name) }
  : windowStateStorage(durableStateStorage(uiStateDatabase));

function windowStateStorage(storage: DurableStateStorage): DurableStateStorage {
  if (typeof window !== 'undefined' && typeof document !== 'undefined') flushOnPageHide(storage, window, document);
  return storage;
}

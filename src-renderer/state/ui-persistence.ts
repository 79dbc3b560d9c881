// Where the UI state that outlives a session (language, open dossier, tab, document and page, zoom)
// is kept: an IndexedDB database of its own, written with strict durability, so that a browser or
// renderer killed a moment after a change comes back where the reviewer was. localStorage, which
// Chromium writes to disk seconds later (and loses on SIGKILL), is only read once, to carry over
// what earlier versions kept there. Plain IndexedDB, not Dexie: a key-value pair needs no schema, and
// Dexie's promise zones must not reach the React updates that set this state.
//
// Chromium deletes an origin's whole IndexedDB when it finds it corrupt after a kill (db/store-continuity):
// the store of record then comes back from its mirror in the side store (state/mirror), and this
// database is gone with it. So the UI state is also kept in a side file (ui-state.json, SideStateCopy
// below: the desktop data folder, or the origin private file system in web mode), written after each
// change (the last write wins, one write at a time), and read back at start when this database was
// created anew (lost with the store, or never there) or holds nothing: the reviewer comes back to the
// same dossier, tab, document, page and language after a restore. IndexedDB stays the fast path.
import type { StateStorage } from 'zustand/middleware';
import { getSideStore } from '../platform/side-store';

export const UI_DATABASE_NAME = 'dossier-desk-ui';
/** The name the app's UI state is kept under (state/ui.ts). */
export const UI_STATE_NAME = 'dossier-desk-ui';
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
  /** Whether the open created the database (none of that name existed: a first start, or deleted with the origin's IndexedDB). */
  private createdByOpen = false;

  constructor(readonly name = UI_DATABASE_NAME, private readonly factory: IDBFactory = indexedDB) {}

  private open(): Promise<IDBDatabase> {
    this.connection ??= new Promise((resolve, reject) => {
      const request = this.factory.open(this.name, 10);
      request.onupgradeneeded = (event) => {
        if (event.oldVersion === 0) this.createdByOpen = true;
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

  /** Whether this connection's open created the database anew (resolves once it is open). */
  async createdAnew(): Promise<boolean> {
    await this.open();
    return this.createdByOpen;
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

/** A durable StateStorage: `flushed()` resolves once every write so far has committed (the side copy's too); `flushNow()` hands what waits to IndexedDB at once. */
export type DurableStateStorage = StateStorage & { flushed(): Promise<void>; flushNow(): void };

/**
 * A zustand StateStorage on IndexedDB. Each value is the whole state under its name, so only the last
 * one matters: a change while a write is committing replaces the value waiting, and the one waiting is
 * written when the write before it has committed (the last write wins, and quick changes do not queue
 * a strict write each). A read waits for the writes. `flushNow()` (on page hide) writes what waits at
 * once, in a transaction made before it returns, so a reload or close right after a change keeps it.
 * setItem and removeItem return nothing: zustand hands their result back from every setter, and a
 * setter returning a promise would turn a caller's `act(() => setLanguage(...))` into an async act.
 *
 * `sideCopy` names the copy of a value kept outside IndexedDB (SideStateCopy), if it has one: each
 * change is written there too, and a read takes the copy when the database was created by this open
 * (the browser deleted the origin's IndexedDB; or a first start) or holds nothing under the name.
 */
export function durableStateStorage(database: () => UiStateDatabase, sideCopy: (name: string) => SideStateCopy | null = () => null): DurableStateStorage {
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
  /** The side copy of each name, asked for once. */
  const copies = new Map<string, SideStateCopy | null>();
  const copyOf = (name: string) => {
    if (!copies.has(name)) copies.set(name, sideCopy(name));
    return copies.get(name) ?? null;
  };
  const toSide = (name: string, value: string | null) => {
    const copy = copyOf(name);
    if (!copy) return;
    if (value === null) copy.remove();
    else copy.write(value);
  };
  const flushed = async () => {
    while (writing || waiting.size > 0) {
      drain();
      await drained;
    }
    await Promise.all([...copies.values()].map((copy) => copy?.flushed()));
  };
  return {
    async getItem(name) {
      await flushed();
      const row = await database().get(name).catch(() => undefined);
      const createdAnew = await database().createdAnew().catch(() => false);
      if (row && !createdAnew) return row.value;
      const copy = copyOf(name);
      const kept = copy ? await copy.read() : null;
      if (kept !== null) {
        // IndexedDB is the fast path again from the next start on.
        if (row?.value !== kept) enqueue(name, kept);
        return kept;
      }
      if (row) return row.value;
      return legacyStorage()?.getItem(name) ?? null;
    },
    setItem(name, value) {
      enqueue(name, value);
      toSide(name, value);
    },
    removeItem(name) {
      enqueue(name, null);
      toSide(name, null);
    },
    flushed,
    flushNow() {
      for (const [name, value] of [...waiting]) {
        if (database().writeNow(change(name, value))) waiting.delete(name);
      }
    },
  };
}

/** The side-store calls a side copy needs (platform/side-store). */
export interface SideStateFiles {
  readSideFile(name: string): Promise<string | null>;
  writeSideFile(name: string, text: string): Promise<unknown>;
  removeSideFile(name: string): Promise<unknown>;
}

/** The side file of the UI state, and the format of what it holds. */
export const UI_STATE_SIDE_FILE = 'ui-state.json';
export const UI_STATE_SIDE_FORMAT = 'dossier-desk/ui-state@1';

/**
 * A value of the durable storage kept in a side file too. `read()` answers it as zustand wrote it
 * (`{"state":…,"version":…}`), or null when there is none, or the file is not JSON or not this format
 * (told on the console and otherwise ignored: the app starts as if there were none). `write(value)`
 * keeps the last value given: one write at a time, a change while one is under way replaces the value
 * waiting (no queue grows), and no write is made before the file has been read once, so that a change
 * at start never overwrites, unread, the state the start is about to read back. `remove()` takes the
 * file out, in the same order. Unknown fields (written by a later version) are kept: what the file
 * held beside the known ones, at the top and in the state, is written back with every change.
 */
export interface SideStateCopy {
  read(): Promise<string | null>;
  write(value: string): void;
  remove(): void;
  flushed(): Promise<void>;
}

type SideDocument = Record<string, unknown> & { state: Record<string, unknown>; version: number };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The file's document, or the reason it is not one. */
function sideDocumentOf(text: string): SideDocument | string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return 'not JSON';
  }
  if (!isRecord(parsed) || parsed.format !== UI_STATE_SIDE_FORMAT) return `not ${UI_STATE_SIDE_FORMAT}`;
  if (!isRecord(parsed.state)) return 'no state';
  const version = typeof parsed.version === 'number' && Number.isInteger(parsed.version) ? parsed.version : 0;
  return { ...parsed, state: parsed.state, version };
}

export function sideStateCopy(files: () => SideStateFiles, name: string = UI_STATE_SIDE_FILE, warn: (message: string) => void = (message) => console.warn(message)): SideStateCopy {
  /** The document as the file held it when first read (null: none, or not one), once read. */
  let firstRead: Promise<SideDocument | null> | null = null;
  let firstReadTaken = false;
  /** The document last read or written: its unknown fields are written back. */
  let carried: SideDocument | null = null;
  /** The change waiting: a value, null to remove, undefined for none. */
  let waiting: string | null | undefined;
  let writing: Promise<void> | null = null;
  let failing = false;
  const failed = (what: string, error: unknown) => {
    // Told once while it keeps failing (a host without a side store would tell it at every change).
    if (!failing) warn(`${name}: the UI state ${what} outside IndexedDB (${error instanceof Error ? error.message : String(error)})`);
    failing = true;
  };
  const readDocument = async (): Promise<SideDocument | null> => {
    let text: string | null;
    try {
      text = await files().readSideFile(name);
    } catch (error) {
      failed('could not be read', error);
      return null;
    }
    if (text === null) return null;
    const document = sideDocumentOf(text);
    if (typeof document === 'string') {
      warn(`${name}: ignored, ${document}`);
      return null;
    }
    carried = document;
    return document;
  };
  const initial = () => (firstRead ??= readDocument());
  const valueOf = (document: SideDocument | null) => (document ? JSON.stringify({ state: document.state, version: document.version }) : null);
  const writeOne = async (value: string | null) => {
    if (value === null) {
      await files().removeSideFile(name);
      carried = null;
      return;
    }
    const given = JSON.parse(value) as unknown;
    if (!isRecord(given) || !isRecord(given.state)) return;
    const document: SideDocument = {
      ...carried,
      format: UI_STATE_SIDE_FORMAT,
      savedAt: new Date().toISOString(),
      version: typeof given.version === 'number' ? given.version : 0,
      state: { ...carried?.state, ...given.state },
    };
    await files().writeSideFile(name, JSON.stringify(document));
    carried = document;
    failing = false;
  };
  const drain = async () => {
    try {
      await initial();
      while (waiting !== undefined) {
        const value = waiting;
        waiting = undefined;
        await writeOne(value).catch((error: unknown) => failed('could not be kept', error));
      }
    } finally {
      writing = null;
    }
  };
  const enqueue = (value: string | null) => {
    waiting = value;
    writing ??= drain();
  };
  return {
    async read() {
      if (!firstReadTaken) {
        firstReadTaken = true;
        return valueOf(await initial());
      }
      return valueOf(await readDocument());
    },
    write: (value) => enqueue(value),
    remove: () => enqueue(null),
    async flushed() {
      while (writing) await writing;
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
  : windowStateStorage(durableStateStorage(uiStateDatabase, uiSideCopy));

let uiSide: SideStateCopy | null = null;

/** The side copy of the app's UI state (zustand's name for it in state/ui.ts): ui-state.json. */
function uiSideCopy(name: string): SideStateCopy | null {
  if (name !== UI_STATE_NAME) return null;
  return (uiSide ??= sideStateCopy(getSideStore));
}

function windowStateStorage(storage: DurableStateStorage): DurableStateStorage {
  if (typeof window !== 'undefined' && typeof document !== 'undefined') flushOnPageHide(storage, window, document);
  return storage;
}

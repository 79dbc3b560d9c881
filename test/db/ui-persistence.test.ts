// The UI state kept through a crash: an IndexedDB database of its own (strict durability), each write
// committed in order; what earlier versions kept in localStorage is read once when IndexedDB has nothing.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { durableStateStorage, flushOnPageHide, uiDatabaseNote, UiStateDatabase } from '../../src-renderer/state/ui-persistence';

let counter = 0;
const opened: UiStateDatabase[] = [];
function database() {
  const db = new UiStateDatabase(`ui-state-test-${counter++}`);
  opened.push(db);
  return db;
}

afterEach(() => {
  for (const db of opened.splice(0)) db.close();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('durable UI state storage', () => {
  it('keeps the last of quick successive writes once they have committed, for a new connection to read', async () => {
    const first = database();
    const storage = durableStateStorage(() => first);
    for (const tab of ['invoice', 'claims', 'checks', 'log']) void storage.setItem('dossier-desk-ui', JSON.stringify({ state: { activeTab: tab }, version: 0 }));
    await storage.flushed();
    const reopened = new UiStateDatabase(first.name);
    opened.push(reopened);
    expect(JSON.parse((await durableStateStorage(() => reopened).getItem('dossier-desk-ui')) as string)).toEqual({ state: { activeTab: 'log' }, version: 0 });
    await storage.removeItem('dossier-desk-ui');
    await storage.flushed();
    expect(await reopened.count()).toBe(0);
  });

  it('reads what localStorage held when IndexedDB holds nothing yet, and prefers IndexedDB after', async () => {
    const legacy = new Map<string, string>([['dossier-desk-ui', '{"state":{"language":"en"},"version":0}']]);
    vi.stubGlobal('localStorage', { getItem: (key: string) => legacy.get(key) ?? null });
    const db = database();
    const storage = durableStateStorage(() => db);
    expect(await storage.getItem('dossier-desk-ui')).toBe('{"state":{"language":"en"},"version":0}');
    await storage.setItem('dossier-desk-ui', '{"state":{"language":"zh-CN"},"version":0}');
    expect(await storage.getItem('dossier-desk-ui')).toBe('{"state":{"language":"zh-CN"},"version":0}');
  });

  it('keeps a change made just before the page goes away: page hide hands it to IndexedDB at once', async () => {
    const db = database();
    let pageGone = false;
    const storage = durableStateStorage(() => {
      if (pageGone) throw new Error('the page is gone');
      return db;
    });
    const state = (language: string) => JSON.stringify({ state: { language }, version: 0 });
    storage.setItem('dossier-desk-ui', state('en'));
    await storage.flushed();
    // A change while a write commits, then another: only the last is waiting.
    storage.setItem('dossier-desk-ui', state('en'));
    storage.setItem('dossier-desk-ui', state('fr'));
    storage.setItem('dossier-desk-ui', state('zh-CN'));
    const page = new EventTarget();
    const doc = Object.assign(new EventTarget(), { visibilityState: 'visible' as DocumentVisibilityState });
    flushOnPageHide(storage, page as unknown as Window, doc as unknown as Document);
    page.dispatchEvent(new Event('pagehide'));
    // The reload: nothing this page queued runs any more, and its connection closes.
    pageGone = true;
    db.close();
    const reopened = new UiStateDatabase(db.name);
    opened.push(reopened);
    await expect.poll(async () => (await reopened.get('dossier-desk-ui'))?.value).toBe(state('zh-CN'));
  });

  it('writes what waits when the document is hidden, not when it is shown', async () => {
    const flushes: string[] = [];
    const page = new EventTarget();
    const doc = Object.assign(new EventTarget(), { visibilityState: 'visible' as DocumentVisibilityState });
    flushOnPageHide({ flushNow: () => flushes.push(doc.visibilityState) }, page as unknown as Window, doc as unknown as Document);
    doc.dispatchEvent(new Event('visibilitychange'));
    doc.visibilityState = 'hidden';
    doc.dispatchEvent(new Event('visibilitychange'));
    expect(flushes).toEqual(['hidden']);
  });

  it('writes each change in the order made: the last write wins even when the first is still opening the database', async () => {
    const db = database();
    const storage = durableStateStorage(() => db);
    for (const tab of ['invoice', 'claims', 'checks']) storage.setItem('dossier-desk-ui', tab);
    storage.flushNow();
    storage.setItem('dossier-desk-ui', 'log');
    storage.flushNow();
    await storage.flushed();
    const reopened = new UiStateDatabase(db.name);
    opened.push(reopened);
    expect((await reopened.get('dossier-desk-ui'))?.value).toBe('log');
  });

  it('asks IndexedDB to commit each write at once, strictly durable: a reload before the page hears of the write does not abort it', async () => {
    const db = database();
    const storage = durableStateStorage(() => db);
    await storage.getItem('dossier-desk-ui');
    const asked: string[] = [];
    const openTransaction = IDBDatabase.prototype.transaction;
    vi.spyOn(IDBDatabase.prototype, 'transaction').mockImplementation(function (this: IDBDatabase, ...args: Parameters<IDBDatabase['transaction']>) {
      if (args[1] === 'readwrite') asked.push(args[2]?.durability ?? 'default');
      return openTransaction.apply(this, args);
    });
    const commit = vi.spyOn(IDBTransaction.prototype, 'commit');
    storage.setItem('dossier-desk-ui', '{"state":{"language":"en"},"version":0}');
    expect(asked).toEqual(['strict']);
    expect(commit).toHaveBeenCalledTimes(1);
    await storage.flushed();
  });
});

describe('a note of its own in the UI state database', () => {
  it('is on disk once its write resolves, for a new connection to read, and gone once its removal resolves', async () => {
    const db = database();
    const note = uiDatabaseNote('import-in-progress', () => db);
    expect(await note.read()).toBeNull();
    await note.write('{"files":3}');
    const reopened = new UiStateDatabase(db.name);
    opened.push(reopened);
    expect(await uiDatabaseNote('import-in-progress', () => reopened).read()).toBe('{"files":3}');
    expect((await reopened.get('dossier-desk-ui'))).toBeUndefined();
    await note.remove();
    expect(await uiDatabaseNote('import-in-progress', () => reopened).read()).toBeNull();
  });
});

// The UI state kept through a crash: an IndexedDB database of its own (strict durability), each write
// committed in order; what earlier versions kept in localStorage is read once when IndexedDB has nothing.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { durableStateStorage, UiStateDatabase } from '../../src-renderer/state/ui-persistence';

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
});

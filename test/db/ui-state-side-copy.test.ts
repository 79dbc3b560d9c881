// The UI state kept in a side file too (state/ui-persistence SideStateCopy, ui-state.json): Chromium
// deletes the origin's whole IndexedDB when it finds it corrupt after a kill, the store of record comes
// back from its mirror, and the reviewer must come back to the same dossier, tab, document, page and
// language with it (#20).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { durableStateStorage, sideStateCopy, UI_STATE_SIDE_FILE, UI_STATE_SIDE_FORMAT, UiStateDatabase, type SideStateFiles } from '../../src-renderer/state/ui-persistence';
import { keptUiState, useUi } from '../../src-renderer/state/ui';
import { memorySideStore } from '../fixtures/memory-side-store';

let counter = 0;
const opened: UiStateDatabase[] = [];
function database(name = `ui-side-test-${counter++}`) {
  const db = new UiStateDatabase(name);
  opened.push(db);
  return db;
}

function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error ?? new Error('not deleted'));
  });
}

afterEach(() => {
  for (const db of opened.splice(0)) db.close();
  vi.restoreAllMocks();
});

const NAME = 'dossier-desk-ui';
const where = (state: Record<string, unknown>) => JSON.stringify({ state, version: 0 });
const AT_PAGE_3 = { language: 'en', activeDossierId: 'd'.repeat(64), activeTab: 'checks', activeFile: '发票/1.pdf', currentPage: 3 };

/** A side store that counts its calls, each write held until `release()` when `hold` is set. */
function countingFiles(hold = false) {
  const files = memorySideStore();
  const writes: string[] = [];
  let reads = 0;
  const open: (() => void)[] = [];
  const counted: SideStateFiles = {
    readSideFile: async (name) => { reads++; return files.readSideFile(name); },
    writeSideFile: async (name, text) => {
      writes.push(text);
      if (hold) await new Promise<void>((resolve) => open.push(resolve));
      return files.writeSideFile(name, text);
    },
    removeSideFile: (name) => files.removeSideFile(name),
  };
  return {
    files, counted, writes, reads: () => reads,
    release() { hold = false; for (const resolve of open.splice(0)) resolve(); },
  };
}

describe('the UI state in the side store', () => {
  it('is written to ui-state.json with each change, in its format', async () => {
    const side = countingFiles();
    const storage = durableStateStorage(() => database(), () => sideStateCopy(() => side.counted));
    storage.setItem(NAME, where(AT_PAGE_3));
    await storage.flushed();
    const kept = JSON.parse(side.files.files.get(UI_STATE_SIDE_FILE)!) as Record<string, unknown>;
    expect(kept).toMatchObject({ format: UI_STATE_SIDE_FORMAT, version: 0, state: AT_PAGE_3 });
    expect(typeof kept.savedAt).toBe('string');
  });

  it('coalesces quick changes: one write at a time, the last value wins, nothing queues behind', async () => {
    const side = countingFiles(true);
    const copy = sideStateCopy(() => side.counted);
    const storage = durableStateStorage(() => database(), () => copy);
    storage.setItem(NAME, where({ currentPage: 1 }));
    await vi.waitFor(() => expect(side.writes).toHaveLength(1));
    for (let page = 2; page <= 200; page++) storage.setItem(NAME, where({ currentPage: page }));
    side.release();
    await storage.flushed();
    // The first write, then the last value: the 198 in between were replaced while they waited.
    expect(side.writes.map((text) => (JSON.parse(text) as { state: { currentPage: number } }).state.currentPage)).toEqual([1, 200]);
    expect(JSON.parse(side.files.files.get(UI_STATE_SIDE_FILE)!)).toMatchObject({ state: { currentPage: 200 } });
  });

  it('is read back when the UI database is empty, and goes back into IndexedDB', async () => {
    const side = countingFiles();
    await durableStateStorage(() => database(), () => sideStateCopy(() => side.counted)).setItem(NAME, where(AT_PAGE_3));
    await vi.waitFor(() => expect(side.files.files.has(UI_STATE_SIDE_FILE)).toBe(true));
    const empty = database();
    const storage = durableStateStorage(() => empty, () => sideStateCopy(() => side.counted));
    expect(JSON.parse((await storage.getItem(NAME))!)).toEqual({ state: AT_PAGE_3, version: 0 });
    await storage.flushed();
    expect(JSON.parse((await empty.get(NAME))!.value)).toEqual({ state: AT_PAGE_3, version: 0 });
  });

  it('is read back when the UI database was deleted with the store, even after a change written at start before the read', async () => {
    const side = countingFiles();
    const name = `ui-side-test-${counter++}`;
    const before = durableStateStorage(() => database(name), () => sideStateCopy(() => side.counted));
    before.setItem(NAME, where(AT_PAGE_3));
    await before.flushed();
    opened.pop()!.close();
    // What Chromium does with an origin's IndexedDB it finds corrupt: deleted whole.
    await deleteDatabase(name);
    const again = database(name);
    const storage = durableStateStorage(() => again, () => sideStateCopy(() => side.counted));
    // The app's first screen changed something before the kept state came back: written with the state of before.
    storage.setItem(NAME, where({ language: 'zh-CN', activeDossierId: null, activeTab: 'invoice', activeFile: null, currentPage: 1 }));
    expect(JSON.parse((await storage.getItem(NAME))!)).toEqual({ state: AT_PAGE_3, version: 0 });
  });

  it('leaves the side file unread when IndexedDB has the state (the fast path)', async () => {
    const side = countingFiles();
    const db = database();
    await durableStateStorage(() => db).setItem(NAME, where({ activeTab: 'log' }));
    await durableStateStorage(() => db).flushed();
    side.files.files.set(UI_STATE_SIDE_FILE, JSON.stringify({ format: UI_STATE_SIDE_FORMAT, version: 0, state: { activeTab: 'claims' } }));
    const reopened = database(db.name);
    const storage = durableStateStorage(() => reopened, () => sideStateCopy(() => side.counted));
    await vi.waitFor(async () => expect(await reopened.count()).toBe(1));
    expect(JSON.parse((await storage.getItem(NAME))!)).toEqual({ state: { activeTab: 'log' }, version: 0 });
    expect(side.reads()).toBe(0);
  });

  it('ignores a side file that is not JSON or not its format, and starts as if there were none', async () => {
    const warnings: string[] = [];
    for (const text of ['{"format":"dossier-desk/ui-state@1","state":{"langu', '[1,2]', '{"format":"dossier-desk/ui-state@9","state":{"language":"en"}}', '{"format":"dossier-desk/ui-state@1","state":"en"}']) {
      const side = countingFiles();
      side.files.files.set(UI_STATE_SIDE_FILE, text);
      const storage = durableStateStorage(() => database(), () => sideStateCopy(() => side.counted, UI_STATE_SIDE_FILE, (message) => warnings.push(message)));
      expect(await storage.getItem(NAME)).toBeNull();
      // The next change replaces it with the app's own.
      storage.setItem(NAME, where({ activeTab: 'score' }));
      await storage.flushed();
      expect(JSON.parse(side.files.files.get(UI_STATE_SIDE_FILE)!)).toMatchObject({ format: UI_STATE_SIDE_FORMAT, state: { activeTab: 'score' } });
    }
    expect(warnings).toHaveLength(4);
    expect(warnings[0]).toBe('ui-state.json: ignored, not JSON');
  });

  it('keeps the fields it does not know (a later version\'s) through a read and every write', async () => {
    const side = countingFiles();
    side.files.files.set(UI_STATE_SIDE_FILE, JSON.stringify({ format: UI_STATE_SIDE_FORMAT, version: 0, layout: { split: 0.4 }, state: { language: 'en', activeTab: 'claims', splitView: true } }));
    const storage = durableStateStorage(() => database(), () => sideStateCopy(() => side.counted));
    expect(JSON.parse((await storage.getItem(NAME))!)).toEqual({ state: { language: 'en', activeTab: 'claims', splitView: true }, version: 0 });
    storage.setItem(NAME, where({ language: 'zh-CN', activeTab: 'log' }));
    await storage.flushed();
    expect(JSON.parse(side.files.files.get(UI_STATE_SIDE_FILE)!)).toMatchObject({ layout: { split: 0.4 }, state: { language: 'zh-CN', activeTab: 'log', splitView: true } });
  });
});

describe('the UI state read back, field by field', () => {
  it('leaves out a kept field it may not hold and anything not kept, and keeps what it does not know', () => {
    const current = useUi.getState();
    expect(keptUiState({ language: 'fr', activeTab: 'checks', currentPage: 0, zoom: 'big', notice: { tone: 'error', text: 'x' }, setTab: 'x', splitView: true }, current))
      .toEqual({ activeTab: 'checks', splitView: true });
    expect(keptUiState({ language: 'en', activeDossierId: 'd', activeFile: null, currentPage: 4, zoomMode: 'custom', zoom: 1.5, thumbnailsOpen: false, reconcileFilter: 'sampled', selectedClaimId: 'R0001' }, current))
      .toEqual({ language: 'en', activeDossierId: 'd', activeFile: null, currentPage: 4, zoomMode: 'custom', zoom: 1.5, thumbnailsOpen: false, reconcileFilter: 'sampled', selectedClaimId: 'R0001' });
    expect(keptUiState('{"language":"en"}', current)).toEqual({});
  });
});

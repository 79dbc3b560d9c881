// The interrupted-import note kept twice (state/interrupted-import `appImportNote`): a row of the UI
// state database (strict durability) and a side file (platform/side-store). Chromium deletes an
// origin's IndexedDB it finds corrupt after a kill: the side file still tells the import; a side store
// that refuses (a browser without the origin private file system) leaves the row to tell it.
import { afterEach, describe, expect, it } from 'vitest';
import type { SideStore } from '../../src-renderer/platform/side-store';
import { importNote, keptInEach, sideFileNote, STALE_AFTER_MS, type ImportNoteClock, type ImportNoteKeeper } from '../../src-renderer/state/interrupted-import';
import { uiDatabaseNote, UiStateDatabase } from '../../src-renderer/state/ui-persistence';
import { memorySideStore } from '../fixtures/memory-side-store';


const unsupported: SideStore = {
  writeSideFile: () => Promise.reject(new Error('side file import-in-progress.json: this browser has no origin private file system')),
  appendSideFile: () => Promise.reject(new Error('unsupported')),
  readSideFile: () => Promise.reject(new Error('unsupported')),
  listSideFiles: () => Promise.reject(new Error('unsupported')),
  removeSideFile: () => Promise.reject(new Error('unsupported')),
  writeSideBytes: () => Promise.reject(new Error('unsupported')),
  readSideBytes: () => Promise.reject(new Error('unsupported')),
};

function clockAt(ms: number): ImportNoteClock {
  return { iso: () => new Date(ms).toISOString(), ms: () => ms, every: () => () => undefined, after: () => new Promise(() => undefined) };
}

let counter = 0;
const opened: UiStateDatabase[] = [];
function database(name = `import-note-${counter++}`) {
  const db = new UiStateDatabase(name);
  opened.push(db);
  return db;
}
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error);
  });
}

const START = Date.UTC(2026, 11, 5, 8, 0);
const FILES = [{ path: 'audit-dossier.zip' }];
const nothingImported = () => Promise.resolve(false);

describe('the interrupted-import note in the UI state database and the side store', () => {
  it('is told after a crash that took the IndexedDB with it, from the side file', async () => {
    const db = database();
    const side = memorySideStore();
    await importNote(keptInEach([uiDatabaseNote('import-in-progress', () => db), sideFileNote(side)]), clockAt(START)).begin(FILES);
    expect(JSON.parse(side.files.get('import-in-progress.json')!)).toMatchObject({ first: 'audit-dossier.zip' });
    db.close();
    await deleteDatabase(db.name);
    const created = database(db.name);
    const note = keptInEach([uiDatabaseNote('import-in-progress', () => created), sideFileNote(side)]);
    expect(await importNote(note, clockAt(START + STALE_AFTER_MS + 1)).takeInterrupted(nothingImported)).toMatchObject({ files: 1, first: 'audit-dossier.zip' });
    expect(side.files.size).toBe(0);
  });

  it('is kept and told from the database where the side store refuses, and taken out of both at the end', async () => {
    const db = database();
    const note = keptInEach([uiDatabaseNote('import-in-progress', () => db), sideFileNote(unsupported)]);
    await importNote(note, clockAt(START)).begin(FILES);
    expect(await importNote(note, clockAt(START + STALE_AFTER_MS + 1)).takeInterrupted(nothingImported)).toMatchObject({ first: 'audit-dossier.zip' });
    const side = memorySideStore();
    const both = keptInEach([uiDatabaseNote('import-in-progress', () => db), sideFileNote(side)]);
    const ended = await importNote(both, clockAt(START)).begin(FILES);
    await ended();
    expect(await db.get('import-in-progress')).toBeUndefined();
    expect(side.files.size).toBe(0);
  });

  it('answers the most recently refreshed note of the two, and fails only when every keeper fails', async () => {
    const older = JSON.stringify({ startedAt: 'a', beatAt: 1, files: 1, first: 'old.zip' });
    const newer = JSON.stringify({ startedAt: 'b', beatAt: 2, files: 1, first: 'new.zip' });
    const fixed = (text: string): ImportNoteKeeper => ({ read: async () => text, write: async () => undefined, remove: async () => undefined });
    expect(await keptInEach([fixed(older), fixed(newer)]).read()).toBe(newer);
    expect(await keptInEach([fixed(newer), fixed(older)]).read()).toBe(newer);
    await expect(keptInEach([sideFileNote(unsupported)]).write('x')).rejects.toThrow('origin private file system');
  });
});

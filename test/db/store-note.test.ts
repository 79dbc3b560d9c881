// The note that tells a store the browser deleted from a first start (db/store-continuity) is a side
// file, written through before the store is used: kept in localStorage, which Chromium writes to disk
// seconds later, it was lost with a SIGKILL right after the first start, and the next start took the
// store Chromium then deleted for a first start, without a word (#20).
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { DossierStore } from '../../src-renderer/db';
import { checkStoreContinuity, sideFileStoreNote, STORE_NOTE_FILE, type StoreNoteKeeper } from '../../src-renderer/db/store-continuity';
import { memorySideStore } from '../fixtures/memory-side-store';
import { testHasher } from '../core/import/hasher';

let counter = 0;
let clockNow = '2026-12-01T09:00:00+08:00';
const clock = { now: () => clockNow };
const opened: DossierStore[] = [];

function openStore(name: string, continuity: StoreNoteKeeper): Promise<DossierStore> {
  const store = new DossierStore({ hasher: testHasher, clock, name, storage: {}, continuity });
  opened.push(store);
  return store.open();
}

/** A localStorage of a profile: what it holds is in `items`. */
function webStorage(items: Record<string, string> = {}) {
  const kept = new Map(Object.entries(items));
  return { kept, getItem: (key: string) => kept.get(key) ?? null, removeItem: (key: string) => { kept.delete(key); } };
}

afterEach(() => {
  for (const store of opened.splice(0)) store.close();
});

describe('the store-created note in the side store', () => {
  it('is in the side file once the store has opened, and tells the store lost at the next start with no localStorage at all', async () => {
    const files = memorySideStore();
    const name = `side-note-${counter++}`;
    clockNow = '2026-12-01T09:00:00+08:00';
    await openStore(name, sideFileStoreNote(() => files));
    // The first start, killed at once: nothing but the side file is left of it.
    expect(files.files.get(STORE_NOTE_FILE)).toBe('2026-12-01T09:00:00+08:00');
    opened.pop()!.close();
    await Dexie.delete(name);
    clockNow = '2026-12-01T09:01:00+08:00';
    const lost = await openStore(name, sideFileStoreNote(() => files, { legacy: () => webStorage(), legacyKey: 'dossier-desk.store-created' }));
    expect(lost.lostStore).toEqual({ previousCreatedAt: '2026-12-01T09:00:00+08:00' });
    expect(files.files.get(STORE_NOTE_FILE)).toBe('2026-12-01T09:01:00+08:00');
  });

  it('is written before the open resolves: a slow side store is waited for', async () => {
    const files = memorySideStore();
    const slow = { ...files, writeSideFile: async (file: string, text: string) => { await new Promise((resolve) => setTimeout(resolve, 30)); return files.writeSideFile(file, text); } };
    await openStore(`side-note-${counter++}`, sideFileStoreNote(() => slow));
    expect(files.files.get(STORE_NOTE_FILE)).toBeDefined();
  });

  it('carries over, once, the note an earlier version kept in localStorage', async () => {
    const files = memorySideStore();
    const name = `side-note-${counter++}`;
    // An earlier version made the store and noted it in localStorage.
    (await new DossierStore({ hasher: testHasher, clock, name, storage: {} }).open()).close();
    const legacy = webStorage({ 'dossier-desk.store-created': '2026-11-20T08:00:00+08:00' });
    const keeper = () => sideFileStoreNote(() => files, { legacy: () => legacy, legacyKey: 'dossier-desk.store-created' });
    clockNow = '2026-12-02T09:00:00+08:00';
    expect((await openStore(name, keeper())).lostStore).toBeNull();
    expect(files.files.get(STORE_NOTE_FILE)).toBe('2026-11-20T08:00:00+08:00');
    expect(legacy.kept.size).toBe(0);
    opened.pop()!.close();
    await Dexie.delete(name);
    expect((await openStore(name, keeper())).lostStore).toEqual({ previousCreatedAt: '2026-11-20T08:00:00+08:00' });
  });

  it('keeps the localStorage note where the side file cannot be written, and answers nothing', async () => {
    const files = memorySideStore();
    const broken = { ...files, writeSideFile: () => Promise.reject(new Error('side file store-created.txt: no origin private file system')) };
    const legacy = webStorage({ 'dossier-desk.store-created': '2026-11-20T08:00:00+08:00' });
    const name = `side-note-${counter++}`;
    const store = await openStore(name, sideFileStoreNote(() => broken, { legacy: () => legacy, legacyKey: 'dossier-desk.store-created' }));
    expect(store.lostStore).toBeNull();
    expect(legacy.kept.get('dossier-desk.store-created')).toBe('2026-11-20T08:00:00+08:00');
  });

  it('lets the store open when the side store never answers', async () => {
    const silent: StoreNoteKeeper = { read: () => new Promise<never>(() => undefined), write: async () => undefined };
    const started = Date.now();
    expect(await checkStoreContinuity(true, silent, '2026-12-01T09:00:00+08:00', 50)).toBeNull();
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});

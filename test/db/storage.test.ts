import { describe, expect, it } from 'vitest';
import { DossierStore, ensureSpaceFor, estimateSpace, isQuotaError, requestPersistentStorage, StorageFullError } from '../../src-renderer/db';
import { checkImportSpace, LARGE_IMPORT_BYTES, measureSelection, storedSize } from '../../src-renderer/db/storage';
import { testHasher } from '../core/import/hasher';

describe('storage', () => {
  it('asks for persistence once and reports the estimate', async () => {
    let asked = 0;
    const storage = { persisted: async () => false, persist: async () => { asked++; return true; }, estimate: async () => ({ usage: 300, quota: 1000 }) };
    expect(await requestPersistentStorage(storage)).toBe(true);
    expect(asked).toBe(1);
    expect(await requestPersistentStorage({ persisted: async () => true, persist: async () => { asked++; return true; } })).toBe(true);
    expect(asked).toBe(1);
    expect(await requestPersistentStorage({})).toBe(false);
    expect(await estimateSpace(storage)).toEqual({ usage: 300, quota: 1000, available: 700 });
    expect(await estimateSpace({})).toBeNull();
  });

  it('the store asks for persistence when it opens and gives the estimate', async () => {
    const storage = { persisted: async () => false, persist: async () => true, estimate: async () => ({ usage: 5, quota: 50 }) };
    const store = await new DossierStore({ hasher: testHasher, clock: { now: () => '2024-10-20T10:00:00+08:00' }, name: 'storage-open', storage }).open();
    expect(store.persisted).toBe(true);
    expect(await store.spaceEstimate()).toEqual({ usage: 5, quota: 50, available: 45 });
    store.close();
  });

  it('refuses before writing when the bytes will not fit', async () => {
    const storage = { estimate: async () => ({ usage: 0, quota: 1000 }) };
    await expect(ensureSpaceFor(600, 'x', storage)).resolves.toBeUndefined();
    const error = await ensureSpaceFor(950, 'the dossier', storage).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StorageFullError);
    expect((error as Error).message).toContain('needs about 1 KB and 1000 B is free; nothing was written');
  });

  it('recognises quota errors, also wrapped by Dexie', () => {
    expect(isQuotaError(new DOMException('full', 'QuotaExceededError'))).toBe(true);
    expect(isQuotaError({ name: 'AbortError', inner: { name: 'QuotaExceededError' } })).toBe(true);
    expect(isQuotaError(new Error('other'))).toBe(false);
  });

  it('measures what was selected: read files only, archives counted', () => {
    expect(measureSelection([
      { path: 'a.pdf', bytes: new Uint8Array(1000) },
      { path: 'd/b.ZIP', bytes: new Uint8Array(500) },
      { path: 'huge.pdf', size: 5e9, unread: 'too-large' },
    ])).toEqual({ files: 2, bytes: 1500, archives: 1 });
  });

  describe('before an import', () => {
    const MB = 1024 * 1024;
    const selection = (bytes: number) => ({ files: 3, bytes, archives: 0 });
    const estimate = (usage: number, quota: number) => ({ usage, quota, available: quota - usage });

    it('goes ahead without asking when the import is small and fits easily', () => {
      const check = checkImportSpace(selection(10 * MB), estimate(100 * MB, 10_000 * MB), true);
      expect(check).toMatchObject({ fits: true, askBecause: null, neededBytes: storedSize(10 * MB), persisted: true });
    });

    it('asks before a large import, even with room to spare, and from exactly the threshold', () => {
      expect(checkImportSpace(selection(LARGE_IMPORT_BYTES - 1), estimate(0, 100_000 * MB), false).askBecause).toBeNull();
      expect(checkImportSpace(selection(LARGE_IMPORT_BYTES), estimate(0, 100_000 * MB), false)).toMatchObject({ fits: true, askBecause: 'large' });
      expect(checkImportSpace(selection(LARGE_IMPORT_BYTES), null, false)).toMatchObject({ fits: null, askBecause: 'large', estimate: null });
    });

    it('asks when the import would take more than half of the free space', () => {
      // 40 MB with overhead is 44 MB: more than half of 80 MB free, not of 90 MB.
      expect(checkImportSpace(selection(40 * MB), estimate(20 * MB, 100 * MB), false)).toMatchObject({ fits: true, askBecause: 'share-of-free' });
      expect(checkImportSpace(selection(40 * MB), estimate(10 * MB, 100 * MB), false).askBecause).toBeNull();
    });

    it('says when it will not fit, counting the store overhead', () => {
      const check = checkImportSpace(selection(95 * MB), estimate(0, 100 * MB), false);
      expect(check).toMatchObject({ fits: false, askBecause: 'will-not-fit', neededBytes: storedSize(95 * MB) });
      expect(check.neededBytes).toBeGreaterThan(100 * MB);
    });

    it('does not guess without an estimate (or a zero quota) for a small import', () => {
      expect(checkImportSpace(selection(10 * MB), null, false)).toMatchObject({ fits: null, askBecause: null });
      expect(checkImportSpace(selection(10 * MB), estimate(0, 0), false)).toMatchObject({ fits: null, askBecause: null, estimate: null });
    });
  });
});

import { describe, expect, it } from 'vitest';
import { DossierStore, ensureSpaceFor, estimateSpace, isQuotaError, requestPersistentStorage, StorageFullError } from '../../src-renderer/db';
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
});

// The reviewer's profile kept outside IndexedDB (state/mirror): a store the browser deleted takes it
// back at start-up; a store that names a reviewer keeps its own; a file that is not a profile is refused.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DossierStore } from '../../src-renderer/db';
import { REVIEWER_PROFILE_FILE, mirrorReviewerProfile, restoreReviewerProfile } from '../../src-renderer/state/mirror';
import { REVIEWER_ID } from '../../src-renderer/state/store';
import { memorySideStore } from '../fixtures/memory-side-store';
import { testHasher } from '../core/import/hasher';

const clock = { now: () => '2024-10-20T10:00:00+08:00' };
let counter = 0;
const stores: DossierStore[] = [];
async function openStore(): Promise<DossierStore> {
  const store = await new DossierStore({ hasher: testHasher, clock, name: `reviewer-mirror-test-${counter++}`, storage: {} }).open();
  stores.push(store);
  return store;
}
afterEach(() => {
  for (const store of stores.splice(0)) store.close();
});

const profile = {
  id: REVIEWER_ID, name: '周审计', role: 'auditor', organisation: '深圳市某会计师事务所',
  relations: [{ name: '深圳市甲公司', relation: 'client' as const, from: '2022-01-01' }], updatedAt: '2024-10-20T02:00:00.000Z',
};

describe("the reviewer's profile outside the store", () => {
  it('is kept on save and put back into a store that lost it', async () => {
    const files = memorySideStore();
    await mirrorReviewerProfile(profile, files);
    expect(JSON.parse(files.files.get(REVIEWER_PROFILE_FILE)!)).toEqual(profile);
    const store = await openStore();
    expect((await store.reviewerProfile(REVIEWER_ID)).name).toBe('');
    expect(await restoreReviewerProfile(store, files)).toBe(true);
    expect(await store.reviewerProfile(REVIEWER_ID)).toEqual(profile);
  });

  it('never replaces a reviewer the store names', async () => {
    const files = memorySideStore();
    await mirrorReviewerProfile(profile, files);
    const store = await openStore();
    const own = { ...profile, name: '李专家', relations: [] };
    await store.saveReviewerProfile(own);
    expect(await restoreReviewerProfile(store, files)).toBe(false);
    expect((await store.reviewerProfile(REVIEWER_ID)).name).toBe('李专家');
  });

  it('refuses a file that is not a named profile, and a side store that cannot be written is told, not thrown', async () => {
    const files = memorySideStore();
    files.files.set(REVIEWER_PROFILE_FILE, JSON.stringify({ id: REVIEWER_ID, name: 42 }));
    const store = await openStore();
    await expect(restoreReviewerProfile(store, files)).rejects.toThrow('not a reviewer profile');
    expect((await store.reviewerProfile(REVIEWER_ID)).name).toBe('');
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    await mirrorReviewerProfile(profile, { ...files, writeSideFile: () => Promise.reject(new Error('no origin private file system')) });
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('reviewer-profile.json'));
    warn.mockRestore();
  });
});

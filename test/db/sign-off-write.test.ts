// Nothing shown as done before it is stored: the sign-off and the reviewer it records are ONE stored
// write (one transaction, an audit entry each), and the screen shows the review as signed only once
// the store holds it ("signing" until then, with the page held: edits unstored). A reload in that
// moment finds the review unsigned, as the screen said, never a signature that was shown and lost.
import { afterAll, describe, expect, it, vi } from 'vitest';
import { changesOf, reduceEdit } from '../../src-renderer/core/review/edits';
import { editsUnstored } from '../../src-renderer/state/leave-guard';
import { stopWatchingReview, useReviewWrites } from '../../src-renderer/state/review-sync';
import '../../src-renderer/state/reviewer';
import { useReviewerProfile, type ReviewerProfile } from '../../src-renderer/state/reviewer-profile';
import { loadDossier } from '../../src-renderer/state/session';
import { getStore, REVIEWER_ID } from '../../src-renderer/state/store';
import { useUi } from '../../src-renderer/state/ui';
import { isLocked, useWorkspace } from '../../src-renderer/state/workspace';
import { importSampleDossier, sampleManifest } from './app/sample';

vi.mock('../../src-renderer/state/profiles', () => import('./app/profiles-on-disk'));
vi.mock('../../src-renderer/platform/extract-client', () => import('./app/no-extraction-worker'));

afterAll(() => stopWatchingReview());

const profile: ReviewerProfile = {
  name: '周审计', role: 'auditor', organisation: '深圳市审计事务所',
  relations: [{ name: '深圳市某咨询有限公司', relation: 'client', from: '2022-01', to: '2023-12' }],
};

async function openNamed(applicantName: string): Promise<string> {
  const { row } = await importSampleDossier({ applicant: { ...sampleManifest.applicant, name: applicantName }, claims: [sampleManifest.claims[0]!] });
  await (await getStore()).saveReviewerProfile({ id: REVIEWER_ID, ...profile, updatedAt: '2024-10-20T02:00:00Z' });
  useReviewerProfile.setState({ profile, dialog: null });
  await loadDossier(row.id);
  return row.id;
}

describe('the sign-off is stored before it is shown', () => {
  it('records the reviewer, the declared relations and the signature in one write, in that order', async () => {
    const id = await openNamed('深圳市签署甲有限公司');
    const store = await getStore();
    const written = store.recordReviewChanges.bind(store);
    const writes: string[][] = [];
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const spy = vi.spyOn(store, 'recordReviewChanges').mockImplementation(async (...args) => {
      writes.push(args[2].map((change) => change.action));
      await held;
      return written(...args);
    });
    const workspace = () => useWorkspace.getState();

    const signing = workspace().edit({ type: 'sign-off', signedAt: '2024-10-20T10:00:00+08:00' });
    await vi.waitFor(() => expect(writes).toHaveLength(1));
    // Being stored: not shown as signed, shown as signing, and the page is held.
    expect(workspace().signing).toBe(true);
    expect(isLocked(workspace().open!.review)).toBe(false);
    expect(editsUnstored()).toBe(true);
    expect(useReviewWrites.getState().queued).toBe(1);
    // Nothing else is changed meanwhile: it would be refused by the signed review.
    expect(await workspace().edit({ type: 'opinion', text: '补充意见' })).toBe(false);
    expect(useUi.getState().notice).toMatchObject({ tone: 'error', code: 'review.signing' });
    expect((await store.review(id, REVIEWER_ID)).decision.signedAt).toBeUndefined();

    release();
    expect(await signing).toBe(true);
    spy.mockRestore();
    expect(writes).toEqual([['review.reviewer', 'review.conflict-of-interest', 'review.sign-off']]);
    expect(workspace().signing).toBe(false);
    expect(isLocked(workspace().open!.review)).toBe(true);
    expect(editsUnstored()).toBe(false);
    const stored = await store.review(id, REVIEWER_ID);
    expect(stored.decision.signedAt).toBe('2024-10-20T10:00:00+08:00');
    expect(stored.reviewer).toMatchObject({ name: '周审计', organisation: '深圳市审计事务所' });
    expect(stored.conflictOfInterest.relations).toEqual(profile.relations);
    const log = await store.auditLog(id);
    expect(log.slice(-3).map((entry) => [entry.seq, entry.action])).toEqual([[2, 'review.reviewer'], [3, 'review.conflict-of-interest'], [4, 'review.sign-off']]);
    expect((await store.getDossier(id))!.auditHead).toEqual({ seq: 4, hash: log.at(-1)!.hash });
    expect((await store.checkIntegrity(id)).ok).toBe(true);
  });

  it('a sign-off the store refuses leaves the screen unsigned and nothing of it stored, not even the reviewer', async () => {
    const id = await openNamed('深圳市签署乙有限公司');
    const store = await getStore();
    const review = useWorkspace.getState().open!.review;
    const effect = reduceEdit(review, { type: 'sign-off', signedAt: '2024-10-20T10:00:00+08:00', reviewer: { name: '周审计' } }, { dossierId: id, reviewerId: REVIEWER_ID });
    // The sign-off's write with a change the store cannot make: all of it is refused.
    const changes = [...changesOf(effect), { action: 'cut.remove' as const, target: 'cut:R9999', after: null }];
    await expect(store.recordReviewChanges(id, REVIEWER_ID, changes, '周审计')).rejects.toThrow(/cut R9999 is not in dossier/);
    expect((await store.auditLog(id)).map((entry) => entry.action)).toEqual(['dossier.import']);
    expect((await store.review(id, REVIEWER_ID)).reviewer.name).not.toBe('周审计');

    const spy = vi.spyOn(store, 'recordReviewChanges').mockRejectedValueOnce(new Error('the disk is full'));
    expect(await useWorkspace.getState().edit({ type: 'sign-off', signedAt: '2024-10-20T10:00:00+08:00' })).toBe(false);
    spy.mockRestore();
    expect(useWorkspace.getState().signing).toBe(false);
    expect(isLocked(useWorkspace.getState().open!.review)).toBe(false);
    expect(useWorkspace.getState().error).toBe('the disk is full');
    expect((await store.review(id, REVIEWER_ID)).decision.signedAt).toBeUndefined();
  });
});

// The dossier list (state/dossier-list.ts) from the store: each dossier's verdict and score are those
// its stored review gets from the check, signed dossiers say so, and a dossier whose program has no
// profile is listed without a verdict.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { evaluateDossier } from '../../src-renderer/core/engine';
import { readStoredReview } from '../../src-renderer/db/review-rows';
import { noteStanding, refreshDossiers } from '../../src-renderer/state/dossier-list';
import { getStore } from '../../src-renderer/state/store';
import { useWorkspace } from '../../src-renderer/state/workspace';
import { loadProfile } from './app/profiles-on-disk';
import { importSampleDossier, sampleManifest } from './app/sample';

vi.mock('../../src-renderer/state/profiles', () => import('./app/profiles-on-disk'));

const claim = sampleManifest.claims[0]!;
const cut = (amount: string) => ({ claimId: claim.id, amount, reason: 'other' as const });
const summaryOf = (id: string) => useWorkspace.getState().dossiers.find((dossier) => dossier.id === id);

describe('the dossier list', () => {
  it('shows the verdict and score the check gives each stored review, and which are signed', async () => {
    const store = await getStore();
    const { row: passing } = await importSampleDossier({ applicant: { ...sampleManifest.applicant, name: '深圳市甲数字服务有限公司' }, claims: [claim] });
    const { row: failing } = await importSampleDossier({ applicant: { ...sampleManifest.applicant, name: '深圳市乙数字服务有限公司' }, claims: [claim] });
    await store.setCut(failing.id, 'local', claim.id, cut(claim.amount), '审查员');
    await store.setScore(passing.id, 'local', 'basic.revenue', '8', '审查员');
    await store.setScore(passing.id, 'local', 'basic.honours', '6.5', '审查员');
    await store.signOff(failing.id, 'local', '2024-10-20T10:00:00+08:00', '审查员');

    await refreshDossiers();
    expect(summaryOf(passing.id)).toEqual({ id: passing.id, program: 'shenzhen-2024-dsp', applicant: '深圳市甲数字服务有限公司', status: 'in-review', verdict: 'pass', score: '14.50' });
    expect(summaryOf(failing.id)).toMatchObject({ status: 'signed', verdict: 'fail', score: null });
    for (const row of [passing, failing]) {
      const report = evaluateDossier({ profile: await loadProfile(row.program), manifest: row.manifest, review: await readStoredReview(store, row, 'local') });
      expect(summaryOf(row.id)).toMatchObject({ verdict: report.verdict, score: report.score?.total ?? null });
    }
  });

  it('lists a dossier of a program without a profile here without a verdict', async () => {
    const { row } = await importSampleDossier({ applicant: { ...sampleManifest.applicant, name: '深圳市丙数字服务有限公司' }, claims: [claim] });
    await (await getStore()).db.dossiers.update(row.id, { program: 'no-such-program' });
    await refreshDossiers();
    expect(summaryOf(row.id)).toMatchObject({ program: 'no-such-program', status: 'in-review', verdict: null, score: null });
  });
  describe('reads only the summaries while they are current', () => {
    afterEach(() => vi.restoreAllMocks());
    /** The dossiers read whole, but the one of a program without a profile (the engine gives it no standing to keep). */
    const readOf = (read: { mock: { calls: unknown[][] } }) => read.mock.calls.map(([id]) => id).filter((id) => summaryOf(id as string)?.program !== 'no-such-program');

    it('reads no dossier row nor review for a summary of the stored review, and reads one again after an edit', async () => {
      const store = await getStore();
      const { row } = await importSampleDossier({ applicant: { ...sampleManifest.applicant, name: '深圳市丁数字服务有限公司' }, claims: [claim] });
      await refreshDossiers();
      expect(summaryOf(row.id)).toMatchObject({ verdict: 'pass', status: 'in-review' });
      const listed = vi.spyOn(store, 'listDossiers');
      const read = vi.spyOn(store, 'getDossier');
      await refreshDossiers();
      expect(listed).not.toHaveBeenCalled();
      // (A dossier the engine gives no standing, the one of a program without a profile above, is read each time.)
      expect(readOf(read)).toEqual([]);
      expect(summaryOf(row.id)).toMatchObject({ verdict: 'pass', status: 'in-review' });
      // An edit moves the chain's head: that dossier's standing is computed again, and only that one's.
      await store.setCut(row.id, 'local', claim.id, cut(claim.amount), '审查员');
      await refreshDossiers();
      expect(readOf(read)).toEqual([row.id]);
      expect(summaryOf(row.id)).toMatchObject({ verdict: 'fail' });
    });

    it('at start-up lists a dossier whose review changed without its verdict, computed once the dossier is shown', async () => {
      const store = await getStore();
      const { row } = await importSampleDossier({ applicant: { ...sampleManifest.applicant, name: '深圳市戊数字服务有限公司' }, claims: [claim] });
      await refreshDossiers();
      await store.setCut(row.id, 'local', claim.id, cut(claim.amount), '审查员');
      const read = vi.spyOn(store, 'getDossier');
      let shown!: () => void;
      await refreshDossiers({ staleAfter: new Promise<void>((resolve) => { shown = resolve; }) });
      expect(summaryOf(row.id)).toMatchObject({ applicant: '深圳市戊数字服务有限公司', verdict: null, score: null });
      expect(readOf(read)).toEqual([]);
      shown();
      await vi.waitFor(() => expect(summaryOf(row.id)).toMatchObject({ verdict: 'fail' }));
      expect(readOf(read)).toEqual([row.id]);
    });

    it('keeps the standing of a dossier opened (its row and review already read) for the next listing', async () => {
      const store = await getStore();
      const { row } = await importSampleDossier({ applicant: { ...sampleManifest.applicant, name: '深圳市己数字服务有限公司' }, claims: [claim] });
      await refreshDossiers();
      await store.setCut(row.id, 'local', claim.id, cut(claim.amount), '审查员');
      const stored = (await store.getDossier(row.id))!;
      await noteStanding(stored, await readStoredReview(store, stored, 'local'));
      expect(summaryOf(row.id)).toMatchObject({ verdict: 'fail' });
      const read = vi.spyOn(store, 'getDossier');
      await refreshDossiers({ staleAfter: Promise.resolve() });
      expect(summaryOf(row.id)).toMatchObject({ verdict: 'fail' });
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(readOf(read)).toEqual([]);
    });
  });
});

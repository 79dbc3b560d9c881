// The dossier list (state/dossier-list.ts) from the store: each dossier's verdict and score are those
// its stored review gets from the check, signed dossiers say so, and a dossier whose program has no
// profile is listed without a verdict.
import { describe, expect, it, vi } from 'vitest';
import { evaluateDossier } from '../../src-renderer/core/engine';
import { readStoredReview } from '../../src-renderer/db/review-rows';
import { refreshDossiers } from '../../src-renderer/state/dossier-list';
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
});

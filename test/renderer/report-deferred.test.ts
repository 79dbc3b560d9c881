// state/report.ts on a large declared list: a change of the cuts alone moves the standing (gauge,
// totals, verdict) at once and is evaluated after the next paint, the report said not current until
// then; the review coming back from the store with the same content is not evaluated again; any other
// change, and readings, are evaluated at once.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ReviewFile } from '../../src-renderer/core/types';
import { largeDossier } from './large-dossier';

const evaluations = vi.hoisted(() => ({ count: 0 }));
vi.mock('../../src-renderer/core/engine', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src-renderer/core/engine')>();
  return { ...original, evaluateDossier: (...args: Parameters<typeof original.evaluateDossier>) => { evaluations.count++; return original.evaluateDossier(...args); } };
});

const { startEvaluation, LARGE_DOSSIER_ROWS } = await import('../../src-renderer/state/report');
const { useWorkspace } = await import('../../src-renderer/state/workspace');
const { cutStandingOf } = await import('../../src-renderer/state/cut-standing');
const { usePrereviewReadings } = await import('../../src-renderer/state/prereview');

const ROWS = LARGE_DOSSIER_ROWS + 20;
const { profileJson, manifest, review, claimedFen: CLAIMED_FEN } = largeDossier(ROWS);

const state = () => useWorkspace.getState();
const cutOn = (claimId: string, amount: string) => state().edit({ type: 'cut', claimId, cut: { claimId, amount, reason: 'other' } });

beforeEach(async () => {
  vi.stubGlobal('fetch', async () => ({ ok: true, status: 200, json: async () => profileJson }));
  state().load({ id: 'large', manifest, documents: [], review }, { reviewerId: 'local', write: async () => undefined });
  await startEvaluation('large', 'shenzhen-2024-dsp', [], () => undefined);
  evaluations.count = 0;
});
afterEach(() => {
  vi.unstubAllGlobals();
});

describe('a cut on a large declared list', () => {
  it('moves the standing at once, says the report is not current, and evaluates after the paint', async () => {
    expect(state().report!.claimedFen).toBe(CLAIMED_FEN);
    const stored = cutOn('L0519', '1000.00');
    // Applied in the same call: the standing already counts the cut, the report not yet.
    const standing = cutStandingOf(manifest, state().open!.review, state().report!.threshold);
    expect(standing.cutFen).toBe(100_000);
    expect(standing.claimedFen).toBe(CLAIMED_FEN);
    expect(standing.cutRatio).toBe('0.0002');
    expect(evaluations.count).toBe(0);
    expect(state().reportCurrent).toBe(false);
    expect(state().report!.cutFen).toBe(0);
    await stored;
    await vi.waitFor(() => expect(state().reportCurrent).toBe(true));
    expect(evaluations.count).toBe(1);
    expect(state().report!.cutFen).toBe(100_000);
  });

  it('evaluates cuts made in quick succession once, with all of them', async () => {
    await Promise.all([cutOn('L0001', '100.00'), cutOn('L0002', '200.00'), cutOn('L0003', '300.00')]);
    await vi.waitFor(() => expect(state().reportCurrent).toBe(true));
    expect(evaluations.count).toBe(1);
    expect(state().report!.cutFen).toBe(60_000);
  });

  it('keeps the report when the review comes back from the store with the same content and a longer audit log', async () => {
    await cutOn('L0001', '100.00');
    await vi.waitFor(() => expect(state().reportCurrent).toBe(true));
    evaluations.count = 0;
    const report = state().report;
    const stored = structuredClone(state().open!.review);
    stored.auditLog = [...stored.auditLog, { seq: 1 } as ReviewFile['auditLog'][number]];
    state().apply(stored);
    expect(evaluations.count).toBe(0);
    expect(state().report).toBe(report);
    expect(state().reportCurrent).toBe(true);
  });

  it('evaluates at once a change that is not of the cuts alone, and readings that arrive while a cut waits', async () => {
    await state().edit({ type: 'finding', findingId: 'some-finding', status: 'dismissed', note: '' });
    expect(evaluations.count).toBe(1);
    expect(state().reportCurrent).toBe(true);
    usePrereviewReadings.getState().reset('large');
    evaluations.count = 1;
    void cutOn('L0004', '400.00');
    expect(state().reportCurrent).toBe(false);
    usePrereviewReadings.getState().addReadings('large', [{ file: 'x.xml', type: 'xml', size: 1, pageCount: 1, pages: [], table: null, error: null }]);
    expect(evaluations.count).toBe(2);
    expect(state().reportCurrent).toBe(true);
    expect(state().report!.cutFen).toBe(40_000);
  });
});

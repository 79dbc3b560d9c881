// The audit sample in the Reconcile tab: the dialog's fields as the core's request, the plan it
// records (one sample edit through the workspace, the same plan the core draws for the same
// request), the sampled rows marked and filtered, and the projection beside the gauge moving with
// a cut on a sampled row.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { ReviewEdit } from '../../src-renderer/core/review/edits';
import { declaredPopulation, drawSample, projectReviewSample } from '../../src-renderer/core/sampling';
import type { CheckReport, ReconciledRow, ReviewFile } from '../../src-renderer/core/types';
import { webCryptoHasher } from '../../src-renderer/platform/hasher';
import { useUi } from '../../src-renderer/state/ui';
import { useWorkspace, type OpenDossier } from '../../src-renderer/state/workspace';
import { ReconcilePanel } from '../../src-renderer/ui/reconcile/ReconcilePanel';
import { formOfPlan, initialSampleForm, sampleCommandLine, sampleRequestOf } from '../../src-renderer/ui/reconcile/sampling/sample-form';
import { rowMatches } from '../../src-renderer/ui/reconcile/view';

const ROWS = 120;
const claims = Array.from({ length: ROWS }, (_, index) => {
  const fen = index % 40 === 7 ? 40_000_000 : 100_000 + ((index * 7919) % 2_000_000);
  return { id: `R${String(index + 1).padStart(3, '0')}`, amount: `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`, counterparty: `客户${index + 1}` };
});

function row(claimId: string, declaredFen: number): ReconciledRow {
  return { claimId, declaredFen, supportedFen: declaredFen, counterparty: { name: '', creditCode: null, eligible: null }, reviewerLinked: [], invoices: [], contracts: [], payments: [], proposals: [] } as unknown as ReconciledRow;
}

describe('the draw-a-sample form', () => {
  it('gives the core request, or the first problem, and the command line drawing the same sample', () => {
    const form = initialSampleForm('00417263');
    expect(sampleRequestOf(form)).toEqual({ request: { method: 'mus', seed: '00417263', confidence: '0.95', tolerable: '0.05', expected: '0.01' } });
    expect(sampleRequestOf({ ...form, sizing: 'given', size: '40', keyItems: '30,000' })).toEqual({ request: { method: 'mus', seed: '00417263', confidence: '0.95', size: 40, keyItemFen: 3_000_000 } });
    expect(sampleRequestOf({ ...form, seed: ' ' })).toEqual({ problem: { key: 'sample.error.seed' } });
    expect(sampleRequestOf({ ...form, sizing: 'given', size: '0' })).toEqual({ problem: { key: 'sample.error.size' } });
    expect(sampleRequestOf({ ...form, tolerable: '5%' })).toEqual({ problem: { key: 'sample.error.rate', params: { what: 'tolerable' } } });
    expect(sampleRequestOf({ ...form, keyItems: '-3' })).toEqual({ problem: { key: 'sample.error.keyItems' } });
    expect(sampleCommandLine({ method: 'random', seed: "审计 o'k", size: 25, keyItemFen: 50_000_005 })).toBe(`dossier-desk sample DOSSIER --method random --seed '审计 o'\\''k' --size 25 --key-items 500000.05`);
  });

  it('draws again from a plan with its parameters (a MUS plan\'s key-item amount is the method\'s own)', async () => {
    const population = declaredPopulation({ schema: 'dossier-desk/dossier@1', program: 'p', applicant: { name: 'a', category: 'comprehensive' }, documents: [], claims } as never);
    const plan = await drawSample(population, { method: 'mus', seed: 's', confidence: '0.90', tolerable: '0.1', expected: '0.02' }, webCryptoHasher);
    expect(formOfPlan(plan, String)).toMatchObject({ method: 'mus', sizing: 'computed', confidence: '0.90', tolerable: '0.1', expected: '0.02', seed: 's', keyItems: '' });
    const random = await drawSample(population, { method: 'random', seed: 't', size: 9, keyItemFen: 30_000_000 }, webCryptoHasher);
    expect(formOfPlan(random, String)).toMatchObject({ method: 'random', sizing: 'given', size: '9', seed: 't', keyItems: '30000000' });
  });
});

describe('sampling in the reconciliation panel', () => {
  const review: ReviewFile = { schema: 'dossier-desk/review@1', program: 'shenzhen-2024-dsp', reviewer: { name: '王审', role: 'auditor' }, cuts: [], scores: {}, fields: [], findings: [], checklists: {}, auditLog: [] };
  const dossier: OpenDossier = {
    id: 'd1', review, documents: [],
    manifest: { schema: 'dossier-desk/dossier@1', program: 'shenzhen-2024-dsp', applicant: { name: '深圳市示例有限公司', category: 'comprehensive' }, documents: [], claims },
  };
  const population = declaredPopulation(dossier.manifest);
  const claimedFen = population.reduce((total, entry) => total + entry.amountFen, 0);
  const report = {
    program: 'shenzhen-2024-dsp', profileVersion: '2024.1', claimedFen, cutFen: 0, approvedFen: claimedFen, cutRatio: '0.0000', threshold: '0.20', verdict: 'pass',
    headroomFen: 0, subsidy: null, score: null, findings: [], reconciliation: population.map((entry) => row(entry.claimId, entry.amountFen)), proposedCutFen: 0, verdictIfAccepted: 'pass',
  } as unknown as CheckReport;
  let written: ReviewEdit[];

  beforeEach(() => {
    written = [];
    useUi.setState({ activeTab: 'reconcile', selectedClaimId: null, selectedProposalId: null, reconcileFilter: 'all', language: 'zh-CN' });
    useWorkspace.setState({ open: dossier, writer: { reviewerId: 'local', write: async (_id, edit) => { written.push(edit); } }, report });
  });
  afterEach(cleanup);

  it('records the plan the core draws for the dialog\'s request, marks and filters the sampled rows, and projects a cut on one', async () => {
    render(<ReconcilePanel />);
    expect(screen.queryByTestId('projection')).toBeNull();
    fireEvent.click(screen.getByTestId('sample-open'));
    fireEvent.change(screen.getByTestId('sample-seed'), { target: { value: 'audit-2024' } });
    fireEvent.click(screen.getByTestId('sample-sizing-given'));
    fireEvent.change(screen.getByTestId('sample-size'), { target: { value: '20' } });
    fireEvent.change(screen.getByTestId('sample-key-items'), { target: { value: '300000' } });
    const expected = await drawSample(population, { method: 'mus', seed: 'audit-2024', confidence: '0.95', size: 20, keyItemFen: 30_000_000 }, webCryptoHasher);
    await waitFor(() => expect(screen.getByTestId('sample-preview').getAttribute('data-rows')).toBe(String(expected.sample.length)));
    expect(screen.getByTestId('sample-command').textContent).toBe('dossier-desk sample DOSSIER --method mus --seed audit-2024 --size 20 --key-items 300000.00');
    await act(async () => {
      fireEvent.click(screen.getByTestId('sample-draw'));
    });
    expect(written).toEqual([{ type: 'sample', plan: expected }]);
    expect(useWorkspace.getState().open!.review.sample).toEqual(expected);
    expect(screen.queryByTestId('sample-dialog')).toBeNull();

    const key = expected.keyItems[0]!;
    const drawn = expected.sample.find((entry) => entry.reason === 'selected')!;
    expect(screen.getByTestId(`reconcile-row-${key}`).getAttribute('data-sampled')).toBe('key');
    expect(screen.getByTestId(`reconcile-row-${drawn.claimId}`).getAttribute('data-sampled')).toBe('selected');
    fireEvent.click(screen.getByTestId('reconcile-filter-sampled'));
    expect(screen.getAllByTestId(/^reconcile-row-/)).toHaveLength(expected.sample.length);
    expect(screen.getByTestId('reconcile-filter-sampled').textContent).toBe(`样本 ${expected.sample.length}`);

    const projection = screen.getByTestId('projection');
    expect(projection.getAttribute('data-projected-ratio')).toBe('0.0000');
    expect(projection.getAttribute('data-threshold')).toBe('0.20');
    // A cut of half of a drawn row: the projection moves by the tainting times the interval.
    const cut = { claimId: drawn.claimId, amount: `${Math.floor(drawn.amountFen / 200)}.00`, reason: 'amount-mismatch' as const };
    act(() => useWorkspace.getState().apply({ ...useWorkspace.getState().open!.review, cuts: [cut] }));
    const moved = projectReviewSample(dossier.manifest, { ...review, sample: expected, cuts: [cut] }, '0.20')!;
    expect(Number(moved.projectedRatio)).toBeGreaterThan(0);
    expect(screen.getByTestId('projection').getAttribute('data-projected-ratio')).toBe(moved.projectedRatio);
    expect(screen.getByTestId('projection').getAttribute('data-upper-ratio')).toBe(moved.upperRatio);
    expect(screen.getByTestId('projection-upper').textContent).toContain('置信度 0.95');

    useUi.setState({ language: 'en' });
    await waitFor(() => expect(screen.getByTestId('projection').textContent).toContain('Projected cut'));
    expect(screen.getByTestId('reconcile-filter-sampled').textContent).toBe(`Sample ${expected.sample.length}`);
  });

  it('says what is wrong before drawing, and withdraws a plan as one edit', async () => {
    const plan = await drawSample(population, { method: 'random', seed: 'r', size: 5 }, webCryptoHasher);
    useWorkspace.setState({ open: { ...dossier, review: { ...review, sample: plan } } });
    render(<ReconcilePanel />);
    expect(screen.getByTestId('sample-summary').textContent).toContain('r');
    fireEvent.click(screen.getByTestId('sample-open'));
    expect((screen.getByTestId('sample-seed') as HTMLInputElement).value).toBe('r');
    fireEvent.change(screen.getByTestId('sample-size'), { target: { value: 'x' } });
    expect(screen.getByTestId('sample-problem').textContent).toBe('样本量须为不小于 1 的整数。');
    expect((screen.getByTestId('sample-draw') as HTMLButtonElement).disabled).toBe(true);
    await act(async () => {
      fireEvent.click(screen.getByTestId('sample-withdraw'));
    });
    expect(written).toEqual([{ type: 'sample', plan: null }]);
    expect(useWorkspace.getState().open!.review.sample).toBeUndefined();
    expect(screen.queryByTestId('projection')).toBeNull();
  });

  it('the sampled filter lists every row while no sample is drawn', () => {
    expect(rowMatches(row('R001', 1), 'sampled', null)).toBe(true);
    expect(rowMatches(row('R001', 1), 'sampled', new Set(['R002']))).toBe(false);
  });
});

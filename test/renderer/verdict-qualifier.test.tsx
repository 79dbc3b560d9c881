// The verdict at a glance (top bar, dossier list, claims gauge) says it is provisional, and why, while
// error findings or cut proposals are open on an unsigned review; settled once nothing is or once signed.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { act, cleanup, render, screen } from '@testing-library/react';
import { useWorkspace, type OpenDossier, type ReviewWriter } from '../../src-renderer/state/workspace';
import { useUi } from '../../src-renderer/state/ui';
import type { CheckReport, Finding, Proposal, ReviewFile } from '../../src-renderer/core/types';
import { TopBar } from '../../src-renderer/ui/TopBar';
import { DossierList } from '../../src-renderer/ui/Sidebar';
import { CutRatioGauge } from '../../src-renderer/ui/panels/ClaimsPanel';
import { useCutStanding } from '../../src-renderer/state/cut-standing';

const review: ReviewFile = {
  schema: 'dossier-desk/review@1', program: 'guangzhou-2020-voucher', reviewer: { name: '王审', role: 'auditor' },
  cuts: [], scores: {}, fields: [], findings: [], checklists: {}, auditLog: [],
};

const dossier: OpenDossier = {
  id: 'd1-0123456789ab',
  manifest: {
    schema: 'dossier-desk/dossier@1', program: 'guangzhou-2020-voucher',
    applicant: { name: '广州市示例制造有限公司', category: 'sme' },
    documents: [],
    claims: [{ id: 'C1', amount: '80000.00' }, { id: 'C2', amount: '20000.00' }],
  },
  documents: [],
  review,
};

const finding = (id: string, severity: Finding['severity']): Finding => ({ id, rule: 'related-party', severity, message: id });
const proposal = (id: string, amountFen: number): Proposal => ({ id, reason: 'amount-mismatch', amountFen, message: id, messageEn: id, evidence: [], status: 'open' });

/** A passing report (no cuts) with 2 error findings and a warning open, and 2 proposals that would fail it. */
const report: CheckReport = {
  program: 'guangzhou-2020-voucher', profileVersion: 't', claimedFen: 10_000_000, cutFen: 0, approvedFen: 10_000_000, cutRatio: '0.0000', threshold: '0.20',
  verdict: 'pass', headroomFen: 2_000_000, subsidy: null, score: null,
  findings: [finding('E1', 'error'), finding('E2', 'error'), finding('W1', 'warning')],
  reconciliation: [
    { claimId: 'C1', declaredFen: 8_000_000, supportedFen: 5_000_000, counterparty: { name: null, creditCode: null, eligible: null }, reviewerLinked: [], invoices: [], contracts: [], payments: [], proposals: [proposal('C1:amount-mismatch', 3_000_000)] },
    { claimId: 'C2', declaredFen: 2_000_000, supportedFen: 1_000_000, counterparty: { name: null, creditCode: null, eligible: null }, reviewerLinked: [], invoices: [], contracts: [], payments: [], proposals: [proposal('C2:amount-mismatch', 1_000_000)] },
  ],
  proposedCutFen: 4_000_000,
  verdictIfAccepted: 'fail',
};

const writer: ReviewWriter = { reviewerId: 'local', write: async () => undefined };

function setReview(change: Partial<ReviewFile>): void {
  act(() => useWorkspace.setState((state) => ({ open: { ...state.open!, review: { ...state.open!.review, ...change } } })));
}

function Gauge() {
  return <CutRatioGauge standing={useCutStanding()} />;
}

function renderAll() {
  return render(<><TopBar onExport={null} exporting={false} onPanel={() => undefined} onPlan={() => undefined} /><DossierList onImport={() => undefined} /><Gauge /></>);
}

const topChip = () => document.querySelector('.topbar .verdict-chip')!;
const listChip = () => document.querySelector('.dossier-list .verdict-chip')!;

beforeEach(() => {
  useUi.setState({ language: 'zh-CN', activeDossierId: dossier.id });
  useWorkspace.getState().load(structuredClone(dossier), writer);
  useWorkspace.getState().setDossiers([{ id: dossier.id, program: 'guangzhou-2020-voucher', applicant: '广州市示例制造有限公司', status: 'in-review', verdict: 'pass', score: null }]);
  useWorkspace.getState().setReport(structuredClone(report));
});
afterEach(cleanup);

describe('the verdict at a glance while work is open', () => {
  it('top bar: the pass of the confirmed cuts, provisional, with what is open and the verdict if the proposals are accepted', () => {
    renderAll();
    const chip = topChip();
    expect(chip.textContent).toBe('通过 暂定');
    expect(chip.classList.contains('verdict-provisional')).toBe(true);
    expect(chip.getAttribute('title')).toBe('暂定结论：按已确认的核减计算，尚有待处理事项：2 项错误待处理；2 项核减建议未处理；建议全部采纳则不通过');
    expect(document.querySelector('.topbar .verdict-open')!.textContent).toBe('待处理 2 项错误、2 项建议 · 采纳则不通过');
  });
  it('dossier list: the open dossier provisional too, its title saying why', () => {
    renderAll();
    expect(listChip().textContent).toBe('通过 暂定');
    expect(listChip().getAttribute('title')).toBe('结论: 暂定结论：按已确认的核减计算，尚有待处理事项：2 项错误待处理；2 项核减建议未处理；建议全部采纳则不通过');
    // The button's accessible name holds the qualifier (not colour alone).
    expect(screen.getByTestId(`dossier-${dossier.id.slice(0, 12)}`).textContent).toContain('通过 暂定');
  });
  it('claims gauge: the verdict testid keeps pass/fail, the qualifier beside it', () => {
    renderAll();
    const verdict = screen.getByTestId('verdict');
    expect(verdict.textContent).toBe('通过');
    expect(verdict.getAttribute('data-verdict')).toBe('pass');
    expect(verdict.classList.contains('verdict-provisional')).toBe(true);
    expect(screen.getByTestId('verdict-qualifier').textContent).toBe('暂定：2 项错误待处理；2 项核减建议未处理；建议全部采纳则不通过');
    expect(verdict.getAttribute('aria-describedby')).toBe('verdict-qualifier');
  });
  it('follows the decisions as the reviewer makes them, and is settled once nothing is open', () => {
    renderAll();
    setReview({ findings: [{ id: 'E1', status: 'accepted' }] });
    expect(document.querySelector('.topbar .verdict-open')!.textContent).toBe('待处理 1 项错误、2 项建议 · 采纳则不通过');
    // One proposal rejected, the other accepted as a cut of 10,000.00: 10% cut, still a pass.
    setReview({ findings: [{ id: 'E1', status: 'accepted' }, { id: 'E2', status: 'dismissed' }], proposals: { 'C1:amount-mismatch': { status: 'rejected' } }, cuts: [{ claimId: 'C2', amount: '10000.00', reason: 'amount-mismatch', proposal: 'C2:amount-mismatch' }] });
    expect(topChip().textContent).toBe('通过');
    expect(topChip().classList.contains('verdict-provisional')).toBe(false);
    expect(topChip().getAttribute('title')).toBe('结论：按已确认的核减计算，无待处理的错误或核减建议');
    expect(document.querySelector('.topbar .verdict-open')).toBeNull();
    expect(listChip().classList.contains('verdict-provisional')).toBe(false);
    expect(screen.queryByTestId('verdict-qualifier')).toBeNull();
  });
  it('a signed review is settled whatever is left open', () => {
    renderAll();
    setReview({ decision: { signedAt: '2026-12-06T09:00:00Z' } });
    expect(topChip().textContent).toBe('通过');
    expect(topChip().getAttribute('title')).toBe('结论：评审已签署');
    expect(listChip().classList.contains('verdict-provisional')).toBe(false);
  });
  it('another dossier of the list: provisional while its review is unsigned (its open work is not evaluated there), settled once signed', () => {
    useWorkspace.getState().setDossiers([
      { id: dossier.id, program: 'guangzhou-2020-voucher', applicant: '广州市示例制造有限公司', status: 'in-review', verdict: 'pass', score: null },
      { id: 'other-unsigned', program: 'guangzhou-2020-voucher', applicant: '乙', status: 'in-review', verdict: 'pass', score: null },
      { id: 'other-signed-x', program: 'guangzhou-2020-voucher', applicant: '丙', status: 'signed', verdict: 'fail', score: null },
    ]);
    renderAll();
    const unsigned = screen.getByTestId('dossier-other-unsign').querySelector('.verdict-chip')!;
    expect(unsigned.textContent).toBe('通过 暂定');
    expect(unsigned.getAttribute('title')).toBe('结论: 暂定结论：按已确认的核减计算，评审尚未签署（打开卷宗可查看待处理事项）');
    const signed = screen.getByTestId('dossier-other-signed').querySelector('.verdict-chip')!;
    expect(signed.textContent).toBe('不通过');
    expect(signed.classList.contains('verdict-provisional')).toBe(false);
  });
  it('in English, with plurals and no CJK', () => {
    useUi.setState({ language: 'en' });
    renderAll();
    expect(topChip().textContent).toBe('Pass provisional');
    expect(document.querySelector('.topbar .verdict-open')!.textContent).toBe('2 errors, 2 proposals open · Fail if accepted');
    expect(topChip().getAttribute('title')).toBe('Provisional verdict, on the cuts confirmed so far; still open: 2 error findings pending; 2 cut proposals open; Fail if all are accepted');
    setReview({ findings: [{ id: 'E1', status: 'accepted' }], proposals: { 'C1:amount-mismatch': { status: 'rejected' } } });
    expect(document.querySelector('.topbar .verdict-open')!.textContent).toBe('1 error, 1 proposal open');
    expect(screen.getByTestId('verdict-qualifier').textContent).toBe('Provisional: 1 error finding pending; 1 cut proposal open');
  });
});

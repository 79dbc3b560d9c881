// The reconciliation view: its pure logic (filters, the proposal the keys act on, the next open one,
// the marks on an evidence page) and the panel with a recording writer in place of the store —
// accept by click and by key, reject, reopen, each as one proposal edit through the workspace.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { handleKeyDown } from '../../src-renderer/actions/registry';
import type { ReviewEdit } from '../../src-renderer/core/review/edits';
import type { CheckReport, Proposal, ReconciledRow, ReviewFile } from '../../src-renderer/core/types';
import { useUi } from '../../src-renderer/state/ui';
import { useWorkspace, type DeskDocument, type DocumentFormat, type OpenDossier } from '../../src-renderer/state/workspace';
import { ReconcilePanel } from '../../src-renderer/ui/reconcile/ReconcilePanel';
import { EvidenceBoard } from '../../src-renderer/ui/reconcile/EvidenceBoard';
import { currentProposal, fieldMarks, filterCounts, nextOpenProposal, rowMatches, stepRow } from '../../src-renderer/ui/reconcile/view';

function proposal(claimId: string, reason: Proposal['reason'], amountFen: number, status: Proposal['status'] = 'open', evidence: Proposal['evidence'] = []): Proposal {
  return { id: `${claimId}:${reason}`, reason, amountFen, message: `${reason} 说明`, messageEn: `${reason} detail`, clause: '四(一)4', evidence, status };
}

function row(claimId: string, declaredFen: number, proposals: Proposal[]): ReconciledRow {
  return {
    claimId, declaredFen, supportedFen: declaredFen - proposals.reduce((sum, entry) => sum + entry.amountFen, 0),
    counterparty: { name: '深圳市客户有限公司', creditCode: '91440300MA5G1B2C3D', eligible: true }, reviewerLinked: [],
    invoices: [{ file: '发票/1.pdf', page: 1, invoiceNumber: '1', totalFen: declaredFen, issueDate: '2023-05-06' }], contracts: [], payments: [], proposals,
  };
}

const rows = (): ReconciledRow[] => [
  row('R001', 10_000_000, []),
  row('R002', 5_000_000, [proposal('R002', 'amount-mismatch', 1_000_000, 'open', [{ file: '发票/2.pdf', page: 1 }]), proposal('R002', 'missing-payment', 500_000)]),
  row('R003', 2_000_000, [proposal('R003', 'missing-invoice', 2_000_000, 'accepted')]),
  row('R004', 3_000_000, [proposal('R004', 'missing-contract', 3_000_000, 'rejected')]),
];

describe('reconciliation view logic', () => {
  it('filters rows with proposals, with an open one, and with all decided', () => {
    expect(filterCounts(rows())).toEqual({ all: 4, proposals: 3, open: 1, decided: 2, sampled: 4 });
    expect(filterCounts(rows(), new Set(['R002', 'R004'])).sampled).toBe(2);
    expect(rows().filter((entry) => rowMatches(entry, 'decided')).map((entry) => entry.claimId)).toEqual(['R003', 'R004']);
  });

  it('the keys act on the selected proposal, else the row\'s first open one; after it the next open one, wrapping', () => {
    expect(currentProposal(rows(), 'R002', null)?.proposal.id).toBe('R002:amount-mismatch');
    expect(currentProposal(rows(), 'R002', 'R002:missing-payment')?.proposal.id).toBe('R002:missing-payment');
    expect(currentProposal(rows(), 'R003', null)?.proposal.id).toBe('R003:missing-invoice');
    expect(currentProposal(rows(), 'R001', null)).toBeNull();
    expect(nextOpenProposal(rows(), { claimId: 'R002', proposalId: 'R002:amount-mismatch' })?.proposal.id).toBe('R002:missing-payment');
    expect(nextOpenProposal(rows(), { claimId: 'R003', proposalId: null })?.proposal.id).toBe('R002:amount-mismatch');
    expect(nextOpenProposal(rows().slice(2), { claimId: 'R003', proposalId: null })).toBeNull();
    expect(stepRow(rows(), 'R002', 1, 'proposals')?.claimId).toBe('R003');
    expect(stepRow(rows(), 'R004', 1, 'all')?.claimId).toBe('R004');
    expect(stepRow(rows(), null, -1, 'decided')?.claimId).toBe('R004');
  });

  it('marks the matched fields, and the fields a proposal is about on the pages it names', () => {
    const [, r2] = rows();
    expect(fieldMarks(r2!, 'invoice', { file: '发票/2.pdf', page: 1 }).get('totalAmount')).toBe('failed');
    expect(fieldMarks(r2!, 'invoice', { file: '发票/9.pdf', page: 1 }).get('totalAmount')).toBe('match');
    expect(fieldMarks(r2!, 'payment', { file: '回单/1.pdf', page: 1 }).get('amount')).toBe('failed');
    expect(fieldMarks(r2!, 'contract', { file: '合同/1.pdf', page: 1 }).get('contractNo')).toBe('match');
  });
});

describe('a ticket or receipt invoice linked to a row', () => {
  const ticketRow = (): ReconciledRow => ({
    ...row('R009', 30_000, [proposal('R009', 'missing-invoice', 30_000, 'open', [{ file: '发票/taxi.png', page: 1 }])]),
    invoices: [{ file: '发票/taxi.png', page: 1, invoiceNumber: '20400001', totalFen: 30_000, issueDate: '2020-06-01', kind: 'ticket' }],
  });
  afterEach(cleanup);

  it('marks the parties it does not print as failed; a VAT invoice page keeps them matched', () => {
    const marks = fieldMarks(ticketRow(), 'invoice', { file: '发票/taxi.png', page: 1 });
    expect(['buyerName', 'buyerTaxId', 'sellerName', 'sellerTaxId'].map((field) => marks.get(field))).toEqual(['failed', 'failed', 'failed', 'failed']);
    expect(marks.get('invoiceNumber')).toBe('match');
    expect(fieldMarks(rows()[0]!, 'invoice', { file: '发票/1.pdf', page: 1 }).get('buyerName')).toBe('match');
  });

  it('the evidence card says it is not counted as the row\'s invoice, in both languages', () => {
    const report = {
      program: 'guangzhou-2020-voucher', profileVersion: '2020.1', claimedFen: 30_000, cutFen: 0, approvedFen: 30_000, cutRatio: '0.0000', threshold: '1.00',
      verdict: 'pass', headroomFen: 30_000, subsidy: null, score: null, findings: [], reconciliation: [ticketRow(), row('R001', 10_000_000, [])], proposedCutFen: 30_000, verdictIfAccepted: 'pass',
    } as CheckReport;
    useWorkspace.setState({ open: null, report });
    useUi.setState({ selectedClaimId: 'R009', language: 'zh-CN' });
    const { unmount } = render(<EvidenceBoard />);
    const tag = screen.getByTestId('evidence-ticket-发票/taxi.png#1');
    expect(tag.textContent).toBe('客票或定额票据：不计为本行发票');
    expect(tag.getAttribute('title')).toContain('没有购买方、销售方');
    expect(screen.getByTestId('evidence-invoice-发票/taxi.png#1').querySelector('[data-field="buyerName"]')!.className).toBe('failed');
    unmount();
    useUi.setState({ language: 'en' });
    render(<EvidenceBoard />);
    expect(screen.getByTestId('evidence-ticket-发票/taxi.png#1').textContent).toBe('Ticket or receipt invoice: not counted as this row\'s invoice');
    cleanup();
    useUi.setState({ selectedClaimId: 'R001', language: 'zh-CN' });
    render(<EvidenceBoard />);
    expect(screen.queryByTestId('evidence-ticket-发票/1.pdf#1')).toBeNull();
    expect(screen.getByTestId('evidence-invoice-发票/1.pdf#1')).toBeTruthy();
  });

  it('draws each picture format\'s page, decoded as its own media type: a WEBP photo is no structured data', async () => {
    const decoded: string[] = [];
    vi.stubGlobal('createImageBitmap', vi.fn(async (blob: Blob) => {
      decoded.push(blob.type);
      return { width: 400, height: 300, close: () => undefined };
    }));
    const report = { reconciliation: [], findings: [] } as unknown as CheckReport;
    const documentOf = (path: string, type: DocumentFormat): DeskDocument => ({ path, sha256: `${type}-sha`, type, kind: 'invoice', size: 3, problems: [], loadBytes: async () => new Uint8Array([1, 2, 3]) });
    try {
      for (const [type, mediaType] of [['webp', 'image/webp'], ['jpg', 'image/jpeg'], ['png', 'image/png']] as const) {
        const file = `发票/taxi.${type}`;
        const ticket = ticketRow();
        const pictureRow = { ...ticket, invoices: ticket.invoices.map((invoice) => ({ ...invoice, file })) };
        useWorkspace.setState({ open: { id: 'd', manifest: {} as OpenDossier['manifest'], documents: [documentOf(file, type)], review: {} as ReviewFile }, report: { ...report, reconciliation: [pictureRow] } });
        useUi.setState({ selectedClaimId: 'R009', language: 'en' });
        decoded.length = 0;
        render(<EvidenceBoard />);
        const card = screen.getByTestId(`evidence-invoice-${file}#1`);
        await vi.waitFor(() => expect(decoded).toEqual([mediaType]));
        expect(card.textContent).not.toContain('Structured data, no page image');
        cleanup();
      }
    } finally {
      vi.unstubAllGlobals();
      useWorkspace.setState({ open: null, report: null });
    }
  });
});

describe('the reconciliation panel', () => {
  const review: ReviewFile = { schema: 'dossier-desk/review@1', program: 'shenzhen-2024-dsp', reviewer: { name: '王审', role: 'auditor' }, cuts: [], scores: {}, fields: [], findings: [], checklists: {}, auditLog: [] };
  const dossier: OpenDossier = {
    id: 'd1', review, documents: [],
    manifest: {
      schema: 'dossier-desk/dossier@1', program: 'shenzhen-2024-dsp', applicant: { name: '深圳市示例有限公司', category: 'comprehensive' }, documents: [],
      claims: [{ id: 'R001', amount: '100000.00', counterparty: '深圳市甲客户有限公司' }, { id: 'R002', amount: '50000.00', counterparty: '深圳市乙客户有限公司' }],
    },
  };
  const reportWith = (reconciliation: ReconciledRow[], cutFen = 0): CheckReport => ({
    program: 'shenzhen-2024-dsp', profileVersion: '2024.1', claimedFen: 15_000_000, cutFen, approvedFen: 15_000_000 - cutFen,
    cutRatio: '0.0000', threshold: '0.20', verdict: 'pass', headroomFen: 3_000_000 - cutFen, subsidy: null, score: null, findings: [],
    reconciliation, proposedCutFen: 1_500_000, verdictIfAccepted: 'pass',
  }) as CheckReport;
  let written: ReviewEdit[];

  beforeEach(() => {
    written = [];
    useUi.setState({ activeTab: 'reconcile', selectedClaimId: null, selectedProposalId: null, reconcileFilter: 'all', language: 'zh-CN' });
    useWorkspace.setState({ open: dossier, writer: { reviewerId: 'local', write: async (_id, edit) => { written.push(edit); } }, report: reportWith(rows().slice(0, 2)) });
  });
  afterEach(cleanup);

  it('lists every row with its supported amount, and the gauge with the open proposals beside it', () => {
    render(<ReconcilePanel />);
    expect(screen.getByTestId('reconcile-row-R001').getAttribute('data-supported-fen')).toBe('10000000');
    expect(screen.getByTestId('reconcile-row-R002').getAttribute('data-supported-fen')).toBe('3500000');
    expect(screen.getByTestId('proposed-cut').getAttribute('data-proposed-cut-fen')).toBe('1500000');
    expect(screen.getByTestId('verdict-if-accepted').getAttribute('data-verdict')).toBe('pass');
    fireEvent.click(screen.getByTestId('reconcile-filter-proposals'));
    expect(screen.queryByTestId('reconcile-row-R001')).toBeNull();
  });

  it('accepts by click with the proposal\'s amount as a cut naming it, and rejects by key with the note typed', async () => {
    render(<ReconcilePanel />);
    fireEvent.click(screen.getByTestId('reconcile-row-R002'));
    expect(screen.getByTestId('proposal-R002:amount-mismatch').textContent).toContain('¥10,000.00');
    expect(screen.getByTestId('proposal-R002:amount-mismatch').textContent).toContain('四(一)4');
    await act(async () => {
      fireEvent.click(screen.getByTestId('proposal-accept-R002:amount-mismatch'));
    });
    expect(written).toEqual([{
      type: 'proposal', proposalId: 'R002:amount-mismatch', claimId: 'R002',
      decision: { status: 'accepted', cut: { claimId: 'R002', amount: '10000.00', reason: 'amount-mismatch', note: 'amount-mismatch 说明', proposal: 'R002:amount-mismatch' } },
    }]);
    expect(useWorkspace.getState().open!.review.cuts).toHaveLength(1);
    // The keys act on the next open proposal of the row.
    expect(useUi.getState().selectedProposalId).toBe('R002:missing-payment');
    fireEvent.change(screen.getByTestId('proposal-note-R002'), { target: { value: '客户已另行付款' } });
    await act(async () => {
      handleKeyDown(new KeyboardEvent('keydown', { key: 'x' }));
    });
    expect(written[1]).toEqual({ type: 'proposal', proposalId: 'R002:missing-payment', claimId: 'R002', decision: { status: 'rejected', note: '客户已另行付款' } });
    expect(useWorkspace.getState().open!.review.proposals).toEqual({ 'R002:missing-payment': { status: 'rejected', note: '客户已另行付款' } });
  });

  it('the keys do nothing outside the reconciliation tab, and U reopens', async () => {
    useWorkspace.setState({ report: reportWith([row('R001', 10_000_000, []), row('R002', 5_000_000, [proposal('R002', 'missing-payment', 500_000, 'accepted')])]) });
    useUi.setState({ selectedClaimId: 'R002', activeTab: 'claims' });
    await act(async () => {
      handleKeyDown(new KeyboardEvent('keydown', { key: 'u' }));
    });
    expect(written).toEqual([]);
    useUi.setState({ activeTab: 'reconcile' });
    await act(async () => {
      handleKeyDown(new KeyboardEvent('keydown', { key: 'u' }));
    });
    expect(written).toEqual([{ type: 'proposal', proposalId: 'R002:missing-payment', claimId: 'R002', decision: { status: 'open' } }]);
  });
  it('a row invoiced after the window shows as deferred to the next round, not as a cut, in both languages', () => {
    const deferred: ReconciledRow = {
      ...row('R002', 5_000_000, []),
      deferredToNextRound: { clause: '二(一)', message: '发票开具于 2024-09-30 之后，按通知纳入下一年度兑现', messageEn: 'invoiced after 2024-09-30: moved to the next round' },
    };
    useWorkspace.setState({ report: reportWith([row('R001', 10_000_000, []), deferred]) });
    useUi.setState({ selectedClaimId: 'R002' });
    const { unmount } = render(<ReconcilePanel />);
    const line = screen.getByTestId('reconcile-row-R002');
    expect(line.getAttribute('data-supported-fen')).toBe('5000000');
    expect(line.className).not.toContain('has-cut');
    expect(screen.getByTestId('reconcile-deferred-R002').textContent).toBe('转下一轮');
    const notice = screen.getByTestId('reconcile-deferred-notice');
    expect(notice.textContent).toContain('转入下一轮兑现：不核减，本轮不计补助');
    expect(notice.textContent).toContain('2024-09-30');
    expect(notice.textContent).toContain('二(一)');
    expect(screen.queryByText('证据支持全额，无核减建议。')).toBeNull();
    expect(screen.queryByTestId('reconcile-deferred-R001')).toBeNull();
    unmount();
    act(() => useUi.setState({ language: 'en' }));
    render(<ReconcilePanel />);
    expect(screen.getByTestId('reconcile-deferred-R002').textContent).toBe('Next round');
    expect(screen.getByTestId('reconcile-deferred-notice').textContent).toContain('Deferred to the next round: not cut, no subsidy this round');
    expect(screen.getByTestId('reconcile-deferred-notice').textContent).toContain('moved to the next round');
  });
  it('offers the nearest invoice number read for a listed one not found, and takes it as the row\'s invoice as one link edit', async () => {
    const missing: ReconciledRow = {
      ...row('R002', 5_000_000, [proposal('R002', 'missing-invoice', 5_000_000)]), invoices: [],
      nearMatches: [{ listed: '24442000000000000002', invoiceNumber: '24442000000000000001', file: '发票/2023年第00000000000000000001号发票.pdf', page: 1, confidence: 0.62, distance: 1 }],
    };
    useWorkspace.setState({ report: reportWith([row('R001', 10_000_000, []), missing]) });
    useUi.setState({ selectedClaimId: 'R002' });
    render(<ReconcilePanel />);
    const offer = screen.getByTestId('near-match-R002-24442000000000000002');
    expect(offer.textContent).toContain('所列发票未找到： 24442000000000000002');
    expect(offer.textContent).toContain('最接近的已识别号码： 24442000000000000001');
    expect(offer.textContent).toContain('识别置信度 62%');
    await act(async () => {
      fireEvent.click(screen.getByTestId('near-match-link-R002-24442000000000000002'));
    });
    expect(written).toEqual([{ type: 'link', claimId: 'R002', kind: 'invoices', refs: [{ file: '发票/2023年第00000000000000000001号发票.pdf', page: 1 }] }]);
    expect(useWorkspace.getState().open!.review.links).toEqual({ R002: { invoices: [{ file: '发票/2023年第00000000000000000001号发票.pdf', page: 1 }] } });
  });

  it('a row whose invoices the reviewer linked can go back to the automatic links', async () => {
    useWorkspace.setState({ report: reportWith([{ ...row('R002', 5_000_000, []), reviewerLinked: ['invoices'] }]) });
    useUi.setState({ selectedClaimId: 'R002', language: 'en' });
    render(<ReconcilePanel />);
    expect(screen.getByTestId('near-matches-R002').textContent).toContain('Back to automatic links');
    await act(async () => {
      fireEvent.click(screen.getByTestId('link-reset-R002-invoices'));
    });
    expect(written).toEqual([{ type: 'link', claimId: 'R002', kind: 'invoices', refs: null }]);
  });
  it('a list of 10,000 rows renders only a window of them, and J/K to a row far below brings it into the window', async () => {
    const many = Array.from({ length: 10_000 }, (_, index) => row(`R${String(index + 1).padStart(5, '0')}`, 100_000, []));
    useWorkspace.setState({ report: reportWith(many) });
    useUi.setState({ selectedClaimId: 'R00001' });
    render(<ReconcilePanel />);
    const rendered = () => screen.getByTestId('reconcile-table').querySelectorAll('[data-testid^="reconcile-row-"]');
    expect(screen.getByTestId('reconcile-table').getAttribute('data-rows')).toBe('10000');
    expect(rendered().length).toBeLessThan(100);
    expect(screen.getByTestId('reconcile-row-R00001')).toBeTruthy();
    expect(screen.queryByTestId('reconcile-row-R05000')).toBeNull();
    act(() => useUi.setState({ selectedClaimId: 'R04999' }));
    await act(async () => {
      handleKeyDown(new KeyboardEvent('keydown', { key: 'j' }));
    });
    expect(useUi.getState().selectedClaimId).toBe('R05000');
    expect(screen.getByTestId('reconcile-row-R05000').getAttribute('aria-selected')).toBe('true');
    expect(rendered().length).toBeLessThan(100);
  });
});

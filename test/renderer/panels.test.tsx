// Components with the workspace state filled in directly and a recording writer in place of the store.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { useWorkspace, type OpenDossier, type ReviewWriter } from '../../src-renderer/state/workspace';
import { useUi } from '../../src-renderer/state/ui';
import type { ReviewEdit } from '../../src-renderer/core/review/edits';
import type { CheckReport, ReviewFile } from '../../src-renderer/core/types';
import { ClaimsPanel, CutRatioGauge } from '../../src-renderer/ui/panels/ClaimsPanel';
import { ChecksPanel, FINDINGS_PAGE } from '../../src-renderer/ui/panels/ChecksPanel';
import { InvoicePanel } from '../../src-renderer/ui/panels/InvoicePanel';
import { ShortcutLegend } from '../../src-renderer/ui/ShortcutLegend';
import { EmptyState } from '../../src-renderer/ui/EmptyState';
import { ACTIONS, performAction } from '../../src-renderer/actions/registry';
import { useDrafts } from '../../src-renderer/state/drafts';

const review: ReviewFile = {
  schema: 'dossier-desk/review@1', program: 'shenzhen-2024-dsp', reviewer: { name: '王审', role: 'auditor' },
  cuts: [], scores: {}, fields: [], findings: [], checklists: {}, auditLog: [],
};

const dossier: OpenDossier = {
  id: 'd1',
  manifest: {
    schema: 'dossier-desk/dossier@1', program: 'shenzhen-2024-dsp',
    applicant: { name: '深圳市示例有限公司', category: 'comprehensive' },
    documents: [{ file: 'inv/1.pdf', kind: 'invoice' }],
    claims: [
      { id: 'C1', description: '云服务', amount: '80000.00', invoiceNumbers: ['24442000000123456789'] },
      { id: 'C2', description: 'ERP', amount: '20000.00' },
    ],
  },
  documents: [{
    path: 'inv/1.pdf', sha256: 'a'.repeat(64), type: 'pdf', kind: 'invoice', size: 10, problems: [],
    loadBytes: () => Promise.resolve(new Uint8Array()),
    extraction: {
      file: 'inv/1.pdf', sha256: 'a'.repeat(64), errors: [],
      invoices: [{
        page: 1, method: 'text',
        fields: {
          invoiceCode: null, invoiceNumber: '24442000000123456789', issueDate: '2024-05-20', buyerName: '深圳市示例有限公司', buyerTaxId: '91440300MA5EXAMPLE',
          sellerName: '广州云服务有限公司', sellerTaxId: '91440101MA5SAMPLE1', items: [{ name: '*信息技术服务*咨询', amount: '12000.00' }],
          amountExclTax: '12000.00', taxAmount: '720.00', totalAmount: '12720.00', totalInWords: '壹万贰仟柒佰贰拾圆整', remarks: null,
        },
        confidence: { sellerTaxId: 0.42 },
        boxes: { totalAmount: [330, 300, 60, 12] },
        checks: [{ id: 'seller-tax-id', ok: false, message: 'seller credit code: check character should be 1', messageZh: '销售方税号校验位不符' }],
      }],
    },
  }],
  review,
};

function reportFor(cutFen: number, claimedFen = 10_000_000): CheckReport {
  const fail = cutFen * 100 > claimedFen * 20;
  const ratio = (Math.round((cutFen * 10_000) / claimedFen) / 10_000).toFixed(4);
  return {
    program: 'shenzhen-2024-dsp', profileVersion: 't', claimedFen, cutFen, approvedFen: claimedFen - cutFen, cutRatio: ratio, threshold: '0.20',
    verdict: fail ? 'fail' : 'pass', headroomFen: fail ? 0 : claimedFen / 5 - cutFen, subsidy: null, score: null, findings: [],
  };
}

let writes: ReviewEdit[];
let writer: ReviewWriter;

beforeEach(() => {
  useDrafts.setState({ drafts: {} });
  writes = [];
  writer = { reviewerId: 'local', write: async (_id, edit) => void writes.push(edit) };
  useUi.setState({ language: 'zh-CN', activeFile: 'inv/1.pdf', currentPage: 1, focusedField: null, selectedClaimId: null, legendOpen: false });
  useWorkspace.getState().load(structuredClone({ ...dossier, documents: [] }) as OpenDossier, writer);
  useWorkspace.setState((state) => ({ open: { ...state.open!, documents: dossier.documents } }));
});
afterEach(cleanup);

describe('cut-ratio gauge', () => {
  it('carries the ratio as a decimal string and the verdict in the UI language', () => {
    const { rerender } = render(<CutRatioGauge standing={reportFor(2_000_000)} />);
    expect(screen.getByTestId('cut-ratio').getAttribute('data-ratio')).toBe('0.2000');
    expect(screen.getByTestId('verdict').getAttribute('data-verdict')).toBe('pass');
    expect(screen.getByTestId('verdict').textContent).toBe('通过');
    act(() => useUi.setState({ language: 'en' }));
    rerender(<CutRatioGauge standing={reportFor(2_000_100)} />);
    expect(screen.getByTestId('verdict').getAttribute('data-verdict')).toBe('fail');
    expect(screen.getByTestId('verdict').textContent).toBe('Fail');
    expect(screen.getByRole('meter')).toBeTruthy();
  });
});

describe('claims ledger', () => {
  it('a ledger of 10,000 rows renders only a window of them; a row selected far below is brought in, cut, and counted at once', async () => {
    const claims = Array.from({ length: 10_000 }, (_, index) => ({ id: `R${String(index + 1).padStart(5, '0')}`, description: '服务', amount: '1000.00' }));
    useWorkspace.setState((state) => ({ open: { ...state.open!, manifest: { ...state.open!.manifest, claims } }, report: reportFor(0) }));
    render(<ClaimsPanel />);
    const rendered = () => document.querySelectorAll('[data-testid^="claim-row-"]');
    expect(rendered().length).toBeLessThan(100);
    expect(screen.getByTestId('claim-row-R00001')).toBeTruthy();
    expect(screen.queryByTestId('claim-row-R09000')).toBeNull();
    act(() => useUi.getState().selectClaim('R09000'));
    expect(screen.getByTestId('claim-row-R09000').getAttribute('aria-selected')).toBe('true');
    expect(rendered().length).toBeLessThan(100);
    const input = screen.getByTestId('cut-amount-R09000');
    fireEvent.change(input, { target: { value: '500' } });
    await act(async () => {
      fireEvent.keyDown(input, { key: 'Enter' });
    });
    expect(screen.getByTestId('total-cut').textContent).toBe('¥500.00');
    expect(screen.getByTestId('cut-ratio').getAttribute('data-ratio')).toBe('0.0001');
  });

  it('writes a cut with its reason when the amount is entered', async () => {
    render(<ClaimsPanel />);
    fireEvent.change(screen.getByTestId('cut-reason-C1'), { target: { value: 'duplicate' } });
    const input = screen.getByTestId('cut-amount-C1');
    fireEvent.change(input, { target: { value: '16,000' } });
    await act(async () => {
      fireEvent.keyDown(input, { key: 'Enter' });
    });
    expect(writes).toEqual([{ type: 'cut', claimId: 'C1', cut: { claimId: 'C1', amount: '16000.00', reason: 'duplicate' } }]);
    expect(useWorkspace.getState().open!.review.cuts).toHaveLength(1);
    expect(screen.getByTestId('total-cut').textContent).toBe('¥16,000.00');
  });

  it('refuses a cut larger than its claim and text that is not an amount', async () => {
    render(<ClaimsPanel />);
    const input = screen.getByTestId('cut-amount-C2');
    fireEvent.change(input, { target: { value: '20000.01' } });
    await act(async () => fireEvent.blur(input));
    expect(screen.getByRole('alert').textContent).toBe('核减金额不能大于申报金额未保存、不计入。更正后回车，或按 Esc 撤销');
    fireEvent.change(input, { target: { value: '12.345' } });
    await act(async () => fireEvent.blur(input));
    expect(screen.getByRole('alert').textContent).toContain('金额格式不正确');
    expect(writes).toEqual([]);
  });

  it('keeps a refused cut visibly refused after leaving the tab, naming the stored cut that still counts, until Escape', async () => {
    useWorkspace.setState((state) => ({ open: { ...state.open!, review: { ...state.open!.review, cuts: [{ claimId: 'C2', amount: '100.00', reason: 'other' }] } } }));
    const first = render(<ClaimsPanel />);
    const input = screen.getByTestId('cut-amount-C2');
    fireEvent.change(input, { target: { value: '99999' } });
    await act(async () => fireEvent.blur(input));
    first.unmount();
    render(<ClaimsPanel />);
    const again = screen.getByTestId('cut-amount-C2') as HTMLInputElement;
    expect(again.value).toBe('99999');
    expect(again.getAttribute('aria-invalid')).toBe('true');
    expect(again.classList.contains('refused')).toBe(true);
    expect(screen.getByRole('alert').textContent).toContain('仍按 ¥100.00 计算');
    fireEvent.keyDown(again, { key: 'Escape' });
    expect((screen.getByTestId('cut-amount-C2') as HTMLInputElement).value).toBe('100.00');
    expect(screen.queryByRole('alert')).toBeNull();
    expect(writes).toEqual([]);
  });

  it('keeps a half-typed cut as a draft through a reload, and stores it only when committed', async () => {
    const first = render(<ClaimsPanel />);
    fireEvent.change(screen.getByTestId('cut-amount-C2'), { target: { value: '5000' } });
    fireEvent.change(screen.getByTestId('cut-note-C2'), { target: { value: '部分服务未交付' } });
    expect(writes).toEqual([]);
    expect(sessionStorage.getItem('dossier-desk-drafts')).toContain('部分服务未交付');
    first.unmount();
    render(<ClaimsPanel />);
    const input = screen.getByTestId('cut-amount-C2') as HTMLInputElement;
    expect(input.value).toBe('5000');
    expect(input.className).toContain('draft');
    await act(async () => fireEvent.keyDown(input, { key: 'Enter' }));
    expect(writes).toEqual([{ type: 'cut', claimId: 'C2', cut: { claimId: 'C2', amount: '5000.00', reason: 'other', note: '部分服务未交付' } }]);
    expect(input.value).toBe('5000.00');
    expect(input.className).not.toContain('draft');
    expect(useDrafts.getState().drafts).toEqual({});
  });

  it('keeps a note typed while the cut amount was still being stored, and stores it on blur', async () => {
    let release: () => void = () => undefined;
    const slow: ReviewWriter = { reviewerId: 'local', write: (_id, edit) => new Promise<void>((resolve) => { release = () => { writes.push(edit); resolve(); }; }) };
    useWorkspace.setState({ writer: slow });
    render(<ClaimsPanel />);
    const amount = screen.getByTestId('cut-amount-C1');
    fireEvent.change(amount, { target: { value: '100' } });
    fireEvent.keyDown(amount, { key: 'Enter' });
    const note = screen.getByTestId('cut-note-C1') as HTMLInputElement;
    fireEvent.change(note, { target: { value: '发票金额与合同不符' } });
    await act(async () => release());
    expect(note.value).toBe('发票金额与合同不符');
    expect(note.className).toContain('draft');
    await act(async () => {
      fireEvent.blur(note);
      await vi.waitFor(() => expect(writes.length).toBe(1));
      release();
    });
    expect(useWorkspace.getState().open!.review.cuts[0]).toMatchObject({ amount: '100.00', note: '发票金额与合同不符' });
    expect(note.className).not.toContain('draft');
  });

  it('puts the review back when the store refuses the write', async () => {
    useWorkspace.setState({ writer: { reviewerId: 'local', write: () => Promise.reject(new Error('disk full')) } });
    render(<ClaimsPanel />);
    const input = screen.getByTestId('cut-amount-C1');
    fireEvent.change(input, { target: { value: '100' } });
    await act(async () => fireEvent.blur(input));
    expect(useWorkspace.getState().open!.review.cuts).toEqual([]);
    expect(useWorkspace.getState().error).toBe('disk full');
  });
});

describe('invoice fields', () => {
  it('shows each field as an editable input and confirms a corrected value', async () => {
    render(<InvoicePanel />);
    const total = screen.getByTestId('field-totalAmount') as HTMLInputElement;
    expect(total.value).toBe('12720.00');
    fireEvent.change(total, { target: { value: '12700.00' } });
    await act(async () => fireEvent.keyDown(total, { key: 'Enter' }));
    expect(writes).toEqual([{ type: 'field', file: 'inv/1.pdf', page: 1, field: 'totalAmount', value: '12700.00' }]);
    expect(screen.getByTestId('confirm-totalAmount').getAttribute('aria-pressed')).toBe('true');
  });

  it('keeps a typed correction as a draft until it is confirmed, also from the keyboard', async () => {
    const first = render(<InvoicePanel />);
    fireEvent.change(screen.getByTestId('field-remarks'), { target: { value: '合同编号 HT-01' } });
    first.unmount();
    render(<InvoicePanel />);
    const remarks = screen.getByTestId('field-remarks') as HTMLInputElement;
    expect(remarks.value).toBe('合同编号 HT-01');
    expect(remarks.getAttribute('data-draft')).toBe('true');
    expect(writes).toEqual([]);
    act(() => useUi.setState({ focusedField: { file: 'inv/1.pdf', page: 1, field: 'remarks' } }));
    await act(async () => {
      performAction('confirm-field');
      await vi.waitFor(() => expect(writes.length).toBe(1));
    });
    expect(writes).toEqual([{ type: 'field', file: 'inv/1.pdf', page: 1, field: 'remarks', value: '合同编号 HT-01' }]);
    expect(remarks.getAttribute('data-draft')).toBeNull();
  });

  it('says when the invoice is a ticket or receipt invoice (no parties, no tax), in the reviewer\'s language', () => {
    render(<InvoicePanel />);
    expect(screen.queryByTestId('invoice-kind-ticket')).toBeNull();
    cleanup();
    const ticket = { ...dossier.documents[0]!, extraction: { ...dossier.documents[0]!.extraction!, invoices: [{ ...dossier.documents[0]!.extraction!.invoices[0]!, kind: 'ticket' as const }] } };
    useWorkspace.setState((state) => ({ open: { ...state.open!, documents: [ticket] } }));
    render(<InvoicePanel />);
    expect(screen.getByTestId('invoice-kind-ticket').textContent).toBe('客票或定额票据');
    act(() => useUi.setState({ language: 'en' }));
    expect(screen.getByTestId('invoice-kind-ticket').textContent).toBe('Ticket or receipt invoice');
  });

  it('marks low-confidence and failed-check fields', () => {
    render(<InvoicePanel />);
    const seller = screen.getByTestId('field-sellerTaxId');
    expect(seller.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('置信度低（42%）')).toBeTruthy();
    expect(screen.getByText('检查未通过')).toBeTruthy();
  });

  it('names each invoice check in the reviewer\'s language, with the engine\'s detail beneath', () => {
    render(<InvoicePanel />);
    const check = document.querySelector('[data-check="seller-tax-id"]')!;
    expect(check.querySelector('.check-label')!.textContent).toBe('销售方纳税人识别号');
    expect(check.querySelector('.check-status')!.textContent).toBe('不通过');
    expect(check.querySelector('.check-detail')!.textContent).toBe('销售方税号校验位不符');
    act(() => useUi.setState({ language: 'en' }));
    expect(document.querySelector('[data-check="seller-tax-id"] .check-detail')!.textContent).toBe('seller credit code: check character should be 1');
  });

  it('scrolls the viewer to a field box when the field is clicked', () => {
    render(<InvoicePanel />);
    fireEvent.click(screen.getByRole('button', { name: '在页面上定位: 价税合计' }));
    expect(useUi.getState().focusedField).toEqual({ file: 'inv/1.pdf', page: 1, field: 'totalAmount', box: [330, 300, 60, 12] });
    expect(useUi.getState().pageRequest).toMatchObject({ page: 1, box: [330, 300, 60, 12] });
  });

  it('confirms every field at once', async () => {
    render(<InvoicePanel />);
    await act(async () => {
      fireEvent.click(screen.getByTestId('confirm-all'));
      await vi.waitFor(() => expect(writes.length).toBe(12));
    });
    expect(writes.every((edit) => edit.type === 'field')).toBe(true);
  });
});

describe('checks', () => {
  it('shows each finding in the reviewer\'s language', () => {
    const finding = { id: 'score-incomplete', rule: 'score-incomplete', severity: 'warning' as const, message: '评分未完成：企业人数 未打分', messageEn: 'Scoring incomplete: Staff not scored' };
    act(() => useWorkspace.setState({ report: { ...reportFor(0), findings: [finding] } }));
    render(<ChecksPanel />);
    expect(screen.getByText('评分未完成：企业人数 未打分')).toBeTruthy();
    act(() => useUi.setState({ language: 'en' }));
    expect(screen.getByText('Scoring incomplete: Staff not scored')).toBeTruthy();
    expect(screen.queryByText('评分未完成：企业人数 未打分')).toBeNull();
  });

  it('shows a large list of findings a page at a time, with each finding\'s decision, and starts again at a filter', () => {
    const findings = Array.from({ length: 2 * FINDINGS_PAGE + 50 }, (_, i) => ({ id: `f${i}`, rule: 'r', severity: (i % 2 ? 'info' : 'warning') as 'info' | 'warning', message: `发现 ${i}` }));
    act(() => useWorkspace.setState({
      report: { ...reportFor(0), findings },
      open: { ...dossier, review: { ...review, findings: [{ id: `f${FINDINGS_PAGE - 1}`, status: 'dismissed', note: '已核' }] } },
    }));
    render(<ChecksPanel />);
    const listed = () => document.querySelectorAll('[data-testid^="finding-f"]').length;
    expect(listed()).toBe(FINDINGS_PAGE);
    expect(screen.getByTestId(`finding-f${FINDINGS_PAGE - 1}`).className).toContain('finding-dismissed');
    expect(screen.getByTestId('findings-more').textContent).toBe(`再显示 ${FINDINGS_PAGE} 条（已显示 ${FINDINGS_PAGE} / ${findings.length} 条）`);
    fireEvent.click(screen.getByTestId('findings-more'));
    expect(listed()).toBe(2 * FINDINGS_PAGE);
    fireEvent.click(screen.getByTestId('findings-more'));
    expect(listed()).toBe(findings.length);
    expect(screen.queryByTestId('findings-more')).toBeNull();
    fireEvent.click(screen.getByRole('radio', { name: /提示|Info/ }));
    expect(listed()).toBe(FINDINGS_PAGE);
    act(() => useUi.setState({ language: 'en' }));
    expect(screen.getByTestId('findings-more').textContent).toBe(`Show 25 more (${FINDINGS_PAGE} of 125 shown)`);
  });
});

describe('first launch and the legend', () => {
  it('offers import, the Shenzhen sample and the voucher sample', () => {
    const onImport = vi.fn();
    const onOpenSample = vi.fn();
    render(<EmptyState onImport={onImport} onOpenSample={onOpenSample} busy={false} />);
    fireEvent.click(screen.getByTestId('import-dossier'));
    fireEvent.click(screen.getByTestId('open-sample'));
    expect(onImport).toHaveBeenCalledWith('zip');
    expect(onOpenSample).toHaveBeenCalledExactlyOnceWith('shenzhen');
    fireEvent.click(screen.getByTestId('open-sample-voucher'));
    expect(onOpenSample).toHaveBeenLastCalledWith('voucher');
  });

  it('lists every action of the registry with its keys', () => {
    act(() => useUi.setState({ legendOpen: true }));
    render(<ShortcutLegend />);
    const dialog = screen.getByRole('dialog');
    for (const action of ACTIONS) for (const key of action.keys) expect(dialog.textContent).toContain(key);
  });
});

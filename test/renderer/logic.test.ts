import { describe, expect, it } from 'vitest';
import { formatDate, formatRatioPercent, translate } from '../../src-renderer/i18n';
import { en, zhCN } from '../../src-renderer/i18n/messages';
import { applyEdit, ReviewLockedError } from '../../src-renderer/core/review/edits';
import { boxToScreen, columnLayout, scaleFor, visibleRange } from '../../src-renderer/ui/viewer/geometry';
import { searchableText, searchPage } from '../../src-renderer/ui/viewer/search';
import { pageRowOfOcrText, pageTextOfRow } from '../../src-renderer/state/extraction';
import { ACTIONS, findAction, keyName } from '../../src-renderer/actions/registry';
import { documentErrors } from '../../src-renderer/ui/documents';
import type { ReviewFile } from '../../src-renderer/core/types';

const review: ReviewFile = {
  schema: 'dossier-desk/review@1', program: 'shenzhen-2024-dsp', reviewer: { name: '王审', role: 'auditor' },
  cuts: [], scores: {}, fields: [], findings: [], checklists: {}, auditLog: [],
};

describe('i18n', () => {
  it('has the same keys in English as in Chinese', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zhCN).sort());
  });
  it('fills placeholders and keeps unknown ones', () => {
    expect(translate('zh-CN', 'viewer.page', { page: 3 })).toBe('第 3 页');
    expect(translate('en', 'viewer.page', { page: 3 })).toBe('Page 3');
    expect(translate('en', 'viewer.page')).toBe('Page {page}');
  });
  it('shows ratios as percentages without floating point', () => {
    expect(formatRatioPercent('0.2000')).toBe('20.00%');
    expect(formatRatioPercent('0.2001')).toBe('20.01%');
    expect(formatRatioPercent('0.20')).toBe('20%');
    expect(formatRatioPercent('1.0000')).toBe('100.00%');
    expect(formatRatioPercent('0.0005')).toBe('0.05%');
  });
  it('writes dates as YYYY-MM-DD', () => {
    expect(formatDate('2024-05-20')).toBe('2024-05-20');
    expect(formatDate(new Date(2024, 0, 5, 13, 0))).toBe('2024-01-05');
  });
});

describe('review edits', () => {
  it('sets, replaces and removes a cut in place', () => {
    const one = applyEdit(review, { type: 'cut', claimId: 'C1', cut: { claimId: 'C1', amount: '10.00', reason: 'duplicate' } });
    const two = applyEdit(one, { type: 'cut', claimId: 'C2', cut: { claimId: 'C2', amount: '5.00', reason: 'other' } });
    const replaced = applyEdit(two, { type: 'cut', claimId: 'C1', cut: { claimId: 'C1', amount: '12.00', reason: 'duplicate' } });
    expect(replaced.cuts.map((cut) => `${cut.claimId}:${cut.amount}`)).toEqual(['C1:12.00', 'C2:5.00']);
    expect(applyEdit(replaced, { type: 'cut', claimId: 'C1', cut: null }).cuts.map((cut) => cut.claimId)).toEqual(['C2']);
    expect(review.cuts).toEqual([]);
  });
  it('confirms a field once, with the corrected value', () => {
    const edit = { type: 'field' as const, file: 'a.pdf', page: 1, field: 'totalAmount', value: '12720.00' };
    const once = applyEdit(applyEdit(review, edit), { ...edit, value: '12700.00' });
    expect(once.fields).toEqual([{ file: 'a.pdf', page: 1, field: 'totalAmount', value: '12700.00' }]);
  });
  it('clears a score with an empty value and keeps the others', () => {
    const scored = applyEdit(applyEdit(review, { type: 'score', criterionId: 'a', value: '8' }), { type: 'score', criterionId: 'b', value: '9.5' });
    expect(applyEdit(scored, { type: 'score', criterionId: 'a', value: '' }).scores).toEqual({ b: '9.5' });
  });
  it('refuses any edit once signed', () => {
    const signed = applyEdit(review, { type: 'sign-off', signedAt: '2024-10-20T10:00:00+08:00' });
    expect(signed.decision?.signedAt).toBe('2024-10-20T10:00:00+08:00');
    expect(() => applyEdit(signed, { type: 'score', criterionId: 'a', value: '1' })).toThrow(ReviewLockedError);
  });
});

describe('viewer geometry', () => {
  const a4 = { width: 595, height: 842 };
  it('fits width and page', () => {
    expect(scaleFor('fit-width', 1, a4, { width: 627, height: 400 })).toBeCloseTo(1, 5);
    expect(scaleFor('fit-page', 1, a4, { width: 627, height: 453 })).toBeCloseTo(421 / 842, 5);
    expect(scaleFor('custom', 1.5, a4, { width: 10, height: 10 })).toBe(1.5);
  });
  it('keeps only the pages near the viewport', () => {
    const { tops } = columnLayout(Array.from({ length: 100 }, () => a4), 1);
    expect(visibleRange(tops, 0, 900, 1)).toEqual({ first: 1, last: 3 });
    const middle = visibleRange(tops, tops[49]!, 900, 1);
    expect(middle.first).toBe(49);
    expect(middle.last).toBeLessThanOrEqual(53);
  });
  it('turns page boxes with the page', () => {
    const page = { width: 100, height: 200 };
    const box: [number, number, number, number] = [10, 20, 30, 40];
    expect(boxToScreen(box, page, 2, 0)).toEqual({ left: 20, top: 40, width: 60, height: 80 });
    expect(boxToScreen(box, page, 1, 90)).toEqual({ left: 140, top: 10, width: 40, height: 30 });
    expect(boxToScreen(box, page, 1, 180)).toEqual({ left: 60, top: 140, width: 30, height: 40 });
    expect(boxToScreen(box, page, 1, 270)).toEqual({ left: 20, top: 60, width: 40, height: 30 });
  });
});

describe('text search', () => {
  const text = {
    page: 2, width: 595, height: 842,
    items: [
      { str: '申报类别：综合', box: [100, 50, 70, 10] as [number, number, number, number] },
      { str: '服务 商', box: [170, 50, 30, 10] as [number, number, number, number] },
      { str: 'ERP 系统', box: [100, 70, 40, 10] as [number, number, number, number] },
    ],
  };
  it('finds Chinese across text runs and spaces', () => {
    const hits = searchPage(text, '综合服务商');
    expect(hits).toHaveLength(1);
    expect(hits[0]!.page).toBe(2);
    expect(hits[0]!.boxes).toHaveLength(2);
    expect(hits[0]!.boxes[0]![0]).toBeCloseTo(150, 5);
  });
  it('matches Latin case-insensitively and full-width forms', () => {
    expect(searchPage(text, 'ｅｒｐ')).toHaveLength(1);
    expect(searchPage(text, 'erp系统')).toHaveLength(1);
    expect(searchPage(text, '不存在')).toHaveLength(0);
    expect(searchPage(text, '   ')).toHaveLength(0);
  });
  it('searches the OCR words of a page that has no text layer, and the layer where there is one', async () => {
    const box = (x: number): [number, number, number, number] => [x, 40, 30, 12];
    const scan = { page: 1, width: 1000, height: 700, items: [{ str: '深圳市', box: box(10), confidence: 0.9 }, { str: '智联数字', box: box(40), confidence: 0.8 }] };
    const layer = async (page: number) => (page === 2 ? text : { page, width: 595, height: 842, items: [] });
    const ocrOnly = searchableText(null, [scan])!;
    expect(searchPage(await ocrOnly(1), '市智联')).toHaveLength(1);
    expect((await ocrOnly(3)).items).toHaveLength(0);
    const mixed = searchableText(layer, [scan, { ...scan, page: 2, items: [{ str: '不该用到', box: box(0), confidence: 1 }] }])!;
    expect(searchPage(await mixed(1), '智联数字')).toHaveLength(1);
    expect(searchPage(await mixed(2), '综合服务商')).toHaveLength(1);
    expect(searchPage(await mixed(2), '不该用到')).toHaveLength(0);
    expect(searchableText(null, undefined)).toBeNull();
    expect(searchableText(layer, [])).toBe(layer);
  });
  it('keeps OCR words through the store and back', () => {
    const scan = { page: 1, width: 1000, height: 700, items: [{ str: '发票', box: [1, 2, 3, 4] as [number, number, number, number], confidence: 0.5 }] };
    const row = pageRowOfOcrText(scan);
    expect(row).toMatchObject({ page: 1, method: 'ocr', text: '发票', words: [{ text: '发票', confidence: 0.5, box: [1, 2, 3, 4] }] });
    expect(pageTextOfRow(row)).toEqual({ page: 1, width: 1000, height: 700, items: [{ str: '发票', box: [1, 2, 3, 4] }] });
  });
});

describe('action registry', () => {
  it('names keys the way the registry writes them', () => {
    expect(keyName({ key: 'j', ctrlKey: false, metaKey: false, altKey: false, shiftKey: false })).toBe('j');
    expect(keyName({ key: 'C', ctrlKey: false, metaKey: false, altKey: false, shiftKey: true })).toBe('Shift+C');
    expect(keyName({ key: 'f', ctrlKey: true, metaKey: false, altKey: false, shiftKey: false })).toBe('Ctrl+F');
    expect(keyName({ key: '?', ctrlKey: false, metaKey: false, altKey: false, shiftKey: true })).toBe('?');
  });
  it('binds every shortcut to exactly one action', () => {
    const keys = ACTIONS.flatMap((action) => action.keys);
    expect(new Set(keys).size).toBe(keys.length);
    expect(findAction('?')?.id).toBe('show-shortcuts');
    expect(findAction('Ctrl+F')?.id).toBe('search');
    expect(findAction('j')?.id).toBe('next-claim');
  });
  it('gives every action a label in both languages', () => {
    for (const action of ACTIONS) {
      expect(zhCN[action.labelKey]).toBeTruthy();
      expect(en[action.labelKey]).toBeTruthy();
    }
  });
});

describe('document errors', () => {
  it('names import problems and extraction errors by code, with the detail without the path', () => {
    const document = {
      path: '发票/a.pdf', sha256: 'a'.repeat(64), type: 'pdf' as const, kind: 'invoice' as const, size: 1,
      problems: [{ code: 'pdf-truncated', severity: 'error' as const, message: 'the PDF is unusable: it is cut off' }, { code: 'pdf-font-invalid', severity: 'warning' as const, message: 'a font' }],
      extraction: { file: '发票/a.pdf', sha256: 'a'.repeat(64), invoices: [], errors: [{ code: 'not-an-invoice', message: '发票/a.pdf: no invoice found' }, { code: 'something-new', message: '发票/a.pdf: odd' }] },
      loadBytes: async () => new Uint8Array(),
    };
    expect(documentErrors(document)).toEqual([
      { label: 'problem.pdf-truncated', detail: 'the PDF is unusable: it is cut off' },
      { label: 'extractError.not-an-invoice', detail: 'no invoice found' },
      { label: null, detail: 'odd' },
    ]);
  });
});

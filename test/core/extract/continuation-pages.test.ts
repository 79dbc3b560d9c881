// One invoice over several PDF pages (many 数电 lines, or an old-layout invoice and its 销货清单)
// reads as one invoice; different invoices and copies of one invoice do not merge.
import { describe, expect, it } from 'vitest';
import { type PageResult, joinContinuationPages } from '../../../src-renderer/core/extract/pipeline';
import { emptyDraft, setField } from '../../../src-renderer/core/extract/draft';
import type { InvoiceItem } from '../../../src-renderer/core/types';

function pageOf(page: number, values: Record<string, string>, items: InvoiceItem[] = []): PageResult {
  const draft = emptyDraft();
  for (const [field, value] of Object.entries(values)) setField(draft, field as Parameters<typeof setField>[1], value, 0.9, [1, 2, 3, 4]);
  draft.items = items;
  if (items.length > 0) {
    draft.confidence.items = 0.8 + page / 100;
    draft.boxes.items = [0, 0, 10, 10];
  }
  return { page, method: 'text', draft };
}

const item = (name: string, amount: string): InvoiceItem => ({ name, amount, rate: '6%', tax: '0.60' });
const header = { invoiceNumber: '24442000000012345678', issueDate: '2024-05-01', buyerName: '甲公司', sellerName: '乙公司' };

describe('joining continuation pages', () => {
  it('a 数电 invoice over two pages: items of both pages, totals of the page with 价税合计', () => {
    const joined = joinContinuationPages([
      pageOf(1, { ...header, amountExclTax: '10.00', taxAmount: '0.60' }, [item('*信息技术服务*开发', '10.00')]),
      pageOf(2, { ...header, amountExclTax: '20.00', taxAmount: '1.20', totalAmount: '21.20', totalInWords: '贰拾壹圆贰角' }, [item('*信息技术服务*运维', '10.00')]),
    ]);
    expect(joined).toHaveLength(1);
    const { draft, page } = joined[0]!;
    expect(page).toBe(1);
    expect(draft.items.map((i) => i.name)).toEqual(['*信息技术服务*开发', '*信息技术服务*运维']);
    expect(draft.values).toMatchObject({ amountExclTax: '20.00', taxAmount: '1.20', totalAmount: '21.20', totalInWords: '贰拾壹圆贰角', buyerName: '甲公司' });
    expect(draft.boxes.totalAmount).toBeUndefined();
    expect(draft.boxes.buyerName).toEqual([1, 2, 3, 4]);
  });

  it('an old-layout invoice and its 销货清单: the list replaces the "详见销货清单" line', () => {
    const old = { invoiceCode: '044031900111', invoiceNumber: '12345678' };
    const joined = joinContinuationPages([
      pageOf(1, { ...old, ...header, invoiceNumber: '12345678', totalAmount: '21.20', totalInWords: '贰拾壹圆贰角' }, [item('(详见销货清单)', '20.00')]),
      pageOf(2, { ...old, issueDate: '2024-05-01' }, [item('打印纸', '12.00'), item('墨盒', '8.00')]),
    ]);
    expect(joined).toHaveLength(1);
    expect(joined[0]!.draft.items.map((i) => i.name)).toEqual(['打印纸', '墨盒']);
    expect(joined[0]!.draft.values.totalAmount).toBe('21.20');
  });

  it('different invoices stay apart; a second complete copy of the same invoice adds nothing', () => {
    const complete = { ...header, totalAmount: '10.60', totalInWords: '壹拾圆陆角' };
    const other = { ...complete, invoiceNumber: '24442000000087654321' };
    const joined = joinContinuationPages([
      pageOf(1, complete, [item('a', '10.00')]),
      pageOf(2, complete, [item('a', '10.00')]),
      pageOf(3, other, [item('b', '10.00')]),
    ]);
    expect(joined.map((entry) => entry.page)).toEqual([1, 3]);
    expect(joined[0]!.draft.items).toHaveLength(1);
  });
});

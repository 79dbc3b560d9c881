import { describe, expect, it } from 'vitest';
import { checkInvoice, usccCheckCharacter } from '../../../src-renderer/core/extract/checks';
import { parseInvoiceQr } from '../../../src-renderer/core/extract/qr';
import { parseLayout } from '../../../src-renderer/core/extract/layout';
import { repairOcrDraft } from '../../../src-renderer/core/extract/ocr-repair';
import { UNTAXED_RATE_MARKERS } from '../../../src-renderer/core/extract/text-normalize';
import type { PositionedText } from '../../../src-renderer/core/extract/positioned-text';
import type { InvoiceFields } from '../../../src-renderer/core/types';

function fields(overrides: Partial<InvoiceFields> = {}): InvoiceFields {
  return {
    invoiceCode: null,
    invoiceNumber: '24112000000048542163',
    issueDate: '2024-05-28',
    buyerName: '海南麒麟云服科技有限公司',
    buyerTaxId: '91460300MAA92DJN95',
    sellerName: '北京互联三六五科技有限公司',
    sellerTaxId: '91110108690017781B',
    items: [{ name: '*信息技术服务*技术服务费', amount: '4197.17', rate: '6%', tax: '251.83' }],
    amountExclTax: '4197.17',
    taxAmount: '251.83',
    totalAmount: '4449.00',
    totalInWords: '肆仟肆佰肆拾玖圆整',
    remarks: null,
    ...overrides,
  };
}

const byId = (checks: ReturnType<typeof checkInvoice>, id: string) => checks.find((check) => check.id === id);

describe('invoice checks', () => {
  it('passes a consistent 数电 invoice', () => {
    const checks = checkInvoice(fields());
    expect(checks.filter((check) => !check.ok)).toEqual([]);
    expect(checks.map((check) => check.id)).toEqual(['number-format', 'amount-plus-tax', 'items-sum', 'total-in-words', 'buyer-tax-id', 'seller-tax-id', 'tax-rate']);
  });

  it('number formats: 20 digits without code, 8 digits with a 10- or 12-digit code', () => {
    expect(byId(checkInvoice(fields({ invoiceCode: '033002000211', invoiceNumber: '83089647' })), 'number-format')?.ok).toBe(true);
    expect(byId(checkInvoice(fields({ invoiceCode: '1100094140', invoiceNumber: '87654321' })), 'number-format')?.ok).toBe(true);
    expect(byId(checkInvoice(fields({ invoiceCode: null, invoiceNumber: '83089647' })), 'number-format')?.ok).toBe(false);
    expect(byId(checkInvoice(fields({ invoiceCode: '03300200021', invoiceNumber: '83089647' })), 'number-format')?.ok).toBe(false);
    expect(byId(checkInvoice(fields({ invoiceNumber: '2411200000004854216' })), 'number-format')?.ok).toBe(false);
    expect(byId(checkInvoice(fields({ invoiceCode: '033002000211' })), 'number-format')?.ok).toBe(false);
  });

  it('amount + tax = total is checked in fen', () => {
    expect(byId(checkInvoice(fields({ totalAmount: '4449.01' })), 'amount-plus-tax')?.ok).toBe(false);
    expect(byId(checkInvoice(fields({ amountExclTax: '0.10', taxAmount: '0.20', totalAmount: '0.30', items: [], totalInWords: '叁角' })), 'amount-plus-tax')?.ok).toBe(true);
  });

  it('items must sum to the totals', () => {
    const split = [
      { name: 'a', amount: '4000.00', rate: '6%', tax: '240.00' },
      { name: 'b', amount: '197.17', rate: '6%', tax: '11.83' },
    ];
    expect(byId(checkInvoice(fields({ items: split })), 'items-sum')?.ok).toBe(true);
    const check = byId(checkInvoice(fields({ items: [{ ...split[0]!, amount: '4000.01' }, split[1]!] })), 'items-sum');
    expect(check?.ok).toBe(false);
    expect(check?.message).toContain('4197.18');
  });

  it('大写 is parsed into fen and compared with the figures', () => {
    expect(byId(checkInvoice(fields({ totalInWords: '肆仟肆佰肆拾玖元整' })), 'total-in-words')?.ok).toBe(true);
    expect(byId(checkInvoice(fields({ totalInWords: '肆仟肆佰肆拾捌圆整' })), 'total-in-words')?.ok).toBe(false);
    expect(byId(checkInvoice(fields({ totalInWords: '肆仟佰肆圆' })), 'total-in-words')?.ok).toBe(false);
  });

  it('unified social credit code check character (a failure is a warning)', () => {
    expect(usccCheckCharacter('91440106068698695J')).toBe('J');
    expect(usccCheckCharacter('91320115MA202UKD7X')).toBe('X');
    const check = byId(checkInvoice(fields({ sellerTaxId: '91110108690017781C' })), 'seller-tax-id');
    expect(check).toMatchObject({ ok: false, severity: 'warning' });
    expect(byId(checkInvoice(fields({ sellerTaxId: '32040419760706081301' })), 'seller-tax-id')?.ok).toBe(true);
    expect(byId(checkInvoice(fields({ buyerTaxId: null })), 'buyer-tax-id')).toBeUndefined();
  });

  it('tax rates must be in the allowed set', () => {
    expect(byId(checkInvoice(fields({ items: [{ name: 'x', amount: '4197.17', rate: '7%', tax: '251.83' }] })), 'tax-rate')?.ok).toBe(false);
    for (const rate of ['免税', '不征税', '***', '13%', '1.5%']) {
      expect(byId(checkInvoice(fields({ items: [{ name: 'x', amount: '4197.17', rate, tax: '251.83' }] })), 'tax-rate')?.ok).toBe(true);
    }
  });

  it('the untaxed rate markers: each is an allowed rate to the checks and makes the OCR repair read the tax as nothing; a rate that is none is neither', () => {
    const word = (text: string, x: number, y: number): PositionedText => ({ text, box: [x, y, [...text].length * 9, 9], confidence: 0.9 });
    // Two items whose 税率 reads the rate, their 税额 unread (printed ***), the 合计 row's amount only.
    const repairedDraft = (rate: string, taxCell?: string) => {
      const reading = parseLayout({
        page: 1, width: 700, height: 420, items: [
          word('货物或应税劳务名称', 30, 150), word('金额', 410, 150), word('税率', 480, 150), word('税额', 570, 150),
          word('*印刷品*项目经济性分析', 30, 170), word('35.50', 410, 170), word(rate, 480, 170), ...(taxCell ? [word(taxCell, 570, 170)] : []),
          word('*印刷品*投资项目可行性', 30, 190), word('44.30', 410, 190), word(rate, 480, 190), ...(taxCell ? [word(taxCell, 570, 190)] : []),
          word('合', 60, 250), word('计', 100, 250), word('¥79.80', 400, 250),
        ],
      }, { fromOcr: true });
      repairOcrDraft(reading.draft, reading.lines, reading.rawTotalInWords);
      return reading.draft;
    };
    const repairedTax = (rate: string) => repairedDraft(rate).values.taxAmount;
    // The item table's reader takes the marker as the 税率 cell of a row whose 税额 is printed ***.
    const itemRates = (rate: string) => repairedDraft(rate, '***').items.map((item) => item.rate);
    const rateAllowed = (rate: string) => byId(checkInvoice(fields({ items: [{ name: 'x', amount: '79.80', rate, tax: null }] })), 'tax-rate')?.ok;
    expect(UNTAXED_RATE_MARKERS).toEqual(['免税', '不征税']);
    for (const marker of UNTAXED_RATE_MARKERS) expect([marker, rateAllowed(marker), repairedTax(marker), itemRates(marker)]).toEqual([marker, true, '0.00', [marker, marker]]);
    expect([rateAllowed('免征'), repairedTax('免征')]).toEqual([false, undefined]);
  });

  it('compares the QR payload with the printed fields', () => {
    const qr = '01,10,033002000211,83089647,510.68,20200723,16197833567414507415,0941,';
    const printed = fields({ invoiceCode: '033002000211', invoiceNumber: '83089647', issueDate: '2020-07-23', amountExclTax: '510.68', taxAmount: '15.32', totalAmount: '526.00', items: [], totalInWords: '伍佰贰拾陆圆整' });
    expect(byId(checkInvoice(printed, qr), 'qr-matches')?.ok).toBe(true);
    const wrong = byId(checkInvoice({ ...printed, issueDate: '2020-07-24' }, qr), 'qr-matches');
    expect(wrong?.ok).toBe(false);
    expect(wrong?.message).toContain('2020-07-23');
    expect(byId(checkInvoice(printed), 'qr-matches')).toBeUndefined();
  });

  it('parses QR payloads of both layouts and rejects others', () => {
    expect(parseInvoiceQr('01,32,,24112000000048542163,4449.00,20240528,,A1B2,')).toEqual({
      typeCode: '32', invoiceCode: null, invoiceNumber: '24112000000048542163', amount: '4449.00', issueDate: '2024-05-28', checkCode: null,
    });
    expect(parseInvoiceQr('https://example.invalid/')).toBeNull();
    expect(parseInvoiceQr('01,10,123,83089647,1.00,20200723')).toBeNull();
  });

  it('gives every check, passed or failed, a Chinese detail without English words beside the English one', () => {
    const broken = fields({
      invoiceCode: '1100', invoiceNumber: '123', buyerTaxId: '91460300MAA92DJN9X', sellerTaxId: 'ABC',
      items: [{ name: 'x', amount: '1.00', rate: '7%', tax: '0.01' }], totalInWords: '壹圆', totalAmount: '9.99',
    });
    const qr = '01,32,,24112000000048542163,99.00,20240101,,ABCD';
    for (const checks of [checkInvoice(fields()), checkInvoice(broken, qr), checkInvoice(fields({ totalInWords: null, taxAmount: null }), 'not a qr')]) {
      for (const check of checks) {
        expect(check.messageZh, check.id).toBeTruthy();
        expect(check.message.replace(/"[^"]*"/g, ''), `${check.id}: ${check.message}`).not.toMatch(/[\u3400-\u9fff]/);
        expect(check.messageZh!.replace(/[0-9A-Z]{8,}/g, ''), `${check.id}: ${check.messageZh}`).not.toMatch(/\b(?:amount|number|code|check|should|invoice|item|rate|missing|buyer|seller|QR)\b/i);
      }
    }
  });
});


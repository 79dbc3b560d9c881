// Passenger tickets and receipt invoices (客票, 船票, taxi receipts, 定额发票) read from positioned text:
// their code and number without labels, their fare as the total, the ticket kind, and the checks a
// ticket is not asked to pass (amount + tax = total, a total in words it does not print). A VAT
// invoice is never read as a ticket.
import { describe, expect, it } from 'vitest';
import { parseLayout } from '../../../src-renderer/core/extract/layout';
import { checkInvoice } from '../../../src-renderer/core/extract/checks';
import { emptyDraft, mergeDrafts, toFields } from '../../../src-renderer/core/extract/draft';
import type { PositionedText } from '../../../src-renderer/core/extract/positioned-text';

function word(text: string, x: number, y: number, w = [...text].length * 9, h = 9, confidence = 0.9): PositionedText {
  return { text, box: [x, y, w, h], confidence };
}

function read(items: PositionedText[]) {
  return parseLayout({ page: 1, width: 700, height: 420, items }, { fromOcr: true });
}

/** A bus ticket as the engine reads a photo of one: the stacked 发票代码/号码 labels garbled, the title lost. */
const busTicket = [
  word('炎晓:221021325353', 400, 110, 300, 28), word('吊贺10283819', 400, 150, 220, 28),
  word('到', 100, 270), word('站', 170, 270), word('开发区', 230, 270), word('票', 406, 280), word('价', 462, 280), word(':', 480, 280), word('¥', 510, 282), word('8.00', 564, 284), word('<全>', 648, 286),
  word('2013-06-29', 128, 375), word('流水', 313, 365), word('040', 449, 367), word('371', 542, 367),
];

describe('tickets and receipt invoices', () => {
  it('a bus ticket whose code and number labels are garbled: the 12-digit code, the 8-digit number beside it, the date and the fare as total; a ticket', () => {
    const { draft } = read(busTicket);
    expect(draft.values).toEqual({ invoiceCode: '221021325353', invoiceNumber: '10283819', issueDate: '2013-06-29', totalAmount: '8.00' });
    expect(draft.kind).toBe('ticket');
  });

  it('a taxi receipt (出租汽车, 金额, 车号 and 电话 figures that are neither code nor number) and a 定额发票 (实收)', () => {
    const taxi = read([
      word('大连市出租汽车统一发票', 200, 10), word('221020970011', 60, 40), word('03945120', 60, 60),
      word('电话', 60, 90), word('0411-84680000', 110, 90), word('车号', 60, 110), word('辽B12345', 110, 110),
      word('日期', 60, 130), word('2024-05-12', 110, 130), word('上车', 60, 150), word('08:15', 110, 150), word('下车', 60, 170), word('08:42', 110, 170),
      word('单价', 60, 190), word('2.30', 110, 190), word('里程', 60, 210), word('12.4', 110, 210), word('金额', 60, 230), word('¥36.50', 110, 230),
    ]);
    expect(taxi.draft.values).toEqual({ invoiceCode: '221020970011', invoiceNumber: '03945120', issueDate: '2024-05-12', totalAmount: '36.50' });
    expect(taxi.draft.kind).toBe('ticket');
    const fixed = read([
      word('通用定额发票', 200, 10), word('发票代码', 60, 40), word('144001700111', 140, 40), word('发票号码', 60, 60), word('20531877', 140, 60),
      word('贰拾元', 200, 120), word('实收', 60, 160), word('20.00', 110, 160), word('2019年04月03日', 400, 200),
    ]);
    expect(fixed.draft.values).toMatchObject({ invoiceCode: '144001700111', invoiceNumber: '20531877', issueDate: '2019-04-03', totalAmount: '20.00' });
    expect(fixed.draft.kind).toBe('ticket');
  });

  it('a VAT invoice that mentions a ticket word (a 数电 railway ticket\'s 票价, a 客运服务 item) is no ticket', () => {
    const railway = read([
      word('电子发票(铁路电子客票)', 200, 10), word('发票号码:', 480, 20), word('25117000000123456789', 560, 20), word('开票日期:', 480, 35), word('2025年03月01日', 560, 35),
      word('票价:', 60, 200), word('¥143.50', 110, 200), word('购买方名称:', 60, 300), word('某某科技有限公司', 160, 300),
    ]);
    expect(railway.draft.kind).toBeUndefined();
    const vat = read([
      word('辽宁增值税普通发票', 200, 10), word('发票代码:', 480, 20), word('2100181130', 560, 20), word('发票号码:', 480, 35), word('04512345', 560, 35),
      word('*运输服务*客运服务费', 30, 200), word('合', 60, 250), word('计', 100, 250), word('¥97.09', 400, 250), word('¥2.91', 500, 250),
      word('价税合计(大写)', 50, 270), word('壹佰圆整', 170, 270), word('(小写)', 420, 270), word('¥100.00', 470, 270),
    ]);
    expect(vat.draft.kind).toBeUndefined();
    expect(vat.draft.values.totalAmount).toBe('100.00');
  });

  it('a page without any ticket word keeps an unlabelled 12-digit figure unread (no code without a ticket or invoice around it)', () => {
    const { draft } = read(busTicket.map((item) => (/[票价]/.test(item.text) ? { ...item, text: '费' } : item)));
    expect(draft.values.invoiceCode).toBeUndefined();
    expect(draft.kind).toBeUndefined();
  });

  it('a ticket is not asked for amount + tax = total nor for a total in words it does not print; a VAT invoice is', () => {
    const { draft } = read(busTicket);
    const ids = (kind?: 'ticket') => checkInvoice(toFields(draft), undefined, kind).map((check) => `${check.id}:${check.ok}`);
    expect(ids('ticket')).toEqual(['number-format:true']);
    expect(ids()).toEqual(['number-format:true', 'amount-plus-tax:false', 'total-in-words:false']);
    const withWords = { ...toFields(draft), totalInWords: '捌圆整' };
    expect(checkInvoice(withWords, undefined, 'ticket').map((check) => `${check.id}:${check.ok}`)).toEqual(['number-format:true', 'total-in-words:true']);
  });

  it('a ticket reading fills a draft as a ticket only when that draft holds no party or tax of a VAT invoice', () => {
    const ticket = read(busTicket).draft;
    expect(mergeDrafts(emptyDraft(), ticket).kind).toBe('ticket');
    const vat = { ...emptyDraft(), values: { buyerName: '某某科技有限公司' } };
    expect(mergeDrafts(vat, ticket).kind).toBeUndefined();
  });
});

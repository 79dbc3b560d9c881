// Offline checks on one extracted invoice, each named in the output. A failed check says the
// reading or the invoice is probably wrong; it never drops the invoice.
import type { CheckOutcome, InvoiceFields } from '../types';
import { formatYuan, parseChineseAmount, tryParseYuan } from '../money';
import { parseInvoiceQr } from './qr';
import { isInvoiceCodeForm } from './invoice-identity';
import { UNTAXED_RATE_MARKERS } from './text-normalize';
import { CITY_OF_REGION_CODE } from './city-names';

export const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** The check character a unified social credit code (GB 32100-2015) must end with; null if malformed. */
export function usccCheckCharacter(code: string): string | null {
  if (!/^[0-9A-HJ-NPQRTUWXY]{17}/.test(code)) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_CHARS.indexOf(code[i]!) * USCC_WEIGHTS[i]!;
  return USCC_CHARS[(31 - (sum % 31)) % 31]!;
}

/** Weights of the organisation code's eight body characters (GB 11714-1997). */
const ORGANIZATION_CODE_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

/**
 * The check character of the organisation code (主体标识码) a credit code holds at its 9th to 17th
 * characters (GB 32100-2015 4.3, by GB 11714-1997: digits count as themselves, letters A-Z as 10-35).
 */
export function organizationCodeCheck(code: string): string | null {
  const body = code.slice(8, 16);
  if (!/^[0-9A-Z]{8}$/.test(body)) return null;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += (/\d/.test(body[i]!) ? Number(body[i]) : body.charCodeAt(i) - 55) * ORGANIZATION_CODE_WEIGHTS[i]!;
  const check = 11 - (sum % 11);
  return check === 10 ? 'X' : check === 11 ? '0' : String(check);
}

/** Length of a taxpayer id of the old form: six digits of region code and a nine-character organisation code. */
export const OLD_TAX_ID_LENGTH = 15;

/** Whether 15 digits are an old taxpayer id as one is issued: a city's region code, then an organisation code that passes its own check (GB 11714). */
export function oldTaxIdAsIssued(digits: string): boolean {
  return /^\d{6}/.test(digits) && CITY_OF_REGION_CODE.has(digits.slice(0, 4)) && organizationCodeCheck(`00${digits.slice(0, 6)}${digits.slice(6)}`) === digits[14];
}

/**
 * The kinds of organisation (机构类别代码, a code's second character) each registering authority
 * (登记管理部门代码, its first) gives codes to, GB 32100-2015 appendix A: 9 (market regulation) only
 * to enterprises, sole traders and farmers' cooperatives.
 */
const USCC_KINDS: Record<string, string> = { 1: '1239', 2: '19', 3: '123459', 4: '19', 5: '1239', 6: '129', 7: '129', 8: '19', 9: '123', A: '19', N: '12349', Y: '1' };

/**
 * A unified social credit code as one can be issued: its check character right, its organisation
 * code's too, its first two characters an authority and a kind of organisation that go together. A
 * reading chosen among OCR's alternatives must be one (a check passed by chance, 97… for 91…, or a
 * digit misread into a code whose check it passes by chance, one in 31, is not).
 */
export function usccWellFormed(code: string): boolean {
  return code.length === 18 && usccCheckCharacter(code) === code[17] && organizationCodeCheck(code) === code[16] && (USCC_KINDS[code[0]!]?.includes(code[1]!) ?? false);
}

/** A credit code's first 17 characters completed with the check character they call for, where they are as a code's (usccWellFormed); null otherwise. */
export function withLostCheckCharacter(id: string | undefined): string | null {
  if (id?.length !== 17 || !/^[0-9A-Z]{2}\d{6}[0-9A-Z]{9}$/.test(id)) return null;
  const check = usccCheckCharacter(id);
  return check !== null && usccWellFormed(`${id}${check}`) ? `${id}${check}` : null;
}

/** VAT rates printed on invoices (current and historical), plus the non-numeric markers. */
export const ALLOWED_TAX_RATES = ['0%', '1%', '1.5%', '3%', '5%', '6%', '9%', '10%', '11%', '13%', '16%', '17%'];
/** A rate read as exactly one of the untaxed markers, or as stars. */
const RATE_MARKERS = new RegExp(`^(${UNTAXED_RATE_MARKERS.join('|')}|\\*{1,3})$`);

/** One check's result, its detail in English and in Chinese. */
function outcome(id: string, ok: boolean, message: { en: string; zh: string }, severity: CheckOutcome['severity'] = ok ? 'info' : 'error'): CheckOutcome {
  return { id, ok, message: message.en, messageZh: message.zh, severity };
}

function numberFormatCheck(fields: InvoiceFields): CheckOutcome {
  const { invoiceCode: code, invoiceNumber: number } = fields;
  if (number === null) return outcome('number-format', false, { en: 'no invoice number found', zh: '未找到发票号码' });
  if (/^\d{20}$/.test(number)) {
    return code === null
      ? outcome('number-format', true, { en: 'fully digital e-invoice: 20-digit number, no code', zh: '数电发票：20 位号码，无发票代码' })
      : outcome('number-format', false, { en: `20-digit number ${number} should not carry an invoice code (${code})`, zh: `20 位号码 ${number} 不应带发票代码（${code}）` });
  }
  if (/^\d{8}$/.test(number)) {
    if (code === null) return outcome('number-format', false, { en: `8-digit number ${number} needs a 10- or 12-digit invoice code; none found`, zh: `8 位号码 ${number} 须有 10 或 12 位发票代码，未找到` });
    return isInvoiceCodeForm(code)
      ? outcome('number-format', true, { en: `code ${code} (${code.length} digits) and number ${number} (8 digits)`, zh: `发票代码 ${code}（${code.length} 位），号码 ${number}（8 位）` })
      : outcome('number-format', false, { en: `invoice code ${code} must have 10 or 12 digits`, zh: `发票代码 ${code} 应为 10 或 12 位` });
  }
  return outcome('number-format', false, { en: `invoice number ${number} must have 8 or 20 digits`, zh: `发票号码 ${number} 应为 8 或 20 位` });
}

function fen(text: string | null | undefined): number | null {
  return text ? tryParseYuan(text) : null;
}

function amountPlusTaxCheck(fields: InvoiceFields): CheckOutcome {
  const amount = fen(fields.amountExclTax);
  const tax = fen(fields.taxAmount);
  const total = fen(fields.totalAmount);
  if (amount === null || tax === null || total === null) {
    return outcome('amount-plus-tax', false, { en: 'amount, tax or total missing: cannot check amount + tax = total', zh: '金额、税额或价税合计缺失，无法核对 金额 + 税额 = 价税合计' }, 'warning');
  }
  return amount + tax === total
    ? outcome('amount-plus-tax', true, { en: `${fields.amountExclTax} + ${fields.taxAmount} = ${fields.totalAmount}`, zh: `${fields.amountExclTax} + ${fields.taxAmount} = ${fields.totalAmount}` })
    : outcome('amount-plus-tax', false, { en: `${fields.amountExclTax} + ${fields.taxAmount} ≠ ${fields.totalAmount}`, zh: `${fields.amountExclTax} + ${fields.taxAmount} ≠ ${fields.totalAmount}` });
}

function itemsSumCheck(fields: InvoiceFields): CheckOutcome | null {
  if (fields.items.length === 0) return null;
  const amounts = fields.items.map((item) => fen(item.amount));
  if (amounts.some((a) => a === null)) return outcome('items-sum', false, { en: 'an item has no readable amount', zh: '有明细行的金额无法读取' }, 'warning');
  const amountSum = amounts.reduce<number>((sum, a) => sum + (a ?? 0), 0);
  const expectedAmount = fen(fields.amountExclTax);
  const problems: { en: string; zh: string }[] = [];
  if (expectedAmount !== null && amountSum !== expectedAmount) {
    problems.push({ en: `item amounts sum to ${formatYuan(amountSum)}, the total amount is ${fields.amountExclTax}`, zh: `明细金额之和 ${formatYuan(amountSum)}，合计金额为 ${fields.amountExclTax}` });
  }
  const taxes = fields.items.map((item) => (item.tax ? fen(item.tax) : null));
  const expectedTax = fen(fields.taxAmount);
  if (taxes.every((t) => t !== null) && expectedTax !== null) {
    const taxSum = taxes.reduce<number>((sum, t) => sum + (t ?? 0), 0);
    if (taxSum !== expectedTax) problems.push({ en: `item taxes sum to ${formatYuan(taxSum)}, the total tax is ${fields.taxAmount}`, zh: `明细税额之和 ${formatYuan(taxSum)}，合计税额为 ${fields.taxAmount}` });
  }
  return problems.length === 0
    ? outcome('items-sum', true, { en: `${fields.items.length} item(s) sum to the totals`, zh: `${fields.items.length} 行明细之和与合计一致` })
    : outcome('items-sum', false, { en: problems.map((p) => p.en).join('; '), zh: problems.map((p) => p.zh).join('；') });
}

function wordsCheck(fields: InvoiceFields): CheckOutcome {
  const total = fen(fields.totalAmount);
  if (!fields.totalInWords) return outcome('total-in-words', false, { en: 'no total in words found', zh: '未找到价税合计（大写）' }, 'warning');
  const words = parseChineseAmount(fields.totalInWords.replace(/^[（(]负数[)）]/, '负'));
  if (words === null) return outcome('total-in-words', false, { en: `total in words "${fields.totalInWords}" is not a valid amount`, zh: `大写金额“${fields.totalInWords}”不是有效金额` });
  if (total === null) return outcome('total-in-words', false, { en: 'no total in figures to compare the total in words with', zh: '没有小写价税合计可与大写金额核对' }, 'warning');
  return words === total
    ? outcome('total-in-words', true, { en: `total in words "${fields.totalInWords}" equals ${fields.totalAmount}`, zh: `大写 ${fields.totalInWords} 与小写 ${fields.totalAmount} 一致` })
    : outcome('total-in-words', false, { en: `total in words "${fields.totalInWords}" does not equal ${fields.totalAmount}`, zh: `大写 ${fields.totalInWords} 与小写 ${fields.totalAmount} 不一致` });
}

const PARTY_ZH = { buyer: '购买方', seller: '销售方' } as const;

function taxIdCheck(id: string, party: 'buyer' | 'seller', taxId: string | null): CheckOutcome | null {
  if (taxId === null) return null;
  const partyZh = PARTY_ZH[party];
  if (taxId.length === 18 && /^[0-9A-HJ-NPQRTUWXY]{18}$/.test(taxId)) {
    const expected = usccCheckCharacter(taxId);
    return expected === taxId[17]
      ? outcome(id, true, { en: `${party} credit code ${taxId}: check character valid`, zh: `${partyZh}统一社会信用代码 ${taxId}：校验位正确` })
      : outcome(id, false, {
        en: `${party} credit code ${taxId}: check character should be ${expected}; the reading is probably wrong`,
        zh: `${partyZh}统一社会信用代码 ${taxId}：校验位应为 ${expected}，识别结果可能有误`,
      }, 'warning');
  }
  if (/^(\d{15}|\d{17}[0-9X]|[0-9A-Z]{20})$/.test(taxId)) {
    return outcome(id, true, {
      en: `${party} taxpayer id ${taxId} (${taxId.length} characters, not a credit code: no check character)`,
      zh: `${partyZh}纳税人识别号 ${taxId}（${taxId.length} 位，非统一社会信用代码，无校验位）`,
    });
  }
  return outcome(id, false, { en: `${party} taxpayer id ${taxId} has an unexpected form`, zh: `${partyZh}纳税人识别号 ${taxId} 格式异常` }, 'warning');
}

function taxRateCheck(fields: InvoiceFields): CheckOutcome | null {
  const rates = fields.items.map((item) => item.rate).filter((rate): rate is string => !!rate);
  if (rates.length === 0) return null;
  const bad = rates.filter((rate) => !ALLOWED_TAX_RATES.includes(rate) && !RATE_MARKERS.test(rate));
  return bad.length === 0
    ? outcome('tax-rate', true, { en: `rate(s) ${[...new Set(rates)].join(', ')} allowed`, zh: `税率 ${[...new Set(rates)].join('、')} 均为法定税率` })
    : outcome('tax-rate', false, { en: `rate(s) ${bad.join(', ')} not in the allowed set`, zh: `税率 ${bad.join('、')} 不在法定税率之列` });
}

function qrCheck(fields: InvoiceFields, qrPayload: string | undefined): CheckOutcome | null {
  if (!qrPayload) return null;
  const qr = parseInvoiceQr(qrPayload);
  if (!qr) return outcome('qr-matches', false, { en: 'the QR code is not an invoice QR payload', zh: '二维码内容不是发票二维码' }, 'warning');
  const differences: { en: string; zh: string }[] = [];
  if (qr.invoiceNumber !== fields.invoiceNumber) {
    differences.push({ en: `number ${qr.invoiceNumber} ≠ printed ${fields.invoiceNumber ?? '—'}`, zh: `号码 ${qr.invoiceNumber} ≠ 票面 ${fields.invoiceNumber ?? '—'}` });
  }
  if (qr.invoiceCode !== null && qr.invoiceCode !== fields.invoiceCode) {
    differences.push({ en: `code ${qr.invoiceCode} ≠ printed ${fields.invoiceCode ?? '—'}`, zh: `代码 ${qr.invoiceCode} ≠ 票面 ${fields.invoiceCode ?? '—'}` });
  }
  if (qr.issueDate !== null && qr.issueDate !== fields.issueDate) {
    differences.push({ en: `date ${qr.issueDate} ≠ printed ${fields.issueDate ?? '—'}`, zh: `日期 ${qr.issueDate} ≠ 票面 ${fields.issueDate ?? '—'}` });
  }
  const qrAmount = fen(qr.amount);
  if (qrAmount !== null && qrAmount !== fen(fields.amountExclTax) && qrAmount !== fen(fields.totalAmount)) {
    differences.push({
      en: `amount ${qr.amount} matches neither printed amount ${fields.amountExclTax ?? '—'} nor total ${fields.totalAmount ?? '—'}`,
      zh: `金额 ${qr.amount} 与票面金额 ${fields.amountExclTax ?? '—'}、价税合计 ${fields.totalAmount ?? '—'} 均不符`,
    });
  }
  return differences.length === 0
    ? outcome('qr-matches', true, { en: 'QR code agrees with the printed number, code, date and amount', zh: '二维码与票面号码、代码、日期、金额一致' })
    : outcome('qr-matches', false, { en: `QR code differs: ${differences.map((d) => d.en).join('; ')}`, zh: `二维码与票面不符：${differences.map((d) => d.zh).join('；')}` });
}

/**
 * All per-invoice checks (duplicates across the input are added by the pipeline). A ticket (a passenger
 * ticket or receipt invoice: kind 'ticket') prints no amount before tax, no tax and often no total in
 * words: amount + tax = total is not asked of it, nor a total in words it does not print.
 */
export function checkInvoice(fields: InvoiceFields, qrPayload?: string, kind?: 'ticket'): CheckOutcome[] {
  const ticket = kind === 'ticket';
  return [
    numberFormatCheck(fields),
    ticket && fields.amountExclTax === null && fields.taxAmount === null ? null : amountPlusTaxCheck(fields),
    itemsSumCheck(fields),
    ticket && fields.totalInWords === null ? null : wordsCheck(fields),
    taxIdCheck('buyer-tax-id', 'buyer', fields.buyerTaxId),
    taxIdCheck('seller-tax-id', 'seller', fields.sellerTaxId),
    taxRateCheck(fields),
    qrCheck(fields, qrPayload),
  ].filter((check): check is CheckOutcome => check !== null);
}

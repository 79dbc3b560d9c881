// Offline checks on one extracted invoice, each named in the output. A failed check says the
// reading or the invoice is probably wrong; it never drops the invoice.
import type { CheckOutcome, InvoiceFields } from '../types';
import { formatYuan, parseChineseAmount, tryParseYuan } from '../money';
import { parseInvoiceQr } from './qr';

const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** The check character a unified social credit code (GB 32100-2015) must end with; null if malformed. */
export function usccCheckCharacter(code: string): string | null {
  if (!/^[0-9A-HJ-NPQRTUWXY]{17}/.test(code)) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_CHARS.indexOf(code[i]!) * USCC_WEIGHTS[i]!;
  return USCC_CHARS[(31 - (sum % 31)) % 31]!;
}

/** VAT rates printed on invoices (current and historical), plus the non-numeric markers. */
export const ALLOWED_TAX_RATES = ['0%', '1%', '1.5%', '3%', '5%', '6%', '9%', '10%', '11%', '13%', '16%', '17%'];
const RATE_MARKERS = /^(免税|不征税|\*{1,3})$/;

function outcome(id: string, ok: boolean, message: string, severity: CheckOutcome['severity'] = ok ? 'info' : 'error'): CheckOutcome {
  return { id, ok, message, severity };
}

function numberFormatCheck(fields: InvoiceFields): CheckOutcome {
  const { invoiceCode: code, invoiceNumber: number } = fields;
  if (number === null) return outcome('number-format', false, 'no invoice number found');
  if (/^\d{20}$/.test(number)) {
    return code === null
      ? outcome('number-format', true, '数电 invoice: 20-digit number, no code')
      : outcome('number-format', false, `20-digit number ${number} should not carry an invoice code (${code})`);
  }
  if (/^\d{8}$/.test(number)) {
    if (code === null) return outcome('number-format', false, `8-digit number ${number} needs a 10- or 12-digit invoice code; none found`);
    return /^(\d{10}|\d{12})$/.test(code)
      ? outcome('number-format', true, `code ${code} (${code.length} digits) and number ${number} (8 digits)`)
      : outcome('number-format', false, `invoice code ${code} must have 10 or 12 digits`);
  }
  return outcome('number-format', false, `invoice number ${number} must have 8 or 20 digits`);
}

function fen(text: string | null | undefined): number | null {
  return text ? tryParseYuan(text) : null;
}

function amountPlusTaxCheck(fields: InvoiceFields): CheckOutcome {
  const amount = fen(fields.amountExclTax);
  const tax = fen(fields.taxAmount);
  const total = fen(fields.totalAmount);
  if (amount === null || tax === null || total === null) {
    return outcome('amount-plus-tax', false, 'amount, tax or total missing: cannot check amount + tax = total', 'warning');
  }
  return amount + tax === total
    ? outcome('amount-plus-tax', true, `${fields.amountExclTax} + ${fields.taxAmount} = ${fields.totalAmount}`)
    : outcome('amount-plus-tax', false, `${fields.amountExclTax} + ${fields.taxAmount} ≠ ${fields.totalAmount}`);
}

function itemsSumCheck(fields: InvoiceFields): CheckOutcome | null {
  if (fields.items.length === 0) return null;
  const amounts = fields.items.map((item) => fen(item.amount));
  if (amounts.some((a) => a === null)) return outcome('items-sum', false, 'an item has no readable amount', 'warning');
  const amountSum = amounts.reduce<number>((sum, a) => sum + (a ?? 0), 0);
  const expectedAmount = fen(fields.amountExclTax);
  const problems: string[] = [];
  if (expectedAmount !== null && amountSum !== expectedAmount) problems.push(`item amounts sum to ${formatYuan(amountSum)}, 合计 is ${fields.amountExclTax}`);
  const taxes = fields.items.map((item) => (item.tax ? fen(item.tax) : null));
  const expectedTax = fen(fields.taxAmount);
  if (taxes.every((t) => t !== null) && expectedTax !== null) {
    const taxSum = taxes.reduce<number>((sum, t) => sum + (t ?? 0), 0);
    if (taxSum !== expectedTax) problems.push(`item taxes sum to ${formatYuan(taxSum)}, 合计税额 is ${fields.taxAmount}`);
  }
  return problems.length === 0
    ? outcome('items-sum', true, `${fields.items.length} item(s) sum to the totals`)
    : outcome('items-sum', false, problems.join('; '));
}

function wordsCheck(fields: InvoiceFields): CheckOutcome {
  const total = fen(fields.totalAmount);
  if (!fields.totalInWords) return outcome('total-in-words', false, 'no 大写 total found', 'warning');
  const words = parseChineseAmount(fields.totalInWords.replace(/^[（(]负数[)）]/, '负'));
  if (words === null) return outcome('total-in-words', false, `大写 "${fields.totalInWords}" is not a valid amount`);
  if (total === null) return outcome('total-in-words', false, 'no total in figures to compare the 大写 amount with', 'warning');
  return words === total
    ? outcome('total-in-words', true, `大写 ${fields.totalInWords} equals ${fields.totalAmount}`)
    : outcome('total-in-words', false, `大写 ${fields.totalInWords} does not equal ${fields.totalAmount}`);
}

function taxIdCheck(id: string, party: string, taxId: string | null): CheckOutcome | null {
  if (taxId === null) return null;
  if (taxId.length === 18 && /^[0-9A-HJ-NPQRTUWXY]{18}$/.test(taxId)) {
    const expected = usccCheckCharacter(taxId);
    return expected === taxId[17]
      ? outcome(id, true, `${party} credit code ${taxId}: check character valid`)
      : outcome(id, false, `${party} credit code ${taxId}: check character should be ${expected}; the reading is probably wrong`, 'warning');
  }
  if (/^(\d{15}|\d{17}[0-9X]|[0-9A-Z]{20})$/.test(taxId)) {
    return outcome(id, true, `${party} taxpayer id ${taxId} (${taxId.length} characters, not a credit code: no check character)`);
  }
  return outcome(id, false, `${party} taxpayer id ${taxId} has an unexpected form`, 'warning');
}

function taxRateCheck(fields: InvoiceFields): CheckOutcome | null {
  const rates = fields.items.map((item) => item.rate).filter((rate): rate is string => !!rate);
  if (rates.length === 0) return null;
  const bad = rates.filter((rate) => !ALLOWED_TAX_RATES.includes(rate) && !RATE_MARKERS.test(rate));
  return bad.length === 0
    ? outcome('tax-rate', true, `rate(s) ${[...new Set(rates)].join(', ')} allowed`)
    : outcome('tax-rate', false, `rate(s) ${bad.join(', ')} not in the allowed set`);
}

function qrCheck(fields: InvoiceFields, qrPayload: string | undefined): CheckOutcome | null {
  if (!qrPayload) return null;
  const qr = parseInvoiceQr(qrPayload);
  if (!qr) return outcome('qr-matches', false, 'the QR code is not an invoice QR payload', 'warning');
  const differences: string[] = [];
  if (qr.invoiceNumber !== fields.invoiceNumber) differences.push(`number ${qr.invoiceNumber} ≠ printed ${fields.invoiceNumber ?? '—'}`);
  if (qr.invoiceCode !== null && qr.invoiceCode !== fields.invoiceCode) differences.push(`code ${qr.invoiceCode} ≠ printed ${fields.invoiceCode ?? '—'}`);
  if (qr.issueDate !== null && qr.issueDate !== fields.issueDate) differences.push(`date ${qr.issueDate} ≠ printed ${fields.issueDate ?? '—'}`);
  const qrAmount = fen(qr.amount);
  if (qrAmount !== null && qrAmount !== fen(fields.amountExclTax) && qrAmount !== fen(fields.totalAmount)) {
    differences.push(`amount ${qr.amount} matches neither printed amount ${fields.amountExclTax ?? '—'} nor total ${fields.totalAmount ?? '—'}`);
  }
  return differences.length === 0
    ? outcome('qr-matches', true, 'QR code agrees with the printed number, code, date and amount')
    : outcome('qr-matches', false, `QR code differs: ${differences.join('; ')}`);
}

/** All per-invoice checks (duplicates across the input are added by the pipeline). */
export function checkInvoice(fields: InvoiceFields, qrPayload?: string): CheckOutcome[] {
  return [
    numberFormatCheck(fields),
    amountPlusTaxCheck(fields),
    itemsSumCheck(fields),
    wordsCheck(fields),
    taxIdCheck('buyer-tax-id', 'buyer', fields.buyerTaxId),
    taxIdCheck('seller-tax-id', 'seller', fields.sellerTaxId),
    taxRateCheck(fields),
    qrCheck(fields, qrPayload),
  ].filter((check): check is CheckOutcome => check !== null);
}

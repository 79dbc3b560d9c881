// The invoice QR code payload: comma-separated, e.g.
//   01,10,033002000211,83089647,510.68,20200723,16197833567414507415,0941,   (old layout)
//   01,32,,24112000000048542163,4449.00,20240528,,A1B2,                       (数电: no code)
// fields: version, invoice type, code, number, amount, date (YYYYMMDD), check code, CRC.
import { normalizeAmount, normalizeDate } from './text-normalize';
import { isInvoiceCodeForm, isInvoiceNumberForm } from './invoice-identity';

export interface InvoiceQrPayload {
  typeCode: string;
  invoiceCode: string | null;
  invoiceNumber: string;
  amount: string | null;
  issueDate: string | null;
  checkCode: string | null;
}

export function parseInvoiceQr(payload: string): InvoiceQrPayload | null {
  const parts = payload.trim().split(/[,，]/).map((p) => p.trim());
  if (parts.length < 6 || !/^\d{2}$/.test(parts[0]!) || !/^\d{2}$/.test(parts[1]!)) return null;
  const invoiceNumber = parts[3]!;
  if (!isInvoiceNumberForm(invoiceNumber)) return null;
  const code = parts[2]!;
  if (code !== '' && !isInvoiceCodeForm(code)) return null;
  return {
    typeCode: parts[1]!,
    invoiceCode: code === '' ? null : code,
    invoiceNumber,
    amount: normalizeAmount(parts[4]),
    issueDate: normalizeDate(parts[5]),
    checkCode: parts[6] ? parts[6] : null,
  };
}

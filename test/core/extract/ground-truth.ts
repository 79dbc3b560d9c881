// Reads test/fixtures/real-invoices/groundtruth.json into the shape of InvoiceFields (key fields).
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REAL_INVOICES_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../fixtures/real-invoices');
/** Further real XML and OFD invoices (re-zipped OFD directories), with items in the ground truth. */
export const REAL_EXTRA_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../fixtures/invoices/real-extra');

/** Fields the uploader of an image masked are null. */
export interface GroundTruthEntry {
  file: string;
  kind: string;
  /** How real the document is (I08–I17): a real invoice, a specimen, synthetic, a related ticket. */
  realness?: string;
  code: string | null;
  number: string | null;
  date: string | null;
  buyer: string | null;
  buyer_tid: string | null;
  seller: string | null;
  seller_tid: string | null;
  amount: string | null;
  tax: string | null;
  total: string | null;
  total_cn: string | null;
  remarks: string | null;
  sha256: string;
  /** Every item line as the extractor reports it (name, amount, rate, tax); in the real-extra set. */
  items_detail?: { name: string; amount: string | null; rate: string | null; tax: string | null }[];
}

export const KEY_FIELDS = [
  'invoiceCode', 'invoiceNumber', 'issueDate', 'buyerName', 'buyerTaxId', 'sellerName', 'sellerTaxId',
  'amountExclTax', 'taxAmount', 'totalAmount', 'totalInWords',
] as const;
export type KeyField = (typeof KEY_FIELDS)[number];

export function loadGroundTruth(dir: string = REAL_INVOICES_DIR): GroundTruthEntry[] {
  return JSON.parse(readFileSync(resolve(dir, 'groundtruth.json'), 'utf8')) as GroundTruthEntry[];
}

/** Ground-truth text without annotations: "(none – 数电票)" and "" become null, "(…)" notes are dropped. */
function clean(value: string | null): string | null {
  if (value === null) return null;
  const trimmed = value.replace(/\s*\((?:none|empty|uses|item|RequestTime|placeholder)[^)]*\)\s*/g, '').trim();
  return trimmed === '' ? null : trimmed;
}

export function expectedKeyFields(entry: GroundTruthEntry): Record<KeyField, string | null> {
  const date = clean(entry.date);
  return {
    invoiceCode: clean(entry.code),
    invoiceNumber: clean(entry.number),
    issueDate: date ? date.slice(0, 10) : null,
    buyerName: clean(entry.buyer),
    buyerTaxId: clean(entry.buyer_tid),
    sellerName: clean(entry.seller),
    sellerTaxId: clean(entry.seller_tid),
    amountExclTax: clean(entry.amount),
    taxAmount: clean(entry.tax),
    totalAmount: clean(entry.total),
    totalInWords: clean(entry.total_cn),
  };
}

export function expectedRemarks(entry: GroundTruthEntry): string | null {
  return clean(entry.remarks);
}

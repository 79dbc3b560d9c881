// An invoice as one reader saw it: field values with confidence and box. Readers of different
// trust (structured XML, OFD tags, page text, OCR) each produce a draft; drafts are merged in order
// of trust, the first reader to give a field wins.
import type { InvoiceFieldName, InvoiceFields, InvoiceItem } from '../types';
import type { Box } from './positioned-text';

export type ScalarFieldName = Exclude<InvoiceFieldName, 'items'>;

export const SCALAR_FIELD_NAMES: readonly ScalarFieldName[] = [
  'invoiceCode', 'invoiceNumber', 'issueDate', 'buyerName', 'buyerTaxId', 'sellerName', 'sellerTaxId',
  'amountExclTax', 'taxAmount', 'totalAmount', 'totalInWords', 'remarks',
];

export interface InvoiceDraft {
  values: Partial<Record<ScalarFieldName, string>>;
  items: InvoiceItem[];
  confidence: Partial<Record<InvoiceFieldName, number>>;
  boxes: Partial<Record<InvoiceFieldName, Box>>;
  /** The invoice QR code payload, when a reader found one (structured GraphCode or decoded image). */
  qrPayload?: string;
  /** A passenger ticket or receipt invoice (客票, taxi receipt, 定额发票): no parties, no tax, no total in words. */
  kind?: 'ticket';
}

export function emptyDraft(): InvoiceDraft {
  return { values: {}, items: [], confidence: {}, boxes: {} };
}

export function setField(draft: InvoiceDraft, field: ScalarFieldName, value: string | null, confidence: number, box?: Box): void {
  if (value === null || value === '') return;
  draft.values[field] = value;
  draft.confidence[field] = confidence;
  if (box) draft.boxes[field] = box;
}

/** Fills what `primary` lacks from `secondary` (values, items, boxes); primary's values stay. */
export function mergeDrafts(primary: InvoiceDraft, secondary: InvoiceDraft): InvoiceDraft {
  const merged: InvoiceDraft = {
    values: { ...primary.values },
    items: primary.items.length > 0 ? primary.items : secondary.items,
    confidence: { ...primary.confidence },
    boxes: { ...primary.boxes },
    qrPayload: primary.qrPayload ?? secondary.qrPayload,
  };
  // A ticket reading fills a draft as a ticket only when that draft has no party or tax of a VAT invoice.
  const vatFields = primary.values.buyerName ?? primary.values.sellerName ?? primary.values.buyerTaxId ?? primary.values.sellerTaxId ?? primary.values.taxAmount;
  const kind = primary.kind ?? (vatFields === undefined ? secondary.kind : undefined);
  if (kind) merged.kind = kind;
  for (const field of SCALAR_FIELD_NAMES) {
    const secondaryValue = secondary.values[field];
    if (merged.values[field] === undefined && secondaryValue !== undefined) {
      merged.values[field] = secondaryValue;
      const confidence = secondary.confidence[field];
      if (confidence !== undefined) merged.confidence[field] = confidence;
    }
    const secondaryBox = secondary.boxes[field];
    if (!merged.boxes[field] && secondaryBox && merged.values[field] === secondaryValue) merged.boxes[field] = secondaryBox;
  }
  if (primary.items.length === 0 && secondary.confidence.items !== undefined) merged.confidence.items = secondary.confidence.items;
  if (!merged.boxes.items && secondary.boxes.items) merged.boxes.items = secondary.boxes.items;
  return merged;
}

export function toFields(draft: InvoiceDraft): InvoiceFields {
  const v = draft.values;
  return {
    invoiceCode: v.invoiceCode ?? null,
    invoiceNumber: v.invoiceNumber ?? null,
    issueDate: v.issueDate ?? null,
    buyerName: v.buyerName ?? null,
    buyerTaxId: v.buyerTaxId ?? null,
    sellerName: v.sellerName ?? null,
    sellerTaxId: v.sellerTaxId ?? null,
    items: draft.items,
    amountExclTax: v.amountExclTax ?? null,
    taxAmount: v.taxAmount ?? null,
    totalAmount: v.totalAmount ?? null,
    totalInWords: v.totalInWords ?? null,
    remarks: v.remarks ?? null,
  };
}

/** Number of key fields a draft holds (used to decide whether a page is an invoice at all). */
export function keyFieldCount(draft: InvoiceDraft): number {
  return SCALAR_FIELD_NAMES.filter((f) => f !== 'remarks' && draft.values[f] !== undefined).length;
}

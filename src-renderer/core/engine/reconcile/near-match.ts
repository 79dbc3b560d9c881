// Near matches for an invoice number a row lists but no file holds: a number read from the files
// that differs from it by one or two characters (a typing slip in the list, or OCR reading 8 for 3),
// or by up to four when the reader itself was unsure of the number (an OCR misread of a scan). The
// reconciliation offers such a number to the reviewer; it is linked only when the reviewer says so.

import type { InvoiceNearMatch } from '../../types';
import type { InvoiceReading } from './evidence';

/** Edit distance at which any read number is offered. */
export const NEAR_MATCH_MAX_DISTANCE = 2;
/** Below this confidence in the number read, the reading counts as a likely OCR misread. */
export const LOW_NUMBER_CONFIDENCE = 0.8;
/** Edit distance at which a number read with low confidence is still offered. */
export const LOW_CONFIDENCE_MAX_DISTANCE = 4;

/** Levenshtein distance of a and b, or null when it exceeds `max` (rows stop early past it). */
export function editDistanceWithin(a: string, b: string, max: number): number | null {
  if (Math.abs(a.length - b.length) > max) return null;
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      current.push(value);
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > max) return null;
    previous = current;
  }
  const distance = previous[b.length]!;
  return distance <= max ? distance : null;
}

/**
 * The nearest read number to `listed` among `candidates` (number → its reading), or null: the
 * smallest distance wins, then the less certain reading (the likelier misread), then pool order.
 */
export function nearestInvoice(listed: string, candidates: Iterable<[string, InvoiceReading]>): InvoiceNearMatch | null {
  let best: InvoiceNearMatch | null = null;
  for (const [number, reading] of candidates) {
    const confidence = reading.numberConfidence ?? null;
    const max = confidence !== null && confidence < LOW_NUMBER_CONFIDENCE ? LOW_CONFIDENCE_MAX_DISTANCE : NEAR_MATCH_MAX_DISTANCE;
    const distance = editDistanceWithin(listed, number, max);
    if (distance === null || distance === 0) continue;
    const better = !best || distance < best.distance || (distance === best.distance && (confidence ?? 1) < (best.confidence ?? 1));
    if (better) best = { listed, invoiceNumber: number, file: reading.file, page: reading.page, confidence, distance };
  }
  return best;
}

/** "not found; nearest …" for the proposal's message, in both languages. */
export function describeNearMatch(match: InvoiceNearMatch): { zh: string; en: string } {
  const percent = `${Math.round((match.confidence ?? 1) * 100)}%`;
  return {
    zh: `发票 ${match.listed} 未找到；最接近：${match.invoiceNumber}（${match.file} 第${match.page}页，识别置信度 ${percent}）`,
    en: `invoice ${match.listed} not found; nearest: ${match.invoiceNumber} in ${match.file} p. ${match.page} (confidence ${percent})`,
  };
}

// Reading printed "label: value" pairs from the lines of a page (text layer or OCR), the common
// ground of the contract and bank-receipt readers: labels whose characters may be spaced out, values
// that end at a visible gap between printed items, and the page box and confidence of each value.
import type { Line } from './layout';
import { spanBox, spanConfidence } from './layout';
import type { Box } from './positioned-text';

/** A value read from a line: the characters [start, end) of `line.text`. */
export interface LineSpan {
  value: string;
  line: Line;
  start: number;
  end: number;
}

/** A reading of named fields with the box and confidence of each. */
export interface FieldReading<F extends string> {
  values: Partial<Record<F, string>>;
  confidence: Partial<Record<F, number>>;
  boxes: Partial<Record<F, Box>>;
}

export function emptyReading<F extends string>(): FieldReading<F> {
  return { values: {}, confidence: {}, boxes: {} };
}

/** A label pattern whose characters may be separated by spaces (letter-spaced print, OCR): 户名 -> 户\s*名. */
export function spaced(characters: string): string {
  return [...characters].map((ch) => ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\s*');
}

/** Any of the labels, each spaced. */
export function anyLabel(labels: readonly string[]): string {
  return labels.map(spaced).join('|');
}

export function spanOf(line: Line, start: number, end: number): LineSpan {
  return { value: line.text.slice(start, end), line, start, end };
}

/** Stores a value with its box and the mean confidence of the items it came from. */
export function putField<F extends string>(reading: FieldReading<F>, field: F, value: string | null, at: LineSpan | undefined, confidenceFactor = 1): void {
  if (value === null || value === '' || !at) return;
  reading.values[field] = value;
  reading.confidence[field] = Math.round(spanConfidence(at.line, at.start, at.end) * confidenceFactor * 1000) / 1000;
  const box = spanBox(at.line, at.start, at.end);
  if (box) reading.boxes[field] = box;
}

/** Index of the first visible gap (an inserted space between printed items) at or after `from`. */
function gapAt(line: Line, from: number): number {
  for (let i = from; i < line.text.length; i++) if (line.charItem[i] === -1) return i;
  return line.text.length;
}

/**
 * The value printed after a label that ends at `labelEnd`: colons and gaps skipped, then everything up
 * to the next visible gap. Null when nothing follows on the line.
 */
export function valueAfter(line: Line, labelEnd: number): LineSpan | null {
  let start = labelEnd;
  while (start < line.text.length && /[\s:：]/.test(line.text[start]!)) start++;
  if (start >= line.text.length) return null;
  let end = gapAt(line, start);
  while (end > start && /\s/.test(line.text[end - 1]!)) end--;
  return end > start ? spanOf(line, start, end) : null;
}

/** The rest of the line after a label (past colons and gaps), for values that may hold gaps themselves. */
export function restAfter(line: Line, labelEnd: number): LineSpan | null {
  let start = labelEnd;
  while (start < line.text.length && /[\s:：]/.test(line.text[start]!)) start++;
  const end = line.text.trimEnd().length;
  return end > start ? spanOf(line, start, end) : null;
}

/** Narrows a span to the first match of a pattern inside it (group 1 when there is one). */
export function narrow(span: LineSpan, pattern: RegExp): LineSpan | null {
  const match = pattern.exec(span.value);
  if (!match) return null;
  const value = match[1] ?? match[0];
  const offset = span.start + match.index + match[0].indexOf(value);
  return spanOf(span.line, offset, offset + value.length);
}

export interface LabelHit {
  line: Line;
  lineIndex: number;
  /** Where the label starts and ends in the line's text. */
  start: number;
  end: number;
  groups: Record<string, string | undefined>;
}

/** Every occurrence of a label pattern on the lines, in reading order. */
export function findLabels(lines: Line[], pattern: string): LabelHit[] {
  const regex = new RegExp(pattern, 'gu');
  const hits: LabelHit[] = [];
  lines.forEach((line, lineIndex) => {
    for (const match of line.text.matchAll(regex)) {
      if (match[0] === '') continue;
      hits.push({ line, lineIndex, start: match.index, end: match.index + match[0].length, groups: { ...(match.groups ?? {}) } });
    }
  });
  return hits;
}

/** Left edge of a span in page units (the box of its first item). */
export function leftOf(line: Line, start: number, end: number): number {
  return spanBox(line, start, end)?.[0] ?? line.left;
}

export const MONEY_PATTERN = '(?<![\\d.])(\\d{1,3}(?:,\\d{3})+\\.\\d{2}|\\d+\\.\\d{2})(?![\\d])';
export const DATE_PATTERN = '(\\d{4}\\s*年\\s*\\d{1,2}\\s*月\\s*\\d{1,2}\\s*日|\\d{4}[-/.]\\d{1,2}[-/.]\\d{1,2}|(?<!\\d)(?:19|20)\\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\\d|3[01])(?!\\d))';
/** The characters of an amount in words (大写), as printed after a 大写 label. */
export const WORDS_PATTERN = '((?:人民币|⊗|ⓧ)?[零壹贰叁肆伍陆柒捌玖拾佰仟万亿圆元角分整正]{2,40})';

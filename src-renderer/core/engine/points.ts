// Rubric points as integer hundredths ("18.5" → 1850), so that totals, bands and panel margins
// are compared exactly.

import { InvalidInputError } from '../result';

const POINTS_PATTERN = /^(\d+)(?:\.(\d{1,2}))?$/;

export type Hundredths = number;

/** "18.5" → 1850; null when not a non-negative number with at most 2 decimals. */
export function tryParsePoints(text: string): Hundredths | null {
  const match = POINTS_PATTERN.exec(text.trim());
  if (!match) return null;
  const value = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0') || '0');
  return Number.isSafeInteger(value) ? value : null;
}

export function parsePoints(text: string, what: string, source?: string): Hundredths {
  const value = tryParsePoints(text);
  if (value === null) throw new InvalidInputError(`${what} "${text}" is not a score such as "18.5" (at most 2 decimals)`, source);
  return value;
}

/** 8550 → "85.50". */
export function formatPoints(hundredths: Hundredths): string {
  const negative = hundredths < 0;
  const magnitude = Math.abs(hundredths);
  return `${negative ? '-' : ''}${Math.floor(magnitude / 100)}.${String(magnitude % 100).padStart(2, '0')}`;
}

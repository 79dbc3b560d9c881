// Decimal yuan strings <-> integer fen. "12720.00", "¥12,720.00", "￥12,720", "-3.5".

import type { Fen } from '../types';
import { InvalidInputError } from '../result';

const YUAN_PATTERN = /^(-)?[¥￥]?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?$/;

/** Full-width digits, comma, period and minus (as OCR and IMEs produce them) to ASCII. */
function toHalfWidth(text: string): string {
  return text.replace(/[０-９，．－]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0));
}

/**
 * Parses a decimal yuan amount into fen. Accepts an optional leading minus, an optional ¥ or ￥,
 * thousands separators in groups of three and at most two decimals. Throws InvalidInputError
 * naming the text for anything else (empty, letters, three decimals, misplaced commas, too large).
 */
export function parseYuan(text: string): Fen {
  const fen = tryParseYuan(text);
  if (fen === null) throw new InvalidInputError(`"${text}" is not an amount in yuan (expected e.g. 12720.00)`);
  return fen;
}

/** Like parseYuan but returns null instead of throwing. */
export function tryParseYuan(text: string): Fen | null {
  const match = YUAN_PATTERN.exec(toHalfWidth(text.trim()).replace(/\s+/g, ''));
  if (!match) return null;
  const [, sign, whole = '', fraction = ''] = match;
  const fen = BigInt(whole.replaceAll(',', '')) * 100n + BigInt(fraction.padEnd(2, '0') || '0');
  if (fen > BigInt(Number.MAX_SAFE_INTEGER)) return null;
  const value = Number(fen);
  return sign && value !== 0 ? -value : value;
}

function assertFen(fen: Fen): void {
  if (!Number.isSafeInteger(fen)) throw new InvalidInputError(`${fen} is not an integer amount of fen`);
}

function splitFen(fen: Fen): { negative: boolean; yuan: string; cents: string } {
  assertFen(fen);
  const magnitude = Math.abs(fen);
  return {
    negative: fen < 0,
    yuan: Math.floor(magnitude / 100).toString(),
    cents: (magnitude % 100).toString().padStart(2, '0'),
  };
}

/** 1272000 → "12720.00"; -5 → "-0.05". The format of amounts in files. */
export function formatYuan(fen: Fen): string {
  const { negative, yuan, cents } = splitFen(fen);
  return `${negative ? '-' : ''}${yuan}.${cents}`;
}

/** 1272000 → "¥12,720.00"; -1272000 → "-¥12,720.00". The format of amounts shown to people. */
export function formatCny(fen: Fen): string {
  const { negative, yuan, cents } = splitFen(fen);
  const grouped = yuan.replace(/\B(?=(\d{3})+$)/g, ',');
  return `${negative ? '-' : ''}¥${grouped}.${cents}`;
}

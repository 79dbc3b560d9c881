// What is wrong with a typed value that is not yet stored. A value that fails is never written and
// never counted: the input keeps it visibly as a refused draft, with the stored value that still
// applies, until the reviewer corrects it or presses Escape.
import { compareDecimals, isDecimal, parseDecimal } from '../core/money/decimal';
import { tryParseYuan } from '../core/money';
import type { MessageKey } from '../i18n';

export type InputProblem = { key: MessageKey; params?: Record<string, string> };

/** A score: 0 to the criterion's maximum, at most two decimals. Empty means "no score". */
export function scoreProblem(text: string, max: string): InputProblem | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  if (!isDecimal(trimmed) || !/^\d+(\.\d{1,2})?$/.test(trimmed)) return { key: 'score.invalid' };
  if (compareDecimals(parseDecimal(trimmed), parseDecimal(max)) > 0) return { key: 'score.tooHigh', params: { max } };
  return null;
}

/** A cut: a yuan amount from 0 to the claimed amount. Empty means "no cut". */
export function cutProblem(text: string, claimedFen: number): InputProblem | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  const fen = tryParseYuan(trimmed);
  if (fen === null || fen < 0) return { key: 'claims.invalidAmount' };
  if (fen > claimedFen) return { key: 'claims.cutTooLarge' };
  return null;
}

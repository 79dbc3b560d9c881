// Chinese uppercase amounts (大写金额) <-> integer fen, as printed on invoices and cheques:
// "壹万贰仟柒佰贰拾圆整", "贰仟壹佰伍拾圆陆角叁分", "叁拾元零肆角玖分", "柒仟零壹拾捌圆捌角叁分".
// Accepted variants: 元/圆/圓, 整/正, an optional 零 before 角 or 分, traditional and simplified
// forms (貳 參 陸 萬 億 …), a leading 人民币 / (大写) / ⊗ / ⓧ, and 负 for negative amounts.

import type { Fen } from '../types';

const DIGITS: Record<string, number> = {
  零: 0, 〇: 0, 壹: 1, 一: 1, 贰: 2, 貳: 2, 二: 2, 两: 2, 兩: 2, 叁: 3, 參: 3, 叄: 3, 三: 3,
  肆: 4, 四: 4, 伍: 5, 五: 5, 陆: 6, 陸: 6, 六: 6, 柒: 7, 七: 7, 捌: 8, 八: 8, 玖: 9, 九: 9,
};
const SMALL_UNITS: Record<string, bigint> = { 拾: 10n, 十: 10n, 佰: 100n, 百: 100n, 仟: 1000n, 千: 1000n };
const WAN = new Set(['万', '萬']);
const YI = new Set(['亿', '億']);
const YUAN_MARKS = /[元圆圓]/;
const WHOLE_MARKS = /[整正]$/;
const PREFIX = /^(?:[⊗ⓧ⒳×xX]|人民币|人民幣|\(大写\)|（大写）|大写[:：]?|[:：])+/;

const UPPER_DIGITS = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'];
const GROUP_UNITS = ['', '拾', '佰', '仟'];

/** Parses the integer part (before 元); null when the characters do not form a valid numeral. */
function parseIntegerNumeral(text: string): bigint | null {
  if (text === '') return 0n;
  let total = 0n; // the part closed by 亿
  let wanGroup = 0n; // the part closed by 万 inside the current 亿 group
  let section = 0n; // the running value below 万
  let pendingDigit: bigint | null = null;
  let lastUnit: bigint | null = null; // units inside a section must decrease
  let afterBigUnit = false;
  let zeroSinceUnit = false;
  const closeSection = (): void => {
    section = 0n;
    pendingDigit = null;
    lastUnit = null;
    afterBigUnit = true;
    zeroSinceUnit = false;
  };
  for (const ch of text) {
    const digit = DIGITS[ch];
    if (digit !== undefined) {
      if (pendingDigit !== null) return null;
      if (digit === 0) zeroSinceUnit = true;
      else pendingDigit = BigInt(digit);
    } else if (ch in SMALL_UNITS) {
      const unit = SMALL_UNITS[ch]!;
      if (lastUnit !== null && unit >= lastUnit) return null;
      const bareTen = unit === 10n && section === 0n && !zeroSinceUnit && !afterBigUnit;
      if (pendingDigit === null && !bareTen) return null;
      section += (pendingDigit ?? 1n) * unit;
      pendingDigit = null;
      lastUnit = unit;
      zeroSinceUnit = false;
    } else if (WAN.has(ch)) {
      const value = section + (pendingDigit ?? 0n);
      if (value === 0n || wanGroup !== 0n) return null;
      wanGroup = value * 10000n;
      closeSection();
    } else if (YI.has(ch)) {
      const value = wanGroup + section + (pendingDigit ?? 0n);
      if (value === 0n || total !== 0n) return null;
      total = value * 100000000n;
      wanGroup = 0n;
      closeSection();
    } else {
      return null;
    }
  }
  const bareDigitIsUnambiguous = lastUnit === 10n || zeroSinceUnit || (lastUnit === null && !afterBigUnit);
  // "壹佰伍" or "壹万伍" is ambiguous (105 or 150); banking forms write 壹佰零伍 or 壹佰伍拾.
  if (pendingDigit !== null && !bareDigitIsUnambiguous) return null;
  return total + wanGroup + section + (pendingDigit ?? 0n);
}

/** Parses "伍角叁分", "零伍分", "陆角", "" → fen below one yuan; null when malformed. */
function parseFractionNumeral(text: string): bigint | null {
  const match = /^零?(?:(.)角)?零?(?:(.)分)?$/u.exec(text);
  if (!match) return null;
  const [, jiao, fen] = match;
  const jiaoValue = jiao === undefined ? 0 : DIGITS[jiao];
  const fenValue = fen === undefined ? 0 : DIGITS[fen];
  if (jiaoValue === undefined || fenValue === undefined) return null;
  return BigInt(jiaoValue * 10 + fenValue);
}

/** Parses an uppercase Chinese amount into fen, or null when it is not one. */
export function parseChineseAmount(text: string): Fen | null {
  let body = text.replace(/\s+/g, '').replace(PREFIX, '');
  let negative = false;
  if (body.startsWith('负') || body.startsWith('負')) {
    negative = true;
    body = body.slice(1);
  }
  if (body === '') return null;
  const hasWholeMark = WHOLE_MARKS.test(body);
  body = body.replace(WHOLE_MARKS, '');
  const yuanMark = YUAN_MARKS.exec(body);
  let integerText = '';
  let fractionText = body;
  if (yuanMark) {
    integerText = body.slice(0, yuanMark.index);
    fractionText = body.slice(yuanMark.index + 1);
    if (integerText === '') return null;
  } else if (!/[角分]/.test(body)) {
    return null;
  }
  if (hasWholeMark && /分$/.test(fractionText)) return null;
  const integer = parseIntegerNumeral(integerText);
  const fraction = parseFractionNumeral(fractionText);
  if (integer === null || fraction === null) return null;
  if (!yuanMark && fraction === 0n) return null;
  const fen = integer * 100n + fraction;
  if (fen > BigInt(Number.MAX_SAFE_INTEGER)) return null;
  const value = Number(fen);
  return negative && value !== 0 ? -value : value;
}

/** Writes 0 < n < 10000 as 仟佰拾 digits, with 零 for inner gaps ("壹仟零伍"). */
function groupToChinese(group: number): string {
  let out = '';
  let pendingZero = false;
  for (let position = 3; position >= 0; position--) {
    const digit = Math.floor(group / 10 ** position) % 10;
    if (digit === 0) {
      if (out !== '') pendingZero = true;
      continue;
    }
    if (pendingZero) out += '零';
    pendingZero = false;
    out += UPPER_DIGITS[digit]! + GROUP_UNITS[position]!;
  }
  return out;
}

/** Writes 0 < value < 10^8 with 万 and inner 零 ("壹拾万零伍佰"). */
function belowYiToChinese(value: number): string {
  const high = Math.floor(value / 10000);
  const low = value % 10000;
  if (high === 0) return groupToChinese(low);
  const highText = `${groupToChinese(high)}万`;
  if (low === 0) return highText;
  return `${highText}${low < 1000 ? '零' : ''}${groupToChinese(low)}`;
}

function integerToChinese(value: bigint): string {
  const high = value / 100000000n;
  const low = Number(value % 100000000n);
  if (high === 0n) return belowYiToChinese(low);
  const highText = `${integerToChinese(high)}亿`;
  if (low === 0) return highText;
  return `${highText}${low < 10000000 ? '零' : ''}${belowYiToChinese(low)}`;
}

/**
 * Writes fen as the uppercase amount printed on invoices: 1272000 → "壹万贰仟柒佰贰拾圆整",
 * 215063 → "贰仟壹佰伍拾圆陆角叁分", 5270 → "伍拾贰圆柒角", 5 → "伍分", 0 → "零圆整".
 */
export function toChineseAmount(fen: Fen): string {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`${fen} is not an integer amount of fen`);
  const negative = fen < 0;
  const magnitude = BigInt(Math.abs(fen));
  const integer = magnitude / 100n;
  const jiao = Number((magnitude / 10n) % 10n);
  const cents = Number(magnitude % 10n);
  let out = integer > 0n ? `${integerToChinese(integer)}圆` : '';
  if (jiao === 0 && cents === 0) out = integer > 0n ? `${out}整` : '零圆整';
  else {
    if (jiao > 0) out += `${UPPER_DIGITS[jiao]}角`;
    else if (integer > 0n) out += '零';
    if (cents > 0) out += `${UPPER_DIGITS[cents]}分`;
  }
  return negative ? `负${out}` : out;
}

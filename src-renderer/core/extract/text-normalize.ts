// Normalisation of text read from invoices (text layers, OFD, OCR): full-width forms to ASCII,
// dates to YYYY-MM-DD, amounts to decimal yuan strings, tax ids to upper case without spaces.
import { isRealDate } from '../calendar';

/** Full-width ASCII forms and ideographic space to half-width; ￥ to ¥. Keeps CJK punctuation（）. */
export function toHalfWidth(text: string): string {
  return text
    .replace(/[\uff01-\uff5e]/g, (ch) => {
      if (ch === '\uff08' || ch === '\uff09') return ch;
      return String.fromCharCode(ch.charCodeAt(0) - 0xfee0);
    })
    .replace(/\u3000/g, ' ')
    .replace(/\uffe5/g, '¥');
}

/**
 * Kangxi radicals (U+2F00–U+2FDF) and CJK radical supplement forms (U+2E80–U+2EFF) to the unified
 * ideographs they look like: PDF-to-OFD converters and some PDF text layers write "电⼦发票" with
 * U+2F26 for 子, "⾦额", "纳税⼈". Other text is returned unchanged.
 */
export function normalizeCjkRadicals(text: string): string {
  return /[\u2e80-\u2fdf]/.test(text) ? text.replace(/[\u2e80-\u2fdf]/g, (ch) => ch.normalize('NFKC')) : text;
}

export const CHINESE_AMOUNT_CHARS = '零壹贰叁肆伍陆柒捌玖拾佰仟万亿圆元角分整正';

/**
 * What the 税率 column prints in place of a rate for a tax-exempt (免税) or untaxed (不征税) item, its
 * 税额 then printed as ***: the checks take such a rate as allowed, and the OCR repair reads a line
 * holding one as an untaxed invoice's.
 */
export const UNTAXED_RATE_MARKERS = ['免税', '不征税'] as const;

/** "2020年07月23日", "2020-7-23", "2020/07/23", "20200723" -> "2020-07-23"; null when not a valid date. */
export function normalizeDate(text: string | null | undefined): string | null {
  if (!text) return null;
  const compact = toHalfWidth(text).replace(/\s+/g, '');
  const match = /(\d{4})(?:年|[-/.])(\d{1,2})(?:月|[-/.])(\d{1,2})日?/.exec(compact) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(compact);
  if (!match) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (year < 1990 || year > 2100 || !isRealDate(year, month, day)) return null;
  return `${match[1]}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * "¥4,197.17", "4197.1", "-12", "19" -> "4197.17", "4197.10", "-12.00", "19.00" (string handling only,
 * no arithmetic). Null for text that is not a plain amount ("*", "***", "免税").
 */
export function normalizeAmount(text: string | null | undefined): string | null {
  if (!text) return null;
  const compact = toHalfWidth(text).replace(/[\s¥,]|CNY|RMB/g, '');
  // Structured files sometimes write more decimals than the fen ("235.8500"): zeros only.
  const match = /^(-?)(\d+)(?:\.(\d{0,2})0*)?$/.exec(compact);
  if (!match) return null;
  const whole = match[2]!.replace(/^0+(?=\d)/, '');
  const fraction = (match[3] ?? '').padEnd(2, '0');
  return `${match[1]}${whole}.${fraction}`;
}

/** "0.06" or "6%" or "6" -> "6%"; keeps 免税, 不征税, *** and similar markers as printed. */
export function normalizeRate(text: string | null | undefined): string | null {
  if (!text) return null;
  const compact = toHalfWidth(text).replace(/\s+/g, '');
  if (compact === '') return null;
  const percent = /^(\d{1,2}(?:\.\d+)?)%$/.exec(compact);
  if (percent) return `${stripZeros(percent[1]!)}%`;
  const fraction = /^0?\.(\d{1,4})$/.exec(compact) ?? /^0\.(\d{1,4})$/.exec(compact);
  if (fraction) {
    const digits = fraction[1]!.padEnd(4, '0');
    const whole = Number(digits.slice(0, 2));
    const decimals = digits.slice(2).replace(/0+$/, '');
    return `${whole}${decimals ? `.${decimals}` : ''}%`;
  }
  if (/^0$/.test(compact)) return '0%';
  return compact;
}

function stripZeros(number: string): string {
  return number.includes('.') ? number.replace(/\.?0+$/, '') : number;
}

/** Upper case, no spaces; null when empty. */
export function normalizeTaxId(text: string | null | undefined): string | null {
  if (!text) return null;
  const compact = toHalfWidth(text).replace(/\s+/g, '').toUpperCase();
  return compact === '' ? null : compact;
}

/**
 * A party name without surrounding label punctuation. Spaces go where a Chinese character (or other
 * non-ASCII form) is on either side, and in letter-spaced text ("A p p l e"); a space between two
 * Latin words stays, as one ("SIEMENS LTD.").
 */
export function normalizeName(text: string | null | undefined): string | null {
  if (!text) return null;
  // A mark before a name is OCR's reading of an underline or a speck ("名称:_杭州…"): no name starts with one.
  const trimmed = text.replace(/^[\s:：*“”"'‘’·.,|_~\-—]+|[\s:：|]+$/g, '');
  const words = trimmed.split(/\s+/).filter(Boolean);
  const compact = words.length > 2 && words.every((word) => [...word].length === 1)
    ? words.join('')
    : trimmed.replace(/\s+/g, ' ').replace(/ (?=[^\u0020-\u007e])|(?<=[^\u0020-\u007e]) /g, '');
  return compact === '' ? null : compact;
}

/**
 * Brackets in a name read by OCR: around Chinese text they are the full-width pair names are
 * registered with ("(集团》" -> "（集团）": the closing one misread as 》 or 〉); a 》 or 〉 left
 * without its opening bracket is not part of the name, nor is what precedes it.
 */
export function mendNameBrackets(name: string): string {
  const mended = name.replace(/[(（](\p{Script=Han}{1,10})[)）》〉]/gu, '（$1）');
  const stray = Math.max(mended.lastIndexOf('》'), mended.lastIndexOf('〉'));
  return stray >= 0 ? mended.slice(stray + 1) : mended;
}

/** OCR doubles characters on a line it merged with a taller neighbour: 杭杭州州星星河河 -> 杭州星河. */
export function undoubleCharacters(text: string): string {
  const pairs = text.match(/(\p{Script=Han})\1/gu) ?? [];
  return pairs.length >= 3 ? text.replace(/(\p{Script=Han})\1/gu, '$1') : text;
}

/** A party name as OCR read it: undoubled, its brackets mended, normalised (normalizeName). */
export function normalizeOcrName(text: string | null | undefined): string | null {
  return text ? normalizeName(mendNameBrackets(undoubleCharacters(text))) : null;
}

/**
 * Keeps only the 大写 amount characters of a reading, e.g. "⊗伍拾圆整" -> "伍拾圆整". The negative
 * marker of a red-letter (红字) invoice stays as printed: "（负数）伍佰圆整", "负伍佰圆整".
 */
export function normalizeChineseAmountText(text: string | null | undefined): string | null {
  if (!text) return null;
  const chars = [...text].filter((ch) => CHINESE_AMOUNT_CHARS.includes(ch)).join('');
  if (!/[圆元角分]/.test(chars)) return null;
  const marker = /[（(]\s*负\s*数\s*[)）]/.test(text) ? '（负数）' : /[负負]/.test(text) ? '负' : '';
  return `${marker}${chars}`;
}

/** The places at which two texts of one length differ, character by character (Infinity for texts of different lengths). */
export function placesApart(a: string, b: string): number {
  const [x, y] = [[...a], [...b]];
  if (x.length !== y.length) return Number.POSITIVE_INFINITY;
  return x.filter((ch, index) => ch !== y[index]).length;
}

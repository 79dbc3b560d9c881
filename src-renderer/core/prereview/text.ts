// Text helpers of the formal pre-review: one normal form for matching phrases (OCR and text layers
// alike), the years a report covers, the dates printed after a label, and a character count.

import { normalizeCjkRadicals, normalizeDate, toHalfWidth } from '../extract/text-normalize';

/** Half-width, radicals unified, lower case, without any white space: the form phrases are matched in. */
export function matchForm(text: string): string {
  return normalizeCjkRadicals(toHalfWidth(text)).toLowerCase().replace(/\s+/g, '');
}

const CHINESE_DIGITS: Record<string, string> = { '〇': '0', '零': '0', 'o': '0', '○': '0', 'О': '0', '一': '1', '二': '2', '三': '3', '四': '4', '五': '5', '六': '6', '七': '7', '八': '8', '九': '9' };

/** "二〇二三年" → "2023年" (the way audit reports date their opinion); other text unchanged. */
function chineseYearDigits(text: string): string {
  return text.replace(/([〇零○一二三四五六七八九]{4})年/g, (_whole, digits: string) => `${[...digits].map((ch) => CHINESE_DIGITS[ch] ?? ch).join('')}年`);
}

/**
 * The financial years a report covers, read from its phrases: "2023年度", "2023 年 12 月 31 日",
 * "截至2023年12月31日止", "2023年1-12月". The date the opinion was signed does not count.
 */
export function reportYears(text: string): number[] {
  const form = chineseYearDigits(matchForm(text));
  const years = new Set<number>();
  for (const pattern of [/(20\d{2})年度/g, /(20\d{2})年12月31日/g, /(20\d{2})年1[-~至到]12月/g, /(20\d{2})财年/g]) {
    for (const match of form.matchAll(pattern)) years.add(Number(match[1]));
  }
  return [...years].sort((a, b) => a - b);
}

const DATE_PATTERN = /(\d{4})(?:年|[-/.])(\d{1,2})(?:月|[-/.])(\d{1,2})日?/g;

/** Every valid date in the text, in order (YYYY-MM-DD). */
export function datesIn(text: string): { date: string; index: number }[] {
  const form = chineseYearDigits(matchForm(text));
  const found: { date: string; index: number }[] = [];
  for (const match of form.matchAll(DATE_PATTERN)) {
    const date = normalizeDate(match[0]);
    if (date) found.push({ date, index: match.index });
  }
  return found;
}

/**
 * The date a document is dated by: the first date within 40 characters after one of the labels
 * (in the labels' order), else the latest date in the text; null when it prints none.
 */
export function documentDate(text: string, labels: readonly string[]): { date: string; label: string | null } | null {
  const form = chineseYearDigits(matchForm(text));
  const dates = datesIn(text);
  for (const label of labels) {
    const at = form.indexOf(matchForm(label));
    if (at < 0) continue;
    const after = dates.find((entry) => entry.index >= at && entry.index - at <= 40);
    if (after) return { date: after.date, label };
  }
  const latest = dates.map((entry) => entry.date).sort().at(-1);
  return latest ? { date: latest, label: null } : null;
}

/** Characters as a notice counts them (限3000字): every character but white space. */
export function characterCount(text: string): number {
  return [...text.replace(/\s+/g, '')].length;
}

// Repairs of OCR readings that the invoice's own redundancy makes safe: the 大写 total confirms or
// supplies the figures, amount + tax = total picks the right reading (the item lines' sums stand in
// for a misread 合计 row), and digit look-alikes in
// numbers and taxpayer ids (O/0, I/1, l/1, S/5, B/8, Z/2) are mapped where only digits are allowed.
import { formatYuan, parseChineseAmount, toChineseAmount, tryParseYuan } from '../money';
import { usccWellFormed } from './checks';
import { type InvoiceDraft, setField } from './draft';
import { type Line, RATES_IN_TENTHS, issueYearsOfCode, rateFromAmounts, spanBox, taxWithinRate } from './layout';
import type { InvoiceQrPayload } from './qr';
import { UNTAXED_RATE_MARKERS } from './text-normalize';

const DERIVED_CONFIDENCE = 0.6;
/** Confidence of a value that two independent readings agree on (figures and 大写, print and QR code). */
export const VOUCHED_CONFIDENCE = 0.95;
/** An OCR reading at or above this confidence is not overruled by another source, only checked. */
const OCR_SURE = 0.8;

function fen(text: string | undefined): number | null {
  return text ? tryParseYuan(text) : null;
}

/** Characters OCR returns for 大写 numerals, mapped to the numeral they stand for. */
const NUMERAL_LOOKALIKES: Record<string, string> = {
  染: '柒', 柴: '柒', 歪: '贰', 武: '贰', 灵: '零', 雯: '零', 仔: '仟', 任: '仟', 什: '仟', 百: '佰', 伯: '佰',
  壶: '壹', 查: '壹', 壷: '壹', 参: '叁', 叄: '叁', 玫: '玖', 政: '玖', 久: '玖', 鱼: '角', 甬: '角', 円: '圆', 園: '圆', 园: '圆',
  圓: '圆', 睦: '陆', 陸: '陆', 五: '伍', 肄: '肆', 建: '肆', 拴: '拾', 恰: '拾', 怡: '拾', 捨: '拾', 正: '整',
  // A photographed dot-matrix 大写: 柒's strokes run together into 朱, 佰's into 俗, 拾's right part into 仓 or 并.
  朱: '柒', 俗: '佰', 抢: '拾', 拚: '拾',
  // And (the fourth to eighth sets' photos): 圆's frame read as 国, 仟 as 仍, 拾 as 拙, 掏 or 捅. Not 团: it
  // is what the ⊗ before the 大写 reads as.
  国: '圆', 仍: '仟', 拙: '拾', 掏: '拾', 捅: '拾',
  // And (the tenth set's): 仟 as 付, 拾 as 抬. And 整 as 敷 (its 敕 and 攵 read so: D02 and F02).
  付: '仟', 抬: '拾', 敷: '整',
};

/** Longest common subsequence length (for comparing an OCR reading with a candidate text). */
function commonSubsequence(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let previous = new Array<number>(y.length + 1).fill(0);
  for (const ch of x) {
    const current = [0];
    for (let j = 1; j <= y.length; j++) current[j] = ch === y[j - 1] ? previous[j - 1]! + 1 : Math.max(previous[j]!, current[j - 1]!);
    previous = current;
  }
  return previous[y.length]!;
}

/** The characters of a 大写 amount. */
const AMOUNT_CHARACTERS = /[^零壹贰叁肆伍陆柒捌玖拾佰仟万亿圆元角分整正]/g;
/** The 大写 digits (not the units): one read where the figures' 大写 has another contradicts them. */
const AMOUNT_DIGITS = /[零壹贰叁肆伍陆柒捌玖]/u;

/** Whether every 大写 digit of the reading is one of the characters it shares, in order, with the candidate: no digit read contradicts it. */
function noDigitContradicts(reading: string, candidate: string): boolean {
  const x = [...reading];
  const y = [...candidate];
  // The longest common subsequence, then walked back to mark the reading's characters in it.
  const table = x.map(() => new Array<number>(y.length + 1).fill(0));
  table.push(new Array<number>(y.length + 1).fill(0));
  for (let i = x.length - 1; i >= 0; i--) {
    for (let j = y.length - 1; j >= 0; j--) table[i]![j] = x[i] === y[j] ? table[i + 1]![j + 1]! + 1 : Math.max(table[i + 1]![j]!, table[i]![j + 1]!);
  }
  let i = 0;
  let j = 0;
  while (i < x.length && j < y.length) {
    if (x[i] === y[j]) { i++; j++; continue; }
    if (table[i + 1]![j]! >= table[i]![j + 1]!) {
      if (AMOUNT_DIGITS.test(x[i]!)) return false;
      i++;
    } else {
      j++;
    }
  }
  return !x.slice(i).some((ch) => AMOUNT_DIGITS.test(ch));
}

/**
 * The 大写 total as read, mended where the figures bear it out: look-alikes mapped to the numerals
 * they stand for; a reading equal to the total taken in its full printed form (a dropped 整); a
 * reading close to the total's 大写 replaced by it, unsure. Close is most of its characters in
 * order, or about its length with the numerals read in place and the rest unreadable (a character
 * OCR made of thin small print). A reading with a 大写 digit the total's 大写 does not have is never
 * replaced: a printed 大写 that disagrees with the figures is left for the check to report.
 */
function repairWords(draft: InvoiceDraft, rawWords: string | undefined): void {
  const draftTotal = draft.values.totalAmount;
  const total = fen(draftTotal);
  const source = rawWords ?? draft.values.totalInWords;
  if (!source) {
    return;
  }
  const mapped = wordsAsNumerals(source);
  const numerals = mapped.replace(AMOUNT_CHARACTERS, '');
  const parsed = parseChineseAmount(numerals);
  if (parsed !== null && (total === null || parsed === total)) {
    // Its leading 壹 lost before the 拾 ("拾贰万…", the 壹 read as another character): the print has it.
    const headLost = total !== null && HEADLESS_WORDS.test(numerals) && toChineseAmount(total).startsWith(`壹${numerals[0]}`);
    const headed = headLost ? `壹${numerals}` : numerals;
    const full = total !== null && toChineseAmount(total) === `${headed}整` ? `${headed}整` : headed;
    const confidence = draft.confidence.totalInWords ?? DERIVED_CONFIDENCE;
    setField(draft, 'totalInWords', full, headLost ? Math.min(confidence, DERIVED_CONFIDENCE) : confidence, draft.boxes.totalInWords);
    return;
  }
  if (total === null) return;
  // A 大写 that reads whole as the figure without its first digit, a digit the ¥ reads as, where amount
  // and tax do not bear the figure out, says that digit may be the ¥ (signReadAsLeadingDigit): it is not
  // made the figure's. Its head lost ("拾陆圆整" for 伍佰拾陆圆整, 516.00) it is, where the figure begins otherwise.
  if (parsed !== null && draftTotal !== undefined && YEN_LOOKALIKE_DIGITS.test(draftTotal) && !partsAddUpTo(draft, total) && withoutLeadingDigit(draftTotal) === parsed) return;
  const candidate = toChineseAmount(total);
  if (closeToWords(mapped, candidate)) {
    setField(draft, 'totalInWords', inPrintedForm(candidate, mapped), DERIVED_CONFIDENCE, draft.boxes.totalInWords);
  }
}

/** The 大写 as read, its look-alikes mapped to the numerals they stand for. */
function wordsAsNumerals(reading: string): string {
  return [...reading].map((ch) => NUMERAL_LOOKALIKES[ch] ?? ch).join('');
}

/**
 * Whether a 大写 as read (look-alikes mapped) can be the candidate 大写 misread: no 大写 digit of it
 * contradicts the candidate, and most of its characters are the candidate's in order, or it is about
 * the candidate's length with the numerals read in place and the rest unreadable.
 */
function closeToWords(mapped: string, candidate: string): boolean {
  if (!noDigitContradicts(mapped, candidate)) return false;
  const shared = commonSubsequence(mapped, candidate);
  const length = [...candidate].length;
  // Marks and letters OCR makes of the ⊗ before the 大写 are not part of it, nor a character it makes of
  // it before a gap ("团 陆佰玖…").
  const printed = [...mapped.replace(/^[^一-鿿]+/u, '').replace(LEADING_MARK_READ_AS_CHARACTER, '')].length;
  const mostShared = shared * 10 >= length * 6;
  const numeralsInPlace = Math.abs(printed - length) <= 1 && shared * 2 >= length;
  return mostShared || numeralsInPlace;
}

/** After the (小写) label, a figure of whole yuan with no decimals, ending its line but for a speck or two read after a gap. */
const WHOLE_YUAN_AFTER_SMALL_LABEL = /小\s*写\s*[)）}〕】]?\s*\D?(\d{2,})(?:\s+[^\d.,，]{1,2})?\s*$/u;
/** Confidence of a total whose decimals were lost, at most. */
const DECIMALS_LOST_CONFIDENCE = 0.5;

/**
 * A total read as whole yuan, its decimals lost under a seal's ink or a fold ("(小写)羊3495", the ¥
 * read as a character), where no total was read: the figure with .00 is the total, unsure, where the
 * 大写 as read can be its 大写 misread (closeToWords) and amount and tax read do not add up to
 * another sum. The figure may also be a total whose point was lost ("7980" for 79.80): the 大写 tells.
 */
function totalWithDecimalsLost(draft: InvoiceDraft, lines: Line[], rawWords: string | undefined): void {
  const source = rawWords ?? draft.values.totalInWords;
  if (draft.values.totalAmount !== undefined || !source) return;
  for (const line of lines) {
    const match = WHOLE_YUAN_AFTER_SMALL_LABEL.exec(line.text);
    if (!match) continue;
    const total = Number(match[1]!) * 100;
    const [amount, tax] = [fen(draft.values.amountExclTax), fen(draft.values.taxAmount)];
    if (amount !== null && tax !== null && amount + tax !== total) return;
    if (!closeToWords(wordsAsNumerals(source), toChineseAmount(total))) return;
    const start = line.text.lastIndexOf(match[1]!);
    setField(draft, 'totalAmount', formatYuan(total), DECIMALS_LOST_CONFIDENCE, spanBox(line, start, start + match[1]!.length));
    return;
  }
}

/** A figure without the digit the ¥ before it was read as (YEN_READ_AS_DIGIT), in fen; null when it begins otherwise or has no other digit before its point. */
function withoutYenReadAsDigit(figure: string): number | null {
  return figure.startsWith(YEN_READ_AS_DIGIT) ? withoutLeadingDigit(figure) : null;
}

/**
 * The digit OCR reads the ¥ before a figure as. Only it is left out: a 大写 and a total that both lost
 * their heads (贰拾伍万圆整 and 250000.00 for 2250000.00) agree with an amount without its first digit
 * too (122641.51 for 2122641.51), which was read right.
 */
const YEN_READ_AS_DIGIT = '8';

/**
 * The amount the 大写 reads as: the 大写 field where it parsed, else the 大写 as read with its
 * look-alikes mapped and what is no 大写 character left out ("伍拾国教": 伍拾圆, 50.00); null when
 * neither parses.
 */
function wordsAsRead(draft: InvoiceDraft, rawWords: string | undefined): number | null {
  const parsed = draft.values.totalInWords ? parseChineseAmount(draft.values.totalInWords) : null;
  return parsed ?? (rawWords ? parseChineseAmount(wordsAsNumerals(rawWords).replace(AMOUNT_CHARACTERS, '')) : null);
}

/** Whether amount and tax are both read and add up to this total (in fen). */
function partsAddUpTo(draft: InvoiceDraft, total: number): boolean {
  const [amount, tax] = [fen(draft.values.amountExclTax), fen(draft.values.taxAmount)];
  return amount !== null && tax !== null && amount + tax === total;
}

/** A figure without its first digit, in fen; null when it has no other digit before its point. */
function withoutLeadingDigit(figure: string): number | null {
  return /^\d{2,}\./.test(figure) ? fen(figure.slice(1)) : null;
}

/** Whether a figure read among the sums is the amount of this total at a VAT rate (the rest its tax), or its tax. */
function sumsAtRate(draft: InvoiceDraft, total: number): boolean {
  const parts = [fen(draft.values.amountExclTax), fen(draft.values.taxAmount)].filter((part): part is number => part !== null && part > 0 && part < total);
  return parts.some((part) => RATES_IN_TENTHS.some((tenths) => tenths > 0 && (taxWithinRate(part, total - part, tenths) || taxWithinRate(total - part, part, tenths))));
}

/**
 * The ¥ before a figure read as a leading digit. The total's ("8600.00" for ¥600.00): where the 大写
 * as read is the figure without its first digit, that figure, unsure, when the digit is the one the ¥
 * reads as (YEN_READ_AS_DIGIT) or a figure read among the sums is that total's amount or tax at a VAT
 * rate ("450.00" for ¥50.00 with 47.17 read: 2.83 is its tax at 6%). The 合计 row's tax's or amount's
 * ("815.32" for ¥15.32): where amount and tax do not add up to the total read (or read as whole yuan
 * after (小写), its decimals lost), and with that figure's first digit left out they do, and the 大写
 * as read can be that total's (closeToWords), the figure without it, and the total the one read; unsure.
 */
function signReadAsLeadingDigit(draft: InvoiceDraft, lines: Line[], rawWords: string | undefined): void {
  const words = wordsAsRead(draft, rawWords);
  const readTotal = draft.values.totalAmount;
  if (words !== null && readTotal !== undefined && fen(readTotal) !== words && withoutLeadingDigit(readTotal) === words && (readTotal.startsWith(YEN_READ_AS_DIGIT) || sumsAtRate(draft, words))) {
    setField(draft, 'totalAmount', formatYuan(words), Math.min(draft.confidence.totalAmount ?? DECIMALS_LOST_CONFIDENCE, DECIMALS_LOST_CONFIDENCE), draft.boxes.totalAmount);
  }
  const source = rawWords ?? draft.values.totalInWords;
  const [amount, tax] = [draft.values.amountExclTax, draft.values.taxAmount];
  if (!source || amount === undefined || tax === undefined) return;
  const wholeYuan = lines.map((line) => ({ line, match: WHOLE_YUAN_AFTER_SMALL_LABEL.exec(line.text) })).find(({ match }) => match !== null);
  const total = fen(draft.values.totalAmount) ?? (wholeYuan ? Number(wholeYuan.match![1]!) * 100 : null);
  if (total === null || fen(amount)! + fen(tax)! === total || !closeToWords(wordsAsNumerals(source), toChineseAmount(total))) return;
  const [shortAmount, shortTax] = [withoutYenReadAsDigit(amount), withoutYenReadAsDigit(tax)];
  const field = shortTax !== null && fen(amount)! + shortTax === total ? 'taxAmount' : shortAmount !== null && shortAmount + fen(tax)! === total ? 'amountExclTax' : null;
  if (!field) return;
  setField(draft, field, formatYuan(field === 'taxAmount' ? shortTax! : shortAmount!), Math.min(draft.confidence[field] ?? DECIMALS_LOST_CONFIDENCE, DECIMALS_LOST_CONFIDENCE), draft.boxes[field]);
  if (draft.values.totalAmount === undefined && wholeYuan) {
    const start = wholeYuan.line.text.lastIndexOf(wholeYuan.match![1]!);
    setField(draft, 'totalAmount', formatYuan(total), DECIMALS_LOST_CONFIDENCE, spanBox(wholeYuan.line, start, start + wholeYuan.match![1]!.length));
  }
}

/** One character that is no 大写 character, then a gap, before the 大写: the ⊗ read as a character. */
const LEADING_MARK_READ_AS_CHARACTER = /^[^\s零壹贰叁肆伍陆柒捌玖拾佰仟万亿圆元角分整正]\s+/u;

/** The 零 the rules let a 大写 write or leave out between its 圆 and its 角 or 分 ("肆拾圆零陆分", "肆拾圆陆分"). */
const OPTIONAL_ZERO = /(?<=[圆元])零(?=[壹贰叁肆伍陆柒捌玖][角分])/u;

/**
 * The 大写 of an amount in the form the print uses, where the rules allow either: 元 where the reading
 * has 元 and no 圆; a 整 after the 角 where the reading ends in one; no 零 after the 圆 where the
 * reading has fewer 零 than the full form.
 */
function inPrintedForm(words: string, reading: string): string {
  const unit = reading.includes('元') && !reading.includes('圆') ? words.replace('圆', '元') : words;
  const zeros = (text: string): number => [...text].filter((ch) => ch === '零').length;
  const zero = OPTIONAL_ZERO.test(unit) && zeros(reading) < zeros(unit) ? unit.replace(OPTIONAL_ZERO, '') : unit;
  return zero.endsWith('角') && reading.endsWith('整') ? `${zero}整` : zero;
}

/** What the 税率 column prints for a tax-exempt or untaxed item (its 税额 printed as ***), and a rate in per cent. */
const UNTAXED_RATE = new RegExp(UNTAXED_RATE_MARKERS.map((marker) => [...marker].join('\\s*')).join('|'));
const PERCENT_RATE = /\d\s*[%％]/;

/**
 * An invoice whose items are tax-exempt or untaxed (their 税率 reads 免税 or 不征税, no rate in per
 * cent is read anywhere) prints its tax as ***: the tax is nothing, unsure (derived), unless a total
 * read apart from the amount says otherwise.
 */
function untaxedTax(draft: InvoiceDraft, lines: Line[]): void {
  if (draft.values.taxAmount !== undefined) return;
  if (!lines.some((line) => UNTAXED_RATE.test(line.text)) || lines.some((line) => PERCENT_RATE.test(line.text))) return;
  if (draft.items.some((item) => item.rate !== undefined && item.rate !== null && !UNTAXED_RATE.test(item.rate))) return;
  const amount = fen(draft.values.amountExclTax);
  const total = fen(draft.values.totalAmount);
  if (amount !== null && total !== null && amount !== total) return;
  setField(draft, 'taxAmount', formatYuan(0), DERIVED_CONFIDENCE);
}

/**
 * When the 合计 row does not add up to the total but the item lines do (their amounts plus their
 * taxes equal the total), the 合计 row was misread: its figures are the items' sums.
 */
function repairTotalsFromItems(draft: InvoiceDraft): void {
  const total = fen(draft.values.totalAmount);
  if (total === null || draft.items.length === 0) return;
  let amounts = 0;
  let taxes = 0;
  for (const item of draft.items) {
    const amount = fen(item.amount ?? undefined);
    const tax = fen(item.tax ?? undefined);
    if (amount === null || tax === null) return;
    amounts += amount;
    taxes += tax;
  }
  const amount = fen(draft.values.amountExclTax);
  const tax = fen(draft.values.taxAmount);
  if (amounts + taxes !== total || (amount !== null && tax !== null && amount + tax === total)) return;
  if (amount !== amounts) setField(draft, 'amountExclTax', formatYuan(amounts), DERIVED_CONFIDENCE, draft.boxes.amountExclTax);
  if (tax !== taxes) setField(draft, 'taxAmount', formatYuan(taxes), DERIVED_CONFIDENCE, draft.boxes.taxAmount);
}

/** Digit strings that differ in at most one digit (a substitution, a dropped or a doubled digit). */
function oneDigitApart(a: string, b: string): boolean {
  const x = a.replace(/\D/g, '');
  const y = b.replace(/\D/g, '');
  if (Math.abs(x.length - y.length) > 1) return false;
  if (x.length === y.length) return [...x].filter((ch, i) => ch !== y[i]).length <= 1;
  const [short, long] = x.length < y.length ? [x, y] : [y, x];
  for (let i = 0; i < long.length; i++) if (long.slice(0, i) + long.slice(i + 1) === short) return true;
  return false;
}

/**
 * The total is amount + tax. When the 合计 row gives both and the total in figures is missing,
 * repeats one of them (its ¥ misread, the row's other figure taken) or is one digit off, while the
 * 大写 does not vouch for it, the total is their sum (with a derived confidence). When the 大写 as
 * read, too garbled to parse, has a 大写 digit the sum's 大写 lacks and none the total's lacks, the
 * figure one digit off is the tax or the amount: it is the total less the other (derived).
 */
function reconcileTotal(draft: InvoiceDraft, rawWords: string | undefined): void {
  const amount = fen(draft.values.amountExclTax);
  const tax = fen(draft.values.taxAmount);
  if (amount === null || tax === null) return;
  const sum = amount + tax;
  const totalText = draft.values.totalAmount;
  const total = fen(totalText);
  if (total === sum || (draft.confidence.totalAmount ?? 0) >= VOUCHED_CONFIDENCE) return;
  const words = draft.values.totalInWords ? parseChineseAmount(draft.values.totalInWords) : null;
  if (words !== null && words === total) return;
  const misplaced = total !== null && (total === amount || total === tax) && tax !== 0;
  const totalOneDigitOff = totalText !== undefined && oneDigitApart(totalText, formatYuan(sum));
  const mapped = rawWords ? [...rawWords].map((ch) => NUMERAL_LOOKALIKES[ch] ?? ch).join('') : null;
  const wordsSideWithTotal = mapped !== null && total !== null && AMOUNT_DIGITS.test(mapped)
    && noDigitContradicts(mapped, toChineseAmount(total)) && !noDigitContradicts(mapped, toChineseAmount(sum));
  if (totalOneDigitOff && total !== null && !misplaced && wordsSideWithTotal) {
    const [taxText, amountText] = [draft.values.taxAmount!, draft.values.amountExclTax!];
    if (total - amount >= 0 && oneDigitApart(taxText, formatYuan(total - amount))) setField(draft, 'taxAmount', formatYuan(total - amount), DERIVED_CONFIDENCE, draft.boxes.taxAmount);
    else if (total - tax >= 0 && oneDigitApart(amountText, formatYuan(total - tax))) setField(draft, 'amountExclTax', formatYuan(total - tax), DERIVED_CONFIDENCE, draft.boxes.amountExclTax);
    return;
  }
  if (total === null || misplaced || totalOneDigitOff) {
    setField(draft, 'totalAmount', formatYuan(sum), DERIVED_CONFIDENCE, draft.boxes.totalAmount);
  }
}

const MONEY_FIGURE = /(?<![\d.,])\d{1,3}(?:,?\d{3})*\.\d{2}(?![\d.])/g;

/**
 * With the total known and the 合计 row misread (its labels garbled, so no column named its
 * figures): the last line above the total that carries two figures adding up to it gives the
 * amount (the larger) and the tax.
 */
function amountAndTaxFromTotal(draft: InvoiceDraft, lines: Line[]): void {
  const total = fen(draft.values.totalAmount);
  if (total === null || (draft.values.amountExclTax !== undefined && draft.values.taxAmount !== undefined)) return;
  const totalTop = draft.boxes.totalAmount?.[1] ?? Number.POSITIVE_INFINITY;
  for (const line of [...lines].reverse()) {
    if (line.top >= totalTop) continue;
    const figures = [...line.text.matchAll(MONEY_FIGURE)].map((match) => fen(match[0]));
    for (let i = 0; i < figures.length; i++) {
      for (let j = i + 1; j < figures.length; j++) {
        const [a, b] = [figures[i], figures[j]];
        if (a === null || a === undefined || b === null || b === undefined || a + b !== total || a === 0 && b === 0) continue;
        const [amount, tax] = a >= b ? [a, b] : [b, a];
        if (draft.values.amountExclTax === undefined) setField(draft, 'amountExclTax', formatYuan(amount), DERIVED_CONFIDENCE);
        if (draft.values.taxAmount === undefined) setField(draft, 'taxAmount', formatYuan(tax), DERIVED_CONFIDENCE);
        return;
      }
    }
  }
}

/**
 * A figure as read, with two decimals or (a stray digit read into it) three; its point read as a
 * colon too ("1:29" of a 150-dpi render's tax, N04 of the thirteenth set). Not a time's figures
 * ("12:30:45"): a colon before or after them.
 */
const FIGURE_OR_STRAY_DIGIT = /(?<![\d.,:])\d{1,3}(?:,?\d{3})*[.:]\d{2,3}(?![\d.:])/g;

/** The amounts in fen a figure may stand for: as read, or with three decimals each reading with one digit dropped. */
function figureReadings(text: string): number[] {
  const digits = text.replace(/\D/g, '');
  if (/[.:]\d{2}$/.test(text)) return [Number(digits)];
  return [...new Set([...digits].map((_, index) => Number(digits.slice(0, index) + digits.slice(index + 1))))];
}

/** Whether the 大写 as read (its look-alikes mapped) bears out an amount: most of the amount's 大写 is in it, in order. */
function wordsBearOut(mappedWords: string, amount: number): boolean {
  const candidate = toChineseAmount(amount);
  return commonSubsequence(mappedWords, candidate) * 10 >= [...candidate].length * 6;
}

/**
 * The 合计 row garbled (its label misread, a figure on a line of its own, a stray digit read into a
 * figure: "2432.391"): of the figures on the last two lines above the total that carry any, the one
 * pair, a figure possibly with a stray digit dropped, that adds up to the total, or, where the total
 * is not vouched for and one digit of it may be misread, to a total one digit from it that the 大写
 * as read bears out. Amount, tax and such a total are derived (unsure); nothing when no single pair fits.
 */
function amountAndTaxFromNearbyFigures(draft: InvoiceDraft, lines: Line[], rawWords: string | undefined): void {
  const totalText = draft.values.totalAmount;
  const total = fen(totalText);
  if (total === null || totalText === undefined || (draft.values.amountExclTax !== undefined && draft.values.taxAmount !== undefined)) return;
  const words = rawWords ? [...rawWords].map((ch) => NUMERAL_LOOKALIKES[ch] ?? ch).join('') : null;
  const totalMayBeMisread = words !== null && (draft.confidence.totalAmount ?? 0) < VOUCHED_CONFIDENCE;
  const totalTop = draft.boxes.totalAmount?.[1] ?? Number.POSITIVE_INFINITY;
  const figures: number[][] = [];
  let figureLines = 0;
  for (const line of [...lines].reverse()) {
    // Lines above the total's: the total's own line (its top may stand above the figure's) is not one.
    if (line.bottom > totalTop) continue;
    const found = [...line.text.matchAll(FIGURE_OR_STRAY_DIGIT)].map((match) => figureReadings(match[0]));
    if (found.length === 0) continue;
    figures.push(...found);
    if (++figureLines === 2) break;
  }
  const fits = new Map<string, { amount: number; tax: number; sum: number }>();
  for (let i = 0; i < figures.length; i++) {
    for (let j = i + 1; j < figures.length; j++) {
      for (const a of figures[i]!) {
        for (const b of figures[j]!) {
          const sum = a + b;
          if (sum === 0) continue;
          const fit = sum === total || (totalMayBeMisread && oneDigitApart(totalText, formatYuan(sum)) && wordsBearOut(words!, sum));
          if (fit) fits.set(`${Math.max(a, b)}/${Math.min(a, b)}`, { amount: Math.max(a, b), tax: Math.min(a, b), sum });
        }
      }
    }
  }
  if (fits.size !== 1) return;
  const [{ amount, tax, sum }] = [...fits.values()] as [{ amount: number; tax: number; sum: number }];
  if (sum !== total) setField(draft, 'totalAmount', formatYuan(sum), DERIVED_CONFIDENCE, draft.boxes.totalAmount);
  setField(draft, 'amountExclTax', formatYuan(amount), DERIVED_CONFIDENCE);
  setField(draft, 'taxAmount', formatYuan(tax), DERIVED_CONFIDENCE);
}

/** Digits OCR kept of a figure it misread (its point read as a comma or dropped, its last digits lost), at least this many. */
const PARTLY_READ_DIGITS = 4;

/**
 * The 合计 row read with one figure whole and the other in part ("964129.31 羔 125336,8": the tax's
 * point read as a comma, its last digit lost), the total known: the whole figure and the total less it
 * are the amount (the larger) and the tax, when the digits read of the other figure begin the
 * difference. Both derived (unsure); nothing when the row says no more.
 */
function amountAndTaxFromPartlyReadRow(draft: InvoiceDraft, lines: Line[]): void {
  const total = fen(draft.values.totalAmount);
  if (total === null || (draft.values.amountExclTax !== undefined && draft.values.taxAmount !== undefined)) return;
  const totalTop = draft.boxes.totalAmount?.[1] ?? Number.POSITIVE_INFINITY;
  // The row above the total's: its middle above the total's top (a row swollen by specks read with it
  // may reach below that top: H01 of the eighth set).
  const row = [...lines].reverse().find((line) => (line.top + line.bottom) / 2 <= totalTop && [...line.text.matchAll(MONEY_FIGURE)].length > 0);
  if (!row) return;
  const figures = [...row.text.matchAll(MONEY_FIGURE)];
  if (figures.length !== 1) return;
  const whole = fen(figures[0]![0]);
  if (whole === null || whole >= total) return;
  const rest = total - whole;
  const restDigits = String(rest);
  const outside = row.text.slice(0, figures[0]!.index) + ' ' + row.text.slice(figures[0]!.index + figures[0]![0].length);
  const partly = [...outside.matchAll(/\d[\d,.]*\d/g)].map((match) => match[0].replace(/\D/g, ''));
  if (!partly.some((digits) => digits.length >= PARTLY_READ_DIGITS && restDigits.startsWith(digits))) return;
  const [amount, tax] = whole >= rest ? [whole, rest] : [rest, whole];
  if (draft.values.amountExclTax === undefined) setField(draft, 'amountExclTax', formatYuan(amount), DERIVED_CONFIDENCE);
  if (draft.values.taxAmount === undefined) setField(draft, 'taxAmount', formatYuan(tax), DERIVED_CONFIDENCE);
}

/**
 * Amount + tax that is not the total, the total and one of the two read surely and the other not:
 * the unsure one is what the sure two say (derived, unsure), when that leaves the tax the smaller part.
 */
function mendUnsurePart(draft: InvoiceDraft): void {
  const [amount, tax, total] = [fen(draft.values.amountExclTax), fen(draft.values.taxAmount), fen(draft.values.totalAmount)];
  if (amount === null || tax === null || total === null || amount + tax === total) return;
  const sure = (field: 'amountExclTax' | 'taxAmount' | 'totalAmount') => (draft.confidence[field] ?? 0) >= OCR_SURE;
  if (!sure('totalAmount') || sure('amountExclTax') === sure('taxAmount')) return;
  const [field, value] = sure('amountExclTax') ? (['taxAmount', total - amount] as const) : (['amountExclTax', total - tax] as const);
  const other = field === 'taxAmount' ? amount : tax;
  if (value < 0 || (field === 'taxAmount' ? value > other : value < other)) return;
  setField(draft, field, formatYuan(value), DERIVED_CONFIDENCE, draft.boxes[field]);
}

/**
 * Amount, tax and total read, amount + tax not the total, and neither part read surely: where the
 * parts as read are no VAT rate's split (one of them is misread, not the total) and exactly one of
 * them, read one digit otherwise, is what the total less the other says and makes the split one at a
 * rate, that part is the total less the other (derived, unsure): L02's tax 507.62 for 507.82, 17% of
 * 2987.18, the total 3495.00. Not where the 大写 as read contradicts the total.
 */
function partOneDigitOffByRate(draft: InvoiceDraft, rawWords: string | undefined): void {
  const { amountExclTax: amountText, taxAmount: taxText } = draft.values;
  const [amount, tax, total] = [fen(amountText), fen(taxText), fen(draft.values.totalAmount)];
  if (amount === null || tax === null || total === null || amount + tax === total || amount <= 0 || tax <= 0) return;
  const sure = (field: 'amountExclTax' | 'taxAmount') => (draft.confidence[field] ?? 0) >= OCR_SURE;
  if (sure('amountExclTax') || sure('taxAmount') || taxNearRate(amount, tax)) return;
  const words = rawWords ?? draft.values.totalInWords;
  if (words && AMOUNT_DIGITS.test(wordsAsNumerals(words)) && !noDigitContradicts(wordsAsNumerals(words), toChineseAmount(total))) return;
  const mended = [
    { field: 'taxAmount' as const, read: taxText!, value: total - amount, fits: (value: number) => value > 0 && value < amount && taxNearRate(amount, value) },
    { field: 'amountExclTax' as const, read: amountText!, value: total - tax, fits: (value: number) => value > tax && taxNearRate(value, tax) },
  ].filter((part) => part.fits(part.value) && oneDigitApart(part.read, formatYuan(part.value)));
  if (mended.length !== 1) return;
  const [{ field, value }] = mended as [(typeof mended)[number]];
  setField(draft, field, formatYuan(value), DERIVED_CONFIDENCE, draft.boxes[field]);
}

/**
 * Fen by which a tax may differ from its amount × rate and still be read right: an invoice of a few
 * item lines sums taxes each rounded to the fen.
 */
const ROUNDING_DRIFT = 1;

/** Whether a tax is an amount's share at a VAT rate, within rounding drift. */
function taxNearRate(amount: number, tax: number): boolean {
  return [-ROUNDING_DRIFT, 0, ROUNDING_DRIFT].some((drift) => rateFromAmounts(formatYuan(amount), formatYuan(tax + drift)) !== null);
}

/** The readings of a figure with one of its digits read otherwise (the same number of digits). */
function oneDigitVariants(text: string): number[] {
  const variants: number[] = [];
  for (let at = 0; at < text.length; at++) {
    if (!/\d/.test(text[at]!)) continue;
    for (const digit of '0123456789') {
      if (digit === text[at]) continue;
      const value = fen(text.slice(0, at) + digit + text.slice(at + 1));
      if (value !== null) variants.push(value);
    }
  }
  return variants;
}

/**
 * Amount + tax = total, the total read surely and the amount and tax not, but the tax is no VAT
 * rate's share of the amount (by more than rounding drift): both were misread the same digit apart,
 * so that they still add up (2987.16 + 507.84 for 2987.18 + 507.82, the one's 8 read 6 and the
 * other's 2 read 4). The one split of the total whose amount and tax each differ from their readings
 * in one digit and whose tax is the amount × an allowed rate (to the fen) is taken, unsure; with
 * none or several, the readings stay.
 */
export function splitTotalByRate(draft: InvoiceDraft): void {
  const { amountExclTax: amountText, taxAmount: taxText } = draft.values;
  const [amount, tax, total] = [fen(amountText), fen(taxText), fen(draft.values.totalAmount)];
  if (amount === null || tax === null || total === null || amount + tax !== total || amount <= 0 || tax <= 0) return;
  const sure = (field: 'amountExclTax' | 'taxAmount' | 'totalAmount') => (draft.confidence[field] ?? 0) >= OCR_SURE;
  if (!sure('totalAmount') || sure('amountExclTax') || sure('taxAmount')) return;
  if (taxNearRate(amount, tax)) return;
  const splits = oneDigitVariants(amountText!).filter((candidate) => {
    const candidateTax = total - candidate;
    return candidateTax > 0 && candidateTax < candidate && oneDigitVariants(taxText!).includes(candidateTax) && rateFromAmounts(formatYuan(candidate), formatYuan(candidateTax)) !== null;
  });
  if (splits.length !== 1) return;
  setField(draft, 'amountExclTax', formatYuan(splits[0]!), DERIVED_CONFIDENCE, draft.boxes.amountExclTax);
  setField(draft, 'taxAmount', formatYuan(total - splits[0]!), DERIVED_CONFIDENCE, draft.boxes.taxAmount);
}

/** The items' header (its 税率, 单价 or 金额 column) and the line of the total (价税合计, 大写, 小写). */
const ITEMS_HEADER = /税\s*率|单\s*价|金\s*额/u;
const TOTAL_LINE = /价\s*税\s*合\s*计|大\s*写|小\s*写/u;
/** Fen by which a tax read must miss every rate's share of the amount read to be taken for misread. */
const MISREAD_RATE_DRIFT = 100;
/** Tenths of a total's 大写 that a 大写 as read must share with it, in order, to bear the total out fully. */
const WORDS_MOSTLY_READ = 7;
/** Support a split of the total must have: two figures read exactly, or one and the 大写, or one and two figures one digit off. */
const SPLIT_SUPPORT = 4;
/** Digits a figure must have for a reading of it to bear it out (fewer fit too many readings by chance). */
const FIGURE_DIGITS_AT_LEAST = 4;
/** Digits a read figure may have to be taken as an amount in fen. */
const FIGURE_DIGITS_AT_MOST = 10;

/**
 * The digit strings a line's figures may be read as: the digits of each stretch of figures, points,
 * commas and gaps, its pieces between the gaps joined one to the next ("2 987 . 1" → 2, 29871, …;
 * "2987.18 507.82" → 298718, 50782 and both joined), its points and commas left out.
 */
function figureDigitReadings(text: string): string[] {
  const readings = new Set<string>();
  for (const match of text.matchAll(/\d[\d.,，\s]*/gu)) {
    const pieces = match[0].split(/\s+/u).map((piece) => piece.replace(/\D/g, '')).filter((piece) => piece !== '');
    for (let first = 0; first < pieces.length; first++) {
      let joined = '';
      for (const piece of pieces.slice(first)) readings.add((joined += piece));
    }
  }
  return [...readings];
}

/** How a figure is borne out by the digits read: 2 read exactly (its point aside), 1 one digit apart, 0 not. */
function figureSupport(amount: number, readings: string[]): number {
  const digits = formatYuan(amount).replace(/\D/g, '');
  if (digits.length < FIGURE_DIGITS_AT_LEAST) return 0;
  if (readings.includes(digits)) return 2;
  return readings.some((reading) => oneDigitApart(reading, digits)) ? 1 : 0;
}

/** The amounts whose tax at a VAT rate (rounded to the fen) is this tax. */
function amountsTaxedTo(tax: number, tenths: number): number[] {
  const amounts: number[] = [];
  for (let amount = Math.ceil(((tax - 0.5) * 1000) / tenths); amount * tenths <= (tax + 0.5) * 1000; amount++) amounts.push(amount);
  return amounts;
}

/**
 * Amount, tax and total that the figures of a photographed items table bear out together, where they
 * were not read whole (a point read as a comma or a gap, a digit lost or one too many: "2987 , 18",
 * "2 987 . 1", "5017 .82"). Each figure read in the table, the total or a sure reading is tried as the
 * amount, the tax or the total at each VAT rate; a split is borne out by a figure read of its amount,
 * of its tax and of its total (2 for the digits read exactly, 1 for one digit apart) and by the 大写
 * as read (2 where it can be the total's 大写 misread, closeToWords). A split is taken, unsure
 * (derived), only where something read stands for its total (a figure or the 大写), a figure of the
 * split is read, one figure is read exactly, the support reaches SPLIT_SUPPORT, no sure reading, total
 * read or 大写 digit read contradicts it, and no other split is borne out as well. Only where the amount
 * or the tax was not read, or both were read unsure and add up to the total more than a yuan from any
 * VAT rate's share (2993.18 + 501.82: one of them misread); never on an untaxed invoice (its tax read as nothing).
 */
function sumsBorneOutByTable(draft: InvoiceDraft, lines: Line[], rawWords: string | undefined, totalWasRead: boolean): void {
  const fields = ['amountExclTax', 'taxAmount', 'totalAmount'] as const;
  const read = fields.map((field) => fen(draft.values[field]));
  const [amountRead, taxRead, totalNow] = read as [number | null, number | null, number | null];
  // A total the repairs derived from the 合计 row's figures (none was read) bears nothing out.
  const totalRead = totalWasRead ? totalNow : null;
  const sure = fields.map((field) => (draft.confidence[field] ?? 0) >= OCR_SURE);
  // Amount and tax read unsure that add up to the total read (or derived from them) but more than a
  // yuan from any VAT rate's share (closer, the rounding of many item lines may explain it): one of them is misread.
  const addsUpAtNoRate = amountRead !== null && taxRead !== null && amountRead + taxRead === totalNow && !sure[0] && !sure[1]
    && !RATES_IN_TENTHS.some((tenths) => taxWithinRate(amountRead, taxRead, tenths, MISREAD_RATE_DRIFT));
  if ((amountRead !== null && taxRead !== null && !addsUpAtNoRate) || taxRead === 0) return;
  const headerTop = lines.find((line) => ITEMS_HEADER.test(line.text))?.top ?? Number.NEGATIVE_INFINITY;
  const totalBottom = Math.max(...lines.filter((line) => TOTAL_LINE.test(line.text)).map((line) => line.bottom), Number.NEGATIVE_INFINITY);
  if (totalBottom === Number.NEGATIVE_INFINITY) return;
  const readings = lines.filter((line) => line.top >= headerTop && line.top <= totalBottom).flatMap((line) => figureDigitReadings(line.text));
  const figures = new Set(readings.filter((digits) => digits.length >= FIGURE_DIGITS_AT_LEAST && digits.length <= FIGURE_DIGITS_AT_MOST).map(Number));
  for (const value of [amountRead, taxRead, totalRead]) if (value !== null && value > 0) figures.add(value);
  const wordsSource = rawWords ?? draft.values.totalInWords;
  const words = wordsSource ? wordsAsNumerals(wordsSource) : null;
  const splits = new Map<string, { amount: number; tax: number; support: number }>();
  const consider = (amount: number, tax: number): void => {
    const total = amount + tax;
    if (amount <= 0 || tax <= 0 || splits.has(`${amount}/${tax}`)) return;
    if ((totalRead !== null && total !== totalRead) || [amount, tax].some((value, index) => sure[index] && value !== read[index])) return;
    let wordsSupport = 0;
    if (words !== null && AMOUNT_DIGITS.test(words)) {
      const wordsOfTotal = toChineseAmount(total);
      if (!noDigitContradicts(words, wordsOfTotal)) return;
      if (closeToWords(words, wordsOfTotal)) wordsSupport = commonSubsequence(words, wordsOfTotal) * 10 >= [...wordsOfTotal].length * WORDS_MOSTLY_READ ? 2 : 1;
    }
    const [amountSupport, taxSupport] = [figureSupport(amount, readings), figureSupport(tax, readings)];
    const totalSupport = Math.max(figureSupport(total, readings), totalRead === total ? 2 : 0);
    const support = amountSupport + taxSupport + totalSupport + wordsSupport;
    const someFigureExact = [amountSupport, taxSupport, totalSupport].includes(2);
    if (amountSupport + taxSupport > 0 && totalSupport + wordsSupport > 0 && someFigureExact && support >= SPLIT_SUPPORT) splits.set(`${amount}/${tax}`, { amount, tax, support });
  };
  for (const figure of figures) {
    for (const tenths of RATES_IN_TENTHS.filter((rate) => rate > 0)) {
      const untaxed = Math.round((figure * 1000) / (1000 + tenths));
      for (const amount of [untaxed - 1, untaxed, untaxed + 1]) if (taxWithinRate(amount, figure - amount, tenths)) consider(amount, figure - amount);
      consider(figure, Math.round((figure * tenths) / 1000));
      for (const amount of amountsTaxedTo(figure, tenths)) consider(amount, figure);
    }
  }
  const ranked = [...splits.values()].sort((a, b) => b.support - a.support);
  if (ranked.length === 0 || (ranked.length > 1 && ranked[1]!.support === ranked[0]!.support)) return;
  const { amount, tax } = ranked[0]!;
  const values = [amount, tax, amount + tax];
  fields.forEach((field, index) => {
    if (fen(draft.values[field]) !== values[index]) setField(draft, field, formatYuan(values[index]!), DERIVED_CONFIDENCE, draft.boxes[field]);
  });
}

/** Confidence at least of the code a year is mended from (its printing year must be read right). */
const SURE_CODE = 0.8;
/** Confidence of an issue year mended from the code's printing year. */
const CODE_YEAR_CONFIDENCE = 0.5;

/**
 * A 10-digit invoice code (the paper 专票 and 普票 of the tax-control devices) carries its printing year
 * in its fifth and sixth digits, and the invoice is issued from that year on, within a few years. An
 * issue year read outside them ("2046" for 2016, a code of 2015) is the one year within them that
 * differs from it in a single digit, unsure; left as read when none or several do, or when the code
 * was not read surely.
 */
function yearFromPrintingYear(draft: InvoiceDraft): void {
  const { invoiceCode: code, issueDate: date } = draft.values;
  const years = issueYearsOfCode(code);
  if (!years || (draft.confidence.invoiceCode ?? 0) < SURE_CODE || !date || !/^\d{4}-\d{2}-\d{2}$/.test(date)) return;
  const [printed, last] = years;
  const year = Number(date.slice(0, 4));
  if (year >= printed && year <= last) return;
  const oneDigitOff: number[] = [];
  for (let candidate = printed; candidate <= last; candidate++) {
    if ([...String(candidate)].filter((digit, index) => digit !== date[index]).length === 1) oneDigitOff.push(candidate);
  }
  if (oneDigitOff.length === 1) setField(draft, 'issueDate', `${oneDigitOff[0]}${date.slice(4)}`, CODE_YEAR_CONFIDENCE, draft.boxes.issueDate);
}

/** Confidence of an invoice code whose province digits are mended from the seller's credit code. */
const PROVINCE_MENDED_CONFIDENCE = 0.5;

/**
 * A paper invoice's code begins with the region of the tax office that issued the blank forms to the
 * seller: its province in the first two digits of a 10-digit code, in the second and third of a
 * 12-digit one. A credit code carries its holder's region in its third to eighth characters, the
 * province first. A code read unsure whose province digits are one digit from those of the seller's
 * credit code (one as can be issued) had that digit misread: it is mended, unsure.
 */
function codeProvinceFromSeller(draft: InvoiceDraft): void {
  const { invoiceCode: code, sellerTaxId: seller } = draft.values;
  if (!code || !seller || (draft.confidence.invoiceCode ?? 0) >= OCR_SURE || !usccWellFormed(seller)) return;
  const at = /^\d{10}$/.test(code) ? 0 : /^\d{12}$/.test(code) ? 1 : null;
  const province = seller.slice(2, 4);
  if (at === null || !/^\d{2}$/.test(province)) return;
  const read = code.slice(at, at + 2);
  if ([...read].filter((digit, index) => digit !== province[index]).length !== 1) return;
  setField(draft, 'invoiceCode', code.slice(0, at) + province + code.slice(at + 2), PROVINCE_MENDED_CONFIDENCE, draft.boxes.invoiceCode);
}

export function repairOcrDraft(draft: InvoiceDraft, lines: Line[], rawWords?: string): void {
  const values = draft.values;
  const totalWasRead = values.totalAmount !== undefined;
  const words = values.totalInWords ? parseChineseAmount(values.totalInWords) : null;
  const amount = fen(values.amountExclTax);
  const tax = fen(values.taxAmount);
  const total = fen(values.totalAmount);
  if (words !== null && total === words) draft.confidence.totalAmount = Math.max(draft.confidence.totalAmount ?? 0, VOUCHED_CONFIDENCE);
  if (words !== null && total === null && amount !== null && tax !== null && amount + tax === words) {
    setField(draft, 'totalAmount', formatYuan(words), DERIVED_CONFIDENCE, draft.boxes.totalInWords);
  }
  if (words !== null && total !== null && words !== total && amount !== null && tax !== null && amount + tax === words) {
    setField(draft, 'totalAmount', formatYuan(words), DERIVED_CONFIDENCE, draft.boxes.totalAmount);
  }
  repairTotalsFromItems(draft);
  untaxedTax(draft, lines);
  signReadAsLeadingDigit(draft, lines, rawWords);
  reconcileTotal(draft, rawWords);
  totalWithDecimalsLost(draft, lines, rawWords);
  mendUnsurePart(draft);
  partOneDigitOffByRate(draft, rawWords);
  splitTotalByRate(draft);
  // The part not read is the total less the other, as the repairs above left them (the items' sums
  // may have mended the amount).
  const [sum, mendedAmount, mendedTax] = [fen(values.totalAmount), fen(values.amountExclTax), fen(values.taxAmount)];
  if (sum !== null && mendedAmount !== null && mendedTax === null && mendedAmount <= sum) {
    setField(draft, 'taxAmount', formatYuan(sum - mendedAmount), DERIVED_CONFIDENCE);
  }
  if (sum !== null && mendedTax !== null && mendedAmount === null && mendedTax <= sum) {
    setField(draft, 'amountExclTax', formatYuan(sum - mendedTax), DERIVED_CONFIDENCE);
  }
  amountAndTaxFromTotal(draft, lines);
  amountAndTaxFromNearbyFigures(draft, lines, rawWords);
  amountAndTaxFromPartlyReadRow(draft, lines);
  sumsBorneOutByTable(draft, lines, rawWords, totalWasRead);
  partsSwapped(draft);
  doubtSignlessTotal(draft, lines, rawWords);
  repairWords(draft, rawWords);
  yearFromPrintingYear(draft);
  codeProvinceFromSeller(draft);
}

/**
 * Amount and tax the wrong way round (the 合计 row's one figure read taken for its tax, the other part
 * the total less it): a tax above its amount is none at any VAT rate, and where the tax is the amount's
 * share at a rate once swapped, they are swapped, unsure.
 */
function partsSwapped(draft: InvoiceDraft): void {
  const [amount, tax] = [fen(draft.values.amountExclTax), fen(draft.values.taxAmount)];
  if (amount === null || tax === null || amount <= 0 || tax <= amount) return;
  if (!RATES_IN_TENTHS.some((tenths) => tenths > 0 && taxWithinRate(tax, amount, tenths))) return;
  const [amountBox, taxBox] = [draft.boxes.amountExclTax, draft.boxes.taxAmount];
  const confidence = Math.min(draft.confidence.amountExclTax ?? DERIVED_CONFIDENCE, draft.confidence.taxAmount ?? DERIVED_CONFIDENCE, DERIVED_CONFIDENCE);
  setField(draft, 'amountExclTax', formatYuan(tax), confidence, taxBox);
  setField(draft, 'taxAmount', formatYuan(amount), confidence, amountBox);
}

/** The figure printed right after the (小写) label, nothing read between them. */
const FIGURE_RIGHT_AFTER_SMALL_LABEL = /小\s*写\s*[)）}〕】]?\s*(\d[\d,]*\.\s?\d{2})/u;
/** Digits OCR reads the ¥ as when it reads it as a figure: 8 (YEN_READ_AS_DIGIT, the commonest) and 4. */
const YEN_LOOKALIKE_DIGITS = /^[84]/;

/**
 * A total read right after the (小写) label with no sign before it, beginning with a digit the ¥
 * reads as ("850.00" for ¥50.00 in a small render): its first digit may be the sign. Unless the 大写
 * as read or amount + tax bears it out, it is unsure.
 */
function doubtSignlessTotal(draft: InvoiceDraft, lines: Line[], rawWords: string | undefined): void {
  const total = fen(draft.values.totalAmount);
  if (total === null || (draft.confidence.totalAmount ?? 0) < OCR_SURE) return;
  if (wordsAsRead(draft, rawWords) === total || partsAddUpTo(draft, total)) return;
  const signless = lines.some((line) => {
    const figure = FIGURE_RIGHT_AFTER_SMALL_LABEL.exec(line.text)?.[1];
    return figure !== undefined && YEN_LOOKALIKE_DIGITS.test(figure) && fen(figure.replace(/\s+/g, '')) === total;
  });
  if (signless) draft.confidence.totalAmount = DERIVED_CONFIDENCE;
}

/** Confidence of a 大写 that cannot be the total as printed, at most. */
const DOUBTED_WORDS_CONFIDENCE = 0.5;
/** A unit or a place where a 大写 amount begins: its leading numeral was lost (拾圆陆分 for 肆拾圆陆分). */
const HEADLESS_WORDS = /^[拾佰仟万亿圆元角分整]/u;

/**
 * The 大写 as read made unsure, however surely its characters were read, where it cannot be the
 * total as printed: it begins with a unit or a place (a numeral lost before it), or it says another
 * amount than the total in figures (one of the two is misread; the check names them). Called once
 * the other readings of the page are done.
 */
export function doubtDisagreeingWords(draft: InvoiceDraft): void {
  const words = draft.values.totalInWords;
  if (!words) return;
  const amount = parseChineseAmount(words);
  const total = fen(draft.values.totalAmount);
  if (HEADLESS_WORDS.test(words) || amount === null || (total !== null && amount !== total)) {
    draft.confidence.totalInWords = Math.min(draft.confidence.totalInWords ?? 0, DOUBTED_WORDS_CONFIDENCE);
  }
}

/**
 * The invoice QR code's amount: the 价税合计 on 数电 invoices (no code, a 20-digit number), the
 * amount before tax on the older ones. It confirms the printed figure it equals; it supplies the
 * figure where OCR read none, or read one unsure that does not add up. A sure OCR reading that
 * differs stays, for the qr-matches check to report. The other figures are then derived again.
 */
export function reconcileWithQrAmount(draft: InvoiceDraft, qr: InvoiceQrPayload, lines: Line[], rawWords?: string): void {
  const qrFen = fen(qr.amount ?? undefined);
  if (qrFen === null || qr.amount === null) return;
  const field = qr.invoiceCode === null && /^\d{20}$/.test(qr.invoiceNumber) ? 'totalAmount' : 'amountExclTax';
  const read = fen(draft.values[field]);
  if (read === qrFen) {
    draft.confidence[field] = Math.max(draft.confidence[field] ?? 0, VOUCHED_CONFIDENCE);
  } else {
    const amount = fen(draft.values.amountExclTax);
    const tax = fen(draft.values.taxAmount);
    const total = fen(draft.values.totalAmount);
    const addsUp = amount !== null && tax !== null && total !== null && amount + tax === total;
    if (read !== null && ((draft.confidence[field] ?? 0) >= OCR_SURE || addsUp)) return;
    setField(draft, field, formatYuan(qrFen), VOUCHED_CONFIDENCE, draft.boxes[field]);
  }
  repairOcrDraft(draft, lines, rawWords);
  doubtDisagreeingWords(draft);
}

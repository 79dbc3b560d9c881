// Field parser for positioned page text: the text layer of a PDF, the text objects of an OFD page,
// or OCR lines. Groups text into lines, then reads each field from its printed label (发票号码,
// 名称, 纳税人识别号, 合计, 价税合计, 备注 ...) and from the table between the item header and 合计.
// Works for both layouts: the old VAT invoice (code + 8-digit number, buyer on top, seller below)
// and 数电 (20-digit number, buyer left, seller right).
import type { InvoiceItem } from '../types';
import { OLD_TAX_ID_LENGTH, oldTaxIdAsIssued, usccCheckCharacter, usccWellFormed, withLostCheckCharacter } from './checks';
import { formatYuan, tryParseYuan } from '../money';
import { type InvoiceDraft, emptyDraft, setField } from './draft';
import { type Box, type PositionedPage, type PositionedText, unionBox } from './positioned-text';
import { isInvoiceCodeForm, isInvoiceNumberForm } from './invoice-identity';
import { CITY_NAMES, PROVINCE_NAMES } from './city-names';
import {
  CHINESE_AMOUNT_CHARS, normalizeAmount, normalizeChineseAmountText, normalizeDate, normalizeName, normalizeRate,
  normalizeCjkRadicals, normalizeOcrName, normalizeTaxId, toHalfWidth, undoubleCharacters, UNTAXED_RATE_MARKERS,
} from './text-normalize';

export interface Line {
  top: number;
  bottom: number;
  left: number;
  /** Text of the line; a single space stands for a visible gap between items. */
  text: string;
  /** For each character of `text`, the item it came from (-1 for inserted gaps). */
  charItem: number[];
  items: PositionedText[];
}

const CJK = /[\u2e80-\u9fff\uf900-\ufaff]/;

function cleanItemText(text: string, fromOcr: boolean): string {
  let cleaned = toHalfWidth(text).replace(/\s+/g, ' ');
  if (fromOcr) {
    cleaned = cleaned
      .replace(/[“”"]/g, '*')
      .replace(/[#Y羊半](?=\d[\d,]*\.\d{2}(?!\d))/g, '¥')
      .replace(/(\d) ?\. ?(\d{2})(?!\d)/g, '$1.$2')
      .replace(/(?<=[\u2e80-\u9fff:（）*])\s+(?=[\u2e80-\u9fff:（）*])/g, '')
      .replace(/^[|｜]+|[|｜]+$/g, '');
  }
  return cleaned;
}

function verticalOverlap(a: { top: number; bottom: number }, b: { top: number; bottom: number }): number {
  return Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
}

/** Groups items into lines by vertical overlap and joins them left to right. */
export function buildLines(items: PositionedText[], options: { fromOcr?: boolean } = {}): Line[] {
  const sorted = items
    .map((item) => ({ ...item, text: cleanItemText(item.text, options.fromOcr ?? false) }))
    .filter((item) => item.text.trim() !== '' && item.box[3] > 0)
    .sort((a, b) => a.box[1] + a.box[3] / 2 - (b.box[1] + b.box[3] / 2));
  const groups: { top: number; bottom: number; centerSum: number; heightSum: number; items: PositionedText[] }[] = [];
  for (const item of sorted) {
    const span = { top: item.box[1], bottom: item.box[1] + item.box[3] };
    let target: (typeof groups)[number] | undefined;
    for (let i = groups.length - 1; i >= 0 && i >= groups.length - 4; i--) {
      const group = groups[i]!;
      const count = group.items.length;
      const height = group.heightSum / count;
      const center = group.centerSum / count;
      const band = { top: center - height / 2, bottom: center + height / 2 };
      const larger = Math.max(height, item.box[3]);
      if (verticalOverlap(band, span) >= larger * 0.45) {
        target = group;
        break;
      }
    }
    if (target) {
      target.items.push(item);
      target.top = Math.min(target.top, span.top);
      target.bottom = Math.max(target.bottom, span.bottom);
      target.centerSum += item.box[1] + item.box[3] / 2;
      target.heightSum += item.box[3];
    } else {
      groups.push({ ...span, centerSum: item.box[1] + item.box[3] / 2, heightSum: item.box[3], items: [item] });
    }
  }
  const merged = reattachToEngineLines(mergeGroupsSharingLineKeys(groups));
  return merged.map((group) => joinLine(group.items, group.top, group.bottom, options.fromOcr ?? false));
}

/** Words of one engine line in a group, at least, for the group to be that line. */
const ENGINE_LINE_WORDS = 3;

/** The engine line most of a group's words belong to, when it holds ENGINE_LINE_WORDS of them. */
function mainLineKey(items: PositionedText[]): number | undefined {
  const commonest = commonestLineKey(items);
  return commonest && commonest.words >= ENGINE_LINE_WORDS ? commonest.key : undefined;
}

/** The engine line most of a group's words belong to, however few, and how many (undefined when none has a line). */
function commonestLineKey(items: PositionedText[]): { key: number; words: number } | undefined {
  const counts = new Map<number, number>();
  for (const item of items) if (item.lineKey !== undefined) counts.set(item.lineKey, (counts.get(item.lineKey) ?? 0) + 1);
  let best: { key: number; words: number } | undefined;
  for (const [key, words] of counts) if (!best || words > best.words) best = { key, words };
  return best;
}

/**
 * Groups that hold words the OCR engine put on one line become one group; not two groups that are
 * each mostly another engine line (a stray engine line, such as the 密码区 beside two rows of
 * labels, crosses both: the rows stay apart).
 */
function mergeGroupsSharingLineKeys<T extends { top: number; bottom: number; items: PositionedText[] }>(groups: T[]): T[] {
  const owner = new Map<number, T>();
  const result: T[] = [];
  for (const group of groups) {
    const target = group.items.map((item) => (item.lineKey === undefined ? undefined : owner.get(item.lineKey))).find((g) => g !== undefined);
    const overlapping = target !== undefined
      && verticalOverlap(target, group) >= Math.min(target.bottom - target.top, group.bottom - group.top) * 0.3;
    const [targetLine, groupLine] = [target && mainLineKey(target.items), mainLineKey(group.items)];
    const twoEngineLines = targetLine !== undefined && groupLine !== undefined && targetLine !== groupLine;
    if (target && target !== group && overlapping && !twoEngineLines) {
      target.items.push(...group.items);
      target.top = Math.min(target.top, group.top);
      target.bottom = Math.max(target.bottom, group.bottom);
      for (const item of group.items) if (item.lineKey !== undefined && !owner.has(item.lineKey)) owner.set(item.lineKey, target);
      continue;
    }
    result.push(group);
    for (const item of group.items) if (item.lineKey !== undefined && !owner.has(item.lineKey)) owner.set(item.lineKey, group);
  }
  return result;
}

/**
 * A word grouped by its height into another engine line's row goes back to the row of its own
 * engine line, when that row is near. On a photographed page the rows are not straight (the paper
 * curls, the perspective is not quite taken out), so a long word of one row (a taxpayer id after its
 * label) can lie more over the row above than over its own; the engine, which follows each row's
 * baseline, put it on its own line. Only a word of a group that is mostly another engine line
 * (ENGINE_LINE_WORDS of its words) moves, and only to a row that is mostly its own engine line.
 */
function reattachToEngineLines<T extends { top: number; bottom: number; items: PositionedText[] }>(groups: T[]): T[] {
  const homes = new Map<number, T>();
  for (const group of groups) {
    const key = commonestLineKey(group.items)?.key;
    if (key !== undefined && !homes.has(key)) homes.set(key, group);
  }
  let moved = false;
  for (const group of groups) {
    const main = mainLineKey(group.items);
    if (main === undefined) continue;
    const stay: PositionedText[] = [];
    for (const item of group.items) {
      const home = item.lineKey === undefined || item.lineKey === main ? undefined : homes.get(item.lineKey);
      const near = home !== undefined && home !== group
        && Math.max(home.top - (item.box[1] + item.box[3]), item.box[1] - home.bottom) < item.box[3];
      if (near) {
        home.items.push(item);
        moved = true;
      } else {
        stay.push(item);
      }
    }
    group.items = stay;
  }
  if (!moved) return groups;
  const kept = groups.filter((group) => group.items.length > 0);
  for (const group of kept) {
    group.top = Math.min(...group.items.map((item) => item.box[1]));
    group.bottom = Math.max(...group.items.map((item) => item.box[1] + item.box[3]));
  }
  return kept;
}

/** OCR reads "52.70" as the words "52", "." and "70" (or "52" ".70"): a decimal point is no word gap. */
function splitDecimal(previous: string, next: string): boolean {
  return (/\d$/.test(previous) && /^\.(\d|$)/.test(next)) || (/(^|\d)\.$/.test(previous) && /^\d/.test(next));
}

/**
 * Share of its neighbours' height under which the box the engine gave a CJK character is drawn
 * round a speck of it, not the character (汇 boxed 4×4 px between characters 48 px high, M04): it
 * says nothing of where the character stands.
 */
const SPECK_BOX_SHARE = 0.35;

/**
 * Whether characters boxed as specks (SPECK_BOX_SHARE) stand in the space between the words on
 * either side of them, a character's width each: no gap is then seen before or after them.
 */
function specksFillGap(items: readonly PositionedText[], speck: readonly boolean[], index: number): boolean {
  let left = index - 1;
  while (left >= 0 && speck[left]) left--;
  let right = index;
  while (right < items.length && speck[right]) right++;
  if (left < 0 || right >= items.length) return false;
  const [before, after] = [items[left]!, items[right]!];
  const height = Math.min(before.box[3], after.box[3]);
  const characters = items.slice(left + 1, right).reduce((sum, item) => sum + [...item.text].length, 0);
  return after.box[0] - (before.box[0] + before.box[2]) - characters * height <= height * 1.1;
}

function joinLine(unsorted: PositionedText[], top: number, bottom: number, fromOcr = false): Line {
  const items = [...unsorted].sort((a, b) => a.box[0] - b.box[0]);
  const speck = items.map((item, index) => {
    if (!fromOcr || !CJK.test(item.text) || [...item.text].length > 2) return false;
    const neighbours = [items[index - 1], items[index + 1]].filter((other): other is PositionedText => other !== undefined && CJK.test(other.text));
    return neighbours.length > 0 && item.box[3] < Math.max(...neighbours.map((other) => other.box[3])) * SPECK_BOX_SHARE;
  });
  let text = '';
  const charItem: number[] = [];
  const isShort = (item: PositionedText | undefined) => item !== undefined && [...item.text].length <= 2;
  const pitchAt = (index: number) => items[index]!.box[0] - items[index - 1]!.box[0];
  const similar = (a: number, b: number) => a > 0 && b > 0 && Math.abs(a - b) <= Math.max(a, b) * 0.2;
  items.forEach((item, index) => {
    if (index > 0) {
      const previous = items[index - 1]!;
      const height = Math.min(previous.box[3], item.box[3]);
      const gap = item.box[0] - (previous.box[0] + previous.box[2]);
      const pitch = pitchAt(index);
      const pairShort = isShort(previous) && isShort(item);
      const evenBefore = index >= 2 && isShort(items[index - 2]) && similar(pitch, pitchAt(index - 1));
      const evenAfter = index + 1 < items.length && isShort(items[index + 1]) && similar(pitch, pitchAt(index + 1));
      const evenlySpaced = pairShort && (evenBefore || evenAfter) && gap < height * 3.5;
      const decimal = fromOcr && splitDecimal(previous.text, item.text) && gap < Math.max(previous.box[3], item.box[3]) * 2;
      const acrossSpecks = (speck[index] || speck[index - 1]) && specksFillGap(items, speck, speck[index] ? index : index - 1);
      if (gap > height * 1.1 && !evenlySpaced && !decimal && !acrossSpecks) {
        text += ' ';
        charItem.push(-1);
      }
    }
    for (const ch of item.text) {
      text += ch;
      for (let k = 0; k < ch.length; k++) charItem.push(index);
    }
  });
  return { top, bottom, left: items[0]?.box[0] ?? 0, text, charItem, items };
}

function lineHeight(line: Line): number {
  return line.bottom - line.top;
}

/** Box of the characters [start, end) of a line. */
export function spanBox(line: Line, start: number, end: number): Box | undefined {
  const used = new Set<number>();
  for (let i = start; i < end; i++) {
    const index = line.charItem[i];
    if (index !== undefined && index >= 0) used.add(index);
  }
  return unionBox([...used].map((i) => line.items[i]!.box));
}

export function spanConfidence(line: Line, start: number, end: number): number {
  const used = new Set<number>();
  for (let i = start; i < end; i++) {
    const index = line.charItem[i];
    if (index !== undefined && index >= 0) used.add(index);
  }
  if (used.size === 0) return 0;
  // A value is as sure as its least sure part: one misread character of a name makes the name wrong.
  let least = 1;
  for (const i of used) least = Math.min(least, line.items[i]!.confidence);
  return least;
}

/** A label regex whose characters may be separated by spaces: label('名称') -> /名\s*称/. */
function label(characters: string): string {
  return [...characters].map((ch) => ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('[\\s*·]*');
}

/**
 * A label as OCR may read it: its characters, up to `misses` of them (at most one of the first two)
 * each read as another Chinese character ("纳税人讨别寻", "纯税人识别叶" for 纳税人识别号), and the colon
 * that closes a label.
 * Only with the colon: without it the misread characters could be any text.
 */
function misreadLabel(characters: string, misses: number, sureFrom = 2): string {
  const chars = [...characters];
  const variants: string[] = [];
  const build = (at: number, left: number, parts: string[]) => {
    if (at === chars.length) {
      if (left < misses) variants.push(parts.join('[\\s*·]*'));
      return;
    }
    build(at + 1, left, [...parts, chars[at]!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')]);
    // One of the first two characters may be misread, the other must be read ("纯税人识别叶" for 纳税人识别号);
    // from `sureFrom` on (0: anywhere) any character may be.
    const firstMissed = parts.slice(0, 2).includes('\\p{Script=Han}');
    if (left > 0 && (at >= Math.min(2, sureFrom) || !firstMissed)) build(at + 1, left - 1, [...parts, '\\p{Script=Han}']);
  };
  build(0, misses, []);
  return `(?:${variants.join('|')})(?=\\s*[:：])`;
}

/** Where a value found on a line stands on the page (spanBox of its characters). */
function boxOfFound(found: Found): Box | undefined {
  return spanBox(found.line, found.start, found.end);
}

interface Found {
  value: string;
  line: Line;
  start: number;
  end: number;
  /** Confidence the value gets at most (where it was found tells less than its characters' confidence). */
  cap?: number;
}

function found(line: Line, start: number, end: number): Found {
  return { value: line.text.slice(start, end), line, start, end };
}

/** Values printed right after a label on the same line, e.g. "发票号码: 12345678". */
function valuesAfterLabel(lines: Line[], labelPattern: string, valuePattern: string): Found[] {
  const results: Found[] = [];
  const regex = new RegExp(`(?:${labelPattern})\\s*[:：]?\\s*(${valuePattern})`, 'gu');
  for (const line of lines) {
    for (const match of line.text.matchAll(regex)) {
      const value = match[1]!;
      const start = match.index + match[0].length - value.length;
      results.push(found(line, start, start + value.length));
    }
  }
  return results;
}

function firstMatch(lines: Line[], pattern: RegExp): Found | undefined {
  for (const line of lines) {
    const match = pattern.exec(line.text);
    if (match) {
      const value = match[1] ?? match[0];
      const start = match.index + match[0].indexOf(value);
      return found(line, start, start + value.length);
    }
  }
  return undefined;
}

function allMatches(lines: Line[], pattern: RegExp): Found[] {
  const flags = pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`;
  const global = new RegExp(pattern.source, flags);
  const results: Found[] = [];
  for (const line of lines) {
    for (const match of line.text.matchAll(global)) {
      const value = match[1] ?? match[0];
      const start = match.index + match[0].indexOf(value);
      results.push(found(line, start, start + value.length));
    }
  }
  return results;
}

function put(draft: InvoiceDraft, field: Parameters<typeof setField>[1], value: string | null, at: Found | undefined): void {
  if (!at) return;
  setField(draft, field, value, round3(Math.min(at.cap ?? 1, spanConfidence(at.line, at.start, at.end))), boxOfFound(at));
}

function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}

const MONEY = '-?¥?\\s?\\d[\\d,]*\\.\\d{2}(?!\\d)';
const TAX_ID = '[0-9A-Za-z]{15,20}';
const DATE = '\\d{4}\\s*(?:年\\s*\\d{1,2}\\s*月\\s*\\d{1,2}\\s*日|[-/.]\\d{1,2}[-/.]\\d{1,2})';
const NAME_STOP = /[\s:：]/;
/** The label of a party's bank and account (开户行及账号, 开户银行, 银行账号, 账号; 帐号 as often printed). */
const BANK_ACCOUNT_LABEL = /开户行|开户银行|[账帐]\s*号/u;
/**
 * A bank branch and its account number after it (…深圳园岭支行 4000024709…, 支 misread: …皆充行4000…),
 * or the row's label with 户 misread (开尸行及…): a 开户行及账号 row whatever else of it reads wrong.
 */
const BANK_BRANCH_ACCOUNT = /行\s*\d[\d\s]{9,}|开\s*\S?\s*行\s*及/u;
/** A bank's name straight before a number (兴业银行海淀支行3212…): the account, its label misread. */
const BANK_NAME_BEFORE = /(?:银\s*行|[支分]\s*行|信\s*用\s*社|营\s*业\s*部)\s*[:：]?\s*$/u;
/** A unified social credit code's shape: registration authority, entity type, six-digit region, then ten characters. */
const USCC_SHAPE = /^[1-9A-Y][1-9]\d{6}[0-9A-Z]{10}$/;

export interface LayoutOptions {
  fromOcr?: boolean;
  /**
   * The lines are a part of a page read again alone (its header corner), and the page's whole reading
   * says it is an invoice (sayInvoice): the part need not say so itself.
   */
  partOfInvoicePage?: boolean;
}

export interface LayoutReading {
  draft: InvoiceDraft;
  lines: Line[];
  /** The page says it is a preview / specimen with placeholder data (仅供预览). */
  preview: boolean;
  /** The page says it is an invoice: its title (…发票…), or a line of the 密码区 cipher only invoices print. */
  titled: boolean;
  /** Everything printed between 价税合计（大写） and （小写）, as read (for OCR repairs). */
  rawTotalInWords?: string;
}

/**
 * The 写 of the bracketed (大写) and (小写) labels as dark print reads it (当, 与: "(小当)", M02 of the
 * twelfth set), put back on an OCR reading's lines: one character for one, the characters' items kept.
 */
const WRITE_READ_AS = /([(（〔【]\s*[大小]\s*)[当与](?=\s*[)）}〕】])/gu;

/** Reads invoice fields from one page of positioned text. */
export function parseLayout(page: PositionedPage, options: LayoutOptions = {}): LayoutReading {
  const fromOcr = options.fromOcr ?? false;
  const built = buildLines(page.items.map((item) => ({ ...item, text: normalizeCjkRadicals(item.text) })), options);
  const lines = fromOcr ? built.map((line) => ({ ...line, text: line.text.replace(WRITE_READ_AS, '$1写') })) : built;
  const draft = emptyDraft();
  const digitsOnly = (text: string) => text.replace(/\s+/g, '');

  const numberLabel = `${label('发票号码')}|No\\.?|N[o0]`;
  const number: NumberFound | undefined = valuesAfterLabel(lines, numberLabel, '\\d[\\d ]{6,24}\\d').map(leadingInvoiceNumber).find((f) => f !== undefined)
    ?? allMatches(lines, /(?<!\d)(\d{20})(?!\d)/).find((candidate) => !OTHER_NUMBER_LINE.test(candidate.line.text) && !afterBankName(candidate) && !printedInGroups(candidate));
  if (number) put(draft, 'invoiceNumber', digitsOnly(number.value), number);
  // An old invoice prints its number again, small, under the code: where that reads otherwise than
  // the № figure in its large type ("18276857" for 12270857: H05 of the eighth set), the surer of
  // the two is the number, unsure (numberInHeader weighs the header's figures).
  const repeated = number && fromOcr && /^\d{8}$/.test(digitsOnly(number.value)) ? numberInHeader(lines, options.partOfInvoicePage ?? false, true) : undefined;
  const surer = (figure: Found) => spanConfidence(figure.line, figure.start, figure.end);
  if (number && repeated && !repeated.readTwice && digitsOnly(repeated.value) !== digitsOnly(number.value) && surer(repeated) > surer(number)) put(draft, 'invoiceNumber', digitsOnly(repeated.value), { ...repeated, cap: DISAGREEING_READINGS_CONFIDENCE });

  const labelledCodes = valuesAfterLabel(lines, label('发票代码'), '\\d[\\d ]{8,14}\\d');
  const ticket = readsAsTicket(lines);
  const code = labelledCodes.find((f) => isInvoiceCodeForm(digitsOnly(f.value)))
    ?? number?.codeBeside
    ?? (number && /^\d{8}$/.test(digitsOnly(number.value)) ? unlabelledCode(lines, number) : unlabelledHeaderCode(lines, options.partOfInvoicePage ?? false))
    ?? (ticket && !number ? unlabelledTicketCode(lines) : undefined);
  if (code) put(draft, 'invoiceCode', digitsOnly(code.value), code);
  else {
    // A code printed after its label with a length no code has (11 digits: a made-up specimen or a
    // digit lost): kept as read, unsure, so that the number-format check names it.
    const oddCode = labelledCodes.find((f) => /^\d{11}$/.test(digitsOnly(f.value)));
    if (oddCode) {
      put(draft, 'invoiceCode', digitsOnly(oddCode.value), oddCode);
      draft.confidence.invoiceCode = Math.min(draft.confidence.invoiceCode ?? 0, ODD_LENGTH_CODE_CONFIDENCE);
    }
  }
  // Old invoices print their number twice, after the № and under the code at the top right: with the
  // № misread and no code read, the header band's 8-digit figures give it (numberInHeader).
  const headerNumber = !number && !code ? numberInHeader(lines, options.partOfInvoicePage ?? false, fromOcr) : undefined;
  if (headerNumber) {
    put(draft, 'invoiceNumber', digitsOnly(headerNumber.value), headerNumber);
    if (headerNumber.readTwice) draft.confidence.invoiceNumber = Math.max(draft.confidence.invoiceNumber ?? 0, TWICE_READ_NUMBER_CONFIDENCE);
  }
  if (!number && code) {
    const near = allMatches(lines, /(?<![\d])(\d{8})(?!\d)/).filter((f) => f.line === code.line || Math.abs(f.line.top - code.line.top) < lineHeight(code.line) * 3);
    const oldNumber = near.sort((a, b) => spanConfidence(b.line, b.start, b.end) - spanConfidence(a.line, a.start, a.end))[0];
    if (oldNumber) {
      put(draft, 'invoiceNumber', oldNumber.value, oldNumber);
      // The number is printed twice; two different readings of it make neither sure.
      if (near.some((f) => f.value !== oldNumber.value)) draft.confidence.invoiceNumber = Math.min(draft.confidence.invoiceNumber ?? 0, DISAGREEING_READINGS_CONFIDENCE);
    }
  }

  if (fromOcr) takeNumberCopy(draft, lines, options.partOfInvoicePage ?? false);

  // A figure of a date's form that is no date (the cipher's "7817/13-90" beside the buyer) is passed over.
  const date = [...valuesAfterLabel(lines, label('开票日期'), DATE), ...allMatches(lines, new RegExp(`(${DATE})`))].find((found) => normalizeDate(found.value) !== null);
  if (date) put(draft, 'issueDate', normalizeDate(date.value), date);
  else if (fromOcr) {
    // 月 misread as another character between the month and the day ("2012年10片15日"), or 年 between
    // the year and the month, or a speck read as a mark beside 月 or 日 ("2016年06e月12【日"): the marks
    // around it still say which figures are which; the date stays unsure.
    const misread = firstMatch(lines, MISREAD_MONTH_DATE) ?? firstMatch(lines, MISREAD_YEAR_DATE) ?? firstMatch(lines, MARKED_DATE);
    const value = misread && normalizeDate(misread.value.replace(DATE_MARK, '').replace(/(年\s*\d{1,2}\s*)\p{Script=Han}/u, '$1月').replace(/^(\d{4}\s*)(?!年)\p{Script=Han}/u, '$1年'));
    if (misread && value) {
      put(draft, 'issueDate', value, misread);
      draft.confidence.issueDate = Math.min(draft.confidence.issueDate ?? 0, MISREAD_MONTH_CONFIDENCE);
    } else {
      const lookalike = lookalikeYearDate(lines, draft.values.invoiceCode) ?? lookalikeDayDate(lines, draft.values.invoiceCode);
      if (lookalike) put(draft, 'issueDate', lookalike.value, lookalike);
    }
  }

  readParties(lines, draft, fromOcr);
  readTotals(lines, draft);
  if (ticket) {
    draft.kind = 'ticket';
    if (draft.values.totalAmount === undefined) readTicketTotal(lines, draft);
  }
  readItems(lines, draft, fromOcr);
  if (!fromOcr) untaxedTaxAsPrinted(lines, draft);
  readRemarks(lines, draft, fromOcr);
  if (!fromOcr && draft.values.remarks !== undefined && draft.boxes.remarks) {
    const printed = printedText(page.items, draft.boxes.remarks, draft.values.remarks);
    if (printed !== null) draft.values.remarks = printed;
  }

  const allText = lines.map((l) => l.text.replace(/\s+/g, '')).join('\n');
  const rawTotalInWords = rawWordsOf(lines);
  return {
    draft,
    lines,
    ...(rawTotalInWords ? { rawTotalInWords } : {}),
    preview: /仅供预览|预览版|样票|SPECIMEN/i.test(allText),
    titled: /发票/.test(allText) || lines.some((line) => printsCipher(line.text)),
  };
}

/**
 * Whether a run of digits was printed in groups of a few digits (the 校验码 of an electronic invoice:
 * 20 digits as four groups of five), told by the words OCR read it as: three or more, none longer
 * than six digits. A 数电 invoice number is printed as one run.
 */
function printedInGroups(candidate: Found): boolean {
  const perItem = new Map<number, number>();
  for (let at = candidate.start; at < candidate.end; at++) {
    const item = candidate.line.charItem[at]!;
    if (item >= 0 && /\d/.test(candidate.line.text[at]!)) perItem.set(item, (perItem.get(item) ?? 0) + 1);
  }
  return perItem.size >= 3 && [...perItem.values()].every((digits) => digits <= 6);
}

/** Whether what a line holds before a number ends in a bank-account label (开户行及账号, 账号) or a bank's name: the number is an account, whatever its length. */
function afterBankLabelOrName(before: string): boolean {
  return BANK_ACCOUNT_LABEL.test(before) || BANK_NAME_BEFORE.test(before);
}

/**
 * A figure printed right after a bank's name (…支行, …分行, …银行: a party's account on its bank row,
 * whose 账号 label may be misread), not an invoice number.
 */
function afterBankName(candidate: Found): boolean {
  return /[行社]\s*$/u.test(candidate.line.text.slice(0, candidate.start));
}

/** An invoice number found, with the code printed beside it where the two were read as one run. */
type NumberFound = Found & { codeBeside?: Found };

/** Confidence of an 8-digit number and the 10-digit code beside it read as one run, at most. */
const RUN_TOGETHER_CONFIDENCE = 0.6;

/**
 * An invoice number read after its label: all of it when it has 8 or 20 digits, else its leading
 * space-separated groups that make 8 or 20 digits ("No 87654321 1100094140": the number, then the
 * code printed beside it).
 */
function leadingInvoiceNumber(candidate: Found): NumberFound | undefined {
  if (isInvoiceNumberForm(candidate.value.replace(/\s+/g, ''))) return candidate;
  // The number and the code beside it read as one run of 18 digits ("No122695584400154130"): the
  // 8-digit number, then the 10-digit code; unsure (no gap was read between them).
  if (/^\d{18}$/.test(candidate.value)) {
    const [numberEnd, codeEnd] = [candidate.start + 8, candidate.start + 18];
    return { ...found(candidate.line, candidate.start, numberEnd), cap: RUN_TOGETHER_CONFIDENCE, codeBeside: { ...found(candidate.line, numberEnd, codeEnd), cap: RUN_TOGETHER_CONFIDENCE } };
  }
  let digits = 0;
  for (const group of candidate.value.matchAll(/\d+/g)) {
    digits += group[0].length;
    if (digits === 8 || digits === 20) return found(candidate.line, candidate.start, candidate.start + group.index + group[0].length);
    if (digits > 20) break;
  }
  return undefined;
}

/**
 * Old 专用发票 print the invoice code without a label, at the top left and again beside the number:
 * a lone 10- or 12-digit figure on the number's line or the lines above it (not a machine number,
 * check code, phone or account).
 */
function unlabelledCode(lines: Line[], number: Found): Found | undefined {
  const height = lineHeight(number.line);
  const candidates = allMatches(lines, /(?<![\d.])(\d{10}|\d{12})(?![\d.])/).filter((candidate) =>
    candidate.line.top <= number.line.bottom + height && !/机\s*器|编\s*号|校\s*验|电\s*话|账\s*号|帐\s*号|识\s*别/.test(candidate.line.text));
  return candidates.find((candidate) => candidate.line === number.line) ?? candidates[0];
}

/** Confidence of a value read differently at its two printed places, or by two readings of one page. */
export const DISAGREEING_READINGS_CONFIDENCE = 0.5;
/** A date whose 月 was read as another Chinese character, and the confidence it keeps at most. */
const MISREAD_MONTH_DATE = /(\d{4}\s*年\s*\d{1,2}\s*(?!月)\p{Script=Han}\s*\d{1,2}\s*日)/u;
/** The same with 年 misread ("2016并04月11日"): the 月 and 日 after it say which figures are which. */
const MISREAD_YEAR_DATE = /(\d{4}\s*(?!年)\p{Script=Han}\s*\d{1,2}\s*月\s*\d{1,2}\s*日)/u;
const MISREAD_MONTH_CONFIDENCE = 0.6;
/** A date whose year was read with letters for digits or a speck read as one more figure ("zol16年06月12日", "2zo16锭06月12日"), 月 and 日 read. */
const LOOKALIKE_YEAR_DATE = /(?<![\dA-Za-z])([\dzZoOlI|]{4,5})\s*\p{Script=Han}\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日/u;
const YEAR_LOOKALIKES: Record<string, string> = { z: '2', Z: '2', o: '0', O: '0', l: '1', I: '1', '|': '1' };
/** Years an invoice of these times is issued in (a year outside them is no reading of one). */
const PLAUSIBLE_YEARS: [number, number] = [2000, 2039];
const LOOKALIKE_YEAR_CONFIDENCE = 0.5;
/** Years after the printing year in its code within which a paper invoice of a 10-digit code is issued. */
const ISSUE_YEARS_AFTER_PRINTING = 5;

/**
 * The years within which an invoice of a 10-digit code (the paper 专票 and 普票 of the tax-control
 * devices) is issued: from the printing year its fifth and sixth digits carry, a few years on. Null for
 * any other code.
 */
export function issueYearsOfCode(code: string | undefined): [number, number] | null {
  if (!code || !/^\d{10}$/.test(code)) return null;
  const twoDigits = Number(code.slice(4, 6));
  const printed = twoDigits >= 90 ? 1900 + twoDigits : 2000 + twoDigits;
  return [printed, printed + ISSUE_YEARS_AFTER_PRINTING];
}

/** The readings of figures read with one too many (the engine read one glyph twice): each with one figure left out. */
function withOneFigureLeftOut(figures: string): string[] {
  return [...new Set([...figures].map((_, index) => figures.slice(0, index) + figures.slice(index + 1)))];
}

/**
 * A date whose year's figures were read as letters (z for 2, o for 0, l for 1) or with one figure
 * too many: the year is the one reading of it, one figure left out where five were read, within the
 * years an invoice is issued (the years of its code, where a 10-digit code was read); unsure. None
 * where no reading or several are.
 */
function lookalikeYearDate(lines: Line[], code: string | undefined): Found | undefined {
  for (const line of lines) {
    const match = LOOKALIKE_YEAR_DATE.exec(line.text);
    if (!match || (match[1]!.match(/\d/g) ?? []).length < 2) continue;
    const figures = [...match[1]!].map((ch) => YEAR_LOOKALIKES[ch] ?? ch).join('');
    const readings = figures.length === 4 ? [figures] : withOneFigureLeftOut(figures);
    const [from, to] = issueYearsOfCode(code) ?? PLAUSIBLE_YEARS;
    const years = [...new Set(readings.map(Number))].filter((year) => year >= from && year <= to);
    if (years.length !== 1) return undefined;
    const value = normalizeDate(`${years[0]!}年${match[2]!}月${match[3]!}日`);
    return value ? { value, line, start: match.index, end: match.index + match[0].length, cap: LOOKALIKE_YEAR_CONFIDENCE } : undefined;
  }
  return undefined;
}

/** A date whose month or day was read with a letter for a figure or with one figure too many ("2016年03月3o0日"), 年 月 日 read. */
const LOOKALIKE_DAY_DATE = /(?<!\d)(\d{4})\s*年\s*([\dzZoOlI|]{1,3})\s*月\s*([\dzZoOlI|]{1,3})\s*日/u;

/**
 * A date whose month or day holds a letter read for a figure (o for 0, l for 1) or one figure too
 * many (the engine read one glyph twice: "3o0" for 30): the one real date among the readings, one
 * figure left out where three were read, in a year an invoice is issued (its code's years, where a
 * 10-digit code was read); unsure. None where no reading or several are.
 */
function lookalikeDayDate(lines: Line[], code: string | undefined): Found | undefined {
  const [from, to] = issueYearsOfCode(code) ?? PLAUSIBLE_YEARS;
  for (const line of lines) {
    const match = LOOKALIKE_DAY_DATE.exec(line.text);
    if (!match || Number(match[1]) < from || Number(match[1]) > to) continue;
    const readingsOf = (part: string): string[] => {
      const figures = [...part].map((ch) => YEAR_LOOKALIKES[ch] ?? ch).join('');
      return figures.length < 3 ? [figures] : withOneFigureLeftOut(figures);
    };
    const dates = new Set(readingsOf(match[2]!).flatMap((month) => readingsOf(match[3]!).map((day) => normalizeDate(`${match[1]!}年${month}月${day}日`))).filter((value): value is string => value !== null));
    if (dates.size !== 1) return undefined;
    return { value: [...dates][0]!, line, start: match.index, end: match.index + match[0].length, cap: LOOKALIKE_YEAR_CONFIDENCE };
  }
  return undefined;
}

/** A speck of the paper read as a letter or a bracket beside a date's 年, 月 or 日 ("2016年06e月12【日"). */
const SPECK = `[A-Za-z【】[\\]|'"“”‘’]`;
const DATE_MARK = new RegExp(`${SPECK}(?=\\s*[年月日])`, 'gu');
/** A date with such marks, its figures and 年 月 日 all read. */
const MARKED_DATE = new RegExp(`(\\d{4}\\s*${SPECK}?\\s*年\\s*\\d{1,2}\\s*${SPECK}?\\s*月\\s*\\d{1,2}\\s*${SPECK}?\\s*日)`, 'u');
/** Confidence at most of an old invoice's code read alone in the top-left corner (codeInCorner). */
const CORNER_CODE_CONFIDENCE = 0.6;

/**
 * The code of an old invoice from its top-left corner read alone, where it is printed large beside
 * the QR code (the page read can take it for part of the QR code's picture): a word holding 10 or 12
 * digits of a code's form, no part of a longer run of digits, on no line that labels another number;
 * the surest of them, unsure (only where it stands says it is the code). Words, not lines: a speck
 * the engine reads as a digit beside the code would join it on its line.
 */
export function codeInCorner(corner: PositionedPage): { value: string; confidence: number; box: Box } | undefined {
  const lines = buildLines(corner.items.map((item) => ({ ...item, text: normalizeCjkRadicals(item.text) })), { fromOcr: true });
  const [surest] = lines.filter((line) => !OTHER_NUMBER_LINE.test(line.text)).flatMap((line) => line.items).flatMap((item) => {
    const figure = /(?<![\d.])(\d{10}|\d{12})(?![\d.])/.exec(item.text)?.[1];
    return figure !== undefined && isInvoiceCodeForm(figure) ? [{ value: figure, item }] : [];
  }).sort((a, b) => b.item.confidence - a.item.confidence);
  if (!surest) return undefined;
  return { value: surest.value, confidence: round3(Math.min(CORNER_CODE_CONFIDENCE, surest.item.confidence)), box: surest.item.box };
}

/** Confidence of a labelled invoice code of a length no code has. */
const ODD_LENGTH_CODE_CONFIDENCE = 0.3;

/** The header band of an old invoice: the lines of the top fifth of the text. */
const HEADER_SHARE = 0.2;

/**
 * Old invoices whose number label (№) is misread: a lone 10- or 12-digit code in the header band
 * of a page that says it is an invoice (saysInvoice: its title may be read as nothing under its
 * seal), with an 8-digit figure on its line or within three lines of it (the number, printed again
 * under the code at the top right).
 */
function unlabelledHeaderCode(lines: Line[], partOfInvoicePage: boolean): Found | undefined {
  const headerBottom = invoiceHeaderBottom(lines, partOfInvoicePage);
  if (headerBottom === undefined) return undefined;
  return allMatches(lines, /(?<![\d.])(\d{10}|\d{12})(?![\d.])/).find((candidate) => candidate.line.top <= headerBottom && !OTHER_NUMBER_LINE.test(candidate.line.text)
    && allMatches(lines, /(?<![\d.])(\d{8})(?![\d.])/).some((figure) => Math.abs(figure.line.top - candidate.line.top) < lineHeight(candidate.line) * 3 && !OTHER_NUMBER_LINE.test(figure.line.text)));
}

/** A line that labels another number than the invoice's: machine number, serial, check code, phone, account, id, card, receipt. */
const OTHER_NUMBER_LINE = /开\s*户|机\s*器|编\s*号|校\s*验|电\s*话|账\s*号|帐\s*号|识\s*别|流\s*水|回\s*单|凭\s*证|卡\s*号/;

/** The bottom of the header band (the top fifth of the text) of a page that says it is an invoice; undefined on any other page. */
function invoiceHeaderBottom(lines: Line[], partOfInvoicePage: boolean): number | undefined {
  if (lines.length === 0 || !(partOfInvoicePage || saysInvoice(lines))) return undefined;
  const top = Math.min(...lines.map((line) => line.top));
  const bottom = Math.max(...lines.map((line) => line.bottom));
  return top + (bottom - top) * HEADER_SHARE;
}

/** Confidence at least of an old invoice's number read alike in its two places (numberInHeader). */
const TWICE_READ_NUMBER_CONFIDENCE = 0.7;

/**
 * An 8-digit figure of the header band: whole, or in two parts split by one gap (the small number
 * under an old invoice's code reads "12186 138"), no part of a longer run of digits.
 */
const HEADER_FIGURES = [/(?<![\d.])(\d{8})(?![\d.])/, /(?<![\d.]\s?)(\d{2,6}\s\d{2,6})(?!\s?[\d.])/];

/**
 * The invoice number of an old invoice from the 8-digit figures of its header band
 * (invoiceHeaderBottom; neither a line that labels another number, OTHER_NUMBER_LINE, nor the date):
 * - the same digits read on two lines (after the № and again, small, under the code at the top
 *   right): the number, `readTwice`;
 * - on an OCR reading, figures that stand alone on their lines (standsAlone): two different ones (the №
 *   figure in its large type misread, "16186138" for 12186138) give the one read more surely, unsure
 *   (DISAGREEING_READINGS_CONFIDENCE); one in the right half of the page, where the number is printed,
 *   is the number, unsure.
 */
function numberInHeader(lines: Line[], partOfInvoicePage: boolean, fromOcr: boolean): (Found & { readTwice: boolean }) | undefined {
  const headerBottom = invoiceHeaderBottom(lines, partOfInvoicePage);
  if (headerBottom === undefined) return undefined;
  const digits = (figure: Found) => figure.value.replace(/\s+/g, '');
  const figures = HEADER_FIGURES.flatMap((pattern) => allMatches(lines, pattern))
    .filter((figure) => digits(figure).length === 8 && figure.line.top <= headerBottom && !OTHER_NUMBER_LINE.test(figure.line.text) && !/日\s*期/.test(figure.line.text));
  const twice = figures.find((figure) => figures.some((other) => other.line !== figure.line && digits(other) === digits(figure)));
  if (twice) return { ...twice, readTwice: true };
  // Read once, or read otherwise: only an OCR reading's figure standing alone on its line, as the number
  // stands after its № (a text layer reads its № label; a contract or a receipt that mentions 发票 prints
  // other figures among its words).
  if (!fromOcr) return undefined;
  const [surest] = [...figures].sort((a, b) => spanConfidence(b.line, b.start, b.end) - spanConfidence(a.line, a.start, a.end));
  if (!surest || !standsAlone(surest)) return undefined;
  if (figures.length === 1 && (boxOfFound(surest)?.[0] ?? 0) < textMiddle(lines)) return undefined;
  return { ...surest, cap: DISAGREEING_READINGS_CONFIDENCE, readTwice: false };
}

/** Pieces an old taxpayer id is read in at most (its digits split by gaps the engine saw). */
const OLD_TAX_ID_PIECES = 3;

/**
 * The first old 15-digit taxpayer id as one can be issued (oldTaxIdAsIssued) in a run of digit pieces
 * split by single gaps: one to OLD_TAX_ID_PIECES whole pieces from any piece on, as the run's offsets
 * and its digits. The pieces before or after it are other print (the cipher's digits beside it).
 */
function oldTaxIdInRun(run: string): { start: number; end: number; digits: string } | undefined {
  const pieces = [...run.matchAll(/\d+/g)].map((piece) => ({ start: piece.index, end: piece.index + piece[0].length, digits: piece[0] }));
  for (let first = 0; first < pieces.length; first++) {
    let digits = '';
    for (let last = first; last < pieces.length && last < first + OLD_TAX_ID_PIECES && digits.length < OLD_TAX_ID_LENGTH; last++) {
      digits += pieces[last]!.digits;
      if (digits.length === OLD_TAX_ID_LENGTH && oldTaxIdAsIssued(digits)) return { start: pieces[first]!.start, end: pieces[last]!.end, digits };
    }
  }
  return undefined;
}

/** Letters the small copy of an old invoice's number reads its figures as (T for 7, B for 8). */
const FIGURE_LOOKALIKES: Readonly<Record<string, string>> = { T: '7', B: '8', O: '0', o: '0', l: '1', I: '1', S: '5', Z: '2' };
/**
 * The small copy of an old invoice's number as it ends its line (spaces left out): eight figures, a
 * figure read as a letter it looks like (FIGURE_LOOKALIKES), or as one mark ("122 708《0").
 */
const NUMBER_COPY_END = /([\dTBOolISZ《》<>«»]{8})$/;
/** Characters before the copy on its line at most (specks, a misread mark of the form's ink). */
const NUMBER_COPY_LEAD = 2;
/** Figures of a copy read as digits at least (the rest lookalike letters or one mark). */
const NUMBER_COPY_DIGITS = 5;
/** Confidence at least of a copy's reading (below it, the engine made the figures up of specks). */
const NUMBER_COPY_CONFIDENCE = 0.3;
/** Confidence at which the № figure is read surely: the copy does not overrule it. */
const SURE_NUMBER_FIGURE = 0.8;
/** Figures a copy and the № figure must agree on to be readings of one number (an invoice's other figures agree by chance on fewer). */
const NUMBER_COPY_AGREEMENT = 3;

/**
 * An old invoice prints its number twice: after the № in a large display type, in coloured ink, and
 * small beside it at the top right (the tax-control printer's copy, in the page's own print). The
 * engine misreads the large figures (0 as 6, 2 as 8: "18876846" for 12270840, "12276876" for
 * 12270870, even more surely than the copy) where it reads the copy as it reads the rest of the page;
 * but the copy, small, may come out in groups ("122 708 70"), with a figure read as a letter
 * ("122 708 T 1") or as a mark ("122 708《0"). The copy on a line of its own in the header band's right
 * half, read at NUMBER_COPY_CONFIDENCE or more, that agrees with a № figure read unsurely on
 * NUMBER_COPY_AGREEMENT figures, gives the number: its figures, and the № figure's where the copy's
 * are a mark. With no № figure read, a copy whole (every figure read) is the number. Either way
 * unsure: the two readings disagreed, or one was read once.
 */
function takeNumberCopy(draft: InvoiceDraft, lines: Line[], partOfInvoicePage: boolean): void {
  const read = draft.values.invoiceNumber;
  if (read !== undefined && (!/^\d{8}$/.test(read) || (draft.confidence.invoiceNumber ?? 0) >= SURE_NUMBER_FIGURE)) return;
  const band = invoiceHeaderBottom(lines, partOfInvoicePage);
  if (band === undefined) return;
  // The copy is printed above the 开票日期 line: the header reaches down to it where specks read above
  // the sheet (a photo's background) push the top fifth of the text up (J04 of the ninth set).
  const halfway = (Math.min(...lines.map((line) => line.top)) + Math.max(...lines.map((line) => line.bottom))) / 2;
  const dateLine = lines.find((line) => /日\s*期/.test(line.text) && line.top < halfway);
  const headerBottom = Math.max(band, dateLine ? dateLine.top - 1 : band);
  const middle = textMiddle(lines);
  const copies = lines.flatMap((line) => {
    if (line.top > headerBottom || OTHER_NUMBER_LINE.test(line.text) || /日\s*期/.test(line.text)) return [];
    const compact = line.text.replace(/\s+/g, '');
    const match = NUMBER_COPY_END.exec(compact);
    if (!match || match.index > NUMBER_COPY_LEAD) return [];
    const figures = [...match[1]!].map((ch) => (/\d/.test(ch) ? ch : FIGURE_LOOKALIKES[ch] ?? null));
    if ([...match[1]!].filter((ch) => /\d/.test(ch)).length < NUMBER_COPY_DIGITS || figures.filter((figure) => figure === null).length > 1) return [];
    // Where the copy's eight characters begin on the line, its gaps counted in.
    let start = line.text.length;
    for (let characters = 0; characters < figures.length; start--) if (!/\s/.test(line.text[start - 1]!)) characters++;
    if ((spanBox(line, start, line.text.length)?.[0] ?? 0) < middle) return [];
    return [{ figures, line, start, confidence: spanConfidence(line, start, line.text.length) }];
  }).sort((a, b) => b.confidence - a.confidence);
  for (const copy of copies) {
    const number = copy.figures.map((figure, index) => figure ?? read?.[index] ?? null);
    if (number.includes(null)) continue;
    const value = number.join('');
    if (value === read) return;
    if (copy.confidence < NUMBER_COPY_CONFIDENCE || (read !== undefined && copy.figures.filter((figure, index) => figure === read[index]).length < NUMBER_COPY_AGREEMENT)) continue;
    put(draft, 'invoiceNumber', value, { ...found(copy.line, copy.start, copy.line.text.length), cap: DISAGREEING_READINGS_CONFIDENCE });
    return;
  }
}

/** Text heights around a figure within which a word beside it is its label or its context (standsAlone). */
const ALONE_REACH = 3;

/**
 * A figure with no word beside it on its line (within ALONE_REACH of its text height): no Chinese
 * character and no other run of four digits; a misread № before it, specks and the small code misread
 * as letters after it may be there. A contract's or a receipt's figure follows its label (合同编号:).
 */
function standsAlone(figure: Found): boolean {
  const box = boxOfFound(figure);
  if (!box) return false;
  const own = new Set(figure.line.charItem.slice(figure.start, figure.end));
  const reach = box[3] * ALONE_REACH;
  return figure.line.items.every((item, index) => {
    if (own.has(index)) return true;
    const gap = Math.max(item.box[0] - (box[0] + box[2]), box[0] - (item.box[0] + item.box[2]));
    return gap > reach || (!CJK.test(item.text) && !/\d{4}/.test(item.text));
  });
}

/**
 * What only a passenger ticket or a receipt invoice prints (客票, 汽车票, 船票, a taxi's 出租汽车 receipt,
 * 定额发票, their 票价, 乘车 and 上车/下车 rows, 里程, 车次, 座号, 实收).
 */
const TICKET_MARKS = /客\s*票|汽\s*车\s*票|船\s*票|车\s*票|票\s*价|出\s*租|定\s*额|乘\s*车|上\s*车|下\s*车|里\s*程|车\s*次|座\s*号|实\s*收/;
/**
 * What a VAT invoice prints and a ticket does not: its parties, its tax, its total of price and tax,
 * its name. One of these and the page is read as a VAT invoice, whatever ticket words it holds (a
 * 数电 railway ticket prints 票价 and its buyer).
 */
const VAT_MARKS = /增\s*值\s*税|价\s*税|税\s*额|税\s*率|纳\s*税\s*人|识\s*别\s*号|信\s*用\s*代\s*码|购\s*买\s*方|销\s*售\s*方|购\s*方|销\s*方|电\s*子\s*发\s*票|[(（]\s*小\s*写/;

/**
 * A line of the 密码区 of a VAT invoice printed by a tax-control device: twenty or more digits and
 * operators (< > * / + -) in one run, four of them operators at least. Nothing else prints such a line.
 */
const CIPHER_LINE = /[0-9<>*/+-]{20,}/;
const CIPHER_OPERATORS = 4;

/** Whether a text line is a line of the 密码区 cipher. */
function printsCipher(text: string): boolean {
  const run = CIPHER_LINE.exec(text.replace(/\s+/g, ''));
  return run !== null && (run[0].match(/[<>*/+]/g)?.length ?? 0) >= CIPHER_OPERATORS;
}

/** What a text line prints of a VAT invoice: a word of VAT_MARKS or a line of the 密码区 cipher. */
function printsVatMarks(text: string): boolean {
  return VAT_MARKS.test(text) || printsCipher(text);
}

/** Whether the lines of a page say it is an invoice: 发票, or what a VAT invoice prints (printsVatMarks). */
export function saysInvoice(lines: readonly Line[]): boolean {
  return lines.some((line) => /发\s*票/.test(line.text) || printsVatMarks(line.text));
}

/**
 * A passenger ticket or receipt invoice (a bus or boat ticket, a taxi receipt, a 定额发票): it names
 * itself by a ticket word and prints nothing of a VAT invoice. Its code and number may stand without
 * labels, it has no parties and no tax, and its total is its fare or amount.
 */
function readsAsTicket(lines: Line[]): boolean {
  const text = lines.map((line) => line.text).join('\n');
  return TICKET_MARKS.test(text) && !VAT_MARKS.test(text);
}

/**
 * A ticket's code: a 12- or 10-digit figure of its own (not a phone, a car or licence number, a
 * machine number), with an 8-digit figure (the number) within three lines of it; the number itself
 * is then read beside the code (parseLayout).
 */
function unlabelledTicketCode(lines: Line[]): Found | undefined {
  const excluded = /机\s*器|编\s*号|电\s*话|车\s*号|证\s*号|卡\s*号|账\s*号|帐\s*号|流\s*水\s*号/;
  const eight = allMatches(lines, /(?<![\d.])(\d{8})(?![\d.])/).filter((figure) => !excluded.test(figure.line.text));
  return allMatches(lines, /(?<![\d.-])(\d{12}|\d{10})(?![\d.-])/).find((candidate) => !excluded.test(candidate.line.text)
    && eight.some((figure) => Math.abs(figure.line.top - candidate.line.top) < lineHeight(candidate.line) * 3));
}

/** A ticket's total: the amount after its fare or amount label (票价, 金额, 实收, 车费, 合计), else none. */
function readTicketTotal(lines: Line[], draft: InvoiceDraft): void {
  const total = valuesAfterLabel(lines, `${label('票价')}|${label('实收')}|${label('车费')}|${label('金额')}|${label('合计')}`, `[^\\d]{0,3}${MONEY}`)
    .map((candidate) => moneyTokens(candidate.line, candidate.start)[0])
    .find((token) => token !== undefined);
  if (total) put(draft, 'totalAmount', normalizeAmount(total.value), total);
}

function roleFromPrefix(prefix: string | undefined): 'buyer' | 'seller' | undefined {
  if (!prefix) return undefined;
  if (/购/.test(prefix)) return 'buyer';
  if (/销/.test(prefix)) return 'seller';
  return undefined;
}

function readParties(lines: Line[], draft: InvoiceDraft, fromOcr: boolean): void {
  const names: { at: Found; role?: 'buyer' | 'seller' }[] = [];
  const nameRegex = new RegExp(`(购\\s*买\\s*方|销\\s*售\\s*方|购\\s*方|销\\s*方)?\\s*(?<![目务物])${label('名称')}\\s*[:：]\\s*`, 'gu');
  for (const line of lines) {
    for (const match of line.text.matchAll(nameRegex)) {
      let start = match.index + match[0].length;
      let end = start;
      while (end < line.text.length && !NAME_STOP.test(line.text[end]!)) {
        if (line.text.startsWith('名称', end) || /^名\s*称\s*[:：]/.test(line.text.slice(end))) break;
        end++;
      }
      if (end === start) {
        const next = nearestRightItemText(lines, line, match.index + match[0].length);
        if (next) {
          names.push({ at: next, role: roleFromPrefix(match[1]) });
        }
        continue;
      }
      while (start < end && /[:：]/.test(line.text[start]!)) start++;
      if (fromOcr) end = extendOcrName(line, start, end);
      names.push({ at: found(line, start, end), role: roleFromPrefix(match[1]) });
    }
  }
  const taxIds: { at: Found; role?: 'buyer' | 'seller' }[] = [];
  // OCR: a label with one or two of its characters misread still names the field when its colon follows.
  const misread = fromOcr ? `|${misreadLabel('纳税人识别号', 2)}` : '';
  // After 统一社会信用代码 the second label (/纳税人识别号) may be read with any two characters wrong, its slash lost.
  const secondLabel = fromOcr ? `|${misreadLabel('纳税人识别号', 2, 0)}` : '';
  const taxLabel = new RegExp(`(购\\s*买\\s*方|销\\s*售\\s*方|购\\s*方|销\\s*方)?[^:：]{0,12}?(?:${label('纳税人识别号')}|${label('统一社会信用代码')}${misread})(?:\\s*/${fromOcr ? '?' : ''}\\s*(?:${label('纳税人识别号')}${secondLabel}))?\\s*[:：]?\\s*`, 'gu');
  const used = new Set<string>();
  for (const line of lines) {
    for (const match of line.text.matchAll(taxLabel)) {
      const role = roleFromPrefix(match[1]);
      let after = match.index + match[0].length;
      // OCR reads the underline or a speck before the value as a mark ("_4410…", "*_9144…").
      if (fromOcr) after += /^[_\-~.,'"“”‘’·*]*/.exec(line.text.slice(after))![0].length;
      const sameLine = new RegExp(`^(${TAX_ID})`).exec(line.text.slice(after));
      if (sameLine) {
        const end = after + sameLine[1]!.length;
        // A credit code's last letter read as the Chinese character it looks like ("…695丁": J).
        const letter = fromOcr && sameLine[1]!.length === 17 ? TAX_ID_LETTER_LOOKALIKES[line.text[end]!] : undefined;
        taxIds.push({ at: letter ? { ...found(line, after, end + 1), value: `${sameLine[1]}${letter}` } : found(line, after, end), role });
        continue;
      }
      const labelBox = spanBox(line, match.index, after);
      if (!labelBox) continue;
      const nearby = nearbyToken(lines, line, labelBox, new RegExp(`^${TAX_ID}$`), used);
      if (nearby) taxIds.push({ at: nearby, role });
    }
  }
  if (taxIds.filter((t) => t.role === undefined).length + taxIds.filter((t) => t.role !== undefined).length < 2) {
    const taken = new Set(taxIds.map((t) => `${t.at.line.top}:${t.at.start}`));
    for (const line of lines) {
      for (const match of line.text.matchAll(/(?<![0-9A-Za-z])([0-9A-Za-z]{18})(?![0-9A-Za-z])/g)) {
        const candidate = fromOcr ? repairUscc(match[1]!.toUpperCase()) : match[1]!;
        // OCR: a credit code of the right shape whose check character fails is kept for the field
        // grammar to mend from the engine's alternatives (or for the tax-id check to report).
        const shaped = fromOcr && USCC_SHAPE.test(candidate);
        if ((usccCheckCharacter(candidate) !== candidate[17] && !shaped) || taken.has(`${line.top}:${match.index}`)) continue;
        if (afterBankLabelOrName(line.text.slice(0, match.index))) continue;
        const at = found(line, match.index, match.index + 18);
        // Digits printed in groups (a 校验码 under a misread label) are no credit code, printed as one run.
        if (printedInGroups(at)) continue;
        taxIds.push({ at });
      }
      // OCR: a credit code whose check character was read as a Chinese character ("…68698695史", its
      // label misread past recognition): its first 17 characters, where they and the check character
      // they call for make a code as can be issued; completeLostCheckCharacters completes it, unsure.
      if (!fromOcr) continue;
      for (const match of line.text.matchAll(/(?<![0-9A-Za-z])([0-9A-Z]{17})(?=\p{Script=Han})/gu)) {
        if (withLostCheckCharacter(match[1]) === null || taken.has(`${line.top}:${match.index}`)) continue;
        if (afterBankLabelOrName(line.text.slice(0, match.index))) continue;
        taxIds.push({ at: found(line, match.index, match.index + 17) });
      }
      // OCR: an old 15-digit id (its label misread), also read in two or three pieces, as one can be issued:
      // a city's region code, then an organisation code that passes its own check; the cipher's digits
      // may follow it in the same run ("440300083885931 84-x#5<…": the 密码区 is printed beside the buyer).
      for (const run of line.text.matchAll(/(?<![0-9A-Za-z])\d+(?: \d+)*(?![0-9A-Za-z])/g)) {
        const id = oldTaxIdInRun(run[0]);
        if (!id) continue;
        const start = run.index + id.start;
        if (taken.has(`${line.top}:${start}`) || afterBankLabelOrName(line.text.slice(0, start))) continue;
        taxIds.push({ at: { ...found(line, start, run.index + id.end), value: id.digits } });
      }
    }
  }
  const assign = (candidates: { at: Found; role?: 'buyer' | 'seller' }[], byPlace = false, partyOfPrintNear?: (only: Found) => 'buyer' | 'seller' | undefined): { buyer?: Found; seller?: Found } => {
    const result: { buyer?: Found; seller?: Found } = {};
    for (const c of candidates) if (c.role && !result[c.role]) result[c.role] = c.at;
    const rest = candidates.filter((c) => !c.role).map((c) => c.at);
    if (rest.length >= 2) {
      const [a, b] = rest as [Found, Found];
      const boxA = boxOfFound(a) ?? [0, a.line.top, 0, 0];
      const boxB = boxOfFound(b) ?? [0, b.line.top, 0, 0];
      const sameRow = Math.abs(boxA[1] - boxB[1]) < Math.max(boxA[3], boxB[3]);
      const aFirst = sameRow ? boxA[0] <= boxB[0] : boxA[1] <= boxB[1];
      result.buyer ??= aFirst ? a : b;
      result.seller ??= aFirst ? b : a;
    } else if (rest.length === 1) {
      const only = rest[0]!;
      const role = partyOfPrintNear?.(only) ?? nearestPartyMarker(lines, only) ?? (byPlace ? partyByPlace(lines, only) : undefined);
      if (role && !result[role]) result[role] = only;
    }
    return result;
  };
  if (fromOcr && names.length < 2) names.push(...companyNameCandidates(lines, names.map((n) => n.at)));
  // OCR: a lone id is the party's under whose name it is printed where the two names stand side by
  // side, before any side marker read farther off; with no side marker read near it (购 or 销
  // misread) it goes by its place, as a lone name does.
  const namesAsTold = fromOcr ? assign(names, fromOcr) : {};
  const taxRoles = assign(taxIds, fromOcr, fromOcr ? (only) => partyOfNamesAbove(only, namesAsTold) : undefined);
  // OCR: a lone name is the party's whose id is printed on the line below it, before any side marker
  // read farther off (the 购买方 beside it misread, a 销 of the seller's block below taken for it).
  const nameRoles = assign(names, fromOcr, fromOcr ? (only) => partyOfIdBelow(only, taxRoles) : undefined);
  const name = (value: string) => (fromOcr ? normalizeOcrName(value) : normalizeName(value));
  if (nameRoles.buyer) put(draft, 'buyerName', name(nameRoles.buyer.value), nameRoles.buyer);
  if (nameRoles.seller) put(draft, 'sellerName', name(nameRoles.seller.value), nameRoles.seller);
  const taxId = (value: string) => {
    const normalized = normalizeTaxId(value);
    return normalized && fromOcr ? repairUscc(normalized) : normalized;
  };
  if (taxRoles.buyer) put(draft, 'buyerTaxId', taxId(taxRoles.buyer.value), taxRoles.buyer);
  if (taxRoles.seller) put(draft, 'sellerTaxId', taxId(taxRoles.seller.value), taxRoles.seller);
}

/** Chinese characters OCR reads for a Latin letter of a credit code printed beside Chinese labels. */
const TAX_ID_LETTER_LOOKALIKES: Record<string, string> = { 丁: 'J' };

const USCC_IMPOSSIBLE: Record<string, string> = { O: '0', I: '1', S: '5', Z: '2', V: 'U' };
const USCC_CONFUSABLE: Record<string, string[]> = {
  '0': ['D', 'Q', 'U'], '1': ['L', 'T', '7'], '2': ['Z'], '3': ['8'], '5': ['6'], '6': ['G', '5'], '7': ['1', 'T'],
  '8': ['B', '3'], B: ['8'], D: ['0'], G: ['6'], L: ['1'], P: ['D', 'R'], Q: ['0'], T: ['1', '7'], U: ['0'],
};

/** R read for every A of a code printed in a monospaced font (…MR5RL52Y44 for …MA5AL52Y44), at most this many. */
const MAX_R_FOR_A = 4;

/**
 * OCR reading of an 18-character credit code: letters a credit code cannot hold (O I S Z V) become
 * the digits they resemble; when the check character still fails, the one code as one can be issued
 * (its check character and its organisation code's right: usccWellFormed) that a single look-alike
 * swap makes, or turning some of its R back into the A the monospaced print of 数电 invoices has OCR
 * read as R, is taken; none when no such code or several would do.
 */
export function repairUscc(reading: string): string {
  if (reading.length !== 18) return reading;
  const mapped = [...reading].map((ch) => USCC_IMPOSSIBLE[ch] ?? ch).join('');
  if (usccCheckCharacter(mapped) === mapped[17]) return mapped;
  const fixes = new Set<string>();
  for (let i = 0; i < 18; i++) {
    for (const replacement of USCC_CONFUSABLE[mapped[i]!] ?? []) fixes.add(mapped.slice(0, i) + replacement + mapped.slice(i + 1));
  }
  const rs = [...mapped].flatMap((ch, index) => (ch === 'R' ? [index] : []));
  if (rs.length <= MAX_R_FOR_A) {
    for (let subset = 1; subset < 1 << rs.length; subset++) {
      const characters = [...mapped];
      rs.forEach((index, bit) => {
        if (subset & (1 << bit)) characters[index] = 'A';
      });
      fixes.add(characters.join(''));
    }
  }
  const issuable = [...fixes].filter(usccWellFormed);
  return issuable.length === 1 ? issuable[0]! : mapped;
}

const COMPANY_SUFFIX = /(公司|经营部|店|厂|中心|事务所|研究院|研究所|医院|大学|学院|学校|合作社|商行|工作室|个人|（个人）)$/;

/**
 * OCR splits names where a seal or a blot interrupts them: a name that does not yet end like a
 * company name continues across one gap when the next token is more Chinese text and not a label.
 */
function extendOcrName(line: Line, start: number, end: number): number {
  let current = end;
  for (let hops = 0; hops < 2 && !COMPANY_SUFFIX.test(line.text.slice(start, current)); hops++) {
    if (line.text[current] !== ' ') break;
    let next = current + 1;
    while (next < line.text.length && !NAME_STOP.test(line.text[next]!) && line.text[next] !== '|') next++;
    const token = line.text.slice(current + 1, next);
    const completes = COMPANY_SUFFIX.test(line.text.slice(start, current) + token);
    if ((!completes && [...token].length < 2) || !CJK.test(token[0]!) || /名\s*称|统一|纳税|识别|地址|开户/.test(token)) break;
    current = next;
  }
  return current;
}

/**
 * A token right of a label on a neighbouring line (values are often printed a little above or below
 * their label's baseline).
 */
function nearbyToken(lines: Line[], labelLine: Line, labelBox: Box, pattern: RegExp, used: Set<string>): Found | undefined {
  const labelRight = labelBox[0] + labelBox[2];
  const labelCenter = labelBox[1] + labelBox[3] / 2;
  const height = labelBox[3];
  let best: { at: Found; distance: number } | undefined;
  for (const line of lines) {
    const center = (line.top + line.bottom) / 2;
    if (Math.abs(center - labelCenter) > height * 1.5) continue;
    let start = 0;
    for (let i = 0; i <= line.text.length; i++) {
      if (i < line.text.length && line.text[i] !== ' ') continue;
      const text = line.text.slice(start, i);
      const box = spanBox(line, start, i);
      const key = `${line.top}:${start}`;
      if (box && pattern.test(text) && !used.has(key) && box[0] >= labelRight - height && (line !== labelLine || box[0] >= labelRight - 1)) {
        const distance = box[0] - labelRight;
        if (distance < height * 30 && (!best || distance < best.distance)) best = { at: found(line, start, i), distance };
      }
      start = i + 1;
    }
  }
  if (best) used.add(`${best.at.line.top}:${best.at.start}`);
  return best?.at;
}

/** Confidence at most of a name found without its label that Chinese text precedes across a gap (it may be a name's tail). */
const CUT_NAME_CONFIDENCE = 0.5;

/**
 * A company's name up to its legal form, and a branch printed straight after it (…有限公司黔南分公司: the
 * branch is the party), a gap OCR reads into the branch's name included (…有限公司济宁第一 分公司).
 */
const COMPANY_NAME = /([\u4e00-\u9fa5（）()》〉]{2,30}?(?:有限责任公司|股份有限公司|有限公司|分公司|公司|经营部|商行|餐厅|事务所|研究院|合作社|企业)(?:[\u4e00-\u9fa5]{1,12}? ?分公司)?)/gu;

/**
 * Everything printed between 价税合计（大写） and （小写）, as read. With the 大写 label itself
 * misread ("（大罗）", "合计(天写)"), the text after 合计's bracket (or after 价税合计), up to the first figure or
 * currency sign: the repairs compare it with the total, so nothing is taken that the figures do not
 * bear out.
 */
function rawWordsOf(lines: Line[]): string | undefined {
  const totalLine = lines.find((line) => /大\s*写/.test(line.text));
  // The (小写) label ends it, also with its 小 misread ("(万写)"): no 大写 character is 写.
  if (totalLine) return /大\s*写\s*[)）]?([^]*?)(?:[(（]?\s*[^\s(（)）写]?\s*写|$)/.exec(totalLine.text)?.[1]?.trim() || undefined;
  // 价税 and 大写 both misread ("伍税合计《火驭}"): the 合计 on the row of the bracketed (小写) label.
  const sumLine = lines.find((line) => /合\s*计\s*[(（]/.test(line.text)) ?? lines.find((line) => /价\s*税\s*合\s*计/.test(line.text))
    ?? lines.find((line) => /合\s*计/.test(line.text) && WORDS_LABEL.test(line.text));
  const raw = sumLine && /合\s*计\s*(?:[(（《〔【][^)）}》〕】]{0,8}[)）}》〕】])?([^]*?)(?:[(（]?\s*小\s*写|[¥￥]|\d|$)/.exec(sumLine.text)?.[1]?.trim();
  return raw || undefined;
}

/**
 * When OCR garbles a 名称 label, the party names are still recognisable as company names: text
 * ending in 有限公司, 公司, 经营部 … outside the item table, other than the names already found
 * (nor part of one of them), on no address, telephone or bank row (the party's bank is a company
 * name too: 中国工商银行股份有限公司深圳园岭支行 4000…, its row's label misread).
 */
function companyNameCandidates(lines: Line[], known: Found[]): { at: Found }[] {
  const headerIndex = lines.findIndex((line) => /(项\s*目\s*名\s*称|货物或应税劳务|服务名称)/.test(line.text));
  // The 价税合计 row, its 大写 misread too ("《太写)"): the one with a bracketed (…写) label (its 小写's).
  const totalIndex = lines.findIndex((line) => /大\s*写/.test(line.text) || WORDS_LABEL.test(line.text));
  const knownValues = new Set(known.map((k) => normalizeName(k.value)));
  const candidates: { at: Found }[] = [];
  lines.forEach((line, index) => {
    if (headerIndex >= 0 && index > headerIndex && (totalIndex < 0 || index < totalIndex)) return;
    if (/开\s*户\s*行|地\s*址|电\s*话/.test(line.text) || BANK_ACCOUNT_LABEL.test(line.text) || BANK_BRANCH_ACCOUNT.test(line.text)) return;
    for (const match of line.text.matchAll(COMPANY_NAME)) {
      const raw = match[1]!;
      // The 名称 label read without its colon ("名称济南…") is the label, not the start of the name,
      // also with the party block's side label read into it before it ("销名称青岛…", 销 misread too).
      const trimmed = raw.replace(/^.*[:：;；|*]/, '').replace(/^\p{Script=Han}?名称(?=\p{Script=Han}{4})/u, '');
      const start = match.index + raw.length - trimmed.length;
      const value = normalizeOcrName(trimmed);
      if (!value || [...value].length < 5 || knownValues.has(value)) continue;
      // A piece of a name already found (its tail after a space: "…四川 有限公司成都分公司") is that name, not another party's.
      if (known.some((k) => k.line === line && start < k.end && start + trimmed.length > k.start)) continue;
      // Chinese text just before it across a gap may be where the name begins (郫都区星讯 通讯设备经营部):
      // the name is kept, but unsure.
      const tail = start >= 2 && line.text[start - 1] === ' ' && /\p{Script=Han}/u.test(line.text[start - 2]!);
      // Where that text begins with a place (深圳市…, its city misread: 谨圳市购机汇 网绝有限公司), it is the
      // name's head: the two are one name, still unsure.
      const headStart = tail ? start - 1 - /\p{Script=Han}*$/u.exec(line.text.slice(0, start - 1))![0].length : start;
      const head = line.text.slice(headStart, start - 1);
      const joined = tail && beginsWithPlace(head) ? head + trimmed : trimmed;
      candidates.push({ at: { value: undoubleCharacters(joined), line, start: joined === trimmed ? start : headStart, end: start + trimmed.length, ...(tail ? { cap: CUT_NAME_CONFIDENCE } : {}) } });
    }
  });
  return candidates;
}

/** A city or province misread in part still ends in 市 or 省 after two characters. */
const PLACE_READ_IN_PART = /^\p{Script=Han}{2}[市省]/u;

/** Whether Chinese text begins with a place's name: a city or a province, or two characters then 市 or 省. */
function beginsWithPlace(text: string): boolean {
  return [...text].length > 3 && (PLACE_READ_IN_PART.test(text) || [...CITY_NAMES, ...PROVINCE_NAMES].some((place) => text.startsWith(place)));
}

/** The text of the nearest item to the right of a label, on the label's line. */
function nearestRightItemText(_lines: Line[], line: Line, fromChar: number): Found | undefined {
  let start = fromChar;
  while (start < line.text.length && line.text[start] === ' ') start++;
  let end = start;
  while (end < line.text.length && !NAME_STOP.test(line.text[end]!)) end++;
  return end > start ? found(line, start, end) : undefined;
}

/** Which party block (购买方 / 销售方 marker) lies nearest to a reading. */
/**
 * Whose a lone party name is when no 购买方/销售方 marker was read near it, by where it stands: below
 * the 价税合计 line it is the seller's (the old layout prints the seller's block under the totals);
 * above it, the buyer's in the left half of the print and the seller's in the right (the 数电 layout
 * prints them side by side, the old one prints the buyer's block above the items, at the left).
 */
function partyByPlace(lines: Line[], at: Found): 'buyer' | 'seller' | undefined {
  const box = boxOfFound(at);
  const totals = lines.find((line) => /大\s*写|价\s*税\s*合\s*计|合\s*计\s*[(（]/.test(line.text));
  if (!box || !totals) return undefined;
  if (at.line.top > totals.top) return 'seller';
  return box[0] < textMiddle(lines) ? 'buyer' : 'seller';
}

/** Halfway across the page's text, from its leftmost to its rightmost print. */
function textMiddle(lines: Line[]): number {
  const left = Math.min(...lines.map((line) => line.left));
  const right = Math.max(...lines.flatMap((line) => line.items.map((item) => item.box[0] + item.box[2])));
  return (left + right) / 2;
}

/** Lines of a name's height at most between a party's name and its id printed below it. */
const ID_BELOW_NAME_LINES = 2;

/**
 * The party whose id (as the ids were told apart) is printed just below a name, across the name's
 * column; none where neither party's or both parties' ids are.
 */
function partyOfIdBelow(name: Found, ids: { buyer?: Found; seller?: Found }): 'buyer' | 'seller' | undefined {
  const nameBox = boxOfFound(name);
  if (!nameBox) return undefined;
  const below = (['buyer', 'seller'] as const).filter((role) => {
    const id = ids[role];
    const idBox = id && boxOfFound(id);
    if (!idBox) return false;
    const gap = idBox[1] - (nameBox[1] + nameBox[3]);
    return gap >= -nameBox[3] / 2 && gap <= ID_BELOW_NAME_LINES * nameBox[3] && idBox[0] < nameBox[0] + nameBox[2] && idBox[0] + idBox[2] > nameBox[0];
  });
  return below.length === 1 ? below[0] : undefined;
}

/** Lines of a name's height at most between two parties' names printed side by side and an id printed below them. */
const ID_BELOW_NAMES_LINES = 4;

/**
 * The party under whose name an id is printed where the two parties' names (as the names were told
 * apart) stand side by side on one row, as the 全电 form prints its buyer's and seller's blocks: an
 * id a few lines below them that starts right of the right-hand name's start is that party's; one
 * that starts left of it and reaches past the left-hand name's start, the left-hand party's (N09 at
 * 96 dpi: the seller's id, the only one read on its row, went to the buyer by the 购 of the bank line
 * below). None where the names are not side by side or the id is not below them.
 */
function partyOfNamesAbove(id: Found, names: { buyer?: Found; seller?: Found }): 'buyer' | 'seller' | undefined {
  const idBox = boxOfFound(id);
  const buyerBox = names.buyer && boxOfFound(names.buyer);
  const sellerBox = names.seller && boxOfFound(names.seller);
  if (!idBox || !buyerBox || !sellerBox) return undefined;
  const height = Math.max(buyerBox[3], sellerBox[3]);
  if (Math.abs(buyerBox[1] - sellerBox[1]) >= height) return undefined;
  const gap = idBox[1] - Math.max(buyerBox[1] + buyerBox[3], sellerBox[1] + sellerBox[3]);
  if (gap < -height / 2 || gap > ID_BELOW_NAMES_LINES * height) return undefined;
  const [left, right] = buyerBox[0] <= sellerBox[0] ? [{ role: 'buyer' as const, box: buyerBox }, { role: 'seller' as const, box: sellerBox }] : [{ role: 'seller' as const, box: sellerBox }, { role: 'buyer' as const, box: buyerBox }];
  if (idBox[0] >= right.box[0]) return right.role;
  return idBox[0] + idBox[2] > left.box[0] ? left.role : undefined;
}

function nearestPartyMarker(lines: Line[], at: Found): 'buyer' | 'seller' | undefined {
  const box = boxOfFound(at);
  if (!box) return undefined;
  let best: { role: 'buyer' | 'seller'; distance: number } | undefined;
  for (const line of lines) {
    line.items.forEach((item) => {
      const role = /^购/.test(item.text) ? 'buyer' : /^销/.test(item.text) && !/销货清单/.test(item.text) ? 'seller' : undefined;
      if (!role) return;
      const dx = box[0] - (item.box[0] + item.box[2]);
      const dy = box[1] - item.box[1];
      if (dx < -item.box[2]) return;
      const distance = Math.hypot(Math.max(dx, 0), dy);
      if (!best || distance < best.distance) best = { role, distance };
    });
  }
  return best?.role;
}

/** A figure whose decimal point OCR read as a quote mark or a comma ("3495“00", its “ made * by the line's normalisation). */
const POINT_READ_AS_MARK = /(?<![\d.])(\d{1,3}(?:,?\d{3})*|\d+)[*“”"'‘’`，](\d{2})(?![\d.])/u;
/** Confidence of a figure whose decimal point was read as a mark, at most. */
const MARKED_POINT_CONFIDENCE = 0.6;

/** After the (小写) label, the figure whose decimal point was read as a mark, with its point put back; unsure. */
function pointReadAsMark(line: Line, from: number): Found | undefined {
  const match = POINT_READ_AS_MARK.exec(line.text.slice(from));
  if (!match) return undefined;
  const start = from + match.index;
  return { value: `${match[1]!.replace(/,/g, '')}.${match[2]!}`, line, start, end: start + match[0].length, cap: MARKED_POINT_CONFIDENCE };
}

function moneyTokens(line: Line, from = 0): Found[] {
  const results: Found[] = [];
  const regex = new RegExp(MONEY, 'g');
  const text = line.text.slice(from);
  for (const match of text.matchAll(regex)) {
    results.push(found(line, from + match.index, from + match.index + match[0].length));
  }
  return results;
}

/**
 * The 大写 or 小写 label in its brackets, one character of it read as another ("〔夫写}"): printed on
 * the 价税合计 row only.
 */
const WORDS_LABEL = /[(（〔【]\s*\p{Script=Han}\s*写\s*[)）}〕】]/u;

function readTotals(lines: Line[], draft: InvoiceDraft): void {
  const labelled = lines.findIndex((line) => new RegExp(label('价税合计')).test(line.text));
  // 价税合计 misread ("佩祈合诉"): the row is still the one with the 大写 label.
  const totalLineIndex = labelled >= 0 ? labelled : lines.findIndex((line) => WORDS_LABEL.test(line.text));
  const sumLine = lines.find((line, index) => new RegExp(`(?<!税\\s*)${label('合计')}`).test(line.text) && index !== totalLineIndex && !new RegExp(label('价税合计')).test(line.text));
  const sumSource = sumLine ?? (totalLineIndex > 0
    ? lines.slice(Math.max(0, totalLineIndex - 2), totalLineIndex).reverse().find((line) => moneyTokens(line).length === 2)
    : undefined);
  // A lone figure on the 合计 row under no heading read: placed by the total once it is known.
  let lone: Found | undefined;
  if (sumSource) {
    const tokens = moneyTokens(sumSource);
    if (tokens.length >= 2) {
      const amount = tokens[tokens.length - 2]!;
      const tax = tokens[tokens.length - 1]!;
      put(draft, 'amountExclTax', normalizeAmount(amount.value), amount);
      put(draft, 'taxAmount', normalizeAmount(tax.value), tax);
    } else if (tokens.length === 1 && /\*{2,}\s*$/.test(sumSource.text)) {
      put(draft, 'amountExclTax', normalizeAmount(tokens[0]!.value), tokens[0]);
    } else if (tokens.length === 1) {
      const column = moneyColumnOf(lines, tokens[0]!);
      if (column) put(draft, column, normalizeAmount(tokens[0]!.value), tokens[0]);
      else lone = tokens[0];
    }
  }
  const totalLines = totalLineIndex >= 0
    ? [totalLineIndex, totalLineIndex - 1, totalLineIndex + 1]
      .map((index) => lines[index])
      .filter((line): line is Line => line !== undefined && Math.abs(line.top - lines[totalLineIndex]!.top) <= lineHeight(lines[totalLineIndex]!) * 1.5)
    : [];
  const smallLabel = new RegExp(`${label('小写')}[)）]?`);
  let total: Found | undefined;
  for (const line of totalLines.length > 0 ? totalLines : lines) {
    // The 合计 row beside the total's gives the amount and the tax, never the total (its tax taken
    // for the total, surely, where the total's figure was misread: H04 of the eighth set).
    if (line === sumSource) continue;
    const labelMatch = smallLabel.exec(line.text);
    const tokens = moneyTokens(line, labelMatch ? labelMatch.index : 0);
    if (tokens.length > 0 && (labelMatch || totalLines.includes(line))) {
      total = tokens[tokens.length - 1];
      break;
    }
    const marked = labelMatch ? pointReadAsMark(line, labelMatch.index) : undefined;
    if (marked) {
      total = marked;
      break;
    }
  }
  if (total) put(draft, 'totalAmount', normalizeAmount(total.value), total);
  if (lone && total && lone.line !== total.line) placeByTotal(draft, lone, total);
  const wordsPattern = new RegExp(`[⊗ⓧ×]?([${CHINESE_AMOUNT_CHARS}](?:\\s?[${CHINESE_AMOUNT_CHARS}])+)`, 'gu');
  const wordCandidates = [...totalLines, ...lines.filter((l) => !totalLines.includes(l))];
  for (const line of wordCandidates) {
    for (const match of line.text.matchAll(wordsPattern)) {
      const words = normalizeChineseAmountText(match[1]!);
      if (words && words.length >= 2 && /[圆元]|[角分]$/.test(words) && !/^[元圆]/.test(words)) {
        const start = match.index + match[0].indexOf(match[1]!);
        put(draft, 'totalInWords', words, found(line, start, start + match[1]!.length));
        return;
      }
    }
  }
}

/**
 * A lone figure of the 合计 row that no heading placed: the tax when it is less than half the total,
 * the amount when more (no rate reaches 100%, so the tax is always the smaller part of the total).
 */
function placeByTotal(draft: InvoiceDraft, lone: Found, total: Found): void {
  const figure = tryParseYuan(normalizeAmount(lone.value) ?? '');
  const sum = tryParseYuan(normalizeAmount(total.value) ?? '');
  if (figure === null || sum === null || figure > sum || figure * 2 === sum) return;
  put(draft, figure * 2 < sum ? 'taxAmount' : 'amountExclTax', normalizeAmount(lone.value), lone);
}

/**
 * Whether a lone figure on the 合计 row (the other one lost by OCR) stands under the 金额 or the 税额
 * heading of the item table: the nearer heading by horizontal centre; undefined without headings.
 */
function moneyColumnOf(lines: Line[], token: Found): 'amountExclTax' | 'taxAmount' | undefined {
  const box = boxOfFound(token);
  if (!box) return undefined;
  for (const line of lines) {
    const amount = /金\s*额/.exec(line.text);
    const tax = /(?<!价\s*)税\s*额/.exec(line.text);
    if (!amount || !tax) continue;
    const amountBox = spanBox(line, amount.index, amount.index + amount[0].length);
    const taxBox = spanBox(line, tax.index, tax.index + tax[0].length);
    if (!amountBox || !taxBox) continue;
    const centre = (b: Box) => b[0] + b[2] / 2;
    return Math.abs(centre(box) - centre(amountBox)) <= Math.abs(centre(box) - centre(taxBox)) ? 'amountExclTax' : 'taxAmount';
  }
  return undefined;
}

interface Column {
  name: 'name' | 'other';
  left: number;
  right: number;
}

const ITEM_HEADINGS = [/名\s*称/, /规\s*格/, /型\s*号/, /单\s*位/, /数\s*量/, /单\s*价/, /金[\s*]*额/, /税\s*率/, /(?<!价\s*)税[\s*]*额/];

/** The item table's heading row: a known heading, or three of its column headings (OCR garbles some). */
function isItemTableHeader(line: Line): boolean {
  if (/(项\s*目\s*名\s*称|货物或应税劳务|服务名称|货\s*物\s*名\s*称)/.test(line.text) || (/税\s*率/.test(line.text) && /金\s*额/.test(line.text))) return true;
  return ITEM_HEADINGS.filter((heading) => heading.test(line.text)).length >= 3 && !/[:：]\s*\S/.test(line.text.replace(/[\s*]/g, ''));
}

/** A 税率 column's cell: a rate in per cent, an untaxed rate's marker (免税, 不征税), or the stars of an untaxed item. */
const RATE_TOKEN = new RegExp(`^(\\d{1,2}(?:\\.\\d+)?%|${UNTAXED_RATE_MARKERS.join('|')}|\\*{1,3})$`);
/** A 金额 cell and the 税率 cell beside it read as one run ("34.5113%", "108.10免税": the amount set flush right against the rate). */
const AMOUNT_THEN_RATE = new RegExp(`^(-?¥?\\d[\\d,]*\\.\\d{2})(\\d{1,2}(?:\\.\\d)?%|${UNTAXED_RATE_MARKERS.join('|')})$`);

/** The row's cells, an amount and a rate read as one run parted (AMOUNT_THEN_RATE), each with its share of the run's box. */
function itemCells(row: Line): { text: string; box: Box }[] {
  return tokenize(row).flatMap((token) => {
    const joined = AMOUNT_THEN_RATE.exec(token.text);
    if (!joined) return [token];
    const [x, y, width, height] = token.box;
    const amountWidth = (width * joined[1]!.length) / token.text.length;
    return [{ text: joined[1]!, box: [x, y, amountWidth, height] as Box }, { text: joined[2]!, box: [x + amountWidth, y, width - amountWidth, height] as Box }];
  });
}

function readItems(lines: Line[], draft: InvoiceDraft, fromOcr: boolean): void {
  const headerIndex = lines.findIndex(isItemTableHeader);
  if (headerIndex < 0) return;
  const header = lines[headerIndex]!;
  const endIndex = lines.findIndex((line, index) => index > headerIndex && /合\s*计/.test(line.text));
  const tableRows = lines.slice(headerIndex + 1, endIndex > headerIndex ? endIndex : lines.length).filter((line) => (line.top + line.bottom) / 2 >= header.bottom - 1);
  const totalsRow = tableRows.findIndex((line) => (line.text.match(/¥\s?\d[\d,]*\.\d{2}/g) ?? []).length >= 2 || /大\s*写/.test(line.text));
  const rows = totalsRow >= 0 ? tableRows.slice(0, totalsRow) : tableRows;
  const columns = headerColumns(header);
  const nameColumn = columns.find((c) => c.name === 'name');
  const nameRight = nameColumn ? nameColumn.right : Infinity;
  const rowNumbered = nameColumn !== undefined && columns.indexOf(nameColumn) > 0 && /序\s*号/.test(header.text);
  const items: InvoiceItem[] = [];
  const boxes: Box[] = [];
  const confidences: number[] = [];
  const moneyToken = /^-?¥?\d[\d,]*\.\d{2}$/;
  let previous: InvoiceItem | undefined;
  let previousRow: Line | undefined;
  let previousNameLeft: number | undefined;
  for (const row of rows) {
    const tokens = itemCells(row);
    let taxToken: (typeof tokens)[number] | undefined;
    let rate: (typeof tokens)[number] | undefined;
    let amount: (typeof tokens)[number] | undefined;
    let cursor = tokens.length - 1;
    const last = tokens[cursor];
    if (last && (moneyToken.test(last.text) || /^\*{1,3}$/.test(last.text))) {
      taxToken = last;
      cursor--;
    }
    const maybeRate = tokens[cursor];
    if (taxToken && maybeRate && RATE_TOKEN.test(maybeRate.text)) {
      rate = maybeRate;
      cursor--;
    }
    const maybeAmount = tokens[cursor];
    if (rate && maybeAmount && moneyToken.test(maybeAmount.text)) amount = maybeAmount;
    let inferredRate: string | null = null;
    if (fromOcr && taxToken && moneyToken.test(taxToken.text) && !amount) {
      const garbledRate = maybeRate && !moneyToken.test(maybeRate.text) ? maybeRate : undefined;
      const amountCandidate = garbledRate ? tokens[tokens.indexOf(garbledRate) - 1] : maybeRate;
      if (amountCandidate && moneyToken.test(amountCandidate.text)) {
        inferredRate = rateFromAmounts(normalizeAmount(amountCandidate.text), normalizeAmount(taxToken.text));
        if (inferredRate) {
          amount = amountCandidate;
          rate = garbledRate ?? amountCandidate;
        }
      }
    }
    const nameTokens = tokens.filter((t) => t !== taxToken && t !== rate && t !== amount && t.box[0] < nameRight && (nameColumn || t === tokens[0]));
    // A 销货清单 numbers its rows (序号) left of the name column.
    if (rowNumbered && nameTokens.length > 1 && /^\d{1,4}$/.test(nameTokens[0]!.text)) nameTokens.shift();
    const nameText = nameTokens.map((t) => t.text).join('');
    if (amount && rate && taxToken) {
      const item: InvoiceItem = {
        name: fromOcr ? nameText.replace(/^[*＊]?\s*/, '*').replace(/\s+/g, '') : nameText,
        amount: normalizeAmount(amount.text),
        rate: inferredRate ?? normalizeRate(rate.text),
        tax: normalizeAmount(taxToken.text),
      };
      items.push(item);
      previous = item;
      previousRow = row;
      previousNameLeft = nameTokens[0]?.box[0];
      const rowBox = unionBox(tokens.map((t) => t.box));
      if (rowBox) boxes.push(rowBox);
      confidences.push(spanConfidence(row, 0, row.text.length));
    } else if (previous && previousRow && nameText && row.top - previousRow.bottom < lineHeight(previousRow)
      && (previousNameLeft === undefined || Math.abs(nameTokens[0]!.box[0] - previousNameLeft) < lineHeight(previousRow) * 2)
      && (tokens.every((t) => t.box[0] < nameRight) || (nameColumn && !tokens.some((t) => moneyToken.test(t.text) || RATE_TOKEN.test(t.text))))) {
      // The name wraps onto the next line; other columns (规格型号, 建筑服务发生地, …) may wrap too.
      previous.name += fromOcr ? nameText.replace(/\s+/g, '') : nameText;
      previousRow = row;
    }
  }
  if (items.length > 0) {
    draft.items = items;
    draft.confidence.items = round3(confidences.reduce((a, b) => a + b, 0) / confidences.length);
    const box = unionBox(boxes);
    if (box) draft.boxes.items = box;
  }
}

/** The VAT rates (and the nil rate) in tenths of a per cent: 17% is 170. */
export const RATES_IN_TENTHS = [0, 10, 15, 30, 50, 60, 90, 100, 110, 130, 160, 170];

/** Whether a tax in fen is an amount's share at a rate in tenths of a per cent, to within `drift` fen (half a fen: rounded to the fen). */
export function taxWithinRate(amountFen: number, taxFen: number, tenths: number, drift = 0.5): boolean {
  return Math.abs(amountFen * tenths - taxFen * 1000) <= drift * 1000;
}

/**
 * The VAT rate that turns this amount into this tax (tax = amount × rate, rounded to the fen), when
 * exactly one allowed rate does; null otherwise. Integer arithmetic in fen and tenths of a percent.
 */
export function rateFromAmounts(amount: string | null, tax: string | null): string | null {
  const amountFen = amount ? tryParseYuan(amount) : null;
  const taxFen = tax ? tryParseYuan(tax) : null;
  if (amountFen === null || taxFen === null || amountFen <= 0) return null;
  const matching = RATES_IN_TENTHS.filter((tenths) => taxWithinRate(amountFen, taxFen, tenths));
  if (matching.length !== 1) return null;
  const tenths = matching[0]!;
  return tenths % 10 === 0 ? `${tenths / 10}%` : `${Math.floor(tenths / 10)}.${tenths % 10}%`;
}

function tokenize(line: Line): { text: string; box: Box }[] {
  const tokens: { text: string; box: Box }[] = [];
  let start = 0;
  for (let i = 0; i <= line.text.length; i++) {
    if (i === line.text.length || line.text[i] === ' ') {
      if (i > start) {
        const box = spanBox(line, start, i);
        if (box) tokens.push({ text: line.text.slice(start, i), box });
      }
      start = i + 1;
    }
  }
  return tokens;
}

function headerColumns(header: Line): Column[] {
  const tokens = tokenize(header);
  const columns: Column[] = [];
  tokens.forEach((token, index) => {
    const next = tokens[index + 1];
    const isName = /名\s*称|货物|劳务|项目/.test(token.text);
    columns.push({ name: isName ? 'name' : 'other', left: token.box[0], right: next ? (token.box[0] + token.box[2] + next.box[0]) / 2 : Infinity });
  });
  return columns;
}

/**
 * A text layer's invoice whose items are all tax-exempt or untaxed (税率 免税 or 不征税) prints its tax
 * as *** on the 合计 row: its tax is nothing, as printed (JD's e-invoice of a book, 免税).
 */
function untaxedTaxAsPrinted(lines: Line[], draft: InvoiceDraft): void {
  if (draft.values.taxAmount !== undefined || draft.items.length === 0) return;
  if (!draft.items.every((item) => (UNTAXED_RATE_MARKERS as readonly string[]).includes(item.rate ?? ''))) return;
  const sumRow = lines.find((line) => /合\s*计/.test(line.text) && /\*{3}/.test(line.text) && !/大\s*写/.test(line.text));
  if (sumRow) put(draft, 'taxAmount', formatYuan(0), found(sumRow, sumRow.text.indexOf('***'), sumRow.text.indexOf('***') + 3));
}

function readRemarks(lines: Line[], draft: InvoiceDraft, fromOcr: boolean): void {
  let labelBox: Box | undefined;
  for (const line of lines) {
    const match = /备\s*注/.exec(line.text);
    if (match) {
      labelBox = spanBox(line, match.index, match.index + match[0].length);
      break;
    }
  }
  if (!labelBox) {
    const bei = lines.flatMap((l) => l.items).find((i) => i.text.trim() === '备');
    const zhu = bei && lines.flatMap((l) => l.items).find((i) => i.text.trim() === '注' && Math.abs(i.box[0] - bei.box[0]) < bei.box[2] && i.box[1] > bei.box[1] && i.box[1] - bei.box[1] < bei.box[3] * 5);
    if (bei && zhu) labelBox = unionBox([bei.box, zhu.box]);
  }
  if (!labelBox) {
    if (fromOcr) readRemarksAfterInlineLabel(lines, draft);
    return;
  }
  const [lx, ly, lw, lh] = labelBox;
  const unit = Math.min(lw, lh);
  // The remark box runs from the 价税合计 row down to the 开票人 row; its label sits somewhere in
  // between (数电 layouts print remark lines above the label's first character).
  const totalRow = lines.filter((l) => /价\s*税\s*合\s*计/.test(l.text) && l.bottom <= ly + unit * 0.5 && ly - l.bottom < unit * 4).pop();
  const clerkRow = lines.find((l) => /开\s*票\s*人/.test(l.text) && l.top >= ly + lh - unit * 0.5 && l.top - (ly + lh) < unit * 4);
  const top = totalRow ? Math.min(totalRow.bottom, ly - unit * 0.8) : ly - unit * 0.8;
  const bottom = clerkRow ? Math.max(clerkRow.top, ly + lh + unit * 0.8) : ly + lh + unit * 0.8;
  const parts: { text: string; box: Box }[] = [];
  for (const line of lines) {
    if (line === totalRow || line === clerkRow || line.bottom < top || line.top > bottom) continue;
    // A label standing alone belongs to another box; "销方地址:…" with its value is a remark entry.
    // Above a 开票人 row already left out, "收款人:…; 复核人:…;" is remark text (数电 layouts).
    const labelStop = clerkRow
      ? /(开\s*票\s*人|销\s*售\s*方\s*[:：(（])|^\s*(名\s*称|纳税人识别号|地\s*址[、,，]?\s*(电\s*话)?|开户行(及账号)?)\s*[:：]?\s*$/
      : /(收\s*款\s*人|复\s*核|开\s*票\s*人|销\s*售\s*方\s*[:：(（])|^\s*(名\s*称|纳税人识别号|地\s*址[、,，]?\s*(电\s*话)?|开户行(及账号)?)\s*[:：]?\s*$/;
    for (let token of tokenize(line)) {
      if (token.box[0] < lx + lw) {
        // A remark line printed close beside the label reads as one token with it ("注采购订单号…").
        const beside = /^[备注]\s*(\S.*)$/.exec(token.text);
        if (!beside || token.box[0] + token.box[2] <= lx + lw * 1.5) continue;
        token = { text: beside[1]!, box: token.box };
      }
      const center = token.box[1] + token.box[3] / 2;
      if (center < top || center > bottom) continue;
      if (labelStop.test(token.text)) continue;
      parts.push(token);
    }
  }
  if (parts.length === 0) return;
  parts.sort((a, b) => a.box[1] - b.box[1] || a.box[0] - b.box[0]);
  const text = parts.map((p) => p.text).join(' ').trim();
  if (!text || CJK.test(text) === false && !/[0-9A-Za-z]/.test(text)) return;
  setField(draft, 'remarks', text, 0.9, unionBox(parts.map((p) => p.box)));
}

/**
 * A text-layer reading exactly as printed (full-width ：，（） kept, runs of spaces collapsed): the
 * page's own items whose centres lie in the box, line by line. Null unless it says what the
 * normalised reading says, so only character forms, never content, can change.
 */
function printedText(items: PositionedText[], box: Box, reading: string): string | null {
  const [x, y, w, h] = box;
  const inside = items.filter((item) => {
    const cx = item.box[0] + item.box[2] / 2;
    const cy = item.box[1] + item.box[3] / 2;
    return item.text.trim() !== '' && cx >= x && cx <= x + w && cy >= y && cy <= y + h && !/^\s*[备注]{1,2}\s*$/.test(item.text);
  }).sort((a, b) => a.box[1] + a.box[3] / 2 - (b.box[1] + b.box[3] / 2));
  const rows: PositionedText[][] = [];
  for (const item of inside) {
    const row = rows[rows.length - 1];
    const last = row?.[row.length - 1];
    if (row && last && Math.abs(item.box[1] + item.box[3] / 2 - (last.box[1] + last.box[3] / 2)) < Math.max(item.box[3], last.box[3]) * 0.5) row.push(item);
    else rows.push([item]);
  }
  const text = rows.map((row) => {
    row.sort((a, b) => a.box[0] - b.box[0]);
    return row.map((item, i) => {
      const previous = row[i - 1];
      const gap = previous ? item.box[0] - (previous.box[0] + previous.box[2]) : 0;
      return (previous && gap > Math.max(item.box[3], previous.box[3]) * 0.5 ? ' ' : '') + item.text;
    }).join('');
  }).join(' ').replace(/\s+/g, ' ').trim();
  const key = (value: string) => toHalfWidth(value).replace(/\s+/g, '');
  return text !== '' && key(text) === key(reading) ? text : null;
}

/** OCR often reads the 备注 label and the remark as one word ("备|合同编号:…"). */
function readRemarksAfterInlineLabel(lines: Line[], draft: InvoiceDraft): void {
  for (const line of lines) {
    const match = /(?:^|\s)备\s*注?\s*[|｜:：]\s*([^|｜\s].*)$/.exec(line.text) ?? /^备\s*注?\s+([^|｜\s].*)$/.exec(line.text);
    if (!match) continue;
    const text = match[1]!.trim();
    if (!text || /^(收款人|复核|开票人)/.test(text)) continue;
    const start = match.index + match[0].length - match[1]!.length;
    put(draft, 'remarks', text, found(line, start, start + match[1]!.length));
    return;
  }
}

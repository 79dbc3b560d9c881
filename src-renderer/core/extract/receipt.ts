// Reader of bank electronic receipts (银行电子回单, 业务回单, 付款凭证) from positioned page text, a text
// layer or OCR words alike. The banks print the same facts under their own labels and in their own
// arrangement: ICBC and CCB a grid where 户名/全称, 账号 and 开户(银)行 sit under a 付款人 or 收款人 cell,
// ABC, PAB and SPDB stacked lines (付款方户名, 付款人名称 …), BOC two label pairs per line, CMB
// label-value cells where 开户行 has no role of its own. A label's role is its own prefix (付款…, 收款…)
// or, without one, the role cell nearest to its left. Several receipts printed on one page (ICBC's
// three to a sheet) are read one by one, split at their titles.
import type { CheckOutcome, ExtractedPayment, ExtractionMethod, PaymentFieldName } from '../types';
import { parseChineseAmount, formatYuan } from '../money';
import { type Line, buildLines } from './layout';
import {
  DATE_PATTERN, type FieldReading, type LabelHit, type LineSpan, MONEY_PATTERN, WORDS_PATTERN, anyLabel, emptyReading,
  findLabels, leftOf, narrow, putField, restAfter, spaced, valueAfter,
} from './labelled-fields';
import type { PositionedPage } from './positioned-text';
import { normalizeAmount, normalizeCjkRadicals, normalizeDate, normalizeName } from './text-normalize';

export interface ReceiptReading extends FieldReading<PaymentFieldName> {
  checks: CheckOutcome[];
}

/** Banks by the names their receipts print, longest first so that 中国银行 does not take 中国工商银行. */
const BANKS: { pattern: RegExp; name: string }[] = [
  { pattern: /中国工商银行|工商银行|ICBC/, name: '中国工商银行' },
  { pattern: /中国建设银行|建设银行/, name: '中国建设银行' },
  { pattern: /中国农业银行|农业银行/, name: '中国农业银行' },
  { pattern: /上海浦东发展银行|浦发银行/, name: '上海浦东发展银行' },
  { pattern: /中国邮政储蓄银行|邮储银行/, name: '中国邮政储蓄银行' },
  { pattern: /中国民生银行|民生银行/, name: '中国民生银行' },
  { pattern: /中国光大银行|光大银行/, name: '中国光大银行' },
  { pattern: /招商银行/, name: '招商银行' },
  { pattern: /平安银行/, name: '平安银行' },
  { pattern: /交通银行/, name: '交通银行' },
  { pattern: /中信银行/, name: '中信银行' },
  { pattern: /兴业银行/, name: '兴业银行' },
  { pattern: /华夏银行/, name: '华夏银行' },
  { pattern: /广发银行/, name: '广发银行' },
  { pattern: /中国银行/, name: '中国银行' },
];

const RECEIPT_WORD = /回\s*单|回\s*执|付\s*款\s*凭\s*证|收\s*款\s*凭\s*证|业\s*务\s*凭\s*证|回\s*单\s*凭\s*证|入\s*账\s*通\s*知|转\s*账\s*凭\s*证/;
const PARTY_WORD = /付\s*款|收\s*款|汇\s*款|付\s*方|收\s*方/;

/** The page's text reads as a bank receipt: a receipt word, a bank, a payer or payee and an amount. */
export function looksLikeReceipt(text: string): boolean {
  const compact = text.replace(/\s+/g, '');
  return RECEIPT_WORD.test(compact) && /银行/.test(compact) && PARTY_WORD.test(compact) && new RegExp(MONEY_PATTERN).test(compact) && !/发票号码|价税合计/.test(compact);
}

const ROLE_SHORT = '付\\s*款\\s*(?:人|方|单\\s*位)?|收\\s*款\\s*(?:人|方|单\\s*位)?|汇\\s*款\\s*人|付\\s*方|收\\s*方';
const ROLE_FULL = '付\\s*款\\s*(?:人|方|单\\s*位)|收\\s*款\\s*(?:人|方|单\\s*位)|汇\\s*款\\s*人';
const NAME_FIELD = anyLabel(['户名', '名称', '全称']);
const ACCOUNT_FIELD = anyLabel(['账号', '帐号', '卡号']);
const BANK_FIELD = anyLabel(['开户银行', '开户行', '开户机构', '开户网点']);
const FIELD = `(?<name>${NAME_FIELD})|(?<account>${ACCOUNT_FIELD})|(?<bank>${BANK_FIELD})`;
const ANY_LABEL_START = new RegExp(`^(?:${ROLE_SHORT}|${FIELD}|${anyLabel(['金额', '大写', '小写', '用途', '摘要', '附言', '日期', '流水号', '币别', '币种'])})`, 'u');

type Role = 'payer' | 'payee';
type PartyField = 'name' | 'account' | 'bank';

function roleOf(text: string): Role {
  return /^[收]/.test(text.replace(/\s+/g, '')) ? 'payee' : 'payer';
}

interface PartyHit {
  hit: LabelHit;
  role: Role | null;
  field: PartyField;
}

function partyLabels(lines: Line[]): { labelled: PartyHit[]; markers: { role: Role; x: number; line: Line }[] } {
  const labelled: PartyHit[] = [];
  const markers: { role: Role; x: number; line: Line }[] = [];
  for (const hit of findLabels(lines, `(?:(?<role>${ROLE_SHORT})\\s*)?(?:${FIELD})`)) {
    const field: PartyField = hit.groups.account ? 'account' : hit.groups.bank ? 'bank' : 'name';
    const role = hit.groups.role ? roleOf(hit.groups.role) : null;
    labelled.push({ hit, role, field });
    if (role) markers.push({ role, x: leftOf(hit.line, hit.start, hit.end), line: hit.line });
  }
  for (const hit of findLabels(lines, `(?:${ROLE_FULL})`)) {
    const covered = labelled.some((other) => other.hit.line === hit.line && other.hit.start <= hit.start && other.hit.end >= hit.end);
    if (covered) continue;
    const role = roleOf(hit.line.text.slice(hit.start, hit.end));
    markers.push({ role, x: leftOf(hit.line, hit.start, hit.end), line: hit.line });
    // "付款人：深圳市…" (a role followed by its name) is a name label; "付款人 户名 …" a cell marker.
    const value = valueAfter(hit.line, hit.end);
    if (value && !ANY_LABEL_START.test(value.value) && !/^(?:回\s*单|凭\s*证|通\s*知|信\s*息)/.test(value.value)) labelled.push({ hit, role, field: 'name' });
  }
  return { labelled, markers };
}

/** The role cell nearest to the label's left, within a few lines of it (grids print 付款人 once for three rows). */
function roleByColumn(hit: LabelHit, markers: { role: Role; x: number; line: Line }[]): Role | null {
  const x = leftOf(hit.line, hit.start, hit.end);
  const height = Math.max(1, hit.line.bottom - hit.line.top);
  let best: { role: Role; x: number } | null = null;
  for (const marker of markers) {
    if (marker.x > x + height * 0.5) continue;
    if (Math.abs(marker.line.top - hit.line.top) > height * 6) continue;
    if (!best || marker.x > best.x) best = marker;
  }
  return best?.role ?? null;
}

const FIELD_OF: Record<Role, Record<PartyField, PaymentFieldName | null>> = {
  payer: { name: 'payerName', account: 'payerAccount', bank: 'payerBank' },
  payee: { name: 'payeeName', account: 'payeeAccount', bank: 'payeeBank' },
};

function readParties(lines: Line[], reading: ReceiptReading, fromOcr: boolean): void {
  const { labelled, markers } = partyLabels(lines);
  for (const { hit, role: ownRole, field } of labelled) {
    const role = ownRole ?? roleByColumn(hit, markers);
    if (!role) continue;
    const target = FIELD_OF[role][field];
    if (!target || reading.values[target] !== undefined) continue;
    const value = valueAfter(hit.line, hit.end);
    if (!value || ANY_LABEL_START.test(value.value)) continue;
    if (field === 'account') {
      const account = narrow(value, /([0-9][0-9 *-]{4,40}[0-9*])/);
      const digits = account?.value.replace(/[\s-]+/g, '') ?? '';
      if (account && digits.length >= 6) putField(reading, target, fromOcr ? digits.replace(/[oO]/g, '0') : digits, account);
    } else {
      const name = normalizeName(value.value);
      if (name && !/^\d+$/.test(name) && [...name].length >= 2) putField(reading, target, name, value);
    }
  }
}

function firstValue(lines: Line[], labels: string[], read: (line: Line, labelEnd: number) => LineSpan | null, skip?: RegExp): LineSpan | undefined {
  for (const labelText of labels) {
    for (const hit of findLabels(lines, spaced(labelText))) {
      if (skip && skip.test(hit.line.text.slice(Math.max(0, hit.start - 4), hit.start))) continue;
      const value = read(hit.line, hit.end);
      if (value) return value;
    }
  }
  return undefined;
}

const AMOUNT_LABELS = ['交易金额（小写）', '交易金额(小写)', '金额（小写）', '金额(小写)', '小写金额', '交易金额', '汇款金额', '付款金额', '转账金额', '金额', '小写'];
const WORDS_LABELS = ['金额大写', '大写金额', '交易金额（大写）', '交易金额(大写)', '金额（大写）', '金额(大写)', '大写'];
const DATE_LABELS = ['交易日期', '记账日期', '入账日期', '交易时间', '转账日期', '业务日期', '日期', '时间戳'];
const SERIAL_LABELS = ['交易流水号', '业务流水号', '会计流水号', '核心流水号', '流水号', '业务参考号', '交易参考号', '交易序号'];
const RECEIPT_NUMBER_LABELS = ['电子回单号码', '回单编号', '回单号', '凭证号'];
/** OCR misreads the last character of 流水号 (宥, 吏, 导 …): the label read by its first characters. */
const SERIAL_BY_OCR = `(?:交\\s*易|业\\s*务|会\\s*计|核\\s*心)?\\s*流\\s*水[\\u4e00-\\u9fa5]?`;

function firstPattern(lines: Line[], pattern: string, read: (line: Line, labelEnd: number) => LineSpan | null): LineSpan | undefined {
  for (const hit of findLabels(lines, pattern)) {
    const value = read(hit.line, hit.end);
    if (value) return value;
  }
  return undefined;
}

/** A bracket or bar between two digits of a code read by OCR is a 1 ("ZL-2023-0[00"). */
function repairOcrCode(text: string): string {
  return text.replace(/(?<=\d)[[\]|lI](?=\d)/g, '1');
}

const PURPOSE_LABELS = ['交易用途', '汇款用途', '用途', '附言', '摘要'];

function moneyInRest(line: Line, labelEnd: number): LineSpan | null {
  const rest = restAfter(line, labelEnd);
  if (!rest) return null;
  // OCR reads the thousands comma as ; or . ("#7;605.08"), the decimal point as : ("12,720:00"):
  // repaired in place (the same length, so boxes stay right).
  const repaired = { ...rest, value: rest.value.replace(/(?<=\d)[;；.，](?=\d{3}[,.]\d)/g, ',').replace(/(?<=\d)[:：;](?=\d{2}(?!\d))/g, '.').replace(/[#Y羊半](?=\d)/g, '¥') };
  const money = narrow(repaired, new RegExp(`(?:CNY|RMB|人民币|¥)?\\s*${MONEY_PATTERN}`));
  return money && { ...money, value: repaired.value.slice(money.start - rest.start, money.end - rest.start) };
}

function wordsInRest(line: Line, labelEnd: number): LineSpan | null {
  const rest = restAfter(line, labelEnd);
  return rest && narrow(rest, new RegExp(WORDS_PATTERN));
}

/** Confidence of an amount whose figures and 大写 were read independently and agree. */
const AGREEING_WORDS_CONFIDENCE = 0.95;

function readAmount(lines: Line[], reading: ReceiptReading): void {
  const figures = firstValue(lines, AMOUNT_LABELS, moneyInRest);
  const words = firstValue(lines, WORDS_LABELS, wordsInRest)
    ?? firstValue(lines, ['人民币'], (line, end) => narrow(spanOrNull(line, end), new RegExp(`^${WORDS_PATTERN}`)));
  const wordsFen = words ? parseChineseAmount(words.value.replace(/^(?:人民币|⊗|ⓧ)/, '')) : null;
  const figure = figures ? normalizeAmount(figures.value) : null;
  if (figure) putField(reading, 'amount', figure, figures);
  else if (wordsFen !== null && words) putField(reading, 'amount', formatYuan(wordsFen), words, 0.9);
  if (figure && wordsFen !== null) {
    const ok = formatYuan(wordsFen) === figure;
    // Two independent readings (the figures and the 大写) that agree vouch for the amount, however
    // unsure OCR was of single strokes of either.
    if (ok) reading.confidence.amount = Math.max(reading.confidence.amount ?? 0, AGREEING_WORDS_CONFIDENCE);
    reading.checks.push({
      id: 'amount-in-words', ok, severity: ok ? 'info' : 'warning',
      message: ok ? `the amount in words matches ${figure}` : `the amount in words (${formatYuan(wordsFen)}) differs from the figures (${figure})`,
    });
  }
}

function spanOrNull(line: Line, end: number): LineSpan {
  return { value: line.text.slice(end), line, start: end, end: line.text.length };
}

function readDate(lines: Line[], reading: ReceiptReading): void {
  const date = firstValue(lines, DATE_LABELS, (line, end) => { const rest = restAfter(line, end); return rest && narrow(rest, new RegExp(`^${DATE_PATTERN}`)); }, /打\s*印/);
  const fallback = date ?? lines.filter((line) => !/打\s*印/.test(line.text)).map((line) => narrow(spanOrNull(line, 0), new RegExp(DATE_PATTERN))).find((span) => span !== null) ?? undefined;
  const value = fallback && normalizeDate(fallback.value);
  if (value && fallback) putField(reading, 'date', value, fallback, date ? 1 : 0.8);
}

function readSerial(lines: Line[], reading: ReceiptReading, fromOcr: boolean): void {
  const pattern = /^([0-9A-Za-z][0-9A-Za-z-]{5,40})/;
  const read = (line: Line, end: number) => { const value = valueAfter(line, end); return value && narrow(value, pattern); };
  const serial = firstValue(lines, SERIAL_LABELS, read) ?? firstPattern(lines, SERIAL_BY_OCR, read) ?? firstValue(lines, RECEIPT_NUMBER_LABELS, read);
  if (serial) putField(reading, 'serial', fromOcr ? repairOcrCode(serial.value) : serial.value, serial);
}

function readPurpose(lines: Line[], reading: ReceiptReading, fromOcr: boolean): void {
  const purpose = firstValue(lines, PURPOSE_LABELS, (line, end) => {
    const value = restAfter(line, end);
    if (!value) return null;
    // Up to the next label of the line ("用途：货款  附言：…").
    const next = /\s(?:交易|业务|附言|摘要|用途|备注|流水|币种|时间|日期)/.exec(value.value);
    const cut = next ? { ...value, value: value.value.slice(0, next.index), end: value.start + next.index } : value;
    return cut.value.trim() === '' || ANY_LABEL_START.test(cut.value) ? null : cut;
  });
  if (purpose) putField(reading, 'purpose', fromOcr ? repairOcrCode(purpose.value.trim()) : purpose.value.trim(), purpose);
}

function readBank(lines: Line[], reading: ReceiptReading): void {
  const titleLines = lines.slice(0, 3);
  for (const line of titleLines) {
    const compact = line.text.replace(/\s+/g, '');
    if (/开户|户名|账号/.test(compact)) continue;
    for (const bank of BANKS) {
      if (!bank.pattern.test(compact)) continue;
      const match = bank.pattern.exec(line.text) ?? bank.pattern.exec(compact);
      const start = match && line.text.includes(match[0]) ? line.text.indexOf(match[0]) : 0;
      const end = match && line.text.includes(match[0]) ? start + match[0].length : line.text.length;
      putField(reading, 'bank', bank.name, { value: bank.name, line, start, end });
      return;
    }
  }
  // OCR misreads one character of a title ("芸通银行电子回单"): a bank name with one character off.
  // Where two banks are that close (召商银行: 招商 or 工商), the one the receipt names elsewhere wins.
  const blockText = lines.map((line) => line.text).join('\n');
  for (const line of titleLines) {
    if (!/银\s*行/.test(line.text) || /开户|户名|账号/.test(line.text)) continue;
    const near = BANKS.map((bank) => ({ bank, at: nearMatch(line.text, bank.name) ?? nearMatch(line.text, bank.name.replace(/^中国(?=.{3})/, '')) }))
      .filter((candidate): candidate is { bank: (typeof BANKS)[number]; at: { start: number; end: number } } => candidate.at !== null);
    const named = near.filter((candidate) => candidate.bank.pattern.test(blockText.replace(line.text, '')));
    const chosen = near.length === 1 ? near[0] : named.length === 1 ? named[0] : undefined;
    if (chosen) {
      putField(reading, 'bank', chosen.bank.name, { value: chosen.bank.name, line, start: chosen.at.start, end: chosen.at.end }, 0.8);
      return;
    }
  }
}

/** Where `name` occurs in `text` with at most one character different (names of four or more characters). */
function nearMatch(text: string, name: string): { start: number; end: number } | null {
  const chars = [...name];
  if (chars.length < 4) return null;
  for (let start = 0; start + name.length <= text.length; start++) {
    let differences = 0;
    for (let i = 0; i < name.length && differences <= 1; i++) if (text[start + i] !== name[i]) differences++;
    if (differences <= 1) return { start, end: start + name.length };
  }
  return null;
}

const TITLE = /(?:银\s*行|Bank).*(?:回\s*单|回\s*执|凭\s*证)|(?:回\s*单|凭\s*证).*银\s*行/;

/** Splits the lines of a page into receipts at their titles (a line naming a bank and a receipt, without a label's colon). */
function receiptBlocks(lines: Line[]): Line[][] {
  const starts = lines.map((line, index) => (TITLE.test(line.text) && !/[:：]/.test(line.text) ? index : -1)).filter((index) => index >= 0);
  if (starts.length <= 1) return [lines];
  const blocks: Line[][] = [];
  if (starts[0]! > 0) starts[0] = 0;
  starts.forEach((start, i) => blocks.push(lines.slice(start, starts[i + 1] ?? lines.length)));
  return blocks;
}

/** Reads the receipts on one page; empty when the page is not a receipt. */
export function parseReceiptPage(page: PositionedPage, options: { fromOcr?: boolean } = {}): ReceiptReading[] {
  const fromOcr = options.fromOcr ?? false;
  const lines = buildLines(page.items.map((item) => ({ ...item, text: normalizeCjkRadicals(item.text) })), { fromOcr });
  if (!looksLikeReceipt(lines.map((line) => line.text).join('\n'))) return [];
  const readings: ReceiptReading[] = [];
  for (const block of receiptBlocks(lines)) {
    const reading: ReceiptReading = { ...emptyReading<PaymentFieldName>(), checks: [] };
    readParties(block, reading, fromOcr);
    readAmount(block, reading);
    readDate(block, reading);
    readSerial(block, reading, fromOcr);
    readPurpose(block, reading, fromOcr);
    readBank(block, reading);
    if (reading.values.amount !== undefined && (reading.values.payerName !== undefined || reading.values.payeeName !== undefined)) readings.push(reading);
  }
  return readings;
}

/** The reading in the shape of `extract --json`'s payments (every field present, null when not found). */
export function toPayment(reading: ReceiptReading, page: number, method: ExtractionMethod): ExtractedPayment {
  const value = (field: PaymentFieldName) => reading.values[field] ?? null;
  return {
    page,
    method,
    fields: {
      payerName: value('payerName'), payerAccount: value('payerAccount'), payeeName: value('payeeName'),
      payeeAccount: value('payeeAccount'), amount: value('amount'), date: value('date'), serial: value('serial'),
      purpose: value('purpose'), bank: value('bank'), payerBank: value('payerBank'), payeeBank: value('payeeBank'),
    },
    confidence: { ...reading.confidence },
    boxes: { ...reading.boxes },
    checks: reading.checks,
  };
}

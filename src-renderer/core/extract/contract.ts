// Reader of contract key pages (合同关键页) from positioned page text, a text layer or OCR words alike:
// 合同编号, the parties under the names the templates give them (甲方/乙方, 委托方/受托方, 需方/供方,
// 被许可方/许可方, with the 甲/乙 in brackets deciding where both are printed), each party's 统一社会信用代码
// (the one printed under or beside its name), 签订日期, the term (服务期限 … 至 …), the price in figures
// and in words (大写, cross-checked), and the subject (项目名称 / 服务内容 / 许可软件). A contract's key
// pages follow one another in a file: its fields are gathered over them, each with the page it is on.
import type { CheckOutcome, ContractFieldName, ExtractedContract, ExtractionMethod } from '../types';
import { CONTRACT_FIELD_NAMES } from '../types';
import { formatYuan, parseChineseAmount } from '../money';
import { usccCheckCharacter } from './checks';
import { type Line, buildLines, repairUscc } from './layout';
import {
  DATE_PATTERN, type FieldReading, type LineSpan, MONEY_PATTERN, WORDS_PATTERN, anyLabel, emptyReading, findLabels, leftOf,
  narrow, putField, restAfter, spaced, spanOf, valueAfter,
} from './labelled-fields';
import type { PositionedPage } from './positioned-text';
import { normalizeAmount, normalizeCjkRadicals, normalizeDate, normalizeName, normalizeTaxId } from './text-normalize';

export interface ContractPageReading extends FieldReading<ContractFieldName> {
  /** The page carries a contract title (a short line ending in 合同, 合同书 or 协议). */
  titled: boolean;
  /** The amount in words, in fen, when printed. */
  wordsFen: number | null;
  /** The page reads as a contract's first or signature page (a contract word and a party label). */
  contractLike: boolean;
}

const A_WORDS = ['被许可方', '委托方', '甲方', '需方', '买方', '采购方', '委托人', '发包方'];
const B_WORDS = ['乙方', '受托方', '供方', '卖方', '服务方', '许可方', '受托人', '承包方', '开发方', '承接方'];
const PARTY_LABEL = `(?<lead>(?<!被\\s*)(?:${anyLabel([...A_WORDS, ...B_WORDS])}))(?<paren>(?:\\s*[（(〔][^）)}〕]{1,10}[)）}〕])*)\\s*[:：;；]`;
const TAX_LABEL = anyLabel(['统一社会信用代码', '社会信用代码', '纳税人识别号', '信用代码', '税号']);
const CONTRACT_WORD = /合\s*同|协\s*议/;

function compact(text: string): string {
  return text.replace(/\s+/g, '');
}

function roleOf(lead: string, paren: string): 'A' | 'B' {
  const bracket = compact(paren);
  if (/甲/.test(bracket)) return 'A';
  if (/乙/.test(bracket)) return 'B';
  return A_WORDS.includes(compact(lead)) ? 'A' : 'B';
}

/** A page that reads as a contract's first or signature page: a contract word and a party label. */
export function looksLikeContract(text: string): boolean {
  return CONTRACT_WORD.test(text) && new RegExp(PARTY_LABEL, 'u').test(text) && !/发票号码|价税合计|回\s*单/.test(compact(text));
}

interface PartyHit {
  role: 'A' | 'B';
  line: Line;
  lineIndex: number;
  x: number;
}

function readParties(lines: Line[], reading: ContractPageReading, fromOcr: boolean): PartyHit[] {
  const hits: PartyHit[] = [];
  for (const hit of findLabels(lines, PARTY_LABEL)) {
    const role = roleOf(hit.groups.lead ?? '', hit.groups.paren ?? '');
    hits.push({ role, line: hit.line, lineIndex: hit.lineIndex, x: leftOf(hit.line, hit.start, hit.end) });
    const field = role === 'A' ? 'partyA' : 'partyB';
    if (reading.values[field] !== undefined) continue;
    const value = valueAfter(hit.line, hit.end);
    const name = value && normalizeName(value.value);
    if (value && name && [...name].length >= 4 && !/盖章|签字|签章|^[\d（(]/.test(name)) putField(reading, field, name, value);
  }
  for (const hit of findLabels(lines, `(?:${TAX_LABEL})\\s*[:：]?`)) {
    const value = valueAfter(hit.line, hit.end);
    const code = value && narrow(value, /^([0-9A-Za-z]{15,20})/);
    if (!code) continue;
    const x = leftOf(hit.line, hit.start, hit.end);
    const before = hits.filter((party) => party.lineIndex <= hit.lineIndex && !(party.lineIndex === hit.lineIndex && party.x > x));
    const sameColumn = before.filter((party) => Math.abs(party.x - x) < 120);
    const owner = (sameColumn.length > 0 ? sameColumn : before).sort((a, b) => b.lineIndex - a.lineIndex)[0];
    if (!owner) continue;
    const field = owner.role === 'A' ? 'partyATaxId' : 'partyBTaxId';
    // OCR adds a stray character after a credit code: 18 characters whose check character holds are the code.
    const read = normalizeTaxId(code.value);
    const taxId = read && read.length > 18 && usccCheckCharacter(read.slice(0, 18)) === read[17] ? read.slice(0, 18) : read;
    if (reading.values[field] === undefined) putField(reading, field, taxId && fromOcr ? repairUscc(taxId) : taxId, code);
  }
  return hits;
}

function firstIn(lines: Line[], labels: string[], read: (line: Line, labelEnd: number) => LineSpan | null): LineSpan | undefined {
  for (const labelText of labels) {
    for (const hit of findLabels(lines, spaced(labelText))) {
      const value = read(hit.line, hit.end);
      if (value) return value;
    }
  }
  return undefined;
}

const NUMBER_LABELS = ['合同编号', '合同号', '协议编号', '合同编码'];
const SIGN_LABELS = ['签订日期', '签订时间', '签署日期', '签约日期', '订立日期', '签订于'];
const PERIOD_LABELS = ['服务期限', '合同期限', '许可期限', '有效期限', '履行期限', '服务期间', '有效期', '服务期', '期限'];
const SUBJECT_LABELS = ['项目名称', '服务内容', '许可软件', '软件名称', '合同标的', '服务项目'];
const AMOUNT_LABELS = ['合同金额', '合同总价', '合同总金额', '合同价款', '报酬总额', '许可费用', '服务费用', '总价款', '总金额'];

function readNumber(lines: Line[], reading: ContractPageReading): void {
  const read = (line: Line, end: number) => {
    const value = valueAfter(line, end);
    return value && narrow(value, /^([A-Za-z0-9][A-Za-z0-9\-_/〔〕[\]()（）]{3,40})/);
  };
  // OCR misreads the first character of 合同编号 (吾同编号, 含同编号): the label by its other three.
  const number = firstIn(lines, NUMBER_LABELS, read) ?? findLabels(lines, `[^\\s:：]${spaced('同编号')}`).map((hit) => read(hit.line, hit.end)).find((value) => value !== null);
  if (number) putField(reading, 'contractNo', number.value, number);
}

function readDates(lines: Line[], reading: ContractPageReading): void {
  const sign = firstIn(lines, SIGN_LABELS, (line, end) => { const rest = restAfter(line, end); return rest && narrow(rest, new RegExp(`^(?:于)?${DATE_PATTERN}`)); });
  const signDate = sign && normalizeDate(sign.value);
  if (sign && signDate) putField(reading, 'signDate', signDate, sign);
  const range = new RegExp(`${DATE_PATTERN}\\s*(?:起)?\\s*(?:至|到|~|～|—|－|–|一|-{1,2})\\s*${DATE_PATTERN}`);
  for (const labelText of PERIOD_LABELS) {
    for (const hit of findLabels(lines, spaced(labelText))) {
      const rest = restAfter(hit.line, hit.end);
      const match = rest && range.exec(rest.value);
      if (!rest || !match) continue;
      const from = normalizeDate(match[1]);
      const to = normalizeDate(match[2]);
      if (!from || !to) continue;
      const fromStart = rest.start + match.index + match[0].indexOf(match[1]!);
      const toStart = rest.start + match.index + match[0].lastIndexOf(match[2]!);
      putField(reading, 'periodFrom', from, spanOf(hit.line, fromStart, fromStart + match[1]!.length));
      putField(reading, 'periodTo', to, spanOf(hit.line, toStart, toStart + match[2]!.length));
      return;
    }
  }
}

function readAmount(lines: Line[], reading: ContractPageReading): void {
  const figurePattern = new RegExp(`(?:¥|￥|人民币|RMB)?\\s*${MONEY_PATTERN}`);
  let figures: LineSpan | undefined;
  for (const hit of findLabels(lines, `${spaced('小写')}\\s*[:：]?`)) {
    const rest = restAfter(hit.line, hit.end);
    const money = rest && narrow(rest, new RegExp(`^(?:¥|￥|人民币|RMB)?\\s*${MONEY_PATTERN}`));
    if (money) {
      figures = money;
      break;
    }
  }
  figures ??= firstIn(lines, AMOUNT_LABELS, (line, end) => { const rest = restAfter(line, end); return rest && narrow(rest, figurePattern); });
  let words: LineSpan | undefined;
  for (const hit of findLabels(lines, `${spaced('大写')}\\s*[)）]?\\s*[:：]?`)) {
    const rest = restAfter(hit.line, hit.end);
    const value = rest && narrow(rest, new RegExp(`^${WORDS_PATTERN}`));
    if (value) {
      words = value;
      break;
    }
  }
  const wordsFen = words ? parseChineseAmount(words.value.replace(/^(?:人民币|⊗|ⓧ)/, '')) : null;
  reading.wordsFen = wordsFen;
  const figure = figures ? normalizeAmount(figures.value) : null;
  if (figure) putField(reading, 'amount', figure, figures);
  else if (wordsFen !== null && words) putField(reading, 'amount', formatYuan(wordsFen), words, 0.9);
}

function readSubject(lines: Line[], reading: ContractPageReading): void {
  const subject = firstIn(lines, SUBJECT_LABELS, (line, end) => {
    const rest = restAfter(line, end);
    if (!rest) return null;
    const stop = /[，,。；;]|\s(?=[\u4e00-\u9fa5]{2,6}[:：])/.exec(rest.value);
    const value = stop ? spanOf(line, rest.start, rest.start + stop.index) : rest;
    return value.value.trim().length >= 2 ? value : null;
  });
  if (subject) putField(reading, 'subject', normalizeName(subject.value), subject);
}

function isTitle(line: Line): boolean {
  const text = compact(line.text);
  return /(?:合同|合同书|协议|协议书)$/.test(text) && text.length <= 20 && !/[:：]/.test(text);
}

/** Reads the contract fields printed on one page (any of them; an empty reading when none). */
export function parseContractPage(page: PositionedPage, options: { fromOcr?: boolean } = {}): ContractPageReading {
  const lines = buildLines(page.items.map((item) => ({ ...item, text: normalizeCjkRadicals(item.text) })), { fromOcr: options.fromOcr ?? false });
  const reading: ContractPageReading = {
    ...emptyReading<ContractFieldName>(), titled: lines.some(isTitle), wordsFen: null,
    contractLike: looksLikeContract(lines.map((line) => line.text).join('\n')),
  };
  readNumber(lines, reading);
  readParties(lines, reading, options.fromOcr ?? false);
  readDates(lines, reading);
  readAmount(lines, reading);
  readSubject(lines, reading);
  if (reading.values.subject === undefined && reading.titled) {
    const title = lines.find(isTitle);
    const named = title && /^(.{2,}?)(?:技术服务|服务|许可|采购|开发)?合同/.exec(compact(title.text));
    if (title && named && /项目|系统|平台/.test(named[1]!)) putField(reading, 'subject', named[1]!, spanOf(title, 0, title.text.length), 0.7);
  }
  return reading;
}

/**
 * The contract pages among a file's pages (in page order): each page that reads as a contract, and a
 * page right after one that prints a contract field (the clause page with the price and the term).
 */
export function contractPages<T extends { page: number; reading: ContractPageReading }>(pages: T[]): T[] {
  const kept: T[] = [];
  for (const page of pages) {
    const previous = kept[kept.length - 1];
    const continues = previous !== undefined && previous.page === page.page - 1 && Object.keys(page.reading.values).length > 0;
    if (page.reading.contractLike || continues) kept.push(page);
  }
  return kept;
}

/**
 * Gathers the key pages of the contracts in one file, in page order: a page with a title or a
 * contract number starts a contract (unless it repeats the number of the one open), the pages that
 * follow add the fields it lacks. Each field keeps the page it was read on.
 */
export function assembleContracts(pages: { page: number; method: ExtractionMethod; reading: ContractPageReading }[]): ExtractedContract[] {
  const contracts: { first: number; method: ExtractionMethod; reading: FieldReading<ContractFieldName>; pages: Partial<Record<ContractFieldName, number>>; wordsFen: number | null; figurePage?: number }[] = [];
  for (const { page, method, reading } of pages) {
    const open = contracts[contracts.length - 1];
    const number = reading.values.contractNo;
    const startsNew = !open
      || (number !== undefined && open.reading.values.contractNo !== undefined && number !== open.reading.values.contractNo)
      || (reading.titled && open.reading.values.partyA !== undefined && reading.values.partyA !== undefined && reading.values.partyA !== open.reading.values.partyA);
    const target = startsNew ? { first: page, method, reading: emptyReading<ContractFieldName>(), pages: {}, wordsFen: null } : open;
    if (startsNew) contracts.push(target);
    for (const field of CONTRACT_FIELD_NAMES) {
      const value = reading.values[field];
      if (value === undefined || target.reading.values[field] !== undefined) continue;
      target.reading.values[field] = value;
      const confidence = reading.confidence[field];
      if (confidence !== undefined) target.reading.confidence[field] = confidence;
      const box = reading.boxes[field];
      if (box) target.reading.boxes[field] = box;
      if (page !== target.first) target.pages[field] = page;
    }
    if (target.wordsFen === null && reading.wordsFen !== null) target.wordsFen = reading.wordsFen;
    if (method === 'ocr') target.method = 'ocr';
  }
  return contracts
    .filter((contract) => contract.reading.values.partyA !== undefined || contract.reading.values.partyB !== undefined || contract.reading.values.contractNo !== undefined)
    .map((contract) => {
      const value = (field: ContractFieldName) => contract.reading.values[field] ?? null;
      const checks: CheckOutcome[] = [];
      const amount = value('amount');
      if (amount !== null && contract.wordsFen !== null) {
        const words = formatYuan(contract.wordsFen);
        const ok = words === amount;
        checks.push({ id: 'amount-in-words', ok, severity: ok ? 'info' : 'warning', message: ok ? `the amount in words matches ${amount}` : `the amount in words (${words}) differs from the figures (${amount})` });
      }
      const fields = Object.fromEntries(CONTRACT_FIELD_NAMES.map((field) => [field, value(field)])) as ExtractedContract['fields'];
      return {
        page: contract.first,
        method: contract.method,
        fields,
        confidence: { ...contract.reading.confidence },
        boxes: { ...contract.reading.boxes },
        ...(Object.keys(contract.pages).length > 0 ? { pages: { ...contract.pages } } : {}),
        checks,
      };
    });
}

// The claim list of a manifest-less dossier: claims.csv, claims.xlsx or the program's revenue-list
// sheet. Column headers (Chinese or English) are mapped to claim fields; the reviewer can correct
// the mapping and read the table again with readClaimTable. Everything here is pure.
import { parseDecimal, pow10 } from '../money/decimal';
import { formatYuan, tryParseYuan } from '../money/yuan';
import type { Fen, ManifestClaim } from '../types';
import { problem, type ImportProblem } from './problems';
import { isRealDate } from '../calendar';

export interface SheetRows {
  name: string;
  rows: string[][];
}

/** Reads every sheet of an XLSX workbook as rows of cell text; supplied by the host (exceljs). */
export type SpreadsheetReader = (bytes: Uint8Array) => Promise<SheetRows[]>;

/**
 * The text of a spreadsheet cell value as exceljs returns it (string, number, Date, boolean, rich
 * text, formula with result, hyperlink, error). Integers beyond 2^53 come out in exponent form so
 * that an invoice number Excel stored as a number is seen to have lost digits, not silently changed.
 */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return '';
    if (Number.isInteger(value)) return Number.isSafeInteger(value) ? String(value) : value.toExponential();
    return String(Number(value.toPrecision(15)));
  }
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    const cell = value as { richText?: { text?: string }[]; result?: unknown; text?: unknown; error?: unknown; formula?: unknown; sharedFormula?: unknown };
    if (Array.isArray(cell.richText)) return cell.richText.map((run) => run.text ?? '').join('');
    if ('formula' in cell || 'sharedFormula' in cell) return cellText(cell.result);
    if ('error' in cell) return '';
    if ('text' in cell) return cellText(cell.text);
  }
  return '';
}

export const CLAIM_COLUMNS = [
  'id', 'description', 'counterparty', 'contractName', 'contractNo', 'contractAmount', 'invoiceCode',
  'invoiceNumbers', 'invoiceAmount', 'invoiceDate', 'paidAmount', 'claimedAmount', 'serviceType',
] as const;
export type ClaimColumn = (typeof CLAIM_COLUMNS)[number];

/** Claim field → zero-based column index. */
export type ClaimColumnMapping = Partial<Record<ClaimColumn, number>>;

const AMOUNT_COLUMNS: ClaimColumn[] = ['claimedAmount', 'invoiceAmount', 'contractAmount'];

// Exact synonyms (after normalising) and, second, words a longer header may contain.
const HEADER_WORDS: Record<ClaimColumn, { exact: string[]; contains: string[] }> = {
  id: { exact: ['序号', '编号', '序列号', '项目编号', '申报编号', 'no', 'no.', 'id', '#', 'claimid'], contains: ['序号'] },
  description: { exact: ['项目名称', '服务内容', '服务项目', '采购内容', '产品名称', '内容', '摘要', '说明', 'description', 'item'], contains: ['服务内容', '项目名称', '采购内容', '服务名称', '产品名称'] },
  counterparty: { exact: ['客户名称', '客户', '服务商', '服务商名称', '供应商', '供应商名称', '对方单位', '合作单位', '收款单位', '付款单位', '销售方', '销售方名称', '购买方', '购买方名称', 'counterparty', 'customer', 'supplier'], contains: ['客户名称', '服务商名称', '供应商名称', '单位名称', '对方名称', '企业名称'] },
  contractName: { exact: ['合同名称'], contains: ['合同名称'] },
  contractNo: { exact: ['合同编号', '合同号', 'contractno', 'contractnumber', 'contract'], contains: ['合同编号', '合同号'] },
  contractAmount: { exact: ['合同金额', '合同总额', '合同价款', 'contractamount'], contains: ['合同金额', '合同总额', '合同价款'] },
  invoiceCode: { exact: ['发票代码', 'invoicecode'], contains: ['发票代码'] },
  invoiceNumbers: { exact: ['发票号码', '发票号', '发票编号', '数电票号码', '发票号码（数电）', 'invoicenumber', 'invoicenumbers', 'invoiceno'], contains: ['发票号码', '发票号', '发票编号'] },
  invoiceAmount: { exact: ['发票金额', '开票金额', '价税合计', 'invoiceamount'], contains: ['发票金额', '开票金额', '价税合计'] },
  invoiceDate: { exact: ['开票日期', '发票日期', 'invoicedate', 'date'], contains: ['开票日期', '开票时间', '发票日期'] },
  paidAmount: { exact: ['收款金额', '到账金额', '付款金额', '支付金额', '实付金额', '已付金额', 'paidamount', 'paid'], contains: ['收款金额', '到账金额', '付款金额', '支付金额', '实付金额', '已付金额'] },
  claimedAmount: { exact: ['申报金额', '申请金额', '申报费用', '费用金额', '服务费用', '金额', 'amount', 'claimedamount'], contains: ['申报金额', '申请金额', '申报费用'] },
  serviceType: { exact: ['服务类型', '服务类别', '类别', '类型', 'servicetype', 'category'], contains: ['服务类型', '服务类别'] },
};

export function normaliseHeader(header: string): string {
  return header
    .replace(/[（(][^）)]*[）)]/g, '')
    .replace(/[\s:：*＊]/g, '')
    .toLowerCase();
}

/** Amount columns headed in 万元 hold ten-thousands of yuan. */
export function headerUnit(header: string): 'yuan' | 'wan' {
  return /万元/.test(header) ? 'wan' : 'yuan';
}

/** Maps header cells to claim fields: exact synonyms first, then the longest contained word. */
export function detectClaimColumns(headers: string[]): ClaimColumnMapping {
  const mapping: ClaimColumnMapping = {};
  const taken = new Set<number>();
  const normalised = headers.map(normaliseHeader);
  for (const column of CLAIM_COLUMNS) {
    const index = normalised.findIndex((header, i) => !taken.has(i) && HEADER_WORDS[column].exact.includes(header));
    if (index >= 0) { mapping[column] = index; taken.add(index); }
  }
  const candidates: { column: ClaimColumn; index: number; length: number }[] = [];
  for (const column of CLAIM_COLUMNS) {
    if (mapping[column] !== undefined) continue;
    normalised.forEach((header, index) => {
      if (taken.has(index)) return;
      for (const word of HEADER_WORDS[column].contains) if (header.includes(word)) candidates.push({ column, index, length: word.length });
    });
  }
  candidates.sort((a, b) => b.length - a.length);
  for (const candidate of candidates) {
    if (mapping[candidate.column] !== undefined || taken.has(candidate.index)) continue;
    mapping[candidate.column] = candidate.index;
    taken.add(candidate.index);
  }
  return mapping;
}

export interface ClaimTableLocation {
  sheet: string | null;
  sheetIndex: number;
  /** Zero-based row of the header. */
  headerRow: number;
  headers: string[];
  mapping: ClaimColumnMapping;
}

const HEADER_SEARCH_ROWS = 15;

/** Finds the sheet and row whose headers map to the most claim fields (title rows above are skipped). */
export function locateClaimTable(sheets: SheetRows[]): ClaimTableLocation | null {
  let best: (ClaimTableLocation & { score: number }) | null = null;
  sheets.forEach((sheet, sheetIndex) => {
    sheet.rows.slice(0, HEADER_SEARCH_ROWS).forEach((row, headerRow) => {
      const mapping = detectClaimColumns(row);
      const score = Object.keys(mapping).length;
      const hasAmount = AMOUNT_COLUMNS.some((column) => mapping[column] !== undefined);
      if (score >= 2 && hasAmount && (!best || score > best.score)) {
        best = { sheet: sheets.length > 1 || sheet.name ? sheet.name : null, sheetIndex, headerRow, headers: row, mapping, score };
      }
    });
  });
  if (!best) return null;
  const { score: _score, ...location } = best as ClaimTableLocation & { score: number };
  return location;
}

export interface ClaimTableRead {
  claims: ManifestClaim[];
  problems: ImportProblem[];
  /** Which amount column became the claim amount. */
  amountColumn: ClaimColumn | null;
  unmappedHeaders: string[];
}

function toHalfWidth(text: string): string {
  return text.replace(/[０-９．，－／]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}

/** An amount cell to fen: ¥, 元 and thousands separators allowed; 万元 columns scaled exactly. */
export function parseAmountCell(cell: string, unit: 'yuan' | 'wan'): Fen | null {
  const text = toHalfWidth(cell).replace(/\s+/g, '').replace(/元$/, '');
  if (unit === 'yuan') return tryParseYuan(text);
  const plain = text.replace(/^[¥￥]/, '').replaceAll(',', '');
  if (!/^-?\d+(\.\d+)?$/.test(plain)) return null;
  const { units, scale } = parseDecimal(plain);
  // value × 10 000 yuan × 100 fen = units × 10^6 / 10^scale; must come out whole.
  const numerator = units * 1_000_000n;
  const denominator = pow10(scale);
  if (numerator % denominator !== 0n) return null;
  const fen = numerator / denominator;
  if (fen > BigInt(Number.MAX_SAFE_INTEGER) || fen < -BigInt(Number.MAX_SAFE_INTEGER)) return null;
  return Number(fen);
}

/** 2024-3-5, 2024/03/05, 2024.3.5, 2024年3月5日, 20240305 → 2024-03-05; null when not a real date. */
export function parseDateCell(cell: string): string | null {
  const text = toHalfWidth(cell).trim();
  const match = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T].*)?$/.exec(text) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (!isRealDate(year, month, day)) return null;
  return `${match[1]}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function splitInvoiceNumbers(cell: string): string[] {
  return toHalfWidth(cell).split(/[\s,;、；|/]+|，/).map((part) => part.replace(/^(no\.?|№)/i, '').trim()).filter(Boolean);
}

const TOTAL_ROW = /^(合计|总计|小计|共计|total|subtotal)/i;

/**
 * Reads claims from rows below the header with the given mapping. Blank and total rows are
 * skipped; a row whose amount cannot be read is reported (with row number and cell) and left out.
 */
export function readClaimTable(rows: string[][], headerRow: number, mapping: ClaimColumnMapping, file: string): ClaimTableRead {
  const problems: ImportProblem[] = [];
  const headers = rows[headerRow] ?? [];
  const amountColumn = AMOUNT_COLUMNS.find((column) => mapping[column] !== undefined) ?? null;
  const mappedIndexes = new Set(Object.values(mapping));
  const unmappedHeaders = headers.filter((header, index) => header.trim() !== '' && !mappedIndexes.has(index));
  if (!amountColumn) {
    problems.push(problem(file, 'claims-invalid', 'warning', 'the claim list has no amount column (申报金额, 发票金额 or 合同金额); map one to read the claims'));
    return { claims: [], problems, amountColumn, unmappedHeaders };
  }
  const claims: ManifestClaim[] = [];
  const ids = new Set<string>();
  const cell = (row: string[], column: ClaimColumn): string => {
    const index = mapping[column];
    return index === undefined ? '' : (row[index] ?? '').trim();
  };
  const amount = (row: string[], column: ClaimColumn, rowNumber: number): string | undefined => {
    const text = cell(row, column);
    if (text === '') return undefined;
    const fen = parseAmountCell(text, headerUnit(headers[mapping[column]!] ?? ''));
    if (fen === null) {
      problems.push(problem(file, 'claims-row', 'warning', `row ${rowNumber}: ${headers[mapping[column]!] ?? column} "${text}" is not an amount`));
      return undefined;
    }
    return formatYuan(fen);
  };
  for (let r = headerRow + 1; r < rows.length; r++) {
    const row = rows[r]!;
    const rowNumber = r + 1;
    if (row.every((value) => value.trim() === '')) continue;
    if (row.slice(0, 3).some((value) => TOTAL_ROW.test(value.trim()))) continue;
    const amountText = cell(row, amountColumn);
    const claimAmount = amount(row, amountColumn, rowNumber);
    if (claimAmount === undefined) {
      if (amountText === '') problems.push(problem(file, 'claims-row', 'warning', `row ${rowNumber}: no ${headers[mapping[amountColumn]!] ?? amountColumn}; the row is not read as a claim`));
      else problems.push(problem(file, 'claims-row', 'warning', `row ${rowNumber}: the row is not read as a claim`));
      continue;
    }
    let id = cell(row, 'id') || `R${rowNumber}`;
    if (ids.has(id)) {
      problems.push(problem(file, 'claims-row', 'warning', `row ${rowNumber}: number "${id}" is used by an earlier row; this claim is called R${rowNumber}`));
      id = `R${rowNumber}`;
    }
    ids.add(id);
    const claim: ManifestClaim = { id, amount: claimAmount, source: { file, row: rowNumber } };
    const description = cell(row, 'description') || cell(row, 'contractName');
    if (description) claim.description = description;
    if (cell(row, 'contractName')) claim.contractName = cell(row, 'contractName');
    if (cell(row, 'counterparty')) claim.counterparty = cell(row, 'counterparty');
    if (cell(row, 'contractNo')) claim.contractNo = cell(row, 'contractNo');
    if (cell(row, 'serviceType')) claim.serviceType = cell(row, 'serviceType');
    if (cell(row, 'invoiceCode')) claim.invoiceCode = cell(row, 'invoiceCode');
    const invoiceNumbers = splitInvoiceNumbers(cell(row, 'invoiceNumbers'));
    for (const number of invoiceNumbers) {
      if (/^\d+(\.\d+)?e\+?\d+$/i.test(number)) {
        problems.push(problem(file, 'claims-row', 'warning', `row ${rowNumber}: invoice number "${number}" was stored as a number and has lost digits; retype it as text`));
      }
    }
    if (invoiceNumbers.length > 0) claim.invoiceNumbers = invoiceNumbers;
    for (const column of ['contractAmount', 'invoiceAmount', 'paidAmount'] as const) {
      if (column === amountColumn) continue;
      const value = amount(row, column, rowNumber);
      if (value !== undefined) claim[column] = value;
    }
    const dateText = cell(row, 'invoiceDate');
    if (dateText) {
      const date = parseDateCell(dateText);
      if (date) claim.invoiceDate = date;
      else problems.push(problem(file, 'claims-row', 'warning', `row ${rowNumber}: invoice date "${dateText}" is not a date`));
    }
    claims.push(claim);
  }
  return { claims, problems, amountColumn, unmappedHeaders };
}

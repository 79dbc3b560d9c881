// The bureau workbook with exceljs (Node and browser alike): Chinese headers, amounts as numbers
// in yuan with the ¥ format, frozen and filtered header rows, columns fitted to their content
// (CJK characters count double). Text is stored as a string cell with the text format (@), so that
// formula-like text stays text even when edited, and no apostrophe is stored or shown.
import ExcelJS from 'exceljs';
import { formatCny } from '../core/money';
import type { ExportCell, ExportColumn, ExportSheet } from '../core/export/cells';
import { displayWidth } from './text-width';

export const YUAN_NUMBER_FORMAT = '"¥"#,##0.00';
export const RATIO_NUMBER_FORMAT = '0.00%';
export const INTEGER_NUMBER_FORMAT = '0';
export const TEXT_NUMBER_FORMAT = '@';

const MIN_WIDTH = 6;
const MAX_WIDTH = 60;

function decimalPlaces(value: string): number {
  const dot = value.indexOf('.');
  return dot < 0 ? 0 : value.length - dot - 1;
}

function decimalFormat(places: number): string {
  return places === 0 ? '0' : `0.${'0'.repeat(places)}`;
}

/** The value exceljs stores and the number format it gets. */
function cellValue(cell: ExportCell): { value: string | number | null; numFmt?: string } {
  switch (cell.kind) {
    case 'text':
      return { value: cell.value, numFmt: TEXT_NUMBER_FORMAT };
    case 'money':
      // A display number in yuan; the fen integer stays the source of truth everywhere else.
      return { value: cell.fen / 100, numFmt: YUAN_NUMBER_FORMAT };
    case 'integer':
      return { value: cell.value, numFmt: INTEGER_NUMBER_FORMAT };
    case 'decimal': {
      const number = Number(cell.value);
      return Number.isFinite(number) && /^-?\d+(\.\d+)?$/.test(cell.value)
        ? { value: number, numFmt: decimalFormat(Math.min(decimalPlaces(cell.value), 4)) }
        : { value: cell.value };
    }
    case 'ratio':
      return { value: cell.denominator === 0 ? 0 : cell.numerator / cell.denominator, numFmt: RATIO_NUMBER_FORMAT };
    case 'empty':
      return { value: null };
  }
}

/** How the cell reads on screen, to fit its column. */
function shownText(cell: ExportCell): string {
  switch (cell.kind) {
    case 'text':
      return cell.value;
    case 'money':
      return formatCny(cell.fen);
    case 'integer':
      return String(cell.value);
    case 'decimal':
      return cell.value;
    case 'ratio':
      return '100.00%';
    case 'empty':
      return '';
  }
}

function fittedWidth(column: ExportColumn, rows: ExportCell[][], index: number): number {
  let widest = displayWidth(column.header);
  for (const row of rows) {
    const cell = row[index];
    if (!cell) continue;
    for (const line of shownText(cell).split(/\r?\n/)) widest = Math.max(widest, displayWidth(line));
  }
  return Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, widest + 2));
}

export interface XlsxOptions {
  /** Stored as the workbook's created/modified time. */
  created?: Date;
  creator?: string;
}

export function buildWorkbook(sheets: ExportSheet[], options: XlsxOptions = {}): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = options.creator ?? 'Dossier Desk';
  const created = options.created ?? new Date();
  workbook.created = created;
  workbook.modified = created;
  for (const sheet of sheets) {
    const worksheet = workbook.addWorksheet(sheet.name, { views: [{ state: 'frozen', xSplit: 0, ySplit: 1 }] });
    worksheet.columns = sheet.columns.map((column, index) => ({ header: column.header, width: fittedWidth(column, sheet.rows, index) }));
    const header = worksheet.getRow(1);
    header.font = { bold: true };
    header.alignment = { vertical: 'middle', horizontal: 'center' };
    header.eachCell((cell) => {
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF5' } };
      cell.border = { bottom: { style: 'thin' } };
    });
    for (const row of sheet.rows) {
      const added = worksheet.addRow(row.map((cell) => cellValue(cell).value));
      row.forEach((cell, index) => {
        const { numFmt } = cellValue(cell);
        if (numFmt) added.getCell(index + 1).numFmt = numFmt;
      });
    }
    if (sheet.columns.length > 0) {
      worksheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: sheet.columns.length } };
    }
  }
  return workbook;
}

/** The workbook as .xlsx bytes. */
export async function writeXlsx(sheets: ExportSheet[], options: XlsxOptions = {}): Promise<Uint8Array> {
  const buffer = await buildWorkbook(sheets, options).xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}

export const XLSX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

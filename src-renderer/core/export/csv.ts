// CSV for Excel and WPS: UTF-8 with a byte-order mark (without it both read GBK and garble the
// Chinese), RFC 4180 quoting, CRLF line ends. Amounts are plain decimal yuan ("12720.00") so that
// the spreadsheet reads them as numbers; formula-like text gets an apostrophe (OWASP), since a CSV
// cell has no type that would keep it text.
import { formatYuan } from '../money';
import { strToU8 } from 'fflate';
import { escapeFormulaText, type ExportCell, type ExportSheet } from './cells';

export const UTF8_BOM = '\uFEFF';

function cellText(cell: ExportCell): string {
  switch (cell.kind) {
    case 'text':
      return escapeFormulaText(cell.value);
    case 'money':
      return formatYuan(cell.fen);
    case 'integer':
      return String(cell.value);
    case 'decimal':
    case 'ratio':
      return cell.value;
    case 'empty':
      return '';
  }
}

export function quoteCsvField(text: string): string {
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The sheet as CSV text, starting with the BOM, header row first, CRLF after every row. */
export function sheetToCsv(sheet: ExportSheet): string {
  const lines = [sheet.columns.map((column) => quoteCsvField(escapeFormulaText(column.header)))];
  for (const row of sheet.rows) lines.push(row.map((cell) => quoteCsvField(cellText(cell))));
  return `${UTF8_BOM}${lines.map((fields) => `${fields.join(',')}\r\n`).join('')}`;
}

export function sheetToCsvBytes(sheet: ExportSheet): Uint8Array {
  return strToU8(sheetToCsv(sheet));
}

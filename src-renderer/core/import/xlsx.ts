// An xlsx workbook as rows of cell text, every sheet: the one reading behind the import's
// SpreadsheetReader port in the app and in the CLI. The host hands in an exceljs Workbook (the
// Node build or the browser build); only its shape is named here.
import { cellText, type SheetRows } from './claims';

interface XlsxSheet {
  name: string;
  eachRow(options: { includeEmpty: boolean }, callback: (row: { values: unknown }, rowNumber: number) => void): void;
}

export interface XlsxWorkbook {
  xlsx: { load(data: Uint8Array): Promise<unknown> };
  eachSheet(callback: (sheet: XlsxSheet) => void): void;
}

/** Loads the bytes into the (new, empty) workbook and reads every sheet; a row without cells is []. */
export async function readWorkbookSheets(bytes: Uint8Array, workbook: XlsxWorkbook): Promise<SheetRows[]> {
  await workbook.xlsx.load(bytes.slice());
  const sheets: SheetRows[] = [];
  workbook.eachSheet((sheet) => {
    const rows: string[][] = [];
    sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
      rows[rowNumber - 1] = (Array.isArray(row.values) ? row.values.slice(1) : []).map(cellText);
    });
    for (let i = 0; i < rows.length; i++) rows[i] ??= [];
    sheets.push({ name: sheet.name, rows });
  });
  return sheets;
}

import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { buildExportSheets } from '../../../src-renderer/core/export/tables';
import { TEXT_NUMBER_FORMAT, writeXlsx, YUAN_NUMBER_FORMAT } from '../../../src-renderer/export/xlsx';
import { sampleDossier } from './fixture';

async function openWorkbook(): Promise<ExcelJS.Workbook> {
  const bytes = await writeXlsx(buildExportSheets([sampleDossier()]), { created: new Date('2024-10-22T00:00:00Z') });
  expect(String.fromCharCode(bytes[0]!, bytes[1]!)).toBe('PK');
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  return workbook;
}

function headers(sheet: ExcelJS.Worksheet): string[] {
  return (sheet.getRow(1).values as unknown[]).slice(1).map(String);
}

function columnOf(sheet: ExcelJS.Worksheet, header: string): number {
  const index = headers(sheet).indexOf(header);
  if (index < 0) throw new Error(`no ${header} on ${sheet.name}`);
  return index + 1;
}

describe('XLSX workbook (read back with exceljs)', () => {
  it('has the twelve Chinese sheets with Chinese headers, frozen header rows and filters', async () => {
    const workbook = await openWorkbook();
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['汇总', '核减明细', '发票台账', '审查发现', '专家评分', '专家评分汇总表', '材料清单', '资格条件', '形式预审', '补正通知', '操作日志', '文件清单']);
    for (const sheet of workbook.worksheets) {
      expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(headers(sheet).length).toBeGreaterThan(3);
    }
    expect(headers(workbook.getWorksheet('汇总')!)).toEqual(expect.arrayContaining(['申报单位', '统一社会信用代码', '申报金额', '核减金额', '核减比例', '结论', '专家评分', '档次', '奖励上限']));
  });

  it('stores amounts as numbers in yuan with the ¥ format, and the ratio as a percentage', async () => {
    const sheet = (await openWorkbook()).getWorksheet('汇总')!;
    const claimed = sheet.getRow(2).getCell(columnOf(sheet, '申报金额'));
    expect(claimed.value).toBe(22720);
    expect(claimed.numFmt).toBe(YUAN_NUMBER_FORMAT);
    const cut = sheet.getRow(2).getCell(columnOf(sheet, '核减金额'));
    expect(cut.value).toBe(3000);
    const ratio = sheet.getRow(2).getCell(columnOf(sheet, '核减比例'));
    expect(typeof ratio.value).toBe('number');
    expect(ratio.value).toBe(300000 / 2272000);
    expect(ratio.numFmt).toBe('0.00%');
    const threshold = sheet.getRow(2).getCell(columnOf(sheet, '核减阈值'));
    expect(threshold.value).toBe(0.2);
    expect(threshold.numFmt).toBe('0.00%');
    const score = sheet.getRow(2).getCell(columnOf(sheet, '专家评分'));
    expect(score.value).toBe(46.75);
    expect(sheet.getRow(2).getCell(columnOf(sheet, '档次')).value).toBe('<60');
    expect(sheet.getRow(2).getCell(columnOf(sheet, '申报单位')).value).toBe('深圳市示例数字科技有限公司');
  });

  it('keeps fen exact for amounts with cents', async () => {
    const sheet = (await openWorkbook()).getWorksheet('发票台账')!;
    const tax = sheet.getRow(3).getCell(columnOf(sheet, '税额'));
    expect(tax.value).toBe(452.83);
    expect(tax.numFmt).toBe(YUAN_NUMBER_FORMAT);
    expect(sheet.getRow(3).getCell(columnOf(sheet, '页码')).value).toBe(1);
  });

  it('stores formula-like text as a text-format string cell, without a stored or shown apostrophe', async () => {
    const workbook = await openWorkbook();
    let formulaLike = 0;
    for (const sheet of workbook.worksheets) {
      sheet.eachRow((row, rowNumber) => row.eachCell((cell) => {
        expect(cell.type).not.toBe(ExcelJS.ValueType.Formula);
        if (typeof cell.value === 'string' && rowNumber > 1) {
          expect(cell.numFmt).toBe(TEXT_NUMBER_FORMAT);
          expect(cell.value.startsWith("'")).toBe(false);
          if (/^[=+\-@]/.test(cell.value)) formulaLike += 1;
        }
      }));
    }
    expect(formulaLike).toBeGreaterThanOrEqual(4);
    const cuts = workbook.getWorksheet('核减明细')!;
    const note = cuts.getRow(3).getCell(columnOf(cuts, '说明'));
    expect(note.value).toBe('=HYPERLINK("http://evil","x")');
    expect(note.type).toBe(ExcelJS.ValueType.String);
  });

  it('fits columns to their content, CJK characters counting double', async () => {
    const sheet = (await openWorkbook()).getWorksheet('汇总')!;
    const applicant = sheet.getColumn(columnOf(sheet, '申报单位')).width!;
    // 深圳市示例数字科技有限公司: 13 CJK characters = 26 columns, plus padding.
    expect(applicant).toBeGreaterThanOrEqual(26);
    const files = (await openWorkbook()).getWorksheet('文件清单')!;
    expect(files.getColumn(columnOf(files, 'SHA-256')).width).toBeGreaterThanOrEqual(60);
    expect(sheet.getColumn(columnOf(sheet, '类别')).width).toBeLessThan(applicant);
  });
});

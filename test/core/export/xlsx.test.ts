import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { buildExportSheets } from '../../../src-renderer/core/export/tables';
import { TEXT_NUMBER_FORMAT, writeXlsx, YUAN_NUMBER_FORMAT } from '../../../src-renderer/export/xlsx';
import type { ReconciledRow } from '../../../src-renderer/core/types';
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
  it('has the fourteen Chinese sheets with Chinese headers, frozen header rows and filters', async () => {
    const workbook = await openWorkbook();
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['汇总', '核减明细', '核查明细', '抽样方案', '发票台账', '审查发现', '专家评分', '专家评分汇总表', '材料清单', '资格条件', '形式预审', '补正通知', '操作日志', '文件清单']);
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

describe('the 核查明细 sheet (read back with exceljs)', () => {
  /** The sample with its rows reconciled: C1 fully supported, C2 with an accepted and a rejected proposal, C3 deferred. */
  function reconciledDossier() {
    const dossier = sampleDossier();
    const [auditor, ...experts] = dossier.reviews;
    const decided = {
      ...auditor!,
      cuts: auditor!.cuts.map((cut) => (cut.claimId === 'C2' ? { ...cut, proposal: 'C2:amount-mismatch' } : cut)),
      proposals: { 'C2:missing-payment': { status: 'rejected' as const, note: '客户已于次月付清' } },
    };
    const reconciliation: ReconciledRow[] = [
      {
        claimId: 'C1', declaredFen: 1_272_000, supportedFen: 1_272_000, counterparty: { name: '广州市云服务示例有限公司', creditCode: null, eligible: null }, reviewerLinked: [],
        invoices: [{ file: 'invoices/001.pdf', page: 1, invoiceNumber: '24442000000123456789', totalFen: 1_272_000, issueDate: '2024-05-20' }],
        contracts: [{ file: 'contracts/SZ-2024-001.pdf', page: 2, contractNo: 'SZ-2024-001', amountFen: 1_272_000 }],
        payments: [{ file: 'receipts/icbc-1.pdf', page: 1, amountFen: 1_272_000, date: '2024-06-03' }],
        proposals: [],
      },
      {
        claimId: 'C2', declaredFen: 1_000_000, supportedFen: 700_000, counterparty: { name: null, creditCode: null, eligible: null }, reviewerLinked: ['payments'],
        invoices: [{ file: 'invoices/002.pdf', page: 1, invoiceNumber: '24442000000123456790', totalFen: 800_000, issueDate: '2024-06-01' }],
        contracts: [], payments: [{ file: 'receipts/ccb-2.pdf', page: 1, amountFen: 700_000, date: '2024-06-10' }],
        proposals: [
          { id: 'C2:amount-mismatch', reason: 'amount-mismatch', amountFen: 200_000, message: '发票价税合计 8,000.00 元少于申报 10,000.00 元', messageEn: 'invoiced 8,000.00 of 10,000.00', clause: '五(九)', evidence: [], status: 'accepted' },
          { id: 'C2:missing-payment', reason: 'missing-payment', amountFen: 100_000, message: '银行回单仅支付 7,000.00 元', messageEn: 'paid 7,000.00', clause: '五(十)', evidence: [], status: 'rejected' },
        ],
      },
      {
        claimId: 'C3', declaredFen: 500_000, supportedFen: 500_000, counterparty: { name: '太原检测服务有限公司', creditCode: null, eligible: null }, reviewerLinked: [],
        invoices: [{ file: 'invoices/003.xml', page: 1, invoiceNumber: '24142000000000000001', totalFen: 500_000, issueDate: '2024-10-01' }], contracts: [], payments: [], proposals: [],
        deferredToNextRound: { clause: '二(一)', message: '发票开具于 2024-09-30 之后，按通知纳入下一年度兑现', messageEn: 'invoiced after 2024-09-30' },
      },
    ];
    return { ...dossier, reviews: [decided, ...experts], report: { ...dossier.report, reconciliation } };
  }

  async function reconciliationSheet(): Promise<ExcelJS.Worksheet> {
    const bytes = await writeXlsx(buildExportSheets([reconciledDossier()]), { created: new Date('2024-10-22T00:00:00Z') });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
    return workbook.getWorksheet('核查明细')!;
  }

  it('lists each row with its linked evidence and supported amount, one line per proposal with reason, amount, clause and decision', async () => {
    const sheet = await reconciliationSheet();
    expect(headers(sheet)).toEqual(['申报单位', '申报行', '交易对方', '申报金额', '关联发票', '关联合同', '关联银行回单', '关联方式', '证据支持金额',
      '核减建议', '建议金额', '依据条款', '建议理由', '审查决定', '核减金额', '决定说明', '决定人']);
    const cell = (row: number, header: string) => sheet.getRow(row).getCell(columnOf(sheet, header)).value;
    expect(sheet.rowCount).toBe(5);
    expect(cell(2, '申报行')).toBe('C1');
    expect(cell(2, '关联发票')).toBe('24442000000123456789 12720.00元 2024-05-20（invoices/001.pdf 第1页）');
    expect(cell(2, '关联合同')).toBe('SZ-2024-001 12720.00元（contracts/SZ-2024-001.pdf 第2页）');
    expect(cell(2, '关联银行回单')).toBe('12720.00元 2024-06-03（receipts/icbc-1.pdf 第1页）');
    expect(cell(2, '证据支持金额')).toBe(12720);
    expect(cell(2, '核减建议')).toBe('无');
    expect(cell(2, '审查决定')).toBe('无需决定');

    expect([cell(3, '申报行'), cell(3, '核减建议'), cell(3, '建议金额'), cell(3, '依据条款'), cell(3, '审查决定'), cell(3, '核减金额'), cell(3, '决定人')])
      .toEqual(['C2', '金额不符', 2000, '五(九)', '已采纳（核减）', 2000, '王审计']);
    expect(cell(3, '建议理由')).toBe('发票价税合计 8,000.00 元少于申报 10,000.00 元');
    expect(cell(3, '决定说明')).toBe('发票金额小于申报金额');
    expect(cell(3, '证据支持金额')).toBe(7000);
    expect(cell(3, '关联方式')).toBe('评审人员指定：回单');
    expect(sheet.getRow(3).getCell(columnOf(sheet, '建议金额')).numFmt).toBe(YUAN_NUMBER_FORMAT);

    expect([cell(4, '申报行'), cell(4, '核减建议'), cell(4, '建议金额'), cell(4, '审查决定'), cell(4, '核减金额'), cell(4, '决定说明'), cell(4, '决定人')])
      .toEqual(['C2', '缺少付款凭证', 1000, '未采纳', null, '客户已于次月付清', '王审计']);

    expect([cell(5, '申报行'), cell(5, '核减建议'), cell(5, '依据条款'), cell(5, '审查决定'), cell(5, '核减金额')])
      .toEqual(['C3', '转下一轮', '二(一)', '转下一轮兑现（不核减，本轮不计补助）', null]);
    expect(cell(5, '建议理由')).toContain('2024-09-30');
  });
});

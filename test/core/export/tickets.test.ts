// A passenger ticket or receipt invoice (kind 'ticket') through the exports: its kind in the invoice
// ledger (票种), its row in the 核查明细 marked as not counted with the proposal's own reason, the
// workbook read back, and the verifiable package (@2) carrying the kind in the invoice's record; a
// @1 package is still read and its summary recomputed as its engine made it (kinds not consulted).

import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { assembleExportDossier, recomputePackagedReport } from '../../../src-renderer/core/export/assemble';
import {
  buildDossierPackage, packageEngineInput, parseDossierPackage, serializeDossierPackage, verifyDossierPackage,
  PACKAGE_SCHEMA, PACKAGE_SCHEMA_V1, type PackageDossier,
} from '../../../src-renderer/core/export/package';
import { buildExportSheets, SHEET_NAMES } from '../../../src-renderer/core/export/tables';
import type { ExportCell, ExportDossier, ExportSheet } from '../../../src-renderer/core/export';
import { writeXlsx } from '../../../src-renderer/export/xlsx';
import { computeDossierId } from '../../../src-renderer/core/import/pipeline';
import { nodeHasher } from '../../../src-main/cli/adapters/hasher';
import { contract, invoice, manifest, payment, profile, readings } from '../engine/builders';

const BUYER = '广州市测试制造有限公司';
const PROVIDER = '广州市服务机构有限公司';
const GUANGZHOU = profile('guangzhou-2020-voucher');

/** G1 rests on a taxi receipt alone, G2 on a VAT invoice; both contracted and paid. */
async function ticketDossier(): Promise<ExportDossier> {
  const dossier = manifest('guangzhou-2020-voucher', 'sme', [
    { id: 'G1', amount: '300.00', counterparty: PROVIDER, contractNo: 'GZ-1', invoiceNumbers: ['20400001'] },
    { id: 'G2', amount: '10000.00', counterparty: PROVIDER, contractNo: 'GZ-2', invoiceNumbers: ['44012000'] },
  ], { name: BUYER, creditCode: '91440101MA5G9H8J7K' });
  const extractions = [
    readings('发票/taxi.png', { invoices: [{ ...invoice({ invoiceCode: '144002011111', invoiceNumber: '20400001', issueDate: '2020-06-01', totalAmount: '300.00' }), method: 'ocr', kind: 'ticket' }] }),
    readings('发票/vat.pdf', { invoices: [invoice({ invoiceNumber: '44012000', issueDate: '2020-06-01', buyerName: BUYER, sellerName: PROVIDER, totalAmount: '10000.00' })] }),
    readings('合同/GZ-1.pdf', { contracts: [contract({ contractNo: 'GZ-1', partyA: BUYER, partyB: PROVIDER, amount: '300.00' })] }),
    readings('合同/GZ-2.pdf', { contracts: [contract({ contractNo: 'GZ-2', partyA: BUYER, partyB: PROVIDER, amount: '10000.00' })] }),
    readings('回单/1.pdf', { payments: [payment({ payerName: BUYER, payeeName: PROVIDER, amount: '300.00', date: '2020-06-02', purpose: 'GZ-1' })] }),
    readings('回单/2.pdf', { payments: [payment({ payerName: BUYER, payeeName: PROVIDER, amount: '10000.00', date: '2020-06-02', purpose: 'GZ-2' })] }),
  ];
  const files = extractions.map((extraction, index) => ({ file: extraction.file, kind: 'invoice', sha256: String(index).repeat(64), size: 1 }));
  const dossierId = await computeDossierId(nodeHasher, dossier, files.map((file) => ({ path: file.file, sha256: file.sha256 })));
  return assembleExportDossier({ profile: GUANGZHOU, dossierId, manifest: dossier, extractions, reviews: [], files });
}

function sheetOf(sheets: ExportSheet[], name: string): ExportSheet {
  const found = sheets.find((entry) => entry.name === name);
  if (!found) throw new Error(`no sheet ${name}`);
  return found;
}

function column(table: ExportSheet, header: string): ExportCell[] {
  const index = table.columns.findIndex((entry) => entry.header === header);
  if (index < 0) throw new Error(`no column ${header} in ${table.name}`);
  return table.rows.map((row) => row[index]!);
}

const dossier = await ticketDossier();

describe('a ticket in the exports', () => {
  const sheets = buildExportSheets([dossier]);

  it('the invoice ledger names each reading\'s kind (票种): a ticket or receipt invoice, or a VAT invoice', () => {
    const ledger = sheetOf(sheets, SHEET_NAMES.invoices);
    expect(column(ledger, '发票号码')).toEqual([{ kind: 'text', value: '20400001' }, { kind: 'text', value: '44012000' }]);
    expect(column(ledger, '票种')).toEqual([{ kind: 'text', value: '客票或定额票据' }, { kind: 'text', value: '增值税发票' }]);
  });

  it('the 核查明细 marks the ticket not counted and gives the proposal\'s reason and clause', () => {
    const reconciliation = sheetOf(sheets, SHEET_NAMES.reconciliation);
    const linked = column(reconciliation, '关联发票');
    expect(linked[0]).toEqual({ kind: 'text', value: '20400001 300.00元 2020-06-01（发票/taxi.png 第1页；客票或定额票据，不计）' });
    expect(linked[1]).toEqual({ kind: 'text', value: '44012000 10000.00元 2020-06-01（发票/vat.pdf 第1页）' });
    expect(column(reconciliation, '核减建议')[0]).toEqual({ kind: 'text', value: '缺少发票' });
    expect(column(reconciliation, '依据条款')[0]).toEqual({ kind: 'text', value: '附件2 二(五)4(3)' });
    expect(column(reconciliation, '建议理由')[0]).toEqual({ kind: 'text', value: '票据 20400001 为客票或定额发票，不是增值税发票：票面没有购买方和销售方，不能证明服务交易双方；本行没有可作依据的增值税发票' });
    expect(column(reconciliation, '证据支持金额')).toEqual([{ kind: 'money', fen: 0 }, { kind: 'money', fen: 1_000_000 }]);
  });

  it('the workbook read back with exceljs has the 票种 column', async () => {
    const bytes = await writeXlsx(sheets, { created: new Date('2026-12-06T00:00:00Z') });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
    const ledger = workbook.getWorksheet('发票台账')!;
    const headers = (ledger.getRow(1).values as unknown[]).slice(1).map(String);
    const kindColumn = headers.indexOf('票种') + 1;
    expect(kindColumn).toBe(headers.indexOf('页码') + 2);
    expect([ledger.getRow(2).getCell(kindColumn).value, ledger.getRow(3).getCell(kindColumn).value]).toEqual(['客票或定额票据', '增值税发票']);
  });

  it('the package is @2 and keeps the ticket\'s kind in its invoice record; it verifies with the engine re-run', async () => {
    const pkg = await buildDossierPackage({ dossiers: [dossier], exports: [], versions: { app: 't', engine: 't', ocrModel: 't' }, createdAt: '2026-12-06T03:00:00Z' }, nodeHasher);
    const parsed = parseDossierPackage(serializeDossierPackage(pkg));
    if (!('pkg' in parsed)) throw new Error(parsed.problem);
    expect(parsed.pkg.schema).toBe('dossier-desk/package@2');
    expect(parsed.pkg.dossiers[0]!.extractions[0]!.invoices[0]!.kind).toBe('ticket');
    expect(parsed.pkg.dossiers[0]!.extractions[1]!.invoices[0]).not.toHaveProperty('kind');
    const verified = await verifyDossierPackage(parsed.pkg, nodeHasher, { recomputeReport: async (packaged) => ({ report: recomputePackagedReport(packaged, GUANGZHOU) }) });
    expect(verified.problems).toEqual([]);
    expect(verified.checked.map((entry) => entry.item)).toContain('dossiers/0/summary#recomputed');
    expect(recomputePackagedReport(parsed.pkg.dossiers[0]!, GUANGZHOU).reconciliation![0]!.proposals.map((proposal) => proposal.reason)).toEqual(['missing-invoice']);
  });

  it('a @1 package is still read; its engine counted a ticket as any invoice, so it is re-run without the kinds', async () => {
    expect(PACKAGE_SCHEMA).toBe('dossier-desk/package@2');
    const pkg = await buildDossierPackage({ dossiers: [dossier], exports: [], versions: { app: 't', engine: 't', ocrModel: 't' }, createdAt: '2026-12-06T03:00:00Z' }, nodeHasher);
    const older = parseDossierPackage(serializeDossierPackage({ ...pkg, schema: PACKAGE_SCHEMA_V1 }));
    if (!('pkg' in older)) throw new Error(older.problem);
    expect(older.pkg.schema).toBe(PACKAGE_SCHEMA_V1);
    const seen: PackageDossier[] = [];
    await verifyDossierPackage(older.pkg, nodeHasher, { recomputeReport: async (packaged) => { seen.push(packaged); return { skipped: 'seen' }; } });
    expect(seen[0]!.extractions[0]!.invoices[0]).not.toHaveProperty('kind');
    // The package itself keeps what it says (its hashes cover it).
    expect(older.pkg.dossiers[0]!.extractions[0]!.invoices[0]!.kind).toBe('ticket');
    expect(recomputePackagedReport(seen[0]!, GUANGZHOU).reconciliation![0]!.proposals).toEqual([]);
    expect(packageEngineInput({ schema: PACKAGE_SCHEMA }, older.pkg.dossiers[0]!)).toBe(older.pkg.dossiers[0]);
    expect(parseDossierPackage(JSON.stringify({ ...pkg, schema: 'dossier-desk/package@3' }))).toEqual({ problem: expect.stringMatching(/schema is "dossier-desk\/package@3", expected "dossier-desk\/package@2" \(or the older "dossier-desk\/package@1"\)/) });
  });
});

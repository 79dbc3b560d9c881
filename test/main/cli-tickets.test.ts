// A ticket or receipt invoice (kind 'ticket') in the command line's outputs: check --json marks it in
// the row's invoices and proposes the row's whole amount with the ticket's own reason; export gives the
// 票种 column (xlsx) and a package@2 whose invoice record keeps the kind, which verify accepts; an
// extraction file with another kind is refused naming where.
import ExcelJS from 'exceljs';
import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from './run-cli';
import { syntheticTicket, ticketTextPdf, ticketTruth } from '../fixtures/invoices/tickets';

let work = '';

const BUYER = '广州市示例制造有限公司';
const PROVIDER = '广州市中小企业服务中心有限公司';

function invoiceRecord(fields: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return {
    page: 1, method: 'ocr', confidence: {}, boxes: {}, checks: [],
    fields: {
      invoiceCode: null, invoiceNumber: null, issueDate: null, buyerName: null, buyerTaxId: null, sellerName: null, sellerTaxId: null,
      items: [], amountExclTax: null, taxAmount: null, totalAmount: null, totalInWords: null, remarks: null, ...fields,
    },
    ...extra,
  };
}

function extractFile(kind: string) {
  return {
    files: [
      { file: 'taxi.png', sha256: '', errors: [], invoices: [invoiceRecord({ invoiceCode: '144002011111', invoiceNumber: '20400001', issueDate: '2020-06-01', totalAmount: '300.00' }, { kind })] },
      { file: 'vat.pdf', sha256: '', errors: [], invoices: [invoiceRecord({ invoiceNumber: '44011900000000000002', issueDate: '2020-06-01', buyerName: BUYER, sellerName: PROVIDER, totalAmount: '1000.00' })] },
    ],
  };
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'dossier-desk-cli-tickets-'));
  await mkdir(join(work, 'dossier'));
  await writeFile(join(work, 'dossier', 'dossier.json'), JSON.stringify({
    schema: 'dossier-desk/dossier@1', program: 'guangzhou-2020-voucher',
    applicant: { name: BUYER, creditCode: '91440101MA5G9H8J7K', category: 'sme' }, documents: [],
    claims: [
      { id: 'C1', counterparty: PROVIDER, invoiceNumbers: ['20400001'], amount: '300.00' },
      { id: 'C2', counterparty: PROVIDER, invoiceNumbers: ['44011900000000000002'], amount: '1000.00' },
    ],
  }));
  await writeFile(join(work, 'extract.json'), JSON.stringify(extractFile('ticket')));
  await writeFile(join(work, 'extract-bad.json'), JSON.stringify(extractFile('vat')));
  await writeFile(join(work, 'taxi.pdf'), await ticketTextPdf(syntheticTicket('taxi', 1)));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('a ticket in the command line\'s outputs', () => {
  it('check --json: the ticket is marked in the row\'s invoices and is not its invoice evidence', async () => {
    const { code, stdout } = await cli(['check', 'dossier', '--extractions', 'extract.json', '--json'], work);
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    const [ticketRow, vatRow] = report.reconciliation;
    expect(ticketRow.invoices).toEqual([{ file: 'taxi.png', page: 1, invoiceNumber: '20400001', totalFen: 30_000, issueDate: '2020-06-01', kind: 'ticket' }]);
    expect(ticketRow.proposals[0]).toMatchObject({ id: 'C1:missing-invoice', reason: 'missing-invoice', amountFen: 30_000, clause: '附件2 二(五)4(3)' });
    expect(ticketRow.proposals[0].message).toContain('为客票或定额发票，不是增值税发票');
    expect(vatRow.invoices[0]).not.toHaveProperty('kind');
    expect(vatRow.proposals.map((proposal: { reason: string }) => proposal.reason)).not.toContain('missing-invoice');
  }, 60_000);

  it('export: the 票种 column in the workbook, the kind in the package@2 record, and verify accepts the package', async () => {
    expect((await cli(['export', 'dossier', '--extractions', 'extract.json', '--format', 'xlsx', '--out', 'out/t.xlsx'], work)).code).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await readFile(join(work, 'out/t.xlsx')) as unknown as ExcelJS.Buffer);
    const ledger = workbook.getWorksheet('发票台账')!;
    const headers = (ledger.getRow(1).values as unknown[]).slice(1);
    const at = (row: number, name: string) => ledger.getRow(row).getCell(headers.indexOf(name) + 1).value;
    expect([at(2, '发票号码'), at(2, '票种')]).toEqual(['20400001', '客票或定额票据']);
    expect([at(3, '发票号码'), at(3, '票种')]).toEqual(['44011900000000000002', '增值税发票']);

    expect((await cli(['export', 'dossier', '--extractions', 'extract.json', '--format', 'json', '--out', 'out/t.json'], work)).code).toBe(0);
    const pkg = JSON.parse(await readFile(join(work, 'out/t.json'), 'utf8'));
    expect(pkg.schema).toBe('dossier-desk/package@2');
    expect(pkg.dossiers[0].extractions[0].invoices[0].kind).toBe('ticket');
    const verified = await cli(['verify', 'out/t.json'], work);
    expect(verified.stderr).toBe('');
    expect(verified.code).toBe(0);
  }, 120_000);

  it('extract: the plain text marks a ticket as such and gives no empty buyer and seller lines', async () => {
    const truth = ticketTruth(syntheticTicket('taxi', 1));
    const { code, stdout } = await cli(['extract', 'taxi.pdf'], work);
    expect(code).toBe(0);
    const lines = stdout.split('\n');
    expect(lines[1]).toBe(`  ticket page 1 (text): code ${truth.invoiceCode} number ${truth.invoiceNumber}  date ${truth.issueDate}`);
    expect(lines[2]).toBe('    passenger ticket or fixed-amount receipt (客票或定额发票): no buyer or seller, not a VAT invoice');
    expect(lines[3]).toContain(`total ${truth.totalAmount}`);
    expect(stdout).not.toMatch(/^ +(buyer|seller) /m);
    const json = JSON.parse((await cli(['extract', 'taxi.pdf', '--json'], work)).stdout);
    expect(json.files[0].invoices[0].kind).toBe('ticket');
  }, 60_000);

  it('check: the plain text lists the ticket finding (no VAT invoice, not counted, parties not compared) with its clause', async () => {
    const { code, stdout } = await cli(['check', 'dossier', '--extractions', 'extract.json'], work);
    expect(code).toBe(0);
    expect(stdout).toContain('  [警告] 申报项 C1：票据 20400001（客票或定额发票）不是增值税发票，票面没有购买方和销售方，不能证明服务交易双方：不计入发票价税合计，不核对购销方名称；本项没有可作依据的增值税发票（taxi.png 第1页） [附件2 二(五)4(3)]');
    expect(stdout).not.toContain('申报项 C2：票据');
  }, 60_000);

  it('an extraction file whose invoice has another kind is refused, naming where', async () => {
    const { code, stderr } = await cli(['check', 'dossier', '--extractions', 'extract-bad.json', '--json'], work);
    expect(code).toBe(3);
    expect(stderr).toContain('extract-bad.json');
    expect(stderr).toMatch(/files\[0\]\.invoices\[0\]\.kind/);
  }, 60_000);
});

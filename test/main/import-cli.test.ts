import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import ExcelJS from 'exceljs';
import { zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDossier } from '../../src-main/cli/dossier-source';
import { readDossier, readXlsxSheets } from '../../src-main/cli/read-dossier';
import { einvoiceXml, plainPdf } from '../fixtures/hostile/builders';
import { buildHostileCorpus } from '../fixtures/hostile/corpus';
import { cli } from './run-cli';

async function revenueWorkbook(): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet('说明').addRow(['本表为营业收入明细']);
  const sheet = workbook.addWorksheet('营业收入明细表');
  sheet.addRow(['附件2：服务收入明细']);
  sheet.addRow(['序号', '客户名称', '合同名称', '合同金额（万元）', '发票号码', '发票金额', '开票日期', '收款金额']);
  sheet.addRow([1, '甲公司', '云平台', 1.272, '24442000000123456789', 12720, new Date(Date.UTC(2024, 4, 6)), { formula: 'F3', result: 12720 }]);
  sheet.addRow([2, { richText: [{ text: '乙' }, { text: '公司' }] }, '数据', 5, Number('24442000000123456790'), 50000.5, '2024/6/1', 50000.5]);
  return new Uint8Array(await workbook.xlsx.writeBuffer() as ArrayBuffer);
}

describe('reading dossiers from disk', () => {
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'dossier-import-'));
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('reads the claim list from an xlsx revenue-list sheet with exceljs', async () => {
    const sheets = await readXlsxSheets(await revenueWorkbook());
    expect(sheets.map((s) => s.name)).toEqual(['说明', '营业收入明细表']);
    expect(sheets[1]!.rows[2]).toEqual(['1', '甲公司', '云平台', '1.272', '24442000000123456789', '12720', '2024-05-06', '12720']);
    const folder = join(root, 'xlsx');
    mkdirSync(join(folder, 'invoices'), { recursive: true });
    writeFileSync(join(folder, '收入明细.xlsx'), await revenueWorkbook());
    writeFileSync(join(folder, 'invoices', 'a.xml'), einvoiceXml('24442000000123456789'));
    const report = await readDossier([folder]);
    expect(report.claimTable).toMatchObject({ file: '收入明细.xlsx', sheet: '营业收入明细表', headerRow: 1 });
    expect(report.manifest.claims[0]).toMatchObject({ id: '1', amount: '12720.00', contractAmount: '12720.00', invoiceDate: '2024-05-06', paidAmount: '12720.00', counterparty: '甲公司' });
    expect(report.manifest.claims[1]).toMatchObject({ counterparty: '乙公司', amount: '50000.50', contractAmount: '50000.00' });
    expect(report.problems.some((p) => p.message.includes('row 4') && p.message.includes('lost digits'))).toBe(true);
  });

  it('never follows a symbolic link in a folder', async () => {
    const folder = join(root, 'links');
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(root, 'secret.pdf'), plainPdf('secret'));
    symlinkSync(join(root, 'secret.pdf'), join(folder, 'invoice.pdf'));
    writeFileSync(join(folder, 'a.xml'), einvoiceXml('1'));
    const report = await readDossier([folder]);
    expect(report.rejected.map((r) => [r.path, r.problems[0]!.code])).toEqual([['invoice.pdf', 'link']]);
    expect(report.documents.map((d) => d.path)).toEqual(['a.xml']);
  });

  it('imports the hostile corpus as a folder and as a zip through the CLI, every file with its message', async () => {
    const corpus = buildHostileCorpus();
    const folder = join(root, 'hostile');
    for (const file of corpus.files) {
      mkdirSync(dirname(join(folder, file.path)), { recursive: true });
      writeFileSync(join(folder, file.path), file.bytes);
    }
    writeFileSync(join(root, 'hostile.zip'), zipSync(Object.fromEntries(corpus.files.map((f) => [f.path, f.bytes]))));
    for (const target of [join('hostile', 'dossier'), 'hostile.zip']) {
      const { code, stdout } = await cli(['import', target, '--json'], root);
      expect(code).toBe(0);
      const report = JSON.parse(stdout) as { documents: { path: string; bytes?: unknown }[]; problems: { file: string; code: string }[] };
      for (const [path, expectation] of Object.entries(corpus.expected)) {
        if (path === 'oversize.pdf' || path === 'bomb.zip/zeros.pdf') continue; // depend on the test limits
        expect(report.problems.some((p) => p.file === path && p.code === expectation.code), `${target}: ${path}`).toBe(true);
      }
      for (const path of corpus.good) expect(report.documents.some((d) => d.path === path), `${target}: ${path}`).toBe(true);
      expect(report.documents[0]!.bytes).toBeUndefined();
    }
  }, 60_000);

  it('loadDossier reads a dossier .zip with its manifest, and a folder without one', async () => {
    const manifest = {
      schema: 'dossier-desk/dossier@1', program: 'shenzhen-2024-dsp', applicant: { name: '甲公司', category: 'comprehensive' },
      documents: [{ file: 'invoices/a.xml', kind: 'invoice' }], claims: [{ id: 'C1', amount: '100.00' }],
    };
    writeFileSync(join(root, 'with-manifest.zip'), zipSync({ 'd/dossier.json': new TextEncoder().encode(JSON.stringify(manifest)), 'd/invoices/a.xml': einvoiceXml('1') }));
    const zipped = await loadDossier('with-manifest.zip', root);
    expect(zipped.manifest).toMatchObject({ program: 'shenzhen-2024-dsp', claims: [{ id: 'C1', amount: '100.00' }] });
    expect(zipped.manifestFile).toBe('with-manifest.zip/dossier.json');

    const folder = join(root, 'no-manifest');
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'claims.csv'), '序号,客户名称,发票金额\n1,甲,100\n');
    writeFileSync(join(folder, 'a.xml'), einvoiceXml('1'));
    const inferred = await loadDossier('no-manifest', root);
    expect(inferred.manifest.claims).toEqual([{ id: '1', amount: '100.00', counterparty: '甲', source: { file: 'claims.csv', row: 2 } }]);
    expect(inferred.manifest.documents).toEqual([{ file: 'a.xml', kind: 'invoice' }, { file: 'claims.csv', kind: 'revenue-list' }]);

    writeFileSync(join(root, 'bad-manifest.zip'), zipSync({ 'dossier.json': new TextEncoder().encode('{"schema":"x"}'), 'a.xml': einvoiceXml('1') }));
    await expect(loadDossier('bad-manifest.zip', root)).rejects.toThrow(/bad-manifest.zip\/dossier.json: invalid dossier manifest/);
  });

  it('exits 3 naming a missing path, 2 without one', async () => {
    expect(await cli(['import', 'nowhere'], root)).toMatchObject({ code: 3, stderr: expect.stringContaining('nowhere: no such file or folder') });
    expect((await cli(['import'], root)).code).toBe(2);
  });
});

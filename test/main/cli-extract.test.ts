import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { FileExtraction } from '../../src-renderer/core/types';
import { contractLayouts, expectedContractFields } from '../fixtures/evidence/contracts';
import { expectedPaymentFields, receiptLayout } from '../fixtures/evidence/receipts';
import { specimenContracts, specimenReceipts } from '../fixtures/evidence/specimens';
import { layoutsToPdf } from '../fixtures/sample-dossier/render';
import { cli } from './run-cli';

vi.mock('electron', () => ({}));

const samples = resolve(import.meta.dirname, '../fixtures/real-invoices');

describe('cli extract', () => {
  it('prints the DESIGN.md JSON for e-invoices (xml and ofd)', async () => {
    const { code, stdout, stderr } = await cli(['extract', join(samples, 'xml/X01_qdp_anhui_unicom_26347000000117553300.xml'), join(samples, 'ofd/O04_zhejiang_83089647.ofd'), '--json']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const output = JSON.parse(stdout) as { files: FileExtraction[] };
    expect(output.files).toHaveLength(2);
    const [xml, ofd] = output.files;
    expect(xml!.sha256).toBe('982b22559f6874b0a899111be9e3847d62b4980a8994fc5dd5c10aafc5ae3ddf');
    expect(xml!.invoices[0]).toMatchObject({ page: 1, method: 'xml', fields: { invoiceNumber: '26347000000117553300', totalAmount: '19.00', invoiceCode: null } });
    expect(ofd!.invoices[0]).toMatchObject({ page: 1, method: 'ofd', fields: { invoiceCode: '033002000211', invoiceNumber: '83089647', issueDate: '2020-07-23', totalAmount: '526.00' } });
    expect(Object.keys(ofd!.invoices[0]!.fields)).toEqual(['invoiceCode', 'invoiceNumber', 'issueDate', 'buyerName', 'buyerTaxId', 'sellerName', 'sellerTaxId', 'items', 'amountExclTax', 'taxAmount', 'totalAmount', 'totalInWords', 'remarks']);
    expect(ofd!.invoices[0]!.checks.every((check) => typeof check.id === 'string' && typeof check.ok === 'boolean' && typeof check.message === 'string')).toBe(true);
    expect(ofd!.errors).toEqual([]);
  });

  it('lists per-file problems in errors and still exits 0', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'extract-cli-'));
    writeFileSync(join(dir, 'notes.txt'), 'just some notes');
    writeFileSync(join(dir, 'broken.pdf'), '%PDF-1.7\n1 0 obj <<>> garbage');
    writeFileSync(join(dir, 'other.xml'), '<catalog><book/></catalog>');
    writeFileSync(join(dir, 'broken.ofd'), new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5, 6]));
    writeFileSync(join(dir, 'IMG_0001.HEIC'), new Uint8Array([0, 0, 0, 0x18, ...new TextEncoder().encode('ftypheic'), 0, 0, 0, 0, ...new TextEncoder().encode('mif1heic')]));
    const { code, stdout } = await cli(['extract', '--json', join(dir, 'notes.txt'), join(dir, 'broken.pdf'), join(dir, 'other.xml'), join(dir, 'broken.ofd'), join(dir, 'IMG_0001.HEIC')]);
    expect(code).toBe(0);
    const output = JSON.parse(stdout) as { files: FileExtraction[] };
    expect(output.files.map((file) => file.errors[0]?.code)).toEqual(['unsupported-type', 'unreadable', 'not-an-invoice', 'unreadable', 'unsupported-type']);
    expect(output.files.every((file) => file.invoices.length === 0)).toBe(true);
    expect(output.files[1]!.errors[0]!.message).toContain('broken.pdf');
    expect(output.files[0]!.errors[0]!.message).toContain('(content: text)');
    expect(output.files[0]!.errors[0]!.message).not.toContain('JPEG or PNG to import');
    expect(output.files[4]!.errors[0]!.message).toContain('(content: a HEIC/HEIF photo (as phones save them)); save the picture as JPEG or PNG to import it');
  });

  it('gives the contracts and bank receipts of a file, in the shape DESIGN.md lists, and in its text output', { timeout: 60_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'extract-cli-'));
    const contract = specimenContracts()[0]!;
    const receipt = specimenReceipts()[4]!;
    writeFileSync(join(dir, 'contract.pdf'), await layoutsToPdf(contractLayouts(contract, '测试'), 'contract'));
    writeFileSync(join(dir, 'receipt.pdf'), await layoutsToPdf([receiptLayout(receipt)], 'receipt'));
    const { code, stdout } = await cli(['extract', '--json', join(dir, 'contract.pdf'), join(dir, 'receipt.pdf')]);
    expect(code).toBe(0);
    const [contractFile, receiptFile] = (JSON.parse(stdout) as { files: FileExtraction[] }).files;
    expect(contractFile).toMatchObject({ invoices: [], payments: [], errors: [] });
    expect(contractFile!.contracts![0]).toMatchObject({ page: 1, method: 'text', fields: expectedContractFields(contract) });
    expect(Object.keys(contractFile!.contracts![0]!.fields)).toEqual(['contractNo', 'partyA', 'partyB', 'partyATaxId', 'partyBTaxId', 'signDate', 'periodFrom', 'periodTo', 'amount', 'subject']);
    expect(receiptFile).toMatchObject({ invoices: [], contracts: [], errors: [] });
    expect(receiptFile!.payments![0]).toMatchObject({ page: 1, method: 'text', fields: expectedPaymentFields(receipt) });
    expect(Object.keys(receiptFile!.payments![0]!.fields)).toEqual(['payerName', 'payerAccount', 'payeeName', 'payeeAccount', 'amount', 'date', 'serial', 'purpose', 'bank', 'payerBank', 'payeeBank']);
    const text = await cli(['extract', join(dir, 'receipt.pdf')]);
    expect(text.stdout).toContain(`payment page 1 (text): 招商银行  date ${receipt.date}  serial ${receipt.serial}`);
  });

  it('reads a folder on two reading threads into the same JSON as on one thread, duplicates across threads included', { timeout: 240_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'extract-cli-'));
    const files = ['pdf/P14_qdp_guangzhou_tea_25447000001115703415.pdf', 'ofd/O04_zhejiang_83089647.ofd', 'ofd/O01_chongqing_12235358_with_list.ofd', 'xml/X01_qdp_anhui_unicom_26347000000117553300.xml', 'img/I13_qdp_guangzhou_tea_render_25447000001115703415.jpg'];
    const paths = files.map((file) => join(samples, file));
    copyFileSync(join(samples, files[3]!), join(dir, 'the-same-invoice-again.xml'));
    paths.push(join(dir, 'the-same-invoice-again.xml'), join('resources/samples/shenzhen-dsp/发票/23442000001510000046.pdf'));
    const serial = await cli(['extract', '--json', '--threads', '1', ...paths]);
    const pooled = await cli(['extract', '--json', '--threads', '2', ...paths]);
    expect(serial.code).toBe(0);
    expect(pooled.code).toBe(0);
    expect(pooled.stderr).toBe(serial.stderr);
    expect(pooled.stdout).toBe(serial.stdout);
    const output = JSON.parse(pooled.stdout) as { files: FileExtraction[] };
    expect(output.files.map((file) => file.file)).toEqual(paths);
    expect(output.files[4]!.invoices[0]!.method).toBe('ocr');
    const duplicate = output.files[5]!.invoices[0]!.checks.find((check) => check.id === 'duplicate-in-input');
    expect(duplicate).toMatchObject({ ok: false });
    expect(duplicate!.message).toContain('X01_qdp_anhui_unicom');
  });

  it('refuses a --threads that is not a whole number of threads', async () => {
    const xml = join(samples, 'xml/X01_qdp_anhui_unicom_26347000000117553300.xml');
    for (const threads of ['0', 'two', '1.5']) {
      const { code, stderr } = await cli(['extract', xml, '--threads', threads]);
      expect(code).toBe(2);
      expect(stderr).toContain('--threads takes a whole number of threads');
    }
  });

  it('exits 3 naming a file that does not exist', async () => {
    const { code, stderr } = await cli(['extract', '/nonexistent/invoice.pdf']);
    expect(code).toBe(3);
    expect(stderr).toContain('/nonexistent/invoice.pdf');
    expect(stderr).toContain('no such file');
  });

  it('exits 2 without files or with an unknown option', async () => {
    expect((await cli(['extract'])).code).toBe(2);
    expect((await cli(['extract', '--frobnicate', 'x.pdf'])).code).toBe(2);
  });

  it('prints a readable summary without --json', async () => {
    const { code, stdout } = await cli(['extract', join(samples, 'ofd/O13_guangxi_toll_40541075_rezipped.ofd')]);
    expect(code).toBe(0);
    expect(stdout).toContain('number 40541075');
    expect(stdout).toContain('30.49');
  });
});

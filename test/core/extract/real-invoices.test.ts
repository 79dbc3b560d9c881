// Every key field of every real e-invoice (pdf, ofd, xml) in the fixture corpus, against the
// ground truth; and no e-invoice may reach OCR.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { extractFile, extractFiles } from '../../../src-renderer/core/extract/pipeline';
import type { OcrEngine } from '../../../src-renderer/core/ports';
import { createNodeExtractPorts } from '../../../src-main/cli/adapters';
import { toHalfWidth } from '../../../src-renderer/core/extract/text-normalize';
import { type GroundTruthEntry, KEY_FIELDS, REAL_EXTRA_DIR, REAL_INVOICES_DIR, expectedKeyFields, expectedRemarks, loadGroundTruth } from './ground-truth';
import type { InvoiceFields } from '../../../src-renderer/core/types';

const ocrCalls: string[] = [];
const refusingOcr: OcrEngine = {
  modelVersion: 'refusing test double',
  async recognize() {
    ocrCalls.push('called');
    throw new Error('an e-invoice reached OCR');
  },
};
const basePorts = createNodeExtractPorts({ ocr: false });
const ports = { ...basePorts, ocr: refusingOcr };
afterAll(() => basePorts.dispose());

const truth = loadGroundTruth();
const eInvoices = truth.filter((entry) => /^(pdf|ofd|xml)\//.test(entry.file) && !entry.file.includes('P17'));

function read(file: string) {
  return { path: file, bytes: new Uint8Array(readFileSync(resolve(REAL_INVOICES_DIR, file))) };
}

describe('real e-invoices', () => {
  it.each(eInvoices.map((entry) => [entry.file, entry] as const))('%s: every key field matches the ground truth', async (_file, entry) => {
    const result = await extractFile(read(entry.file), ports);
    expect(result.errors).toEqual([]);
    expect(result.sha256).toBe(entry.sha256);
    expect(result.invoices.length).toBeGreaterThanOrEqual(1);
    const invoice = result.invoices[0]!;
    expect(invoice.page).toBe(1);
    expect(invoice.method).toBe(entry.file.slice(0, entry.file.indexOf('/')) === 'pdf' ? 'text' : entry.file.slice(0, 3));
    const expected = expectedKeyFields(entry);
    for (const field of KEY_FIELDS) {
      expect({ field, value: invoice.fields[field] }).toEqual({ field, value: expected[field] });
    }
    const remarks = expectedRemarks(entry);
    expect(invoice.fields.remarks === null ? null : toHalfWidth(invoice.fields.remarks).replace(/\s+/g, ' ')).toBe(remarks === null ? null : toHalfWidth(remarks).replace(/\s+/g, ' '));
    expect(invoice.fields.items.length).toBeGreaterThanOrEqual(1);
    const failed = invoice.checks.filter((check) => !check.ok && check.severity === 'error').map((check) => check.id);
    expect(failed).toEqual([]);
    for (const field of KEY_FIELDS) {
      if (invoice.fields[field] !== null) expect(invoice.confidence[field]).toBeGreaterThan(0.9);
    }
  });

  it('reads boxes in page coordinates for text PDFs and OFDs', async () => {
    const pdf = await extractFile(read('pdf/P14_qdp_guangzhou_tea_25447000001115703415.pdf'), ports);
    const [x, y, w, h] = pdf.invoices[0]!.boxes.invoiceNumber!;
    expect(x).toBeGreaterThan(400);
    expect(y).toBeLessThan(60);
    expect(w).toBeGreaterThan(50);
    expect(h).toBeGreaterThan(5);
    const ofd = await extractFile(read('ofd/O03_qdp_special_24112000000048542163.ofd'), ports);
    expect(ofd.invoices[0]!.boxes.totalAmount).toBeDefined();
  });

  it('the 数电 item split over two OFD text objects is joined', async () => {
    const ofd = await extractFile(read('ofd/O03_qdp_special_24112000000048542163.ofd'), ports);
    expect(ofd.invoices[0]!.fields.items).toEqual([{ name: '*信息技术服务*技术服务费', amount: '4197.17', rate: '6%', tax: '251.83' }]);
  });

  it('the OFD with a 销货清单 yields one invoice whose items sum to the totals', async () => {
    const ofd = await extractFile(read('ofd/O01_chongqing_12235358_with_list.ofd'), ports);
    expect(ofd.invoices).toHaveLength(1);
    expect(ofd.invoices[0]!.checks.find((c) => c.id === 'items-sum')?.ok).toBe(true);
    expect(ofd.invoices[0]!.checks.find((c) => c.id === 'seller-tax-id')).toMatchObject({ ok: false, severity: 'warning' });
  });

  it('without tags, attachment and CustomData, the OFD with a 销货清单 still yields one invoice with the 100 listed items', async () => {
    const parts = unzipSync(read('ofd/O01_chongqing_12235358_with_list.ofd').bytes);
    const stripped = Object.fromEntries(Object.entries(parts)
      .filter(([name]) => !/\/(Tags|Attachs)\//.test(name))
      .map(([name, data]) => [name, name === 'OFD.xml' ? strToU8(strFromU8(data).replace(/<ofd:CustomData Name="[^"]*">[^<]*<\/ofd:CustomData>/g, '')) : data]));
    const ofd = await extractFile({ path: 'O01-stripped.ofd', bytes: zipSync(stripped) }, ports);
    expect(ofd.invoices).toHaveLength(1);
    const invoice = ofd.invoices[0]!;
    expect(invoice.fields).toMatchObject({ invoiceCode: '050001700111', invoiceNumber: '12235358', totalAmount: '10600.00', totalInWords: '壹万零陆佰圆整' });
    expect(invoice.fields.items).toHaveLength(100);
    expect(invoice.fields.items[0]).toEqual({ name: '*餐饮服务*餐费', amount: '100.00', rate: '6%', tax: '6.00' });
    expect(invoice.checks.find((c) => c.id === 'items-sum')?.ok).toBe(true);
  });

  it('cross-checks the QR payload embedded in an OFD', async () => {
    const ofd = await extractFile(read('ofd/O04_zhejiang_83089647.ofd'), ports);
    expect(ofd.invoices[0]!.checks.find((c) => c.id === 'qr-matches')).toMatchObject({ ok: true });
  });

  it('reports the placeholder preview (P17) as not an invoice', async () => {
    const result = await extractFile(read('pdf/P17_related_air_itinerary_preview.pdf'), ports);
    expect(result.invoices).toEqual([]);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]!.code).toBe('not-an-invoice');
    expect(result.errors[0]!.message).toContain('P17');
  });

  it('marks the same invoice given twice as a duplicate', async () => {
    const file = 'xml/X01_qdp_anhui_unicom_26347000000117553300.xml';
    const results = await extractFiles([read(file), { ...read(file), path: 'copy.xml' }], ports);
    for (const result of results) {
      expect(result.invoices[0]!.checks.find((c) => c.id === 'duplicate-in-input')).toMatchObject({ ok: false });
    }
    const single = await extractFile(read(file), ports);
    expect(single.invoices[0]!.checks.find((c) => c.id === 'duplicate-in-input')).toMatchObject({ ok: true });
  });

  it('never sent an e-invoice to OCR', () => {
    expect(ocrCalls).toEqual([]);
  });
});

// Further real 数电 XML and OFD invoices (OFD directories from public repositories re-zipped, with
// whatever parts the repository holds): every key field, the remark and every item line.
const extra = loadGroundTruth(REAL_EXTRA_DIR);

function expectGroundTruth(fields: InvoiceFields, entry: GroundTruthEntry): void {
  const expected = expectedKeyFields(entry);
  for (const field of KEY_FIELDS) {
    expect({ field, value: fields[field] }).toEqual({ field, value: expected[field] });
  }
  const remarks = expectedRemarks(entry);
  expect(fields.remarks === null ? null : toHalfWidth(fields.remarks).replace(/\s+/g, ' ')).toBe(remarks === null ? null : toHalfWidth(remarks).replace(/\s+/g, ' '));
  expect(fields.items).toEqual(entry.items_detail);
}

describe('real e-invoices, further XML and OFD files', () => {
  it.each(extra.map((entry) => [entry.file, entry] as const))('%s: every key field, the remark and the items match the ground truth', async (_file, entry) => {
    const result = await extractFile({ path: entry.file, bytes: new Uint8Array(readFileSync(resolve(REAL_EXTRA_DIR, entry.file))) }, ports);
    expect(result.errors).toEqual([]);
    expect(result.sha256).toBe(entry.sha256);
    expect(result.invoices).toHaveLength(1);
    const invoice = result.invoices[0]!;
    expect(invoice.method).toBe(entry.file.slice(0, 3));
    expectGroundTruth(invoice.fields, entry);
    const failed = invoice.checks.filter((check) => !check.ok && check.severity === 'error').map((check) => check.id);
    expect(failed).toEqual([]);
    expect(invoice.checks.find((check) => check.id === 'items-sum')).toMatchObject({ ok: true });
  });

  it.each(extra.filter((entry) => entry.file.startsWith('ofd/')).map((entry) => [entry.file, entry] as const))('%s: the page text alone (tags and CustomData removed) gives the same reading', async (_file, entry) => {
    const parts = unzipSync(new Uint8Array(readFileSync(resolve(REAL_EXTRA_DIR, entry.file))));
    const stripped = Object.fromEntries(Object.entries(parts)
      .filter(([name]) => !/\/Tags\//.test(name))
      .map(([name, data]) => [name, name === 'OFD.xml' ? strToU8(strFromU8(data).replace(/<ofd:CustomData Name="[^"]*">[^<]*<\/ofd:CustomData>/g, '')) : data]));
    const result = await extractFile({ path: entry.file, bytes: zipSync(stripped) }, ports);
    expect(result.errors).toEqual([]);
    const invoice = result.invoices[0]!;
    expectGroundTruth(invoice.fields, entry);
  });

  it('never sent one of them to OCR', () => {
    expect(ocrCalls).toEqual([]);
  });
});

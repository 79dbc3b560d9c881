// Synthetic invoices with known ground truth: text PDFs in both layouts (every field exact, no OCR),
// a multi-invoice PDF (one invoice a page), OCR accuracy checks on 300 DPI scans, and the invoice QR
// code printed on them: decoded from text PDFs, scans and image-only PDFs and checked against the
// printed fields, including codes whose amount disagrees with the print.
import { afterAll, describe, expect, it } from 'vitest';
import { extractFile } from '../../../src-renderer/core/extract/pipeline';
import { createNodeExtractPorts, jsqrDecoder } from '../../../src-main/cli/adapters';
import type { FileExtraction } from '../../../src-renderer/core/types';
import { type SyntheticInvoice, groundTruthOf, invoiceQrPayload, syntheticInvoice } from '../../fixtures/invoices/invoice-data';
import { invoiceImagePdf, invoiceScan, invoiceTextPdf, scanOptionsFor } from '../../fixtures/invoices/generate-invoices';
import { KEY_FIELDS } from './ground-truth';

const ports = createNodeExtractPorts({ qr: false });
afterAll(() => ports.dispose());

describe('generated text PDFs', () => {
  it.each([[1, 'digital'], [2, 'old'], [3, 'digital'], [4, 'old']] as const)('seed %i (%s layout): every field, items and remarks exact', async (seed, layout) => {
    const invoice = syntheticInvoice(seed, layout);
    const result = await extractFile({ path: `synthetic-${seed}.pdf`, bytes: new Uint8Array(await invoiceTextPdf([invoice])) }, ports);
    expect(result.errors).toEqual([]);
    expect(result.invoices).toHaveLength(1);
    expect(result.invoices[0]!.method).toBe('text');
    expect(result.invoices[0]!.fields).toEqual(groundTruthOf(invoice));
    expect(result.invoices[0]!.checks.filter((check) => !check.ok)).toEqual([]);
  });

  it.each([[41, 'digital'], [42, 'old']] as const)('seed %i (%s layout): an individual buyer (个人, no taxpayer id) leaves the buyer id empty, the seller\'s in place', async (seed, layout) => {
    const invoice = { ...syntheticInvoice(seed, layout), buyerName: '个人', buyerTaxId: '' };
    const result = await extractFile({ path: `individual-${seed}.pdf`, bytes: new Uint8Array(await invoiceTextPdf([invoice])) }, ports);
    expect(result.invoices[0]!.fields).toEqual({ ...groundTruthOf(invoice), buyerTaxId: null });
  });

  it('a multi-invoice PDF yields one invoice per page', async () => {
    const invoices = [syntheticInvoice(11, 'digital'), syntheticInvoice(12, 'old'), syntheticInvoice(13, 'digital')];
    const result = await extractFile({ path: 'three.pdf', bytes: new Uint8Array(await invoiceTextPdf(invoices)) }, ports);
    expect(result.invoices.map((invoice) => invoice.page)).toEqual([1, 2, 3]);
    expect(result.invoices.map((invoice) => invoice.fields)).toEqual(invoices.map(groundTruthOf));
  });
});

function keyFieldScore(actual: Record<string, unknown>, expected: Record<string, unknown>): number {
  return KEY_FIELDS.filter((field) => actual[field] === expected[field]).length / KEY_FIELDS.length;
}

describe('OCR on generated 300 DPI scans', () => {
  it('a noisy, skewed scan with a red seal (old layout)', { timeout: 180_000 }, async () => {
    const invoice = syntheticInvoice(21, 'old');
    const scan = invoiceScan(invoice, { ...scanOptionsFor(1), seal: true, format: 'png' });
    const result = await extractFile({ path: 'scan.png', bytes: new Uint8Array(scan) }, ports);
    expect(result.errors).toEqual([]);
    expect(result.invoices[0]!.method).toBe('ocr');
    expect(keyFieldScore(result.invoices[0]!.fields as unknown as Record<string, unknown>, groundTruthOf(invoice))).toBeGreaterThanOrEqual(0.9);
  });

  it('an image-only PDF goes to OCR (数电 layout)', { timeout: 180_000 }, async () => {
    const invoice = syntheticInvoice(22, 'digital');
    const pdf = await invoiceImagePdf([invoice], { ...scanOptionsFor(2), seal: false });
    const result = await extractFile({ path: 'image-only.pdf', bytes: new Uint8Array(pdf) }, ports);
    expect(result.errors).toEqual([]);
    expect(result.invoices[0]!.method).toBe('ocr');
    expect(keyFieldScore(result.invoices[0]!.fields as unknown as Record<string, unknown>, groundTruthOf(invoice))).toBeGreaterThanOrEqual(0.9);
  });
});

describe('a scanned PDF of several invoices', () => {
  it('reads two pages at a time and keeps the invoices in page order', { timeout: 180_000 }, async () => {
    const invoices = [syntheticInvoice(51, 'digital'), syntheticInvoice(52, 'old'), syntheticInvoice(53, 'digital')];
    const pdf = await invoiceImagePdf(invoices, { ...scanOptionsFor(2), seal: false });
    let inFlight = 0;
    let maxInFlight = 0;
    const counting = {
      ...ports,
      ocr: {
        modelVersion: ports.ocr!.modelVersion,
        recognize: async (...args: Parameters<NonNullable<typeof ports.ocr>['recognize']>) => {
          maxInFlight = Math.max(maxInFlight, ++inFlight);
          try {
            return await ports.ocr!.recognize(...args);
          } finally {
            inFlight--;
          }
        },
      },
    };
    const result = await extractFile({ path: 'stack.pdf', bytes: new Uint8Array(pdf) }, counting);
    expect(result.errors).toEqual([]);
    expect(result.invoices.map((invoice) => [invoice.page, invoice.fields.invoiceNumber])).toEqual(invoices.map((invoice, index) => [index + 1, invoice.invoiceNumber]));
    expect(maxInFlight).toBe(2);
  });
});

describe('PDFs whose text layer does not carry the invoice', () => {
  it('a scanned PDF with a scanner footer in its text layer goes to OCR (old layout)', { timeout: 180_000 }, async () => {
    const invoice = syntheticInvoice(23, 'old');
    const pdf = await invoiceImagePdf([invoice], { ...scanOptionsFor(3), seal: false, textLayer: { kind: 'footer', text: '扫描件 第1页 共1页 档案号 DA-2024-0117 归档扫描仪 Canon DR-C225' } });
    const result = await extractFile({ path: 'scanned-with-footer.pdf', bytes: new Uint8Array(pdf) }, ports);
    expect(result.errors).toEqual([]);
    expect(result.invoices[0]!.method).toBe('ocr');
    expect(keyFieldScore(result.invoices[0]!.fields as unknown as Record<string, unknown>, groundTruthOf(invoice))).toBeGreaterThanOrEqual(0.9);
  });

  it('a text layer of characters that are not text (no Unicode map) sends the page to OCR', async () => {
    const invoice = syntheticInvoice(24, 'digital');
    const pdf = await invoiceImagePdf([invoice], { ...scanOptionsFor(2), seal: false, textLayer: { kind: 'garbled', characters: 300 } });
    const pages: number[] = [];
    const recording = { ...ports, ocr: { modelVersion: 'recording', recognize: async () => { pages.push(pages.length + 1); return { text: '', confidence: 0, words: [], lines: [] }; } } };
    const result = await extractFile({ path: 'garbled.pdf', bytes: new Uint8Array(pdf) }, recording);
    expect(pages.length).toBeGreaterThan(0);
    expect(result.errors.map((error) => error.code)).toEqual(['not-an-invoice']);
  });

  it('a text layer with the number and taxpayer ids but no labels: OCR reads the rest, the text layer\'s values stay', { timeout: 180_000 }, async () => {
    const invoice = syntheticInvoice(27, 'digital');
    const values = [invoice.invoiceNumber, invoice.buyerTaxId, invoice.sellerTaxId];
    const pdf = await invoiceImagePdf([invoice], { ...scanOptionsFor(2), seal: false, textLayer: { kind: 'values', values } });
    const result = await extractFile({ path: 'values-only.pdf', bytes: new Uint8Array(pdf) }, ports);
    expect(result.errors).toEqual([]);
    const read = result.invoices[0]!;
    expect(read.method).toBe('ocr');
    expect([read.fields.invoiceNumber, read.fields.buyerTaxId, read.fields.sellerTaxId]).toEqual(values);
    expect([read.confidence.invoiceNumber, read.confidence.buyerTaxId, read.confidence.sellerTaxId]).toEqual([1, 1, 1]);
    expect(keyFieldScore(read.fields as unknown as Record<string, unknown>, groundTruthOf(invoice))).toBeGreaterThanOrEqual(0.9);
  });

  it('a page of readable text that is not an invoice is not sent to OCR', async () => {
    const { writePdf } = await import('../../fixtures/pdf-writer');
    const pdf = await writePdf((doc) => {
      doc.fontSize(12).text('技术服务合同。甲方委托乙方开发数字化管理系统，合同总价款人民币伍万元整，分两期支付。双方应遵守本合同约定的保密条款和验收标准，验收合格后十个工作日内支付尾款。本合同一式两份，甲乙双方各执一份，自双方签字盖章之日起生效。');
    });
    let calls = 0;
    const recording = { ...ports, ocr: { modelVersion: 'recording', recognize: async () => { calls++; return { text: '', confidence: 0, words: [], lines: [] }; } } };
    const result = await extractFile({ path: 'contract.pdf', bytes: new Uint8Array(pdf) }, recording);
    expect(calls).toBe(0);
    expect(result.errors.map((error) => error.code)).toEqual(['not-an-invoice']);
  });
});

const qrPorts = { ...ports, qr: jsqrDecoder };

function qrCheck(result: FileExtraction) {
  return result.invoices[0]?.checks.find((check) => check.id === 'qr-matches');
}

/** The same invoice with a QR code whose amount is 1.00 yuan more than the printed one. */
function withDisagreeingQrAmount(invoice: SyntheticInvoice): SyntheticInvoice {
  return { ...invoice, qrPayload: invoiceQrPayload(invoice, invoice.amountFen + 100) };
}

describe('the invoice QR code on generated invoices', () => {
  it.each([[31, 'digital'], [32, 'old']] as const)('seed %i (%s layout): decoded from a text PDF and agrees with the print', async (seed, layout) => {
    const invoice = syntheticInvoice(seed, layout);
    const result = await extractFile({ path: 'qr.pdf', bytes: new Uint8Array(await invoiceTextPdf([invoice])) }, qrPorts);
    expect(result.invoices[0]!.fields).toEqual(groundTruthOf(invoice));
    expect(qrCheck(result)).toMatchObject({ ok: true });
  });

  it('a QR amount that disagrees with the printed amount fails the named check (text PDF)', async () => {
    const invoice = syntheticInvoice(33, 'old');
    const result = await extractFile({ path: 'qr-mismatch.pdf', bytes: new Uint8Array(await invoiceTextPdf([withDisagreeingQrAmount(invoice)])) }, qrPorts);
    const check = qrCheck(result);
    expect(check).toMatchObject({ ok: false, severity: 'error' });
    expect(check!.message).toContain(groundTruthOf({ ...invoice, amountFen: invoice.amountFen + 100 }).amountExclTax);
    expect(check!.message).toContain('amount');
  });

  it('decoded from a sealed, blurred, noisy JPEG scan (数电) and agrees with the OCR reading', { timeout: 180_000 }, async () => {
    const invoice = syntheticInvoice(34, 'digital');
    const scan = invoiceScan(invoice, { ...scanOptionsFor(0), seal: true, format: 'jpeg' });
    const result = await extractFile({ path: 'scan-qr.jpg', bytes: new Uint8Array(scan) }, qrPorts);
    expect(result.invoices[0]!.method).toBe('ocr');
    expect(qrCheck(result)).toMatchObject({ ok: true });
    expect(keyFieldScore(result.invoices[0]!.fields as unknown as Record<string, unknown>, groundTruthOf(invoice))).toBeGreaterThanOrEqual(0.9);
  });

  it('decoded from an image-only PDF (old layout) whose QR amount disagrees: the check fails and names the amount', { timeout: 180_000 }, async () => {
    const invoice = syntheticInvoice(35, 'old');
    const pdf = await invoiceImagePdf([withDisagreeingQrAmount(invoice)], { ...scanOptionsFor(1), seal: false });
    const result = await extractFile({ path: 'image-only-qr.pdf', bytes: new Uint8Array(pdf) }, qrPorts);
    expect(result.invoices[0]!.method).toBe('ocr');
    const check = qrCheck(result);
    expect(check).toMatchObject({ ok: false });
    expect(check!.message).toMatch(/amount \S+ matches neither printed amount/);
    expect(result.invoices[0]!.fields.invoiceNumber).toBe(invoice.invoiceNumber);
  });
});

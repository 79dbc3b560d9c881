import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { jsqrDecoder, createNodePdfReader } from '../../../src-main/cli/adapters';
import { type DrawnQr, MODULE_PIXELS, readPdfjsPageQr } from '../../../src-renderer/core/extract/pdf-qr';
import { invoiceTextPdf } from '../../fixtures/invoices/generate-invoices';
import { syntheticInvoice } from '../../fixtures/invoices/invoice-data';

const SAMPLES = resolve(dirname(fileURLToPath(import.meta.url)), '../../fixtures/real-invoices/pdf');

async function drawnQr(bytes: Uint8Array, pageNumber = 1, modulePixels = MODULE_PIXELS): Promise<DrawnQr> {
  const task = pdfjs.getDocument({ data: bytes.slice(), verbosity: 0 });
  try {
    return await readPdfjsPageQr(await (await task.promise).getPage(pageNumber), pdfjs.OPS, jsqrDecoder, modulePixels);
  } finally {
    await task.destroy();
  }
}

/** Every page of a PDF read with the given module sizes. */
async function everyPageQr(bytes: Uint8Array, modulePixels: readonly number[]): Promise<DrawnQr[]> {
  const task = pdfjs.getDocument({ data: bytes.slice(), verbosity: 0 });
  try {
    const doc = await task.promise;
    const pages: DrawnQr[] = [];
    for (let page = 1; page <= doc.numPages; page++) pages.push(await readPdfjsPageQr(await doc.getPage(page), pdfjs.OPS, jsqrDecoder, modulePixels));
    return pages;
  } finally {
    await task.destroy();
  }
}


async function firstPageQr(bytes: Uint8Array, pageNumber = 1): Promise<string | null> {
  return (await drawnQr(bytes, pageNumber)).payload;
}

describe('the QR code of a text PDF read from the page\'s drawing', () => {
  it('reads a code drawn as filled rectangles, on every page of a multi-invoice PDF', async () => {
    const invoices = [1, 2, 3, 4].map((seed) => syntheticInvoice(seed));
    const bytes = new Uint8Array(await invoiceTextPdf(invoices));
    for (let page = 1; page <= invoices.length; page++) expect(await firstPageQr(bytes, page)).toBe(invoices[page - 1]!.qrPayload);
  }, 60_000);

  it('reads a code embedded as an image (real e-invoices)', async () => {
    expect(await firstPageQr(new Uint8Array(readFileSync(`${SAMPLES}/P14_qdp_guangzhou_tea_25447000001115703415.pdf`)))).toBe('01,32,,25447000001115703415,50.00,20250923,,0CA3');
    expect(await firstPageQr(new Uint8Array(readFileSync(`${SAMPLES}/P16_qdp_special_sichuan_reportlab_23512000000005197325.pdf`)))).toMatch(/^01,31, ?,23512000000005197325,2150\.63,20230130,/);
  }, 60_000);

  it('finds nothing on a page without a code, and says that no rendering of it can show one', async () => {
    const invoice = { ...syntheticInvoice(5), qrPayload: null };
    const bytes = new Uint8Array(await invoiceTextPdf([invoice as unknown as ReturnType<typeof syntheticInvoice>]));
    // The page draws text and lines only: nothing a code could be made of, so the caller skips the render.
    expect(await drawnQr(bytes)).toEqual({ payload: null, drawsNoCode: true });
  }, 60_000);

  it('leaves a page that fills shapes to the rendering (a code drawn in a way this reader does not follow)', async () => {
    const doc = new PDFDocument({ size: 'A4', margin: 40 });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    const ended = new Promise((resolve) => doc.on('end', resolve));
    doc.fontSize(14).text('Electronic invoice 0001');
    doc.circle(300, 200, 40).fill('#000000');
    doc.end();
    await ended;
    expect(await drawnQr(new Uint8Array(Buffer.concat(chunks)))).toEqual({ payload: null, drawsNoCode: false });
  }, 60_000);

  it('reads codes drawn as rectangles at one pixel a module as it read them at two (the reading before), on generated and real PDFs', async () => {
    const invoices = Array.from({ length: 60 }, (_, index) => syntheticInvoice(5000 + index * 7, index % 3 === 0 ? 'old' : 'digital'));
    const generated = new Uint8Array(await invoiceTextPdf(invoices));
    const before = await everyPageQr(generated, [2]);
    expect(before.map((page) => page.payload)).toEqual(invoices.map((invoice) => invoice.qrPayload));
    expect(await everyPageQr(generated, MODULE_PIXELS)).toEqual(before);
    // One pixel a module alone reads (nearly) every code: the second size is the exception, not the rule.
    const alone = await everyPageQr(generated, [1]);
    expect(alone.filter((page, index) => page.payload === before[index]!.payload).length).toBeGreaterThanOrEqual(57);
    const real = readdirSync(SAMPLES).filter((name) => name.endsWith('.pdf')).map((name) => join(SAMPLES, name));
    expect(real.length).toBeGreaterThanOrEqual(3);
    for (const path of real) {
      const bytes = new Uint8Array(readFileSync(path));
      expect(await everyPageQr(bytes, MODULE_PIXELS), path).toEqual(await everyPageQr(bytes, [2]));
    }
  }, 120_000);

  it('is what the Node PDF reader offers the pipeline', async () => {
    const invoice = syntheticInvoice(6);
    const doc = await createNodePdfReader().open(new Uint8Array(await invoiceTextPdf([invoice])));
    try {
      expect((await doc.readQr?.(1, jsqrDecoder))?.payload).toBe(invoice.qrPayload);
    } finally {
      await doc.close();
    }
  }, 60_000);
});

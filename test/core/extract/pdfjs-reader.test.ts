// The one pdf.js reader (workers/extract-adapters.ts pdfjsReader) that the extraction worker and the
// CLI both run, each with its own pdf.js build and canvas: what it asks of pdf.js and what it gives.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import { createCanvas } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import { createNodePdfReader } from '../../../src-main/cli/adapters';
import { pdfjsDocumentOptions } from '../../../src-renderer/core/extract/pdf-text';
import type { PdfReader } from '../../../src-renderer/core/ports';
import { type CanvasLike, type PdfjsLoadingTask, PdfPasswordError, jsqrDecoder, pdfjsReader } from '../../../src-renderer/workers/extract-adapters';
import { encryptedPdf, plainPdf } from '../../fixtures/hostile/builders';
import { invoiceImagePdf, invoiceTextPdf } from '../../fixtures/invoices/generate-invoices';
import { syntheticInvoice } from '../../fixtures/invoices/invoice-data';
import { REAL_INVOICES_DIR } from './ground-truth';

/** A one-page pdf.js document that records what is done to it. */
function fakePdfjs(failure?: Error, name = '') {
  const events: string[] = [];
  const page = {
    getViewport: ({ scale }: { scale: number }) => ({ width: 200 * scale, height: 100 * scale, convertToViewportPoint: (x: number, y: number) => [x * scale, (100 - y) * scale] }),
    getTextContent: async () => ({ items: [{ str: '发票', transform: [12, 0, 0, 12, 10, 80], width: 24, height: 12 }] }),
    render: ({ canvasContext }: { canvasContext: { fillStyle: unknown; fillRect(x: number, y: number, w: number, h: number): void } }) => {
      events.push(`${name}render`);
      canvasContext.fillStyle = '#000000';
      canvasContext.fillRect(0, 0, 1, 1);
      return { promise: Promise.resolve() };
    },
    cleanup: () => events.push(`${name}cleanup`),
  };
  const task: PdfjsLoadingTask = {
    promise: failure ? Promise.reject(failure) : Promise.resolve({ numPages: 1, getPage: async () => page, cleanup: async () => { events.push(`${name}document-cleanup`); } }),
    destroy: async () => {
      events.push(`${name}destroy`);
    },
  };
  return { task, events };
}

function recordingCanvas(width: number, height: number): CanvasLike {
  const data = new Uint8ClampedArray(width * height * 4);
  let fill = 0;
  const context = {
    set fillStyle(value: unknown) {
      fill = value === '#ffffff' ? 255 : 0;
    },
    get fillStyle() {
      return fill;
    },
    fillRect: (x: number, y: number, w: number, h: number) => {
      for (let row = y; row < y + h; row++) for (let column = x; column < x + w; column++) data.fill(fill, (row * width + column) * 4, (row * width + column) * 4 + 4);
    },
    getImageData: () => ({ width, height, data }),
  };
  return { width, height, getContext: () => context };
}

describe('the shared pdf.js reader', () => {
  it('reads text in page points, renders on white at the asked resolution, and frees each page after reading it', async () => {
    const { task, events } = fakePdfjs();
    const canvases: CanvasLike[] = [];
    const doc = await pdfjsReader(() => task, (width, height) => {
      canvases.push(recordingCanvas(width, height));
      return canvases.at(-1)!;
    }).open(new Uint8Array([1]));
    expect(doc.pageCount).toBe(1);
    expect(await doc.pageText(1)).toEqual({ page: 1, width: 200, height: 100, items: [{ str: '发票', box: [10, 20 - 12 * 0.88, 24, 12] }] });
    expect(events).toEqual(['cleanup']);
    const image = await doc.renderPage(1, { dpi: 144, maxPixels: 1_000_000 });
    expect([image.width, image.height]).toEqual([400, 200]);
    expect(image.data).toBeInstanceOf(Uint8ClampedArray);
    expect([...image.data.subarray(0, 8)]).toEqual([0, 0, 0, 0, 255, 255, 255, 255]);
    // A rendered page frees its canvas at once and, no other page being rendered, pdf.js's document caches.
    expect(events).toEqual(['cleanup', 'render', 'cleanup', 'document-cleanup']);
    expect(canvases.map((canvas) => [canvas.width, canvas.height])).toEqual([[0, 0]]);
    expect(doc.readQr).toBeUndefined();
    await doc.close();
    expect(events.at(-1)).toBe('destroy');
  });

  it('refuses a document that asks for a password as such, and releases what pdf.js loaded', async () => {
    const password = Object.assign(new Error('No password given'), { name: 'PasswordException' });
    const { task, events } = fakePdfjs(password);
    await expect(pdfjsReader(() => task, recordingCanvas).open(new Uint8Array([1]))).rejects.toBeInstanceOf(PdfPasswordError);
    expect(events).toEqual(['destroy']);
    const broken = fakePdfjs(new Error('Invalid PDF structure.'));
    await expect(pdfjsReader(() => broken.task, recordingCanvas).open(new Uint8Array([1]))).rejects.toThrow('Invalid PDF structure.');
    expect(broken.events).toEqual(['destroy']);
  });

  it('is the CLI\'s reader: a real PDF read and rendered, an encrypted one refused with the same error', async () => {
    const reader = createNodePdfReader();
    const doc = await reader.open(plainPdf('Contract'));
    expect((await doc.pageText(1)).items.map((item) => item.str).join('')).toContain('Contract');
    const image = await doc.renderPage(1, { dpi: 72, maxPixels: 4_000_000 });
    expect(image.data.length).toBe(image.width * image.height * 4);
    expect(typeof doc.readQr).toBe('function');
    await doc.close();
    await expect(reader.open(encryptedPdf())).rejects.toBeInstanceOf(PdfPasswordError);
  });

  it('reads text from the first document and renders from a second, opened on the first render', async () => {
    const reading = fakePdfjs();
    const rendering = fakePdfjs(undefined, 'rendering-');
    let renderingOpened = 0;
    const doc = await pdfjsReader(() => reading.task, recordingCanvas, undefined, () => {
      renderingOpened++;
      return rendering.task;
    }).open(new Uint8Array([1]));
    await doc.pageText(1);
    expect(renderingOpened).toBe(0);
    await doc.renderPage(1, { dpi: 72, maxPixels: 1_000_000 });
    await doc.renderPage(1, { dpi: 72, maxPixels: 1_000_000 });
    expect(renderingOpened).toBe(1);
    expect(reading.events.filter((event) => event.includes('render'))).toEqual([]);
    expect(rendering.events.filter((event) => event === 'rendering-render')).toHaveLength(2);
    // After a render both documents' caches go.
    expect(reading.events).toContain('document-cleanup');
    expect(rendering.events).toContain('rendering-document-cleanup');
    await doc.close();
    expect([reading.events.at(-1), rendering.events.at(-1)]).toEqual(['destroy', 'rendering-destroy']);
  });
});

const require = createRequire(import.meta.url);
const pdfjsRoot = dirname(require.resolve('pdfjs-dist/package.json'));

/** The CLI's reader as it was before text was read without glyph outlines: one document, outlines built. */
function outlinedReader(): PdfReader {
  return pdfjsReader((bytes) => pdfjs.getDocument({
    ...pdfjsDocumentOptions(bytes, (folder) => `${join(pdfjsRoot, folder)}/`),
    useSystemFonts: false,
    verbosity: 0,
    disableFontFace: true,
  }) as unknown as PdfjsLoadingTask, (width, height) => createCanvas(width, height) as unknown as CanvasLike, pdfjs.OPS);
}

async function readAll(reader: PdfReader, bytes: Uint8Array, render: boolean) {
  const doc = await reader.open(bytes);
  try {
    const pages = [];
    for (let page = 1; page <= doc.pageCount; page++) {
      const qr = await doc.readQr!(page, jsqrDecoder);
      const read = await doc.pageText(page);
      // pdf.js names fonts after a count of the documents it has opened ("g_d3_f1"): the font within the document is what is compared.
      const text = { ...read, items: read.items.map((item) => ({ ...item, fontName: item.fontName?.replace(/^g_d\d+_/, '') })) };
      const image = render ? await doc.renderPage(page, { dpi: 50, maxPixels: 2_000_000 }) : null;
      pages.push({ text, qr, image: image && { width: image.width, height: image.height, dark: image.data.reduce((sum, value) => sum + (value < 128 ? 1 : 0), 0) } });
    }
    return pages;
  } finally {
    await doc.close();
  }
}

describe('the CLI\'s reader without glyph outlines', () => {
  it('gives the text, drawn QR codes and renderings of the reader that built them, on real and generated PDFs', async () => {
    const real = readdirSync(join(REAL_INVOICES_DIR, 'pdf')).filter((name) => name.endsWith('.pdf')).map((name) => new Uint8Array(readFileSync(join(REAL_INVOICES_DIR, 'pdf', name))));
    const generated = [
      new Uint8Array(await invoiceTextPdf([syntheticInvoice(4001), syntheticInvoice(4002)])),
      new Uint8Array(await invoiceImagePdf([syntheticInvoice(4003)])),
    ];
    const withoutOutlines = createNodePdfReader();
    const outlined = outlinedReader();
    let qrCodes = 0;
    for (const [index, bytes] of [...real, ...generated].entries()) {
      const render = index >= real.length - 1;
      const expected = await readAll(outlined, bytes, render);
      expect(await readAll(withoutOutlines, bytes, render)).toEqual(expected);
      qrCodes += expected.filter((page) => page.qr.payload).length;
      expect(expected.some((page) => page.text.items.length > 0 || page.image)).toBe(true);
    }
    expect(qrCodes).toBeGreaterThanOrEqual(3);
  });
});

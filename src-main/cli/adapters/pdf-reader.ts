// Node adapter of the PdfReader port: the pdf.js legacy build with local cMaps and standard fonts
// from node_modules/pdfjs-dist, rendering through @napi-rs/canvas with a CJK font registered so that
// PDFs whose Chinese fonts are not embedded still render legibly for OCR and QR decoding.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { existsSync } from 'node:fs';
import { GlobalFonts, createCanvas } from '@napi-rs/canvas';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { PdfDocumentHandle, PdfPageText, PdfReader, RasterImage } from '../../../src-renderer/core/ports';
import { pdfjsDocumentOptions, readPdfjsPageText } from '../../../src-renderer/core/extract/pdf-text';
import { readPdfjsPageQr } from '../../../src-renderer/core/extract/pdf-qr';
import { rasterScale } from '../../../src-renderer/core/extract/raster';

const require = createRequire(import.meta.url);
const pdfjsRoot = dirname(require.resolve('pdfjs-dist/package.json'));

const CJK_FONT_CANDIDATES = [
  '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc',
];

let fontsRegistered = false;
function registerCjkFonts(): void {
  if (fontsRegistered) return;
  fontsRegistered = true;
  const bundled = require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf');
  for (const path of [bundled, ...CJK_FONT_CANDIDATES]) {
    if (existsSync(path)) GlobalFonts.registerFromPath(path);
  }
}

export class PdfPasswordError extends Error {
  constructor() {
    super('the PDF is encrypted with a password');
    this.name = 'PdfPasswordError';
  }
}

function isPasswordError(error: unknown): boolean {
  return error instanceof Error && (error.name === 'PasswordException' || /password/i.test(error.message));
}

export async function pageTextOf(doc: pdfjs.PDFDocumentProxy, pageNumber: number): Promise<PdfPageText> {
  const text = await readPdfjsPageText(doc, pageNumber);
  (await doc.getPage(pageNumber)).cleanup();
  return text;
}

async function renderPageOf(doc: pdfjs.PDFDocumentProxy, pageNumber: number, dpi: number, maxPixels: number): Promise<RasterImage> {
  registerCjkFonts();
  const page = await doc.getPage(pageNumber);
  const base = page.getViewport({ scale: 1 });
  const viewport = page.getViewport({ scale: rasterScale(base.width, base.height, dpi, maxPixels) });
  const canvas = createCanvas(Math.max(1, Math.floor(viewport.width)), Math.max(1, Math.floor(viewport.height)));
  const context = canvas.getContext('2d');
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, canvas.width, canvas.height);
  await page.render({
    canvas: null,
    canvasContext: context,
    viewport,
  } as unknown as Parameters<typeof page.render>[0]).promise;
  const image = context.getImageData(0, 0, canvas.width, canvas.height);
  page.cleanup();
  return { width: image.width, height: image.height, data: new Uint8ClampedArray(image.data.buffer, image.data.byteOffset, image.data.byteLength) };
}

export function createNodePdfReader(): PdfReader {
  return {
    async open(bytes: Uint8Array): Promise<PdfDocumentHandle> {
      const task = pdfjs.getDocument({
        ...pdfjsDocumentOptions(bytes.slice(), (folder) => `${join(pdfjsRoot, folder)}/`),
        useSystemFonts: false,
        verbosity: 0,
      });
      let doc: pdfjs.PDFDocumentProxy;
      try {
        doc = await task.promise;
      } catch (error) {
        await task.destroy();
        if (isPasswordError(error)) throw new PdfPasswordError();
        throw error;
      }
      return {
        pageCount: doc.numPages,
        encrypted: false,
        pageText: (page) => pageTextOf(doc, page),
        renderPage: (page, { dpi, maxPixels }) => renderPageOf(doc, page, dpi, maxPixels),
        async readQr(pageNumber, qr) {
          const page = await doc.getPage(pageNumber);
          try {
            return await readPdfjsPageQr(page, pdfjs.OPS, qr);
          } finally {
            page.cleanup();
          }
        },
        close: () => task.destroy(),
      };
    },
  };
}

// Node adapter of the PdfReader port: the pdf.js legacy build with local cMaps and standard fonts
// from node_modules/pdfjs-dist, rendering through @napi-rs/canvas with a CJK font registered so that
// PDFs whose Chinese fonts are not embedded still render legibly for OCR and QR decoding.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { existsSync } from 'node:fs';
import { GlobalFonts, createCanvas } from '@napi-rs/canvas';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { PdfDocumentHandle, PdfPageText, PdfReader, PdfTextItem, RasterImage } from '../../../src-renderer/core/ports';
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
  const page = await doc.getPage(pageNumber);
  const viewport = page.getViewport({ scale: 1 });
  const content = await page.getTextContent();
  const items: PdfTextItem[] = [];
  for (const item of content.items) {
    if (!('str' in item) || item.str.trim() === '') continue;
    const [a = 1, b = 0, c = 0, d = 1, e = 0, f = 0] = item.transform as number[];
    const fontSize = Math.hypot(c, d) || Math.hypot(a, b) || item.height;
    const [x, y] = viewport.convertToViewportPoint(e, f) as [number, number];
    const vertical = Math.abs(b) > Math.abs(a);
    const width = vertical ? fontSize : item.width;
    const height = vertical ? item.height || fontSize * item.str.length : fontSize;
    items.push({ str: item.str, box: [x, vertical ? y : y - fontSize * 0.88, width, height], fontName: item.fontName });
    page.cleanup();
  }
  return { page: pageNumber, width: viewport.width, height: viewport.height, items };
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
        data: bytes.slice(),
        cMapUrl: `${join(pdfjsRoot, 'cmaps')}/`,
        cMapPacked: true,
        standardFontDataUrl: `${join(pdfjsRoot, 'standard_fonts')}/`,
        wasmUrl: `${join(pdfjsRoot, 'wasm')}/`,
        iccUrl: `${join(pdfjsRoot, 'iccs')}/`,
        enableXfa: false,
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
        close: () => task.destroy(),
      };
    },
  };
}

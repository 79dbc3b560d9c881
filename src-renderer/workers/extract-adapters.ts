// The adapters of the pipeline's ports on pdf.js, jsQR and an image header, written once against the
// few host primitives they need (pdf.js's getDocument, a canvas factory, an image decoder): the
// extraction worker runs them with the browser's primitives, the CLI (src-main/cli/adapters) with
// Node's, and tests run both. Page text goes through the one pdf.js mapping (core/extract/pdf-text.ts),
// image sizes through the one header reader.
import jsQR from 'jsqr';
import type { ImageDecoder, PdfDocumentHandle, PdfReader, QrDecoder, RasterImage } from '../core/ports';
import { type PdfjsPage, readPdfjsPageText } from '../core/extract/pdf-text';
import { type PdfjsGraphicsPage, type PdfjsOpCodes, readPdfjsPageQr } from '../core/extract/pdf-qr';
import { rasterScale } from '../core/extract/raster';
import { probeImage } from '../core/import/image-header';

export interface Canvas2D {
  fillStyle: unknown;
  fillRect(x: number, y: number, width: number, height: number): void;
  getImageData(x: number, y: number, width: number, height: number): { width: number; height: number; data: Uint8ClampedArray };
}

export interface CanvasLike {
  width: number;
  height: number;
  getContext(type: '2d'): Canvas2D | null;
}

export type CreateCanvas = (width: number, height: number) => CanvasLike;

interface RenderablePage extends PdfjsPage {
  render(parameters: { canvas: CanvasLike; canvasContext: Canvas2D; viewport: unknown }): { promise: Promise<unknown> };
  /** Frees what pdf.js keeps of the page (fonts, operator lists) once it has been read. */
  cleanup(): void;
}

export interface PdfjsLoadingTask {
  promise: Promise<{ numPages: number; getPage(pageNumber: number): Promise<RenderablePage>; cleanup(): Promise<void> }>;
  destroy(): Promise<void>;
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

/** Reads a page and frees what pdf.js kept of it. */
async function withPage<T>(doc: { getPage(pageNumber: number): Promise<RenderablePage> }, pageNumber: number, read: (page: RenderablePage) => Promise<T>): Promise<T> {
  const page = await doc.getPage(pageNumber);
  try {
    return await read(page);
  } finally {
    page.cleanup();
  }
}

type PdfjsDocumentProxy = Awaited<PdfjsLoadingTask['promise']>;

async function loadDocument(task: PdfjsLoadingTask): Promise<PdfjsDocumentProxy> {
  return task.promise.catch(async (error: unknown) => {
    await task.destroy();
    throw isPasswordError(error) ? new PdfPasswordError() : error;
  });
}

/**
 * The PdfReader port on pdf.js: `open` loads through `getDocument` (the host's build and options);
 * a document that asks for a password is refused as such (PdfPasswordError). Pages are rendered on
 * white through the host's canvas factory. With the build's operator codes (pdf.js `OPS`), pages also
 * offer their QR code read from what they draw (core/extract/pdf-qr.ts), so text pages need no
 * rendering for the QR cross-check.
 *
 * With `getRenderingDocument`, text and drawing are read from the document `getDocument` opens and
 * pages are rendered from a second one opened on the first render: a host can then open the first
 * without what only drawing glyphs needs (pdf.js's glyph outlines), as a run of text-layer PDFs
 * renders nothing.
 */
export function pdfjsReader(getDocument: (bytes: Uint8Array) => PdfjsLoadingTask, createCanvas: CreateCanvas, opCodes?: PdfjsOpCodes, getRenderingDocument?: (bytes: Uint8Array) => PdfjsLoadingTask): PdfReader {
  return {
    async open(bytes): Promise<PdfDocumentHandle> {
      const task = getDocument(bytes.slice());
      const doc = await loadDocument(task);
      let renderingTask: PdfjsLoadingTask | null = null;
      let rendering: Promise<PdfjsDocumentProxy> | null = null;
      const renderingDoc = (): Promise<PdfjsDocumentProxy> => {
        if (!getRenderingDocument) return Promise.resolve(doc);
        if (!rendering) {
          renderingTask = getRenderingDocument(bytes.slice());
          rendering = loadDocument(renderingTask);
        }
        return rendering;
      };
      // After a render, once no page is in use, what pdf.js keeps of the pages read so far (parsed
      // pages, image and font caches) goes, so that a scan of hundreds of pages is read in the memory
      // of a few (pdf.js must not clean up while a page is being read). Failures leave the caches be.
      let pagesInUse = 0;
      let renderedSinceCleanup = false;
      const onPage = async <T>(pageNumber: number, read: (page: RenderablePage) => Promise<T>, rendering = false): Promise<T> => {
        pagesInUse++;
        try {
          return await withPage(rendering ? await renderingDoc() : doc, pageNumber, read);
        } finally {
          pagesInUse--;
          renderedSinceCleanup ||= rendering;
          if (pagesInUse === 0 && renderedSinceCleanup) {
            renderedSinceCleanup = false;
            await doc.cleanup().catch(() => undefined);
            if (getRenderingDocument) await (await renderingDoc()).cleanup().catch(() => undefined);
          }
        }
      };
      return {
        pageCount: doc.numPages,
        encrypted: false,
        pageText: (pageNumber) => onPage(pageNumber, () => readPdfjsPageText(doc, pageNumber)),
        renderPage: (pageNumber, { dpi, maxPixels }) => onPage(pageNumber, async (page): Promise<RasterImage> => {
          const base = page.getViewport({ scale: 1 });
          const viewport = page.getViewport({ scale: rasterScale(base.width, base.height, dpi, maxPixels) });
          const canvas = createCanvas(Math.max(1, Math.floor(viewport.width)), Math.max(1, Math.floor(viewport.height)));
          const context = canvas.getContext('2d');
          if (!context) throw new Error('no 2d context');
          context.fillStyle = '#ffffff';
          context.fillRect(0, 0, canvas.width, canvas.height);
          await page.render({ canvas, canvasContext: context, viewport }).promise;
          const image = context.getImageData(0, 0, canvas.width, canvas.height);
          // The canvas's pixels are copied out: its backing store goes now, not whenever a collector
          // gets to it (a scan of hundreds of pages would otherwise hold one page-sized surface each).
          canvas.width = 0;
          canvas.height = 0;
          return { width: image.width, height: image.height, data: new Uint8ClampedArray(image.data.buffer, image.data.byteOffset, image.data.byteLength) };
        }, true),
        ...(opCodes ? { readQr: (pageNumber: number, qr: QrDecoder) => onPage(pageNumber, (page) => readPdfjsPageQr(page as unknown as PdfjsGraphicsPage, opCodes, qr)) } : {}),
        close: async () => {
          await Promise.all([task.destroy(), (renderingTask as PdfjsLoadingTask | null)?.destroy()]);
        },
      };
    },
  };
}

/** The ImageDecoder port: sizes from the header (core/import/image-header.ts), pixels from the host. */
export function headerProbingImageDecoder(decode: (bytes: Uint8Array) => Promise<RasterImage>): ImageDecoder {
  return {
    async probe(bytes) {
      return probeImage(bytes);
    },
    decode,
  };
}

export const jsqrDecoder: QrDecoder = {
  decode(image) {
    return jsQR(image.data, image.width, image.height, { inversionAttempts: 'dontInvert' })?.data ?? null;
  },
};

// Web worker that runs the invoice extraction pipeline with browser adapters: pdf.js (local cMaps,
// fonts, wasm), OffscreenCanvas rendering, createImageBitmap decoding, jsQR, WebCrypto and
// tesseract.js (through platform/ocr.ts). One extraction at a time; a cancel message stops it at the
// next page boundary.
import * as pdfjs from 'pdfjs-dist';
import pdfWorkerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import jsQR from 'jsqr';
import { ExtractionCancelledError, extractFile } from '../core/extract/pipeline';
import type { ExtractPorts } from '../core/extract/pipeline';
import { pdfjsDocumentOptions, readPdfjsPageText } from '../core/extract/pdf-text';
import { rasterScale } from '../core/extract/raster';
import type { ImageDecoder, PdfDocumentHandle, PdfReader, QrDecoder, RasterImage } from '../core/ports';
import { webCryptoHasher } from '../platform/hasher';
import { type BrowserOcrEngine, type ExtractWorkerRequest, type ExtractWorkerResponse, createBrowserOcrEngine, vendorUrls } from '../platform/ocr';

pdfjs.GlobalWorkerOptions.workerSrc = pdfWorkerUrl;

function workerPdfReader(baseUrl: string): PdfReader {
  const asset = (path: string) => new URL(path, baseUrl).href;
  return {
    async open(bytes): Promise<PdfDocumentHandle> {
      const task = pdfjs.getDocument({
        ...pdfjsDocumentOptions(bytes.slice(), (folder) => asset(`vendor/pdfjs/${folder}`)),
        // A worker has no `document`: pdf.js must fetch cMaps itself and never build FontFace objects.
        useWorkerFetch: true,
        disableFontFace: true,
      });
      const doc = await task.promise.catch(async (error: unknown) => {
        await task.destroy();
        throw error;
      });
      return {
        pageCount: doc.numPages,
        encrypted: false,
        pageText: (pageNumber) => readPdfjsPageText(doc, pageNumber),
        async renderPage(pageNumber, { dpi, maxPixels }): Promise<RasterImage> {
          const page = await doc.getPage(pageNumber);
          const base = page.getViewport({ scale: 1 });
          const viewport = page.getViewport({ scale: rasterScale(base.width, base.height, dpi, maxPixels) });
          const canvas = new OffscreenCanvas(Math.max(1, Math.floor(viewport.width)), Math.max(1, Math.floor(viewport.height)));
          const context = canvas.getContext('2d');
          if (!context) throw new Error('no 2d context');
          context.fillStyle = '#ffffff';
          context.fillRect(0, 0, canvas.width, canvas.height);
          await page.render({ canvas: canvas as unknown as HTMLCanvasElement, canvasContext: context as unknown as CanvasRenderingContext2D, viewport }).promise;
          const image = context.getImageData(0, 0, canvas.width, canvas.height);
          return { width: image.width, height: image.height, data: image.data };
        },
        close: () => task.destroy(),
      };
    },
  };
}

function imageSize(bytes: Uint8Array): { width: number; height: number; format: 'png' | 'jpeg' } | null {
  if (bytes[0] === 0x89 && bytes[1] === 0x50 && bytes.length >= 24) {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    return { width: view.getUint32(16), height: view.getUint32(20), format: 'png' };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xd8) {
    let offset = 2;
    while (offset + 9 < bytes.length && bytes[offset] === 0xff) {
      const marker = bytes[offset + 1]!;
      const length = (bytes[offset + 2]! << 8) | bytes[offset + 3]!;
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
        return { height: (bytes[offset + 5]! << 8) | bytes[offset + 6]!, width: (bytes[offset + 7]! << 8) | bytes[offset + 8]!, format: 'jpeg' };
      }
      offset += 2 + length;
    }
  }
  return null;
}

const browserImageDecoder: ImageDecoder = {
  async probe(bytes) {
    return imageSize(bytes);
  },
  async decode(bytes) {
    const bitmap = await createImageBitmap(new Blob([bytes as Uint8Array<ArrayBuffer>]));
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const context = canvas.getContext('2d');
    if (!context) throw new Error('no 2d context');
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, bitmap.width, bitmap.height);
    context.drawImage(bitmap, 0, 0);
    bitmap.close();
    const image = context.getImageData(0, 0, canvas.width, canvas.height);
    return { width: image.width, height: image.height, data: image.data };
  },
};

const jsqrDecoder: QrDecoder = {
  decode(image) {
    return jsQR(image.data, image.width, image.height, { inversionAttempts: 'dontInvert' })?.data ?? null;
  },
};

let ocr: BrowserOcrEngine | undefined;
const cancelled = new Set<number>();

function post(message: ExtractWorkerResponse): void {
  (self as unknown as Worker).postMessage(message);
}

self.addEventListener('message', (event: MessageEvent<ExtractWorkerRequest>) => {
  const request = event.data;
  if (request.type === 'cancel') {
    cancelled.add(request.id);
    return;
  }
  ocr ??= createBrowserOcrEngine(vendorUrls(request.baseUrl));
  const ports: ExtractPorts = { hasher: webCryptoHasher, pdf: workerPdfReader(request.baseUrl), image: browserImageDecoder, ocr, qr: jsqrDecoder };
  extractFile({ path: request.name, bytes: new Uint8Array(request.bytes) }, ports, {
    onProgress: (progress) => post({ type: 'progress', id: request.id, progress }),
    onOcrText: (text) => post({ type: 'ocr-text', id: request.id, text }),
    isCancelled: () => cancelled.has(request.id),
  }).then(
    (result) => post({ type: 'result', id: request.id, result }),
    (error: unknown) => post({ type: 'error', id: request.id, message: error instanceof Error ? error.message : String(error), cancelled: error instanceof ExtractionCancelledError }),
  ).finally(() => cancelled.delete(request.id));
});

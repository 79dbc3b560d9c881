// Web worker that runs the invoice extraction pipeline with browser adapters (workers/extract-adapters.ts):
// pdf.js (local cMaps, fonts, wasm), OffscreenCanvas rendering, createImageBitmap decoding, jsQR,
// WebCrypto and tesseract.js (workers/tesseract-engine.ts). One extraction at a time; a cancel
// message stops it at the next page boundary.
import * as pdfjs from 'pdfjs-dist';
import pdfWorkerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import { ExtractionCancelledError, extractFile } from '../core/extract/pipeline';
import type { ExtractPorts } from '../core/extract/pipeline';
import { pdfjsDocumentOptions } from '../core/extract/pdf-text';
import { readForPrereview } from '../core/prereview/read';
import type { RasterImage } from '../core/ports';
import { webCryptoHasher } from '../platform/hasher';
import { type CanvasLike, type PdfjsLoadingTask, headerProbingImageDecoder, jsqrDecoder, pdfjsReader } from './extract-adapters';
import type { ExtractWorkerRequest, ExtractWorkerResponse } from './extract-protocol';
import { type BrowserOcrEngine, createBrowserOcrEngine, vendorUrls } from './tesseract-engine';

pdfjs.GlobalWorkerOptions.workerSrc = pdfWorkerUrl;

const offscreenCanvas = (width: number, height: number) => new OffscreenCanvas(width, height) as unknown as CanvasLike;

function workerPdfReader(baseUrl: string) {
  return pdfjsReader((bytes) => pdfjs.getDocument({
    ...pdfjsDocumentOptions(bytes, (folder) => new URL(`vendor/pdfjs/${folder}`, baseUrl).href),
    // A worker has no `document`: pdf.js must fetch cMaps itself and never build FontFace objects.
    useWorkerFetch: true,
    disableFontFace: true,
  }) as unknown as PdfjsLoadingTask, offscreenCanvas, pdfjs.OPS);
}

async function decodeImage(bytes: Uint8Array): Promise<RasterImage> {
  const bitmap = await createImageBitmap(new Blob([bytes as Uint8Array<ArrayBuffer>]));
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const context = canvas.getContext('2d');
  if (!context) throw new Error('no 2d context');
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, bitmap.width, bitmap.height);
  context.drawImage(bitmap, 0, 0);
  bitmap.close();
  const image = context.getImageData(0, 0, canvas.width, canvas.height);
  // Its pixels are copied out: the canvas's backing store goes now, not when a collector gets to it.
  canvas.width = 0;
  canvas.height = 0;
  return { width: image.width, height: image.height, data: image.data };
}

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
  if (request.type === 'prereview') {
    // The pre-review reads with the same ports and settings as the command line's check.
    readForPrereview({ path: request.name, bytes: new Uint8Array(request.bytes), type: request.fileType },
      { pdf: workerPdfReader(request.baseUrl), image: headerProbingImageDecoder(decodeImage), ocr }, { isCancelled: () => cancelled.has(request.id) })
      .then(
        (reading) => post({ type: 'prereview-result', id: request.id, reading }),
        (error: unknown) => post({ type: 'error', id: request.id, message: error instanceof Error ? error.message : String(error), cancelled: error instanceof ExtractionCancelledError }),
      ).finally(() => cancelled.delete(request.id));
    return;
  }
  const ports: ExtractPorts = { hasher: webCryptoHasher, pdf: workerPdfReader(request.baseUrl), image: headerProbingImageDecoder(decodeImage), ocr, qr: jsqrDecoder };
  extractFile({ path: request.name, bytes: new Uint8Array(request.bytes) }, ports, {
    onProgress: (progress) => post({ type: 'progress', id: request.id, progress }),
    onOcrText: (text) => post({ type: 'ocr-text', id: request.id, text }),
    onPageRead: (outcome) => post({ type: 'page-read', id: request.id, outcome }),
    ...(request.readPages ? { readPages: request.readPages } : {}),
    isCancelled: () => cancelled.has(request.id),
  }).then(
    (result) => post({ type: 'result', id: request.id, result }),
    (error: unknown) => post({ type: 'error', id: request.id, message: error instanceof Error ? error.message : String(error), cancelled: error instanceof ExtractionCancelledError }),
  ).finally(() => cancelled.delete(request.id));
});

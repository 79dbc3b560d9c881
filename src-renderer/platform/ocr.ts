// Browser side of invoice extraction. `createBrowserOcrEngine` is the OcrEngine port on tesseract.js
// with its worker, wasm core and chi_sim data served from the app itself (vendor/...), no cache and
// page-segmentation mode 3; rasters go to it as PGM (as in the Node adapter), not through a PNG
// encode in the page and a PNG decode in the worker. `extractInBrowser` runs the whole pipeline in a web worker
// (workers/extract.worker.ts) and reports progress; an AbortSignal cancels it.
import Tesseract from 'tesseract.js';
import type { OcrEngine, OcrWord } from '../core/ports';
import { encodePgm } from '../core/extract/raster';
import type { FileExtraction } from '../core/types';
import type { ExtractProgress, OcrPageText } from '../core/extract/pipeline';

export interface VendorUrls {
  workerPath: string;
  corePath: string;
  langPath: string;
}

/** The tesseract.js asset URLs under an app base URL (document.baseURI in a window). */
export function vendorUrls(baseUrl: string): VendorUrls {
  return {
    workerPath: new URL('vendor/tesseract/worker.min.js', baseUrl).href,
    corePath: new URL('vendor/tesseract/core/', baseUrl).href,
    langPath: new URL('vendor/tessdata', baseUrl).href,
  };
}

export interface BrowserOcrEngine extends OcrEngine {
  terminate(): Promise<void>;
}

/** tesseract.js in the browser; `workers` defaults to min(2, hardwareConcurrency). */
export function createBrowserOcrEngine(urls: VendorUrls, options: { workers?: number } = {}): BrowserOcrEngine {
  const count = Math.max(1, Math.min(options.workers ?? 2, globalThis.navigator?.hardwareConcurrency ?? 2));
  let scheduler: Promise<Tesseract.Scheduler> | undefined;
  const start = async () => {
    const created = Tesseract.createScheduler();
    const workers = await Promise.all(Array.from({ length: count }, async () => {
      const worker = await Tesseract.createWorker('chi_sim', Tesseract.OEM.LSTM_ONLY, {
        workerPath: urls.workerPath,
        corePath: urls.corePath,
        langPath: urls.langPath,
        cacheMethod: 'none',
        gzip: true,
        workerBlobURL: false,
      });
      await worker.setParameters({ tessedit_pageseg_mode: Tesseract.PSM.AUTO, preserve_interword_spaces: '1', user_defined_dpi: '300' });
      return worker;
    }));
    for (const worker of workers) created.addWorker(worker);
    return created;
  };
  return {
    modelVersion: 'tesseract.js 7 chi_sim (tessdata 4.0.0, LSTM, PSM 3)',
    async recognize(image, recognizeOptions) {
      if (recognizeOptions?.isCancelled?.()) throw new Error('cancelled');
      scheduler ??= start();
      const bytes = image instanceof Uint8Array ? image : encodePgm(image);
      const input = new Blob([bytes as Uint8Array<ArrayBuffer>]);
      const result = await (await scheduler).addJob('recognize', input as unknown as Tesseract.ImageLike, {}, { blocks: true, text: true });
      const words: OcrWord[] = [];
      const lines: OcrWord[] = [];
      const box = (b: Tesseract.Bbox): [number, number, number, number] => [b.x0, b.y0, b.x1 - b.x0, b.y1 - b.y0];
      for (const block of result.data.blocks ?? []) {
        for (const paragraph of block.paragraphs) {
          for (const line of paragraph.lines) {
            const index = lines.length;
            lines.push({ text: line.text.trim(), confidence: line.confidence / 100, box: box(line.bbox) });
            for (const word of line.words) words.push({ text: word.text, confidence: word.confidence / 100, box: box(word.bbox), line: index });
          }
        }
      }
      return { text: result.data.text, confidence: result.data.confidence / 100, words, lines };
    },
    async terminate() {
      if (scheduler) {
        const running = scheduler;
        scheduler = undefined;
        await (await running).terminate();
      }
    },
  };
}

/** Messages between the window and workers/extract.worker.ts. */
export type ExtractWorkerRequest =
  | { type: 'extract'; id: number; baseUrl: string; name: string; bytes: ArrayBuffer }
  | { type: 'cancel'; id: number };

export type ExtractWorkerResponse =
  | { type: 'progress'; id: number; progress: ExtractProgress }
  | { type: 'ocr-text'; id: number; text: OcrPageText }
  | { type: 'result'; id: number; result: FileExtraction }
  | { type: 'error'; id: number; message: string; cancelled: boolean };

let sharedWorker: Worker | undefined;
let nextId = 1;

function extractWorker(): Worker {
  sharedWorker ??= new Worker(new URL('../workers/extract.worker.ts', import.meta.url), { type: 'module', name: 'invoice-extract' });
  return sharedWorker;
}

export class ExtractionCancelled extends Error {
  constructor() {
    super('extraction cancelled');
    this.name = 'ExtractionCancelled';
  }
}

/**
 * Extracts the invoices of one file in a web worker: XML, OFD and PDF text layers are read
 * directly, scans and image-only pages go through tesseract.js. Rejects with ExtractionCancelled
 * when the signal aborts.
 */
export function extractInBrowser(
  file: File | { name: string; bytes: Uint8Array },
  options: { onProgress?: (progress: ExtractProgress) => void; onOcrText?: (text: OcrPageText) => void; signal?: AbortSignal } = {},
): Promise<FileExtraction> {
  const worker = extractWorker();
  const id = nextId++;
  return new Promise<FileExtraction>((resolve, reject) => {
    const cleanup = () => {
      worker.removeEventListener('message', onMessage);
      options.signal?.removeEventListener('abort', onAbort);
    };
    const onMessage = (event: MessageEvent<ExtractWorkerResponse>) => {
      const message = event.data;
      if (message.id !== id) return;
      if (message.type === 'progress') options.onProgress?.(message.progress);
      else if (message.type === 'ocr-text') options.onOcrText?.(message.text);
      else if (message.type === 'result') {
        cleanup();
        resolve(message.result);
      } else {
        cleanup();
        reject(message.cancelled ? new ExtractionCancelled() : new Error(message.message));
      }
    };
    const onAbort = () => worker.postMessage({ type: 'cancel', id } satisfies ExtractWorkerRequest);
    if (options.signal?.aborted) {
      reject(new ExtractionCancelled());
      return;
    }
    worker.addEventListener('message', onMessage);
    options.signal?.addEventListener('abort', onAbort);
    const bytesPromise: Promise<ArrayBuffer> = file instanceof Blob ? file.arrayBuffer() : Promise.resolve(file.bytes.slice().buffer as ArrayBuffer);
    bytesPromise.then((bytes) => {
      worker.postMessage({ type: 'extract', id, baseUrl: document.baseURI, name: file.name, bytes } satisfies ExtractWorkerRequest, [bytes]);
    }, (error: unknown) => {
      cleanup();
      reject(error instanceof Error ? error : new Error(String(error)));
    });
  });
}

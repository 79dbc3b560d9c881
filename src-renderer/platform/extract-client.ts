// Window side of invoice extraction: `extractInBrowser` runs the whole pipeline in the extraction
// web worker (workers/extract.worker.ts, which holds the OCR engine) and reports progress; an
// AbortSignal cancels it.
import type { FileExtraction } from '../core/types';
import type { ExtractProgress, OcrPageText, PageOutcome } from '../core/extract/pipeline';
import type { ExtractWorkerRequest, ExtractWorkerResponse } from '../workers/extract-protocol';
import type { DocumentReading } from '../core/prereview/classify';

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
 * directly, scans and image-only pages go through tesseract.js. Each OCR'd page is handed to
 * `onPageRead` as soon as it is read; `readPages` (pages of an interrupted reading of the same bytes)
 * are not read again. Rejects with ExtractionCancelled when the signal aborts.
 */
export function extractInBrowser(
  file: File | { name: string; bytes: Uint8Array },
  options: {
    onProgress?: (progress: ExtractProgress) => void; onOcrText?: (text: OcrPageText) => void; onPageRead?: (outcome: PageOutcome) => void;
    readPages?: { sha256: string; pages: PageOutcome[] }; signal?: AbortSignal;
  } = {},
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
      else if (message.type === 'page-read') options.onPageRead?.(message.outcome);
      else if (message.type === 'prereview-result') return;
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
      worker.postMessage({ type: 'extract', id, baseUrl: document.baseURI, name: file.name, bytes, ...(options.readPages ? { readPages: options.readPages } : {}) } satisfies ExtractWorkerRequest, [bytes]);
    }, (error: unknown) => {
      cleanup();
      reject(error instanceof Error ? error : new Error(String(error)));
    });
  });
}

/**
 * The formal pre-review's reading of one file in the extraction worker (text layers, OCR of a
 * scan's first pages), exactly as the command line reads it. Rejects with ExtractionCancelled when
 * the signal aborts.
 */
export function readForPrereviewInBrowser(file: { name: string; fileType: string; bytes: Uint8Array }, signal?: AbortSignal): Promise<DocumentReading> {
  const worker = extractWorker();
  const id = nextId++;
  return new Promise<DocumentReading>((resolve, reject) => {
    const cleanup = () => {
      worker.removeEventListener('message', onMessage);
      signal?.removeEventListener('abort', onAbort);
    };
    const onMessage = (event: MessageEvent<ExtractWorkerResponse>) => {
      const message = event.data;
      if (message.id !== id) return;
      if (message.type === 'prereview-result') {
        cleanup();
        resolve(message.reading);
      } else if (message.type === 'error') {
        cleanup();
        reject(message.cancelled ? new ExtractionCancelled() : new Error(message.message));
      }
    };
    const onAbort = () => worker.postMessage({ type: 'cancel', id } satisfies ExtractWorkerRequest);
    if (signal?.aborted) {
      reject(new ExtractionCancelled());
      return;
    }
    worker.addEventListener('message', onMessage);
    signal?.addEventListener('abort', onAbort);
    const bytes = file.bytes.slice().buffer as ArrayBuffer;
    worker.postMessage({ type: 'prereview', id, baseUrl: document.baseURI, name: file.name, fileType: file.fileType, bytes } satisfies ExtractWorkerRequest, [bytes]);
  });
}

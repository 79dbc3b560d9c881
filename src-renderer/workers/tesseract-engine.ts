// The extraction worker's OcrEngine: tesseract.js with its worker, wasm core and chi_sim data served
// from the app itself (vendor/...), no cache, the settings and result mapping shared with the CLI
// (core/extract/tesseract.ts). Rasters go to it as PGM (as in the Node adapter), not through a PNG
// encode and decode.
import Tesseract from 'tesseract.js';
import type { OcrEngine } from '../core/ports';
import { ExtractionCancelledError } from '../core/extract/pipeline';
import { encodePgm } from '../core/extract/raster';
import { TESSERACT_LANGUAGE, TESSERACT_OUTPUT, TESSERACT_PARAMETERS, tesseractModelVersion, tesseractPageResult } from '../core/extract/tesseract';

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
      const worker = await Tesseract.createWorker(TESSERACT_LANGUAGE, Tesseract.OEM.LSTM_ONLY, {
        workerPath: urls.workerPath,
        corePath: urls.corePath,
        langPath: urls.langPath,
        cacheMethod: 'none',
        gzip: true,
        workerBlobURL: false,
      });
      await worker.setParameters(TESSERACT_PARAMETERS as unknown as Partial<Tesseract.WorkerParams>);
      return worker;
    }));
    for (const worker of workers) created.addWorker(worker);
    return created;
  };
  return {
    modelVersion: tesseractModelVersion(TESSERACT_LANGUAGE),
    async recognize(image, recognizeOptions) {
      // A cancel is a cancel, not an unreadable file: the pipeline passes this error through.
      if (recognizeOptions?.isCancelled?.()) throw new ExtractionCancelledError();
      scheduler ??= start();
      const bytes = image instanceof Uint8Array ? image : encodePgm(image);
      const input = new Blob([bytes as Uint8Array<ArrayBuffer>]);
      const result = await (await scheduler).addJob('recognize', input as unknown as Tesseract.ImageLike, {}, TESSERACT_OUTPUT);
      return tesseractPageResult(result.data);
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

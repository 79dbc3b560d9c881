// The OcrEngine on tesseract.js, started the same way by every host: a scheduler of N workers, each
// loaded with the language in LSTM mode from data the host names (never cached, gzipped), set with
// the parameters and asked for the output of core/extract/tesseract.ts, whose mapping turns its
// pages into OcrResults. Only the host glue differs: where the worker script, wasm core and language
// data are, and how bytes are handed to tesseract.js. The extraction worker's engine is below; the
// CLI's is src-main/cli/adapters/ocr.ts. Rasters go to tesseract as PGM, not through a PNG encode
// and decode.
import Tesseract from 'tesseract.js';
import type { OcrEngine, OcrResult } from '../core/ports';
import { ExtractionCancelledError } from '../core/extract/pipeline';
import { encodePgm } from '../core/extract/raster';
import { TESSERACT_LANGUAGE, TESSERACT_OUTPUT, TESSERACT_PARAMETERS, TESSERACT_PAGE_READ_PARAMETERS, tesseractLineParameters, tesseractModelVersion, tesseractPageResult } from '../core/extract/tesseract';

export interface TesseractStart {
  /** How many tesseract workers share the jobs (at least one). */
  workers: number;
  language: string;
  /** Where this host's tesseract.js finds its worker, core and language data; asked when the workers start. */
  paths: () => Partial<Tesseract.WorkerOptions>;
  /** Set on every worker besides TESSERACT_PARAMETERS, and given to its start (the CLI's quiet debug file). */
  extraParameters?: Record<string, string>;
}

export interface TesseractPool {
  /** Reads one image (in a form this host's tesseract.js takes), starting the workers on first use. */
  recognize(input: Tesseract.ImageLike): Promise<OcrResult>;
  /** Reads one image as a single text line, restricted to the whitelist when one is given (tesseractLineParameters). */
  recognizeLine(input: Tesseract.ImageLike, whitelist?: string): Promise<OcrResult>;
  /** Stops the workers, if they were started; a later recognize starts them again. */
  terminate(): Promise<void>;
}

/** The tesseract.js workers of an OcrEngine, started lazily. */
export function tesseractPool(start: TesseractStart): TesseractPool {
  let scheduler: Promise<Tesseract.Scheduler> | undefined;
  const launch = async (): Promise<Tesseract.Scheduler> => {
    const created = Tesseract.createScheduler();
    const paths = start.paths();
    const extra = start.extraParameters ?? {};
    const workers = await Promise.all(Array.from({ length: Math.max(1, start.workers) }, async () => {
      const worker = await Tesseract.createWorker(start.language, Tesseract.OEM.LSTM_ONLY, { ...paths, cacheMethod: 'none', gzip: true }, extra as Partial<Tesseract.InitOptions>);
      await worker.setParameters({ ...TESSERACT_PARAMETERS, ...extra } as unknown as Partial<Tesseract.WorkerParams>);
      return worker;
    }));
    for (const worker of workers) created.addWorker(worker);
    return created;
  };
  const terminate = async (): Promise<void> => {
    if (scheduler) {
      const running = scheduler;
      scheduler = undefined;
      await (await running).terminate();
    }
  };
  const read = async (input: Tesseract.ImageLike, parameters: Record<string, string>): Promise<OcrResult> => {
    scheduler ??= launch();
    const result = await (await scheduler).addJob('recognize', input, parameters as Partial<Tesseract.RecognizeOptions>, TESSERACT_OUTPUT);
    return tesseractPageResult(result.data);
  };
  return {
    // Every read names its segmentation mode and whitelist (tesseract.js sets them for that read and
    // restores the worker's after it): a page is read as a page even after a line read that failed
    // before its parameters were restored.
    recognize: (input) => read(input, TESSERACT_PAGE_READ_PARAMETERS),
    recognizeLine: (input, whitelist) => read(input, tesseractLineParameters(whitelist)),
    terminate,
  };
}

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

/**
 * An image's bytes as tesseract.js in the browser takes them: as they are (it copies them, at once),
 * not in a Blob, which it reads back in a later task. A read asked for before a long synchronous step
 * of the pipeline (orientation.ts startLineLooksOver) is then handed to its worker before that step
 * starts. tesseract.js's type for images does not name byte arrays, which its browser build reads.
 */
function imageBytes(bytes: Uint8Array): Tesseract.ImageLike {
  return bytes as unknown as Tesseract.ImageLike;
}

/** tesseract.js in the browser, its assets served by the app itself; `workers` defaults to min(2, hardwareConcurrency). */
export function createBrowserOcrEngine(urls: VendorUrls, options: { workers?: number } = {}): BrowserOcrEngine {
  const pool = tesseractPool({
    workers: Math.min(options.workers ?? 2, globalThis.navigator?.hardwareConcurrency ?? 2),
    language: TESSERACT_LANGUAGE,
    paths: () => ({ workerPath: urls.workerPath, corePath: urls.corePath, langPath: urls.langPath, workerBlobURL: false }),
  });
  return {
    modelVersion: tesseractModelVersion(TESSERACT_LANGUAGE),
    async recognize(image, recognizeOptions) {
      // A cancel is a cancel, not an unreadable file: the pipeline passes this error through.
      if (recognizeOptions?.isCancelled?.()) throw new ExtractionCancelledError();
      return pool.recognize(imageBytes(image instanceof Uint8Array ? image : encodePgm(image)));
    },
    async recognizeLine(image, lineOptions) {
      if (lineOptions?.isCancelled?.()) throw new ExtractionCancelledError();
      return pool.recognizeLine(imageBytes(encodePgm(image)), lineOptions?.whitelist);
    },
    terminate: () => pool.terminate(),
  };
}

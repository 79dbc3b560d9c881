// Node adapter of the OcrEngine port: tesseract.js with local language data (no network, no cache),
// chi_sim, page-segmentation mode 3 for full pages, and a scheduler of min(2, cores) workers.
import { availableParallelism } from 'node:os';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { existsSync } from 'node:fs';
import Tesseract from 'tesseract.js';
import type { OcrEngine, RasterImage } from '../../../src-renderer/core/ports';
import { ExtractionCancelledError } from '../../../src-renderer/core/extract/pipeline';
import { TESSERACT_LANGUAGE, TESSERACT_OUTPUT, TESSERACT_PARAMETERS, tesseractModelVersion, tesseractPageResult } from '../../../src-renderer/core/extract/tesseract';
import { resourcesDir } from '../paths';
import { encodePgm } from './image';

const require = createRequire(import.meta.url);

/** Folder holding chi_sim.traineddata.gz: resources/vendor/tessdata, else the npm data package. */
export function localLangPath(): string {
  const vendored = resolve(resourcesDir(), 'vendor/tessdata');
  if (existsSync(join(vendored, 'chi_sim.traineddata.gz'))) return vendored;
  return join(dirname(require.resolve('@tesseract.js-data/chi_sim/package.json')), '4.0.0');
}

export interface NodeOcrOptions {
  workers?: number;
  language?: string;
}

export interface NodeOcrEngine extends OcrEngine {
  terminate(): Promise<void>;
}

/** Starts the workers lazily on first use; call terminate() when done. */
export function createNodeOcrEngine(options: NodeOcrOptions = {}): NodeOcrEngine {
  const language = options.language ?? TESSERACT_LANGUAGE;
  const workerCount = Math.max(1, Math.min(options.workers ?? 2, availableParallelism()));
  let scheduler: Promise<Tesseract.Scheduler> | undefined;
  const start = async (): Promise<Tesseract.Scheduler> => {
    const created = Tesseract.createScheduler();
    const langPath = localLangPath();
    const workers = await Promise.all(Array.from({ length: workerCount }, async () => {
      const worker = await Tesseract.createWorker(language, Tesseract.OEM.LSTM_ONLY, { langPath, cacheMethod: 'none', gzip: true }, { debug_file: '/dev/null' } as Partial<Tesseract.InitOptions>);
      await worker.setParameters({ ...TESSERACT_PARAMETERS, debug_file: '/dev/null' } as unknown as Partial<Tesseract.WorkerParams>);
      return worker;
    }));
    for (const worker of workers) created.addWorker(worker);
    return created;
  };
  return {
    modelVersion: tesseractModelVersion(language),
    async recognize(image: RasterImage | Uint8Array, recognizeOptions) {
      if (recognizeOptions?.isCancelled?.()) throw new ExtractionCancelledError();
      scheduler ??= start();
      const input = image instanceof Uint8Array ? Buffer.from(image) : Buffer.from(encodePgm(image));
      const result = await (await scheduler).addJob('recognize', input, {}, TESSERACT_OUTPUT);
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

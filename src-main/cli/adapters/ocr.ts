// Node glue of the OcrEngine port: the one tesseract.js engine start-up (src-renderer/workers/
// tesseract-engine.ts tesseractPool, as the extraction worker starts it) with local language data,
// tesseract's debug file silenced, and a scheduler of min(2, cores) workers.
import { availableParallelism } from 'node:os';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { existsSync } from 'node:fs';
import type { OcrEngine, RasterImage } from '../../../src-renderer/core/ports';
import { ExtractionCancelledError } from '../../../src-renderer/core/extract/pipeline';
import { TESSERACT_LANGUAGE, tesseractModelVersion } from '../../../src-renderer/core/extract/tesseract';
import { tesseractPool } from '../../../src-renderer/workers/tesseract-engine';
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
  const pool = tesseractPool({
    workers: Math.min(options.workers ?? 2, availableParallelism()),
    language,
    paths: () => ({ langPath: localLangPath() }),
    extraParameters: { debug_file: '/dev/null' },
  });
  return {
    modelVersion: tesseractModelVersion(language),
    async recognize(image: RasterImage | Uint8Array, recognizeOptions) {
      if (recognizeOptions?.isCancelled?.()) throw new ExtractionCancelledError();
      return pool.recognize(image instanceof Uint8Array ? Buffer.from(image) : Buffer.from(encodePgm(image)));
    },
    async recognizeLine(image: RasterImage, lineOptions) {
      if (lineOptions?.isCancelled?.()) throw new ExtractionCancelledError();
      return pool.recognizeLine(Buffer.from(encodePgm(image)), lineOptions?.whitelist);
    },
    terminate: () => pool.terminate(),
  };
}

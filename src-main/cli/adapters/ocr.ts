// Node adapter of the OcrEngine port: tesseract.js with local language data (no network, no cache),
// chi_sim, page-segmentation mode 3 for full pages, and a scheduler of min(2, cores) workers.
import { availableParallelism } from 'node:os';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { existsSync } from 'node:fs';
import Tesseract from 'tesseract.js';
import type { OcrEngine, OcrResult, OcrWord, RasterImage } from '../../../src-renderer/core/ports';
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

function box(bbox: Tesseract.Bbox): [number, number, number, number] {
  return [bbox.x0, bbox.y0, bbox.x1 - bbox.x0, bbox.y1 - bbox.y0];
}

export function pageResult(page: Tesseract.Page): OcrResult {
  const words: OcrWord[] = [];
  const lines: OcrWord[] = [];
  for (const block of page.blocks ?? []) {
    for (const paragraph of block.paragraphs) {
      for (const line of paragraph.lines) {
        const index = lines.length;
        lines.push({ text: line.text.trim(), confidence: line.confidence / 100, box: box(line.bbox) });
        for (const word of line.words) words.push({ text: word.text, confidence: word.confidence / 100, box: box(word.bbox), line: index });
      }
    }
  }
  return { text: page.text, confidence: page.confidence / 100, words, lines };
}

/** Starts the workers lazily on first use; call terminate() when done. */
export function createNodeOcrEngine(options: NodeOcrOptions = {}): NodeOcrEngine {
  const language = options.language ?? 'chi_sim';
  const workerCount = Math.max(1, Math.min(options.workers ?? 2, availableParallelism()));
  let scheduler: Promise<Tesseract.Scheduler> | undefined;
  const start = async (): Promise<Tesseract.Scheduler> => {
    const created = Tesseract.createScheduler();
    const langPath = localLangPath();
    const workers = await Promise.all(Array.from({ length: workerCount }, async () => {
      const worker = await Tesseract.createWorker(language, Tesseract.OEM.LSTM_ONLY, { langPath, cacheMethod: 'none', gzip: true }, { debug_file: '/dev/null' } as Partial<Tesseract.InitOptions>);
      await worker.setParameters({ tessedit_pageseg_mode: Tesseract.PSM.AUTO, preserve_interword_spaces: '1', user_defined_dpi: '300', debug_file: '/dev/null' });
      return worker;
    }));
    for (const worker of workers) created.addWorker(worker);
    return created;
  };
  return {
    modelVersion: `tesseract.js 7 ${language} (tessdata 4.0.0, LSTM, PSM 3)`,
    async recognize(image: RasterImage | Uint8Array, recognizeOptions) {
      if (recognizeOptions?.isCancelled?.()) throw new Error('cancelled');
      scheduler ??= start();
      const input = image instanceof Uint8Array ? Buffer.from(image) : Buffer.from(encodePgm(image));
      const result = await (await scheduler).addJob('recognize', input, {}, { blocks: true, text: true });
      return pageResult(result.data);
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

// Node adapters of the extraction ports, for the CLI, tests and benchmarks.
import { jsqrDecoder } from '../../../src-renderer/workers/extract-adapters';
import type { ExtractPorts } from '../../../src-renderer/core/extract/pipeline';
import { createNodePdfReader } from './pdf-reader';
import { createNodeImageDecoder } from './image';
import { type NodeOcrEngine, type NodeOcrOptions, createNodeOcrEngine } from './ocr';
import { nodeHasher } from './hasher';

export { createNodePdfReader } from './pdf-reader';
export { createNodeImageDecoder, encodePgm } from './image';
export { createNodeOcrEngine, localLangPath } from './ocr';

export { nodeHasher };

export { jsqrDecoder };

export interface NodeExtractPorts extends ExtractPorts {
  /** Stops the OCR workers, if any were started. */
  dispose(): Promise<void>;
}

/** Ports for extraction in Node: pdf.js, tesseract.js (started on first OCR), jsQR, SHA-256. */
export function createNodeExtractPorts(options: { ocr?: NodeOcrOptions | false; qr?: boolean } = {}): NodeExtractPorts {
  const ocr: NodeOcrEngine | undefined = options.ocr === false ? undefined : createNodeOcrEngine(options.ocr ?? {});
  return {
    hasher: nodeHasher,
    pdf: createNodePdfReader(),
    image: createNodeImageDecoder(),
    ...(ocr ? { ocr } : {}),
    ...(options.qr === false ? {} : { qr: jsqrDecoder }),
    async dispose() {
      await ocr?.terminate();
    },
  };
}

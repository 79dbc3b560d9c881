// Messages between the window (platform/extract-client.ts) and workers/extract.worker.ts.
import type { ExtractProgress, OcrPageText } from '../core/extract/pipeline';
import type { FileExtraction } from '../core/types';
import type { DocumentReading } from '../core/prereview/classify';

export type ExtractWorkerRequest =
  | { type: 'extract'; id: number; baseUrl: string; name: string; bytes: ArrayBuffer }
  /** The formal pre-review's reading of one file (core/prereview readForPrereview); `fileType` as sniffed at import. */
  | { type: 'prereview'; id: number; baseUrl: string; name: string; fileType: string; bytes: ArrayBuffer }
  | { type: 'cancel'; id: number };

export type ExtractWorkerResponse =
  | { type: 'progress'; id: number; progress: ExtractProgress }
  | { type: 'ocr-text'; id: number; text: OcrPageText }
  | { type: 'result'; id: number; result: FileExtraction }
  | { type: 'prereview-result'; id: number; reading: DocumentReading }
  | { type: 'error'; id: number; message: string; cancelled: boolean };

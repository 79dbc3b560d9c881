// Messages between the window (platform/extract-client.ts) and workers/extract.worker.ts.
import type { ExtractProgress, OcrPageText, PageOutcome } from '../core/extract/pipeline';
import type { FileExtraction } from '../core/types';
import type { DocumentReading } from '../core/prereview/classify';

export type ExtractWorkerRequest =
  /** `readPages`: the pages an earlier, interrupted reading of the same bytes read (not read again). */
  | { type: 'extract'; id: number; baseUrl: string; name: string; bytes: ArrayBuffer; readPages?: { sha256: string; pages: PageOutcome[] } }
  /** The formal pre-review's reading of one file (core/prereview readForPrereview); `fileType` as sniffed at import. */
  | { type: 'prereview'; id: number; baseUrl: string; name: string; fileType: string; bytes: ArrayBuffer }
  | { type: 'cancel'; id: number };

export type ExtractWorkerResponse =
  | { type: 'progress'; id: number; progress: ExtractProgress }
  | { type: 'ocr-text'; id: number; text: OcrPageText }
  /** One OCR'd page done, to be kept at once so that a reading cut short resumes after it. */
  | { type: 'page-read'; id: number; outcome: PageOutcome }
  | { type: 'result'; id: number; result: FileExtraction }
  | { type: 'prereview-result'; id: number; reading: DocumentReading }
  | { type: 'error'; id: number; message: string; cancelled: boolean };

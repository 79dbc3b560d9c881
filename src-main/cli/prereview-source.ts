// Reads a dossier's files for the formal pre-review in Node: text layers, OCR of the first pages of
// scans (tesseract.js, started only when a scan needs it), csv and xlsx lists.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { prereviewFileType, readForPrereview, type DocumentReading } from '../../src-renderer/core/prereview';
import type { ManifestDocument } from '../../src-renderer/core/types';
import { createNodeImageDecoder, createNodeOcrEngine, createNodePdfReader } from './adapters';
import { readXlsxSheets } from './read-dossier';

/**
 * Each listed file's reading; a file that is not there, or cannot be read, carries the reason.
 * Files in `known` (read already, with the extraction) are not read again.
 */
export async function readDossierForPrereview(root: string, documents: readonly ManifestDocument[], options: { ocr?: boolean; known?: ReadonlyMap<string, DocumentReading> } = {}): Promise<Map<string, DocumentReading>> {
  const known = options.known ?? new Map<string, DocumentReading>();
  const ocr = options.ocr === false ? undefined : createNodeOcrEngine({ workers: 1 });
  const ports = { pdf: createNodePdfReader(), image: createNodeImageDecoder(), spreadsheet: readXlsxSheets, ...(ocr ? { ocr } : {}) };
  const readings = new Map<string, DocumentReading>();
  try {
    for (const document of documents) {
      const read = known.get(document.file);
      if (read) {
        readings.set(document.file, read);
        continue;
      }
      let bytes: Uint8Array;
      try {
        bytes = new Uint8Array(await readFile(join(root, document.file)));
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        readings.set(document.file, { file: document.file, type: 'unknown', size: 0, pageCount: 0, pages: [], table: null, error: code === 'ENOENT' ? 'no such file in the dossier' : `cannot be read (${code ?? 'error'})` });
        continue;
      }
      readings.set(document.file, await readForPrereview({ path: document.file, bytes, type: prereviewFileType(document.file, bytes) }, ports));
    }
  } finally {
    await ocr?.terminate();
  }
  return readings;
}

// Everything `check` reads of one dossier file, in one pass: the extraction of the one pipeline
// (core/extract/pipeline.ts, as the app's worker runs it) and, when asked, the pre-review reading
// (core/prereview/read.ts). A PDF is opened for the pre-review reading without reading its text
// again: the text of each page the extraction read is handed over.
import type { PdfDocumentHandle, PdfPageText, PdfReader } from '../../src-renderer/core/ports';
import { extractFile } from '../../src-renderer/core/extract/pipeline';
import type { DocumentReading } from '../../src-renderer/core/prereview';
import type { FileExtraction } from '../../src-renderer/core/types';
import type { NodeExtractPorts } from './adapters';

export interface DossierFileReading {
  extraction: FileExtraction;
  /** Present when the pre-review reading was asked for. */
  prereview?: DocumentReading;
}

/**
 * A PDF reader for two readers of the same bytes: the first open reads the document and keeps the
 * text of every page it reads; a later open answers pageText from that text, and opens the
 * document again only for what it lacks (a page to render for OCR).
 */
export function pageTextSharingReader(reader: PdfReader): PdfReader {
  const texts = new Map<number, PdfPageText>();
  let first: { pageCount: number; encrypted: boolean } | null = null;
  return {
    async open(bytes) {
      if (!first) {
        const handle = await reader.open(bytes);
        first = { pageCount: handle.pageCount, encrypted: handle.encrypted };
        return {
          ...handle,
          async pageText(page) {
            const text = await handle.pageText(page);
            texts.set(page, text);
            return text;
          },
        };
      }
      let reopened: Promise<PdfDocumentHandle> | null = null;
      const real = () => (reopened ??= reader.open(bytes));
      return {
        pageCount: first.pageCount,
        encrypted: first.encrypted,
        async pageText(page) {
          return texts.get(page) ?? (await real()).pageText(page);
        },
        async renderPage(page, options) {
          return (await real()).renderPage(page, options);
        },
        async close() {
          if (reopened) await (await reopened).close();
        },
      };
    },
  };
}

export interface DossierFileReadOptions {
  /** Also the pre-review reading; `ocr: false` reads scans as empty there (`check --no-ocr`). */
  prereview?: { ocr: boolean };
}

/** Reads one file of a dossier: its extraction, and its pre-review reading when asked. */
export async function readDossierFile(file: { path: string; bytes: Uint8Array }, ports: NodeExtractPorts, options: DossierFileReadOptions = {}): Promise<DossierFileReading> {
  if (!options.prereview) return { extraction: await extractFile(file, ports) };
  // The pre-review and the spreadsheet reader are loaded only for it: `extract` and the reading
  // threads of a check run without them (their schemas alone cost each thread a tenth of a CPU second).
  const [{ prereviewFileType, readForPrereview }, { readXlsxSheets }] = await Promise.all([import('../../src-renderer/core/prereview'), import('./read-dossier')]);
  const pdf = pageTextSharingReader(ports.pdf);
  const extraction = await extractFile(file, { ...ports, pdf });
  const prereview = await readForPrereview(
    { path: file.path, bytes: file.bytes, type: prereviewFileType(file.path, file.bytes) },
    { pdf, image: ports.image, spreadsheet: readXlsxSheets, ...(ports.ocr && options.prereview.ocr ? { ocr: ports.ocr } : {}) },
  );
  return { extraction, prereview };
}

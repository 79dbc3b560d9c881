// Browser adapter of the PdfReader port: pdf.js with its worker, cMaps, standard fonts, wasm
// decoders and ICC profiles all served from the app's own origin.
import * as pdfjs from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import type { PdfPageText } from '../core/ports';
import { pdfjsDocumentOptions, readPdfjsPageText } from '../core/extract/pdf-text';
import { assetUrl } from './assets';

pdfjs.GlobalWorkerOptions.workerSrc = workerUrl;

export function pdfDocumentOptions(bytes: Uint8Array) {
  return pdfjsDocumentOptions(bytes, (folder) => assetUrl(`vendor/pdfjs/${folder}`));
}

export interface OpenedPdf {
  doc: pdfjs.PDFDocumentProxy;
  /** Releases the document and its worker-side state (pdf.js 6: through the loading task). */
  destroy(): Promise<void>;
}

export async function openPdf(bytes: Uint8Array): Promise<OpenedPdf> {
  const task = pdfjs.getDocument(pdfDocumentOptions(bytes.slice()));
  try {
    return { doc: await task.promise, destroy: () => task.destroy() };
  } catch (error) {
    await task.destroy();
    throw error;
  }
}

/** A page's text for search, with the boxes extraction gives its fields (core/extract/pdf-text.ts). */
export function pageText(doc: pdfjs.PDFDocumentProxy, pageNumber: number): Promise<PdfPageText> {
  return readPdfjsPageText(doc, pageNumber);
}

// Browser adapter of the PdfReader port: pdf.js with its worker, cMaps, standard fonts, wasm
// decoders and ICC profiles all served from the app's own origin. pdf.js is the largest library of
// the window (about 400 kB of script to parse and compile): this module is loaded on demand, when a
// PDF is shown or read (`loadPdfjs` in platform/pdfjs-loader.ts), never at start-up.
import * as pdfjs from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import type { PdfPageText } from '../core/ports';
import { pdfjsDocumentOptions, readPdfjsPageText } from '../core/extract/pdf-text';
import { assetUrl } from './assets';

pdfjs.GlobalWorkerOptions.workerSrc = workerUrl;

/** The annotation mode the viewer paints with: every annotation's appearance, signatures and stamped form fields included. */
export const ANNOTATIONS_SHOWN = pdfjs.AnnotationMode.ENABLE;

export function pdfDocumentOptions(bytes: Uint8Array) {
  return pdfjsDocumentOptions(bytes, (folder) => assetUrl(`vendor/pdfjs/${folder}`));
}

export interface OpenedPdf {
  doc: pdfjs.PDFDocumentProxy;
  /** Releases the document and its worker-side state (pdf.js 6: through the loading task). */
  destroy(): Promise<void>;
}

async function opened(task: pdfjs.PDFDocumentLoadingTask): Promise<OpenedPdf> {
  try {
    return { doc: await task.promise, destroy: () => task.destroy() };
  } catch (error) {
    await task.destroy();
    throw error;
  }
}

export function openPdf(bytes: Uint8Array): Promise<OpenedPdf> {
  return opened(pdfjs.getDocument(pdfDocumentOptions(bytes.slice())));
}

let sharedWorker: pdfjs.PDFWorker | null = null;

/**
 * One pdf.js worker for every document the viewer opens: starting a worker (and parsing its
 * script) for each document would cost more than opening the document itself.
 */
function viewerWorker(): pdfjs.PDFWorker {
  if (!sharedWorker || sharedWorker.destroyed) sharedWorker = new pdfjs.PDFWorker();
  return sharedWorker;
}

/** Opens a PDF for the viewer, on the viewer's one pdf.js worker. */
export function openInViewer(bytes: Uint8Array): Promise<OpenedPdf> {
  return opened(pdfjs.getDocument({ ...pdfDocumentOptions(bytes.slice()), worker: viewerWorker() }));
}

/** A page's text for search, with the boxes extraction gives its fields (core/extract/pdf-text.ts). */
export function pageText(doc: pdfjs.PDFDocumentProxy, pageNumber: number): Promise<PdfPageText> {
  return readPdfjsPageText(doc, pageNumber);
}

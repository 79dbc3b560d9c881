// Browser adapter of the PdfReader port: pdf.js with its worker, cMaps, standard fonts, wasm
// decoders and ICC profiles all served from the app's own origin.
import * as pdfjs from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import type { PdfPageText } from '../core/ports';
import { assetUrl } from './assets';

pdfjs.GlobalWorkerOptions.workerSrc = workerUrl;

export function pdfDocumentOptions(bytes: Uint8Array) {
  return {
    data: bytes,
    cMapUrl: assetUrl('vendor/pdfjs/cmaps/'),
    cMapPacked: true,
    standardFontDataUrl: assetUrl('vendor/pdfjs/standard_fonts/'),
    wasmUrl: assetUrl('vendor/pdfjs/wasm/'),
    iccUrl: assetUrl('vendor/pdfjs/iccs/'),
    isEvalSupported: false,
    enableXfa: false,
  };
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

export async function pageText(doc: pdfjs.PDFDocumentProxy, pageNumber: number): Promise<PdfPageText> {
  const page = await doc.getPage(pageNumber);
  const viewport = page.getViewport({ scale: 1 });
  const content = await page.getTextContent();
  const items: PdfPageText['items'] = [];
  for (const item of content.items) {
    if (!('str' in item) || item.str === '') continue;
    const [, , , d, e, f] = item.transform as number[];
    const height = Math.abs(d ?? item.height);
    items.push({ str: item.str, box: [e ?? 0, viewport.height - (f ?? 0) - height, item.width, height], fontName: item.fontName });
  }
  return { page: pageNumber, width: viewport.width, height: viewport.height, items };
}

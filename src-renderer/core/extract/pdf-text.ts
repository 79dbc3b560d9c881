// pdf.js text content as page text: the one mapping of pdf.js text runs to boxes in page points
// (origin top-left), used by the CLI's PDF reader, the extraction worker and the viewer's search, so
// that a field box and a search hit on the same run are the same box. Only the shapes of pdf.js
// objects are named here (core imports no pdf.js); each host opens documents with its own pdf.js
// build and glue, with the options of `pdfjsDocumentOptions`.
import type { PdfPageText, PdfTextItem } from '../ports';

/** A pdf.js text run (TextItem): its string, text matrix [a b c d e f] and advance. */
export interface PdfjsTextRun {
  str: string;
  transform: number[];
  width: number;
  height: number;
  fontName?: string;
}

/** A pdf.js marked-content boundary (TextMarkedContent): carries no text. */
export interface PdfjsMarkedContent {
  type: string;
}

export interface PdfjsViewport {
  width: number;
  height: number;
  convertToViewportPoint(x: number, y: number): number[];
}

export interface PdfjsPage {
  getViewport(parameters: { scale: number }): PdfjsViewport;
  getTextContent(): Promise<{ items: (PdfjsTextRun | PdfjsMarkedContent)[] }>;
}

export interface PdfjsDocument {
  getPage(pageNumber: number): Promise<PdfjsPage>;
}

/** Baseline to top of the em box, as a share of the font size (CJK and Latin fonts alike). */
const ASCENT = 0.88;

/**
 * The box of one text run in viewport points (scale 1): horizontal runs from the baseline up by the
 * font size; runs turned a quarter (vertical writing, rotated stamps) one font size wide and as
 * long as the run.
 */
export function textRunBox(run: PdfjsTextRun, viewport: PdfjsViewport): PdfTextItem['box'] {
  const [a = 1, b = 0, c = 0, d = 1, e = 0, f = 0] = run.transform;
  const fontSize = Math.hypot(c, d) || Math.hypot(a, b) || run.height;
  const [x = 0, y = 0] = viewport.convertToViewportPoint(e, f);
  if (Math.abs(b) > Math.abs(a)) return [x, y, fontSize, run.height || fontSize * run.str.length];
  return [x, y - fontSize * ASCENT, run.width, fontSize];
}

/** The text runs of a page that carry visible text, with their boxes. */
export function pdfjsPageText(pageNumber: number, viewport: PdfjsViewport, items: readonly (PdfjsTextRun | PdfjsMarkedContent)[]): PdfPageText {
  const text: PdfTextItem[] = [];
  for (const item of items) {
    if (!('str' in item) || item.str.trim() === '') continue;
    text.push({ str: item.str, box: textRunBox(item, viewport), ...(item.fontName === undefined ? {} : { fontName: item.fontName }) });
  }
  return { page: pageNumber, width: viewport.width, height: viewport.height, items: text };
}

/** Reads one page's text through pdf.js (any build: legacy in Node, modern in the browser). */
export async function readPdfjsPageText(doc: PdfjsDocument, pageNumber: number): Promise<PdfPageText> {
  const page = await doc.getPage(pageNumber);
  const viewport = page.getViewport({ scale: 1 });
  const content = await page.getTextContent();
  return pdfjsPageText(pageNumber, viewport, content.items);
}

/**
 * The document options every host passes to pdf.js: local cMaps, standard fonts, wasm decoders and
 * ICC profiles under `assetRoot` (a folder path or URL ending in '/'), no eval of font programs and
 * no XFA forms.
 */
export function pdfjsDocumentOptions(data: Uint8Array, assetRoot: (folder: string) => string) {
  return {
    data,
    cMapUrl: assetRoot('cmaps/'),
    cMapPacked: true,
    standardFontDataUrl: assetRoot('standard_fonts/'),
    wasmUrl: assetRoot('wasm/'),
    iccUrl: assetRoot('iccs/'),
    isEvalSupported: false,
    enableXfa: false,
  };
}

// Text search over page text items (pdf.js text content or OCR words). Whitespace is ignored on both
// sides, because CJK text is laid out without spaces and PDF producers split runs anywhere; Latin
// letters match case-insensitively and full-width forms match their ASCII twins.
import type { PdfPageText } from '../../core/ports';

export interface SearchHit {
  page: number;
  /** Boxes in page coordinates (points, origin top-left) covering the matched characters. */
  boxes: [number, number, number, number][];
}

function normalizeChar(ch: string): string {
  const code = ch.charCodeAt(0);
  if (code >= 0xff01 && code <= 0xff5e) return String.fromCharCode(code - 0xfee0).toLowerCase();
  return ch.toLowerCase();
}

export function normalizeQuery(query: string): string {
  return [...query].filter((ch) => !/\s/.test(ch)).map(normalizeChar).join('');
}

/** Every occurrence of `query` on one page, with the part of each text item it covers. */
export function searchPage(text: PdfPageText, query: string): SearchHit[] {
  const needle = normalizeQuery(query);
  if (!needle) return [];
  const chars: { ch: string; item: number; offset: number }[] = [];
  text.items.forEach((item, itemIndex) => {
    [...item.str].forEach((ch, offset) => {
      if (!/\s/.test(ch)) chars.push({ ch: normalizeChar(ch), item: itemIndex, offset });
    });
  });
  const haystack = chars.map((c) => c.ch).join('');
  const hits: SearchHit[] = [];
  let from = 0;
  for (;;) {
    const at = haystack.indexOf(needle, from);
    if (at < 0) break;
    const covered = new Map<number, { start: number; end: number }>();
    for (let i = at; i < at + needle.length; i++) {
      const { item, offset } = chars[i]!;
      const span = covered.get(item);
      if (span) span.end = offset + 1;
      else covered.set(item, { start: offset, end: offset + 1 });
    }
    const boxes: SearchHit['boxes'] = [];
    for (const [itemIndex, span] of covered) {
      const item = text.items[itemIndex]!;
      const length = [...item.str].length || 1;
      const [x, y, w, h] = item.box;
      boxes.push([x + (w * span.start) / length, y, (w * (span.end - span.start)) / length, h]);
    }
    hits.push({ page: text.page, boxes });
    from = at + needle.length;
  }
  return hits;
}

export type PageTextSource = (page: number) => Promise<PdfPageText>;

/**
 * The text to search on each page: the document's own text layer where it has one, else the words
 * OCR read on that page (scans, photos, image-only PDF pages).
 */
export function searchableText(layer: PageTextSource | null, ocrText: PdfPageText[] | undefined): PageTextSource | null {
  const ocrPage = (page: number) => ocrText?.find((text) => text.page === page);
  if (!layer) return ocrText && ocrText.length > 0 ? async (page) => ocrPage(page) ?? { page, width: 0, height: 0, items: [] } : null;
  if (!ocrText || ocrText.length === 0) return layer;
  return async (page) => {
    const text = await layer(page);
    return text.items.length > 0 ? text : ocrPage(page) ?? text;
  };
}

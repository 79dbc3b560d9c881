// The one pdf.js text mapping (core/extract/pdf-text.ts) used by the CLI, the extraction worker and
// the viewer's search: boxes of horizontal and vertical runs, runs without text left out, and the
// document options every host passes.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import { type PdfjsViewport, pdfjsDocumentOptions, pdfjsPageText, readPdfjsPageText, textRunBox } from '../../../src-renderer/core/extract/pdf-text';
import { createNodePdfReader } from '../../../src-main/cli/adapters';
import { REAL_INVOICES_DIR } from './ground-truth';

/** A portrait A4 page at scale 1: PDF y up from the bottom, viewport y down from the top. */
const a4: PdfjsViewport = { width: 595, height: 842, convertToViewportPoint: (x, y) => [x, 842 - y] };

describe('textRunBox', () => {
  it('puts a horizontal run from its baseline up by the font size', () => {
    expect(textRunBox({ str: '发票号码', transform: [12, 0, 0, 12, 100, 700], width: 48, height: 12 }, a4)).toEqual([100, 142 - 12 * 0.88, 48, 12]);
  });

  it('takes the font size from a scaled matrix, not from the run height', () => {
    const [, , , height] = textRunBox({ str: 'AB', transform: [9, 0, 0, 9, 10, 800], width: 10, height: 20 }, a4);
    expect(height).toBe(9);
  });

  it('gives a run turned a quarter one font size across and its height along the page', () => {
    expect(textRunBox({ str: '发票联', transform: [0, 10, -10, 0, 40, 500], width: 0, height: 30 }, a4)).toEqual([40, 342, 10, 30]);
  });

  it('falls back to one font size per character when a vertical run reports no height', () => {
    const [, , width, height] = textRunBox({ str: '销售方', transform: [0, 8, -8, 0, 40, 500], width: 0, height: 0 }, a4);
    expect([width, height]).toEqual([8, 24]);
  });

  it('goes through the viewport, so a page with an offset crop box keeps its boxes on the page', () => {
    const cropped: PdfjsViewport = { width: 500, height: 400, convertToViewportPoint: (x, y) => [x - 50, 450 - y] };
    expect(textRunBox({ str: 'x', transform: [10, 0, 0, 10, 60, 100], width: 5, height: 10 }, cropped)).toEqual([10, 350 - 8.8, 5, 10]);
  });
});

describe('pdfjsPageText', () => {
  it('keeps runs with visible text and their font, and leaves out blanks and marked content', () => {
    const text = pdfjsPageText(3, a4, [
      { str: '合计', transform: [10, 0, 0, 10, 0, 0], width: 20, height: 10, fontName: 'g_d0_f1' },
      { str: '  ', transform: [10, 0, 0, 10, 0, 0], width: 5, height: 10 },
      { type: 'beginMarkedContent' },
      { str: '', transform: [10, 0, 0, 10, 0, 0], width: 0, height: 10 },
    ]);
    expect(text).toEqual({ page: 3, width: 595, height: 842, items: [{ str: '合计', box: [0, 842 - 8.8, 20, 10], fontName: 'g_d0_f1' }] });
  });
});

describe('pdfjsDocumentOptions', () => {
  it('serves every pdf.js asset from one root and turns off eval and XFA', () => {
    const data = new Uint8Array([1]);
    expect(pdfjsDocumentOptions(data, (folder) => `/assets/pdfjs/${folder}`)).toEqual({
      data,
      cMapUrl: '/assets/pdfjs/cmaps/',
      cMapPacked: true,
      standardFontDataUrl: '/assets/pdfjs/standard_fonts/',
      wasmUrl: '/assets/pdfjs/wasm/',
      iccUrl: '/assets/pdfjs/iccs/',
      isEvalSupported: false,
      enableXfa: false,
    });
  });
});

describe('a real invoice through pdf.js', () => {
  it('reads the same page text through the CLI reader as through the shared mapping', async () => {
    const bytes = new Uint8Array(readFileSync(resolve(REAL_INVOICES_DIR, 'pdf/P14_qdp_guangzhou_tea_25447000001115703415.pdf')));
    const handle = await createNodePdfReader().open(bytes);
    const viaCli = await handle.pageText(1);
    await handle.close();
    const pdfjsRoot = resolve(import.meta.dirname, '../../../node_modules/pdfjs-dist');
    const task = pdfjs.getDocument({ ...pdfjsDocumentOptions(bytes.slice(), (folder) => `${pdfjsRoot}/${folder}`), verbosity: 0 });
    const doc = await task.promise;
    const direct = await readPdfjsPageText(doc, 1);
    await task.destroy();
    // pdf.js names fonts per loaded document (g_d0_…, g_d1_…): the boxes and strings are what must agree.
    const withoutFonts = (text: typeof direct) => text.items.map(({ str, box }) => ({ str, box }));
    expect(withoutFonts(viaCli)).toEqual(withoutFonts(direct));
    expect([viaCli.width, viaCli.height]).toEqual([direct.width, direct.height]);
    expect(direct.items.some((item) => item.str.includes('发票'))).toBe(true);
    for (const item of direct.items) {
      expect(item.box.every(Number.isFinite)).toBe(true);
      expect(item.box[1]).toBeGreaterThanOrEqual(-1);
      expect(item.box[1]).toBeLessThan(direct.height);
    }
  });
});

// tesseract.js results as the OcrEngine port's OcrResult, and the settings every host gives
// tesseract.js: the one mapping shared by the CLI's engine (Node) and the extraction worker's engine
// (browser). Only the shape of a tesseract.js page is named here (core imports no tesseract.js).
import type { OcrResult, OcrWord } from '../ports';
import { OCR_CHOICE_PARAMETERS, PAGE_CHOICE_PARAMETERS, attachSymbolChoices } from './ocr-choices';

export interface TesseractBbox {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

interface TesseractText {
  text: string;
  /** 0..100 */
  confidence: number;
  bbox: TesseractBbox;
}

/** A tesseract.js page as `recognize` returns it with TESSERACT_OUTPUT. */
export interface TesseractPage {
  text: string;
  confidence: number;
  /** hOCR, carrying each character's alternatives (lstm_choice_mode 2). */
  hocr?: string | null;
  blocks: { paragraphs: { lines: (TesseractText & { words: TesseractText[] })[] }[] }[] | null;
}

/** The language every host reads invoices in. */
export const TESSERACT_LANGUAGE = 'chi_sim';

/**
 * Parameters set on every tesseract worker: page-segmentation mode 3 (a full page, automatic
 * layout), spaces between words kept, rasters taken as 300 DPI, and the alternatives the LSTM
 * weighed for each character written into the hOCR (for the field grammars, field-grammar.ts). No
 * line is read a second time inverted (tessedit_do_invert 0): the engine's default reads every
 * unsure line again as white on black, which invoice print never is (dark on paper, and our pages
 * are prepared so), at about a twentieth of a page's time.
 */
export const TESSERACT_PARAMETERS = { tessedit_pageseg_mode: '3', preserve_interword_spaces: '1', user_defined_dpi: '300', tessedit_do_invert: '0', ...OCR_CHOICE_PARAMETERS } as const;

/**
 * Parameters of one full-page read: mode 3 and no whitelist, whatever an earlier line read left, and
 * the alternatives gathered in fewer iterations than a line's (PAGE_CHOICE_PARAMETERS).
 */
export const TESSERACT_PAGE_READ_PARAMETERS = { tessedit_pageseg_mode: '3', tessedit_char_whitelist: '', ...PAGE_CHOICE_PARAMETERS } as const;

/**
 * Parameters of one read of a field region (OcrEngine.recognizeLine): a single text line (mode 7)
 * and the characters the field may hold. tesseract.js sets them for that read only and restores the
 * worker's own (TESSERACT_PARAMETERS, no whitelist) after it.
 */
export function tesseractLineParameters(whitelist: string | undefined): Record<string, string> {
  return { tessedit_pageseg_mode: '7', tessedit_char_whitelist: whitelist ?? '' };
}

/** What every host asks `recognize` for: the block tree, the text and the hOCR with the alternatives. */
export const TESSERACT_OUTPUT = { blocks: true, text: true, hocr: true } as const;

export function tesseractModelVersion(language: string): string {
  return `tesseract.js 7 ${language} (tessdata 4.0.0, LSTM, PSM 3)`;
}

function box(bbox: TesseractBbox): OcrWord['box'] {
  return [bbox.x0, bbox.y0, bbox.x1 - bbox.x0, bbox.y1 - bbox.y0];
}

/** Words and lines in pixel boxes, confidences 0..1; each word knows its line. */
export function tesseractPageResult(page: TesseractPage): OcrResult {
  const words: OcrWord[] = [];
  const lines: OcrWord[] = [];
  for (const block of page.blocks ?? []) {
    for (const paragraph of block.paragraphs) {
      for (const line of paragraph.lines) {
        const index = lines.length;
        lines.push({ text: line.text.trim(), confidence: line.confidence / 100, box: box(line.bbox) });
        for (const word of line.words) words.push({ text: word.text, confidence: word.confidence / 100, box: box(word.bbox), line: index });
      }
    }
  }
  return attachSymbolChoices({ text: page.text, confidence: page.confidence / 100, words, lines }, page.hocr);
}

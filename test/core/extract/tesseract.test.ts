// The one tesseract.js result mapping (core/extract/tesseract.ts) used by the CLI's and the
// extraction worker's OCR engines, and the one local-time formatter behind every clock.
import { describe, expect, it } from 'vitest';
import { TESSERACT_PAGE_READ_PARAMETERS, TESSERACT_PARAMETERS, tesseractLineParameters, tesseractPageResult } from '../../../src-renderer/core/extract/tesseract';
import { localIsoTime } from '../../../src-renderer/core/local-time';
import { probeImage } from '../../../src-renderer/core/import/image-header';

const bbox = (x0: number, y0: number, x1: number, y1: number) => ({ x0, y0, x1, y1 });

describe('tesseractPageResult', () => {
  it('gives words and lines pixel boxes [x, y, w, h], confidences 0..1, and each word its line', () => {
    const result = tesseractPageResult({
      text: '发票号码 12345678\n合计\n',
      confidence: 87,
      blocks: [{ paragraphs: [{ lines: [
        { text: '发票号码 12345678\n', confidence: 90, bbox: bbox(10, 20, 210, 50), words: [
          { text: '发票号码', confidence: 95, bbox: bbox(10, 20, 90, 50) },
          { text: '12345678', confidence: 85, bbox: bbox(100, 22, 210, 50) },
        ] },
        { text: '合计', confidence: 70, bbox: bbox(10, 60, 50, 80), words: [{ text: '合计', confidence: 70, bbox: bbox(10, 60, 50, 80) }] },
      ] }] }],
    });
    expect(result).toEqual({
      text: '发票号码 12345678\n合计\n',
      confidence: 0.87,
      lines: [
        { text: '发票号码 12345678', confidence: 0.9, box: [10, 20, 200, 30] },
        { text: '合计', confidence: 0.7, box: [10, 60, 40, 20] },
      ],
      words: [
        { text: '发票号码', confidence: 0.95, box: [10, 20, 80, 30], line: 0 },
        { text: '12345678', confidence: 0.85, box: [100, 22, 110, 28], line: 0 },
        { text: '合计', confidence: 0.7, box: [10, 60, 40, 20], line: 1 },
      ],
    });
  });

  it('reads a page without blocks as no words', () => {
    expect(tesseractPageResult({ text: '', confidence: 0, blocks: null })).toEqual({ text: '', confidence: 0, words: [], lines: [] });
  });

  it('sets full-page segmentation (mode 3) on every engine', () => {
    expect(TESSERACT_PARAMETERS.tessedit_pageseg_mode).toBe('3');
  });

  it('gathers the alternatives of a page read in two beam-search iterations, those of a line read in the five the engine keeps (its parameters are restored after each read)', () => {
    expect(TESSERACT_PAGE_READ_PARAMETERS).toMatchObject({ tessedit_pageseg_mode: '3', lstm_choice_iterations: '2' });
    expect(TESSERACT_PARAMETERS.lstm_choice_mode).toBe('2');
    expect(tesseractLineParameters('0123456789')).not.toHaveProperty('lstm_choice_iterations');
  });

  it('reads no unsure line a second time inverted (print is dark on paper)', () => {
    expect(TESSERACT_PARAMETERS.tessedit_do_invert).toBe('0');
  });
});

describe('localIsoTime', () => {
  it('writes the local wall time with the offset that makes it the same instant', () => {
    const instant = new Date('2024-10-22T01:00:00Z');
    const text = localIsoTime(instant);
    expect(text).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/);
    expect(new Date(text).getTime()).toBe(instant.getTime());
  });
});

describe('probeImage', () => {
  it('reads PNG and JPEG sizes from their headers and refuses anything else', () => {
    const png = new Uint8Array(33);
    png.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 2, 0, 0, 0, 1, 0]);
    expect(probeImage(png)).toEqual({ width: 512, height: 256, format: 'png' });
    const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xc0, 0, 17, 8, 0, 100, 0, 200, 3, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(probeImage(jpeg)).toEqual({ width: 200, height: 100, format: 'jpeg' });
    expect(probeImage(new TextEncoder().encode('%PDF-1.7'))).toBeNull();
  });
});

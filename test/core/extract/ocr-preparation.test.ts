// Preparation of a page for OCR by measurable cues: the text height measured on the page sets the
// enlargement of clean renders, and clean renders keep their anti-aliased grey (no binarisation),
// while scans and photos (grain on the paper) keep the width rule and are binarised.
import { describe, expect, it } from 'vitest';
import type { RasterImage } from '../../../src-renderer/core/ports';
import { enlargement, looksLikeCleanRender, measureTextHeight, prepareForOcr, whitenQrBlocks } from '../../../src-renderer/core/extract/raster';

/** A white page with lines of dark "characters" (blocks with an anti-aliased grey edge) of the given height. */
function page(width: number, height: number, textHeight: number, grain = 0): RasterImage {
  const data = new Uint8ClampedArray(width * height * 4);
  let seed = 7;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const lineTop = Math.floor(y / (textHeight * 2.5)) * textHeight * 2.5 + textHeight;
      const inLine = y >= lineTop && y < lineTop + textHeight;
      const column = x % Math.round(textHeight * 1.2);
      const inCharacter = inLine && column >= 2 && column < textHeight && x > 40 && x < width - 40 && y < height - 20;
      const edge = inLine && (column === 1 || column === textHeight) && x > 40 && x < width - 40 && y < height - 20;
      let level = inCharacter ? 20 : edge ? 140 : 255;
      if (grain > 0 && level === 255) level = 255 - Math.floor(random() * grain);
      const i = (y * width + x) * 4;
      data[i] = level;
      data[i + 1] = level;
      data[i + 2] = level;
      data[i + 3] = 255;
    }
  }
  return { width, height, data };
}

const greyLevels = (image: RasterImage) => new Set(Array.from({ length: image.width * image.height }, (_, p) => image.data[p * 4]!)).size;

describe('OCR preparation by measured text height and image kind', () => {
  it('measures the height of the lines of text', () => {
    expect(measureTextHeight(page(1200, 800, 12))).toBe(12);
    expect(measureTextHeight(page(1200, 800, 24))).toBe(24);
  });

  it('does not measure a page without lines of text', () => {
    expect(measureTextHeight({ width: 1200, height: 800, data: new Uint8ClampedArray(1200 * 800 * 4).fill(255) })).toBeNull();
  });

  it('tells a clean render from a grainy scan', () => {
    expect(looksLikeCleanRender(page(1200, 800, 12))).toBe(true);
    expect(looksLikeCleanRender(page(1200, 800, 12, 40))).toBe(false);
  });

  it('enlarges a clean render until its text is the asked height, whatever its width', () => {
    const options = { targetWidth: 2480, maxPixels: 10_000_000, targetTextHeight: 30 };
    expect(enlargement(page(1500, 800, 12), true, options)).toBeCloseTo(2.5, 5);
    expect(enlargement(page(1200, 800, 40), true, options)).toBe(1);
    // A grainy scan keeps the width rule: enlarged to about 2480 pixels wide.
    expect(enlargement(page(1200, 800, 12, 40), false, options)).toBeCloseTo(2480 / 1200, 5);
    // Within the pixel cap.
    expect(enlargement(page(2200, 1400, 10), true, options)).toBeCloseTo(Math.sqrt(10_000_000 / (2200 * 1400)), 5);
  });

  it('keeps the grey of a clean render that needs no enlargement and binarises a grainy scan', () => {
    const options = { targetWidth: 1000, maxPixels: 10_000_000, targetTextHeight: 30, binarize: true };
    const clean = prepareForOcr(page(1200, 800, 40), options);
    expect(clean.width).toBe(1200);
    expect(greyLevels(clean)).toBeGreaterThan(2);
    const scan = prepareForOcr(page(1200, 800, 40, 40), options);
    expect(scan.width).toBe(1200);
    expect(greyLevels(scan)).toBe(2);
  });
});

describe('QR codes whitened before a corner is read alone', () => {
  /** A white picture (RGBA), and a way to ink a rectangle of it. */
  const canvas = (width: number, height: number) => {
    const image: RasterImage = { width, height, data: new Uint8ClampedArray(width * height * 4).fill(255) };
    const ink = (x: number, y: number, w: number, h: number) => {
      for (let row = y; row < y + h; row++) image.data.fill(0, (row * width + x) * 4, (row * width + x + w) * 4 - 1);
    };
    const inkAt = (x: number, y: number) => image.data[(y * width + x) * 4]! < 128;
    return { image, ink, inkAt };
  };
  /**
   * A QR code of 25 × 25 modules of `module` pixels at (x, y) as a photo binarised shows it: its three
   * finder patterns and modules inked at random, touching (the white separator around a finder pattern
   * blurred shut).
   */
  const drawQr = (ink: (x: number, y: number, w: number, h: number) => void, x: number, y: number, module: number) => {
    let seed = 11;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const finder = (fx: number, fy: number) => {
      ink(x + fx * module, y + fy * module, 7 * module, module);
      ink(x + fx * module, y + (fy + 6) * module, 7 * module, module);
      ink(x + fx * module, y + fy * module, module, 7 * module);
      ink(x + (fx + 6) * module, y + fy * module, module, 7 * module);
      ink(x + (fx + 2) * module, y + (fy + 2) * module, 3 * module, 3 * module);
    };
    finder(0, 0);
    finder(18, 0);
    finder(0, 18);
    for (let row = 0; row < 25; row++) for (let column = 0; column < 25; column++) {
      const inFinder = (row < 7 && column < 7) || (row < 7 && column > 17) || (row > 17 && column < 7);
      if (!inFinder && random() < 0.5) ink(x + column * module, y + row * module, module, module);
    }
  };

  it('whitens a QR code and keeps the digits printed beside it, a blot and a line of print', () => {
    const { image, ink, inkAt } = canvas(1200, 400);
    drawQr(ink, 40, 40, 8);
    // A digit 4 px right of the QR code (the code printed beside it), a solid blot, a line of characters.
    ink(244, 40, 8, 50);
    ink(244, 40, 30, 8);
    ink(500, 40, 150, 150);
    for (let character = 0; character < 12; character++) ink(700 + character * 40, 300, 30, 30);
    expect(whitenQrBlocks(image)).toBe(1);
    expect(inkAt(40, 40)).toBe(false);
    expect(inkAt(40 + 12 * 8 + 4, 40 + 3)).toBe(false);
    expect(inkAt(248, 60)).toBe(true);
    expect(inkAt(560, 100)).toBe(true);
    expect(inkAt(710, 310)).toBe(true);
  });

  it('leaves a picture without a QR code as it is', () => {
    const { image, ink } = canvas(800, 300);
    for (let character = 0; character < 10; character++) ink(40 + character * 60, 100, 40, 50);
    const before = image.data.slice();
    expect(whitenQrBlocks(image)).toBe(0);
    expect(image.data).toEqual(before);
  });
});

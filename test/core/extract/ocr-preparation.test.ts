// Preparation of a page for OCR by measurable cues: the text height measured on the page sets the
// enlargement of clean renders, and clean renders keep their anti-aliased grey (no binarisation),
// while scans and photos (grain on the paper) keep the width rule and are binarised.
import { describe, expect, it } from 'vitest';
import type { RasterImage } from '../../../src-renderer/core/ports';
import { enlargement, looksLikeCleanRender, measureTextHeight, prepareForOcr } from '../../../src-renderer/core/extract/raster';

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

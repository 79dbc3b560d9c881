// Red seal ink drops out before OCR, black print under the seal stays, and brown form print (even
// blurred into the paper) is not mistaken for seal ink.
import { describe, expect, it } from 'vitest';
import { enlargement, flattenIllumination, greyWithoutSeals, prepareForOcr, resizeRaster, sealCast } from '../../../src-renderer/core/extract/raster';
import type { RasterImage } from '../../../src-renderer/core/ports';

type Rgb = [number, number, number];
const PAPER: Rgb = [251, 248, 239];
const SEAL: Rgb = [231, 86, 79];
const PRINT_UNDER_SEAL: Rgb = [172, 28, 25];
const BLACK: Rgb = [17, 17, 17];
const BROWN: Rgb = [139, 69, 19];

function page(width: number, height: number, paint: (x: number, y: number) => Rgb): RasterImage {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const [r, g, b] = paint(x, y);
      data.set([r, g, b, 255], (y * width + x) * 4);
    }
  }
  return { width, height, data };
}

const greyAt = (grey: Uint8ClampedArray, width: number, x: number, y: number) => grey[(y * width + x) * 4]!;

describe('seal dropout', () => {
  it('whitens seal ink and keeps black print under and beside it', () => {
    // A black bar (text stroke) at rows 20-29, a seal band over columns 40-79 that crosses it.
    const image = page(120, 50, (x, y) => {
      const inSeal = x >= 40 && x < 80;
      const inText = y >= 20 && y < 30;
      if (inSeal && inText) return PRINT_UNDER_SEAL;
      if (inSeal) return SEAL;
      if (inText) return BLACK;
      return PAPER;
    });
    const grey = greyWithoutSeals(image);
    expect(greyAt(grey, 120, 60, 5)).toBe(255);
    expect(greyAt(grey, 120, 60, 45)).toBe(255);
    expect(greyAt(grey, 120, 60, 25)).toBeLessThan(100);
    expect(greyAt(grey, 120, 10, 25)).toBeLessThan(30);
    expect(greyAt(grey, 120, 100, 5)).toBeGreaterThan(240);
  });

  it('keeps the luminance of a page without a seal, brown print included', () => {
    const image = page(60, 40, (x) => (x < 20 ? BROWN : x < 40 ? [192, 144, 104] : PAPER));
    const grey = greyWithoutSeals(image);
    expect(greyAt(grey, 60, 5, 5)).toBe(Math.round((139 * 299 + 69 * 587 + 19 * 114) / 1000));
    expect(greyAt(grey, 60, 30, 5)).toBeLessThan(165);
  });

  it('a page enlarged for OCR loses its seal as the enlarged colour page would: the same pixels, seal or none', () => {
    // Noisy paper, strokes of black and brown print, and (on one page) a blurred seal ring over them: every
    // channel interpolated between unlike neighbours, rounding halves included.
    const noise = (x: number, y: number) => ((x * 7919 + y * 104_729) % 23) - 11;
    const stroke = (x: number, y: number) => (y % 17 < 3 || x % 29 < 2 ? (x % 3 === 0 ? BROWN : BLACK) : null);
    const ring = (x: number, y: number) => Math.abs(Math.hypot(x - 150, y - 60) - 40) < 6;
    for (const sealed of [false, true]) {
      const image = page(300, 130, (x, y) => {
        const print = stroke(x, y);
        if (sealed && ring(x, y)) return print ? PRINT_UNDER_SEAL : [SEAL[0] + (noise(x, y) >> 1), SEAL[1] + noise(x, y), SEAL[2] - noise(x, y)];
        return print ?? [PAPER[0] + (noise(x, y) >> 2), PAPER[1] + noise(x, y), PAPER[2] - noise(x, y)];
      });
      const options = { targetWidth: 700, maxPixels: 10_000_000 };
      const factor = enlargement(image, false, options);
      expect(factor).toBeGreaterThan(2);
      const enlarged = resizeRaster(image, Math.round(image.width * factor), Math.round(image.height * factor));
      const dropped = greyWithoutSeals(enlarged);
      // The seal's ink, away from the print, turns white on the sealed page (the seal path is taken).
      expect(greyAt(dropped, enlarged.width, Math.round(190 * factor), Math.round(60 * factor)) === 255).toBe(sealed);
      const expected = new Uint8ClampedArray(dropped);
      flattenIllumination(expected, enlarged.width, enlarged.height);
      const prepared = prepareForOcr(image, options);
      expect([prepared.width, prepared.height]).toEqual([enlarged.width, enlarged.height]);
      expect(Buffer.from(prepared.data).equals(Buffer.from(expected))).toBe(true);
    }
  });

  it('on a page printed in two reds, keeps the paler red labels away from a full-red seal', () => {
    // 数电 layouts print their labels and rules in a red that passes for seal red; the seal itself is full red.
    const FULL_RED: Rgb = [224, 0, 16];
    const LABEL_RED: Rgb = [192, 96, 96];
    const label = (x: number, y: number) => y >= 100 && y < 110 && x % 6 < 3 && x < 200;
    const seal = (x: number, y: number) => Math.abs(Math.hypot(x - 300, y - 40) - 30) < 4;
    const image = page(400, 130, (x, y) => (seal(x, y) ? FULL_RED : label(x, y) ? LABEL_RED : PAPER));
    const grey = greyWithoutSeals(image);
    const labelGrey = Math.round((192 * 299 + 96 * 587 + 96 * 114) / 1000);
    expect(greyAt(grey, 400, 30, 105)).toBe(labelGrey);
    expect(greyAt(grey, 400, 330, 40)).toBe(255);
    // With no full-red seal, the same red print may be a faded seal's ink and drops out as before.
    const faded = greyWithoutSeals(page(400, 130, (x, y) => (label(x, y) ? LABEL_RED : PAPER)));
    expect(greyAt(faded, 400, 30, 105)).toBe(255);
    // The enlarged page for OCR gives the same pixels as the enlarged colour page would.
    const options = { targetWidth: 900, maxPixels: 10_000_000 };
    const factor = enlargement(image, false, options);
    const enlarged = resizeRaster(image, Math.round(image.width * factor), Math.round(image.height * factor));
    const expected = greyWithoutSeals(enlarged);
    flattenIllumination(expected, enlarged.width, enlarged.height);
    expect(Buffer.from(prepareForOcr(image, options).data).equals(Buffer.from(expected))).toBe(true);
  });

  it('tells seal red from brown and orange print', () => {
    expect(sealCast(...SEAL)).toBeGreaterThan(80);
    expect(sealCast(190, 90, 90)).toBeGreaterThan(80);
    expect(sealCast(...BROWN)).toBe(0);
    expect(sealCast(192, 144, 104)).toBe(0);
    expect(sealCast(...BLACK)).toBe(0);
  });
});

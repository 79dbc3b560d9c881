import { describe, expect, it } from 'vitest';
import type { RasterImage } from '../../../src-renderer/core/ports';
import { prepareForOcr, rasterScale, resizeRaster } from '../../../src-renderer/core/extract/raster';
import { rotateByDegrees, squareToQuad, warpQuad } from '../../../src-renderer/core/extract/page-geometry';

describe('rasterScale', () => {
  it('renders at the requested DPI when the page fits the pixel cap', () => {
    expect(rasterScale(595, 842, 72, 10_000_000)).toBe(1);
    expect(rasterScale(595, 842, 300, 10_000_000)).toBeCloseTo(300 / 72, 10);
  });
  it('scales down so that the raster stays within the pixel cap', () => {
    const scale = rasterScale(2000, 2000, 300, 10_000_000);
    expect(scale).toBeLessThan(300 / 72);
    expect(Math.floor(2000 * scale) * Math.floor(2000 * scale)).toBeLessThanOrEqual(10_000_000);
  });
});

/** The bilinear resize as first written (every weight worked out per pixel and channel): what resizeRaster must give, byte for byte. */
function referenceResize(image: RasterImage, width: number, height: number): Uint8ClampedArray {
  const data = new Uint8ClampedArray(width * height * 4);
  const xRatio = image.width / width;
  const yRatio = image.height / height;
  for (let y = 0; y < height; y++) {
    const sy = Math.max(0, (y + 0.5) * yRatio - 0.5);
    const y0 = Math.min(image.height - 1, Math.floor(sy));
    const y1 = Math.min(image.height - 1, y0 + 1);
    const fy = sy - y0;
    for (let x = 0; x < width; x++) {
      const sx = Math.max(0, (x + 0.5) * xRatio - 0.5);
      const x0 = Math.min(image.width - 1, Math.floor(sx));
      const x1 = Math.min(image.width - 1, x0 + 1);
      const fx = sx - x0;
      for (let c = 0; c < 4; c++) {
        const at = (row: number, column: number) => image.data[(row * image.width + column) * 4 + c]!;
        data[(y * width + x) * 4 + c] = (at(y0, x0) * (1 - fx) + at(y0, x1) * fx) * (1 - fy) + (at(y1, x0) * (1 - fx) + at(y1, x1) * fx) * fy;
      }
    }
  }
  return data;
}

describe('resizeRaster', () => {
  it('gives, byte for byte, the bilinear resize with every weight worked out per pixel (enlarging and reducing, odd ratios)', () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const image: RasterImage = { width: 37, height: 23, data: Uint8ClampedArray.from({ length: 37 * 23 * 4 }, () => Math.floor(random() * 256)) };
    for (const [width, height] of [[92, 57], [100, 23], [37, 61], [15, 9], [1, 1], [37, 23]] as const) {
      const resized = resizeRaster(image, width, height);
      expect([resized.width, resized.height]).toEqual([width, height]);
      expect(Buffer.from(resized.data).equals(Buffer.from(referenceResize(image, width, height)))).toBe(true);
    }
  });
});

/** A picture of random pixels (a fixed seed). */
function randomPicture(width: number, height: number, seed: number): RasterImage {
  const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  return { width, height, data: Uint8ClampedArray.from({ length: width * height * 4 }, () => Math.floor(random() * 256)) };
}

/** The bilinear sample as first written (every place clamped to the picture, white beyond half a pixel off it): what the page geometry's resampling must give, byte for byte. */
function referenceSample(image: RasterImage, fx: number, fy: number): number[] {
  const { width: sw, height: sh, data } = image;
  if (fx < -0.5 || fy < -0.5 || fx > sw - 0.5 || fy > sh - 0.5) return [255, 255, 255, 255];
  const x0 = Math.max(0, Math.min(sw - 1, Math.floor(fx)));
  const y0 = Math.max(0, Math.min(sh - 1, Math.floor(fy)));
  const x1 = Math.min(sw - 1, x0 + 1);
  const y1 = Math.min(sh - 1, y0 + 1);
  const ax = Math.max(0, Math.min(1, fx - x0));
  const ay = Math.max(0, Math.min(1, fy - y0));
  const at = (row: number, column: number, c: number) => data[(row * sw + column) * 4 + c]!;
  return [0, 1, 2, 3].map((c) => (at(y0, x0, c) * (1 - ax) + at(y0, x1, c) * ax) * (1 - ay) + (at(y1, x0, c) * (1 - ax) + at(y1, x1, c) * ax) * ay);
}

describe('page resampling', () => {
  it('turns a picture, byte for byte, as the bilinear sample clamped at every place does (inside the picture, at its edges and beyond)', () => {
    const image = randomPicture(41, 29, 11);
    for (const degrees of [2.4, -5.7, 30]) {
      const turned = rotateByDegrees(image, degrees);
      const radians = (degrees * Math.PI) / 180;
      const [cos, sin, cx, cy] = [Math.cos(radians), Math.sin(radians), image.width / 2, image.height / 2];
      const expected = new Uint8ClampedArray(image.width * image.height * 4);
      for (let y = 0; y < image.height; y++) {
        for (let x = 0; x < image.width; x++) {
          const [dx, dy] = [x + 0.5 - cx, y + 0.5 - cy];
          expected.set(referenceSample(image, cx + dx * cos - dy * sin - 0.5, cy + dx * sin + dy * cos - 0.5), (y * image.width + x) * 4);
        }
      }
      expect(Buffer.from(turned.data).equals(Buffer.from(expected))).toBe(true);
    }
  });

  it('warps a quad, byte for byte, as the bilinear sample clamped at every place does (a quad reaching past the picture: white there)', () => {
    const image = randomPicture(53, 37, 5);
    for (const corners of [[[-3.5, 2.2], [50.1, -1.7], [55.3, 36.9], [1.2, 33.4]], [[4.5, 3.2], [47.1, 2.7], [48.3, 33.9], [3.2, 32.4]]] as [number, number][][]) {
      const [width, height] = [61, 40];
      const warped = warpQuad(image, corners as [[number, number], [number, number], [number, number], [number, number]], width, height);
      const m = squareToQuad(corners as [[number, number], [number, number], [number, number], [number, number]]);
      const expected = new Uint8ClampedArray(width * height * 4);
      for (let y = 0; y < height; y++) {
        for (let x = 0; x < width; x++) {
          const [u, v] = [(x + 0.5) / width, (y + 0.5) / height];
          const w = m[6]! * u + m[7]! * v + m[8]!;
          expected.set(referenceSample(image, (m[0]! * u + m[1]! * v + m[2]!) / w - 0.5, (m[3]! * u + m[4]! * v + m[5]!) / w - 0.5), (y * width + x) * 4);
        }
      }
      expect(Buffer.from(warped.data).equals(Buffer.from(expected))).toBe(true);
    }
  });
});

describe('prepareForOcr', () => {
  const inkCut = { targetWidth: 0, maxPixels: Number.MAX_SAFE_INTEGER, binarize: true, inkGrey: true };

  it('makes the ink cut of a page at its own size once for two preparations of it (a camera photo: its curl test, then its read), and again for a third', () => {
    const page = randomPicture(64, 48, 3);
    const first = prepareForOcr(page, inkCut);
    // The page's read asks with its own target width and text height: the page is not enlarged, so the cut is the same.
    const read = prepareForOcr(page, { ...inkCut, targetWidth: 80, targetTextHeight: 30, clean: false });
    expect(read).toBe(first);
    const third = prepareForOcr(page, inkCut);
    expect(third).not.toBe(first);
    expect(Buffer.from(third.data).equals(Buffer.from(first.data))).toBe(true);
  });

  it('does not hand the ink cut to a preparation that differs: smoothed, enlarged, in grey or at a set threshold', () => {
    const page = randomPicture(64, 48, 9);
    for (const other of [{ smoothBlocks: true }, { targetWidth: 200 }, { binarize: false }, { binaryThreshold: 120 }]) {
      const made = prepareForOcr(page, inkCut);
      expect(prepareForOcr(page, { ...inkCut, ...other })).not.toBe(made);
      prepareForOcr(page, inkCut);
    }
  });
});

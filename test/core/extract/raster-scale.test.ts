import { describe, expect, it } from 'vitest';
import type { RasterImage } from '../../../src-renderer/core/ports';
import { rasterScale, resizeRaster } from '../../../src-renderer/core/extract/raster';

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

// A JPEG compressed hard (a screenshot saved at a low quality, told by its quantisation table: jpeg-segments.test)
// has its page smoothed once enlarged for OCR: the blocks' edges and the speckle around the
// strokes blend into the paper while strokes keep their ink (core/extract/raster.ts).
import { describe, expect, it } from 'vitest';
import { smoothGrey } from '../../../src-renderer/core/extract/raster';

describe('the page of a hard-compressed JPEG', () => {
  it('smoothing fades a speck of one pixel into the paper and keeps a stroke six pixels wide dark', () => {
    const width = 40;
    const height = 20;
    const data = new Uint8ClampedArray(width * height * 4).fill(255);
    const ink = (x: number, y: number) => data.fill(0, (y * width + x) * 4, (y * width + x) * 4 + 3);
    ink(5, 10);
    for (let y = 0; y < height; y++) for (let x = 20; x < 26; x++) ink(x, y);
    smoothGrey(data, width, height);
    const level = (x: number, y: number) => data[(y * width + x) * 4]!;
    expect(level(5, 10)).toBeGreaterThan(180);
    expect(level(22, 10)).toBeLessThan(30);
    expect([data[(10 * width + 22) * 4 + 1], data[(10 * width + 22) * 4 + 2]]).toEqual([level(22, 10), level(22, 10)]);
  });
});

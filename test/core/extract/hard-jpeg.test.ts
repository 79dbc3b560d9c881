// A JPEG compressed hard (a screenshot saved at a low quality) is told by its quantisation table,
// and its page is smoothed once enlarged for OCR: the blocks' edges and the speckle around the
// strokes blend into the paper while strokes keep their ink (core/extract/raster.ts).
import { describe, expect, it } from 'vitest';
import { createCanvas } from '@napi-rs/canvas';
import { isHardCompressedJpeg, smoothGrey } from '../../../src-renderer/core/extract/raster';

function jpeg(quality: number): Uint8Array {
  const canvas = createCanvas(64, 64);
  const context = canvas.getContext('2d');
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, 64, 64);
  context.fillStyle = '#000000';
  context.fillText('发票 46.62', 2, 30);
  return new Uint8Array(canvas.toBuffer('image/jpeg', quality));
}

describe('hard-compressed JPEGs', () => {
  it('are told by their quantisation table: quality 22 is, 80 and 95 are not, nor a PNG', () => {
    expect(isHardCompressedJpeg(jpeg(22))).toBe(true);
    expect(isHardCompressedJpeg(jpeg(80))).toBe(false);
    expect(isHardCompressedJpeg(jpeg(95))).toBe(false);
    const png = createCanvas(8, 8).toBuffer('image/png');
    expect(isHardCompressedJpeg(new Uint8Array(png))).toBe(false);
  });

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

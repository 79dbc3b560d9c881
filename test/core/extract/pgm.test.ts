// Rasters go to tesseract (Node and browser) as binary PGM: header, then one luminance byte a pixel.
import { describe, expect, it } from 'vitest';
import { encodePgm } from '../../../src-renderer/core/extract/raster';

describe('encodePgm', () => {
  it('writes a P5 header and the luminance of each pixel', () => {
    const data = new Uint8ClampedArray([255, 255, 255, 255, 0, 0, 0, 255, 255, 0, 0, 255]);
    const pgm = encodePgm({ width: 3, height: 1, data });
    const header = 'P5\n3 1\n255\n';
    expect(String.fromCharCode(...pgm.subarray(0, header.length))).toBe(header);
    expect([...pgm.subarray(header.length)]).toEqual([255, 0, 76]);
  });
});

import { describe, expect, it } from 'vitest';
import { rasterScale } from '../../../src-renderer/core/extract/raster';

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

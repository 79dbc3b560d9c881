// A photographed sheet that curls: its lines tilt more towards one edge (G05 of the seventh set: its
// top third level, its bottom 4.8°). The page is levelled band by band before OCR, where the bands'
// skews tell a curl (page-geometry.ts levelCurledBands).
import { describe, expect, it } from 'vitest';
import type { RasterImage } from '../../../src-renderer/core/ports';
import { bandSkews, levelCurledBands, straightenPage, tellsCurl } from '../../../src-renderer/core/extract/page-geometry';

const [WIDTH, HEIGHT] = [1200, 900];
const CENTRE = WIDTH / 2;

/** The skew (degrees, positive: falling to the right) of the line at height y: level in the top third, then tilting to `bottom`. */
function skewAt(y: number, bottom: number): number {
  return y < HEIGHT / 3 ? 0 : (bottom * (y - HEIGHT / 3)) / ((HEIGHT * 2) / 3);
}

/** Rows of dashes (words) every 36 px, each row tilted by skewAt about the page's middle. */
function curledPage(bottom: number): RasterImage {
  const data = new Uint8ClampedArray(WIDTH * HEIGHT * 4).fill(255);
  for (let row = 24; row < HEIGHT - 24; row += 36) {
    const slope = Math.tan((skewAt(row, bottom) * Math.PI) / 180);
    for (let x = 80; x < WIDTH - 80; x++) {
      if (x % 40 >= 30) continue;
      const centre = row + (x - CENTRE) * slope;
      for (let y = Math.round(centre - 5); y <= Math.round(centre + 5); y++) if (y >= 0 && y < HEIGHT) data.fill(20, (y * WIDTH + x) * 4, (y * WIDTH + x) * 4 + 3);
    }
  }
  return { width: WIDTH, height: HEIGHT, data };
}

/** The rows of x's column inked in the image, between y0 and y1. */
function inkedRows(image: RasterImage, x: number, y0: number, y1: number): number[] {
  const rows: number[] = [];
  for (let y = y0; y < y1; y++) if (image.data[(y * image.width + x) * 4]! < 128) rows.push(y);
  return rows;
}

describe('a curled page', () => {
  it('tells its bands apart: level at the top, tilted at the bottom', () => {
    const skews = bandSkews(curledPage(-5));
    expect(skews[0]).toBe(0);
    expect(skews[2]!).toBeLessThan(-3);
    expect(tellsCurl(skews)).toBe(true);
  });

  it('is levelled band by band: a bottom line runs level, and a point of it maps back to where the page has it', () => {
    const page = curledPage(-5);
    const levelled = levelCurledBands(page)!;
    expect(levelled).not.toBeNull();
    const [left, right] = [CENTRE - 400, CENTRE + 400];
    // The line printed at row 816 (its middle), tilted about 4.5°: 63 px higher at the right than at the left.
    const before = [inkedRows(page, left, 700, 899), inkedRows(page, right, 700, 899)];
    expect(Math.abs(before[0]!.at(-1)! - before[1]!.at(-1)!)).toBeGreaterThan(40);
    const line = inkedRows(levelled.image, CENTRE, 800, 835);
    expect(line.length).toBeGreaterThan(5);
    const middle = line[Math.floor(line.length / 2)]!;
    const near = (x: number) => inkedRows(levelled.image, x, middle - 8, middle + 9).length;
    expect(near(left)).toBeGreaterThan(5);
    expect(near(right)).toBeGreaterThan(5);
    const [, y] = levelled.toPage([right, middle]);
    expect(page.data[(Math.round(y) * WIDTH + right) * 4]).toBeLessThan(128);
  });

  it('is told by skews that run from one edge to the other 3° apart or more, not by noise in one band or a page tilted alike', () => {
    expect(tellsCurl([0, -3.2, -4.8])).toBe(true);
    expect(tellsCurl([0, -1.4, 0])).toBe(false);
    expect(tellsCurl([-2.4, -2.2, -2.4])).toBe(false);
    expect(tellsCurl([0, -2.2, -2.4])).toBe(false);
    expect(tellsCurl([0, -5, -3])).toBe(false);
  });

  it('is levelled only where asked (a camera photo), and a level page is left as it is', () => {
    const page = curledPage(-5);
    expect(straightenPage(page, { wholePicture: true }).image.data).toEqual(page.data);
    const levelled = straightenPage(page, { wholePicture: true, levelCurl: true });
    expect(levelled.image.data).not.toEqual(page.data);
    expect(levelled.toPicture([CENTRE, 100])).toEqual([CENTRE, 100]);
    const flat = curledPage(0);
    expect(straightenPage(flat, { wholePicture: true, levelCurl: true }).image.data).toEqual(flat.data);
  });
});

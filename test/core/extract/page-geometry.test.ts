// Page geometry before OCR: the header of PNG, JPEG (with its EXIF orientation) and WEBP files, the
// quarter turns EXIF asks for, the page found in a larger picture (a sheet on a desk, a page on an
// image viewer's grey mat) and warped flat, and the skew of text lines measured and turned out.
import { describe, expect, it } from 'vitest';
import { createCanvas } from '@napi-rs/canvas';
import type { RasterImage } from '../../../src-renderer/core/ports';
import { probeImage } from '../../../src-renderer/core/import/image-header';
import { applyExifOrientation, rotateRaster } from '../../../src-renderer/core/extract/raster';
import { estimateSkewDegrees, findPage, flattenPage, rotateByDegrees, straightenPage } from '../../../src-renderer/core/extract/page-geometry';
import { withExifOrientation } from '../../fixtures/invoices/photo-effects';

function raster(width: number, height: number, paint: (x: number, y: number) => [number, number, number]): RasterImage {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const [r, g, b] = paint(x, y);
      data.set([r, g, b, 255], (y * width + x) * 4);
    }
  }
  return { width, height, data };
}

/** A page of text-like rows: dark strokes every 24 px, 12 px tall, with gaps between words. */
function printedPage(width: number, height: number): RasterImage {
  return raster(width, height, (x, y) => {
    const inRow = y % 24 >= 6 && y % 24 < 18 && y > 20 && y < height - 20 && x > 20 && x < width - 20;
    const stroke = inRow && x % 9 < 3 && Math.floor(x / 60) % 5 !== 4;
    return stroke ? [20, 20, 20] : [250, 250, 248];
  });
}

function pixel(image: RasterImage, x: number, y: number): number {
  return image.data[(Math.round(y) * image.width + Math.round(x)) * 4]!;
}

describe('image headers', () => {
  it('reads size and EXIF orientation of a JPEG, size of PNG and WEBP', () => {
    const canvas = createCanvas(120, 80);
    const jpeg = new Uint8Array(canvas.toBuffer('image/jpeg'));
    expect(probeImage(jpeg)).toEqual({ width: 120, height: 80, format: 'jpeg' });
    expect(probeImage(new Uint8Array(withExifOrientation(Buffer.from(jpeg), 6)))).toEqual({ width: 120, height: 80, format: 'jpeg', orientation: 6 });
    expect(probeImage(new Uint8Array(canvas.toBuffer('image/png')))).toEqual({ width: 120, height: 80, format: 'png' });
    expect(probeImage(new Uint8Array(canvas.toBuffer('image/webp')))).toEqual({ width: 120, height: 80, format: 'webp' });
    expect(probeImage(new Uint8Array([1, 2, 3]))).toBeNull();
  });

  it('turns an image by quarter turns and by EXIF orientation', () => {
    const marked = raster(4, 2, (x, y) => (x === 0 && y === 0 ? [255, 0, 0] : [0, 0, 0]));
    const clockwise = rotateRaster(marked, 90);
    expect([clockwise.width, clockwise.height]).toEqual([2, 4]);
    expect(clockwise.data[(0 * 2 + 1) * 4]).toBe(255);
    expect(applyExifOrientation(marked, 6).data).toEqual(clockwise.data);
    const half = applyExifOrientation(marked, 3);
    expect(half.data[(1 * 4 + 3) * 4]).toBe(255);
    expect(applyExifOrientation(applyExifOrientation(marked, 8), 6).data).toEqual(marked.data);
  });
});

describe('page geometry', () => {
  it('finds a sheet photographed at an angle on a dark desk and warps it flat', () => {
    const page = printedPage(400, 280);
    // The sheet's corners in the photo: a keystone (the top edge farther away) on a dark desk.
    const corners: [number, number][] = [[130, 90], [490, 110], [520, 400], [100, 380]];
    const photo = raster(640, 480, () => [60, 55, 50]);
    const inverse = (x: number, y: number): [number, number] | null => {
      // Bilinear inverse by search is enough for a test: sample the page at the quad's (u, v).
      for (let v = 0; v <= 1; v += 1 / 280) {
        const left = [corners[0]![0] + (corners[3]![0] - corners[0]![0]) * v, corners[0]![1] + (corners[3]![1] - corners[0]![1]) * v];
        const right = [corners[1]![0] + (corners[2]![0] - corners[1]![0]) * v, corners[1]![1] + (corners[2]![1] - corners[1]![1]) * v];
        if (Math.abs(left[1]! + (right[1]! - left[1]!) * ((x - left[0]!) / (right[0]! - left[0]!)) - y) < 0.6) {
          const u = (x - left[0]!) / (right[0]! - left[0]!);
          return u >= 0 && u <= 1 ? [u, v] : null;
        }
      }
      return null;
    };
    for (let y = 80; y < 410; y++) {
      for (let x = 90; x < 530; x++) {
        const uv = inverse(x, y);
        if (!uv) continue;
        const level = pixel(page, Math.min(399, uv[0] * 399), Math.min(279, uv[1] * 279));
        photo.data.set([level, level, level, 255], (y * 640 + x) * 4);
      }
    }
    const found = findPage(photo);
    expect(found).not.toBeNull();
    found!.corners.forEach(([x, y], i) => {
      expect(Math.abs(x - corners[i]![0])).toBeLessThan(8);
      expect(Math.abs(y - corners[i]![1])).toBeLessThan(8);
    });
    const flat = flattenPage(photo, found!);
    expect(flat.width / flat.height).toBeGreaterThan(1.2);
    expect(flat.width / flat.height).toBeLessThan(1.6);
    // The desk is gone: every border pixel of the flattened page is paper or print, not desk grey.
    expect(pixel(flat, 3, flat.height / 2)).toBeGreaterThan(200);
    expect(pixel(flat, flat.width - 4, flat.height / 2)).toBeGreaterThan(200);
    // A point of the prepared page is carried back into the photo (where the viewer draws field boxes).
    const prepared = straightenPage(photo);
    const { width, height } = prepared.image;
    const near = (point: [number, number], expected: [number, number]) => expect(Math.hypot(point[0] - expected[0], point[1] - expected[1])).toBeLessThan(10);
    near(prepared.toPicture([0, 0]), corners[0]!);
    near(prepared.toPicture([width, 0]), corners[1]!);
    near(prepared.toPicture([width, height]), corners[2]!);
    near(prepared.toPicture([0, height]), corners[3]!);
  });

  it('finds the white page on an image viewer\'s light grey mat, cut out pixel for pixel', () => {
    const page = printedPage(300, 200);
    const screen = raster(800, 500, (x, y) => {
      if (y < 60) return [40, 44, 50];
      if (x >= 200 && x < 500 && y >= 150 && y < 350) return [page.data[((y - 150) * 300 + (x - 200)) * 4]!, page.data[((y - 150) * 300 + (x - 200)) * 4]!, page.data[((y - 150) * 300 + (x - 200)) * 4]!];
      if (x >= 150 && x < 550 && y >= 100 && y < 400) return [236, 236, 236];
      return [255, 255, 255];
    });
    const found = findPage(screen);
    expect(found?.rule).toBe('paper-level');
    const flat = flattenPage(screen, found!);
    expect(Math.abs(flat.width - 300)).toBeLessThanOrEqual(4);
    expect(Math.abs(flat.height - 200)).toBeLessThanOrEqual(4);
    // A small page is enlarged twice for OCR; its points still land on the picture's.
    const prepared = straightenPage(screen);
    expect(prepared.image.width).toBeGreaterThan(590);
    const point = prepared.toPicture([20, 40]);
    expect(Math.abs(point[0] - 210)).toBeLessThanOrEqual(4);
    expect(Math.abs(point[1] - 170)).toBeLessThanOrEqual(4);
  });

  it('takes the page already found in the very same picture (the line probe\'s search) instead of searching again', () => {
    const page = printedPage(300, 200);
    const screen = raster(800, 500, (x, y) => {
      if (x >= 200 && x < 500 && y >= 150 && y < 350) return [page.data[((y - 150) * 300 + (x - 200)) * 4]!, page.data[((y - 150) * 300 + (x - 200)) * 4]!, page.data[((y - 150) * 300 + (x - 200)) * 4]!];
      return [60, 55, 50];
    });
    const searched = straightenPage(screen);
    expect(searched.page).not.toBeNull();
    // The page handed on is the one findPage gives: the same geometry, pixel for pixel.
    const handedOn = straightenPage(screen, { found: { image: screen, page: findPage(screen) } });
    expect(handedOn.page).toEqual(searched.page);
    expect(handedOn.skewDegrees).toBe(searched.skewDegrees);
    expect(handedOn.image.data).toEqual(searched.image.data);
    expect(handedOn.toPicture([20, 40])).toEqual(searched.toPicture([20, 40]));
    // It is taken as it is (a search that found no page: the picture is the page), and only for that picture.
    expect(straightenPage(screen, { found: { image: screen, page: null } }).page).toBeNull();
    expect(straightenPage(screen, { found: { image: { ...screen }, page: null } }).page).toEqual(searched.page);
  });

  it('finds a white sheet on a cream quilt as bright as it, by the paper being untinted', () => {
    const page = printedPage(400, 260);
    // The quilt: warm cream (a shade brighter than the sheet in grey), stitched in gold thread.
    const photo = raster(640, 480, (x, y) => {
      if (x >= 120 && x < 520 && y >= 110 && y < 370) {
        const level = page.data[((y - 110) * 400 + (x - 120)) * 4]!;
        return level > 200 ? [238, 238, 240] : [level, level, level];
      }
      return (x + 2 * y) % 16 < 2 || (3 * x - y + 640) % 23 < 2 ? [222, 206, 170] : [255, 248, 225];
    });
    const found = findPage(photo);
    expect(found?.rule).toBe('neutral-paper');
    const expected: [number, number][] = [[120, 110], [520, 110], [520, 370], [120, 370]];
    found!.corners.forEach(([x, y], i) => {
      expect(Math.abs(x - expected[i]![0])).toBeLessThan(8);
      expect(Math.abs(y - expected[i]![1])).toBeLessThan(8);
    });
  });

  it('a sheet filling the frame with its lower corners in shade: the whole sheet, not its bright part foreshortened otherwise', () => {
    const page = printedPage(600, 300);
    // A sheet seen straight on across the picture between bands of wooden desk; the light falls off
    // into its lower corners (the paper stays untinted grey): Otsu's bright region is a trapezoid of it.
    const photo = raster(640, 400, (x, y) => {
      if (x >= 20 && x < 620 && y >= 50 && y < 350) {
        const level = page.data[((y - 50) * 600 + (x - 20)) * 4]!;
        const [u, v] = [x - 20, 350 - y];
        const shaded = (u / 90) ** 2 + (v / 200) ** 2 < 1 || ((600 - u) / 90) ** 2 + (v / 200) ** 2 < 1;
        const paper = shaded ? 150 : 236;
        return level > 200 ? [paper, paper, paper + 2] : [level, level, level];
      }
      return (x + 3 * y) % 19 < 3 ? [120, 82, 50] : [168, 122, 78];
    });
    const found = findPage(photo);
    const expected: [number, number][] = [[20, 50], [620, 50], [620, 350], [20, 350]];
    found!.corners.forEach(([x, y], i) => {
      expect(Math.abs(x - expected[i]![0])).toBeLessThan(10);
      expect(Math.abs(y - expected[i]![1])).toBeLessThan(10);
    });
  });

  it('a sheet filling the frame with its right side in shade: no page, not its bright part foreshortened otherwise', () => {
    const page = printedPage(640, 388);
    // The sheet runs off the picture on three sides below a strip of dark desk; the light falls off
    // across its right side, most in its lower right: the brightest paper is a trapezoid that no sheet
    // in this plane makes, while the whole sheet fills the picture.
    const photo = raster(640, 400, (x, y) => {
      if (y >= 12) {
        const level = page.data[((y - 12) * 640 + x) * 4]!;
        const paper = x > 620 - 0.55 * (y - 12) ? 200 : 236;
        return level > 200 ? [paper, paper, paper + 2] : [level, level, level];
      }
      return [40, 36, 34];
    });
    expect(findPage(photo)).toBeNull();
  });

  it('leaves a picture that is the page alone', () => {
    const page = printedPage(500, 340);
    expect(findPage(page)).toBeNull();
    expect(straightenPage(page).image).toBe(page);
  });

  it('measures the skew of text lines and turns it out', () => {
    const page = printedPage(600, 400);
    expect(estimateSkewDegrees(page)).toBe(0);
    const tilted = rotateByDegrees(page, -2);
    const measured = estimateSkewDegrees(tilted);
    expect(Math.abs(measured - 2)).toBeLessThanOrEqual(0.3);
    expect(Math.abs(estimateSkewDegrees(rotateByDegrees(tilted, measured)))).toBeLessThanOrEqual(0.2);
    // The levelled page's points lie where they were on the tilted one: a stroke stays a stroke.
    const levelled = straightenPage(tilted);
    const [x, y] = levelled.toPicture([300, 200]);
    expect(Math.hypot(x - 300, y - 200)).toBeLessThan(1);
    // A level line of the prepared page runs, on the tilted page, at the skew (falling to the right).
    const right = levelled.toPicture([400, 200]);
    expect(Math.hypot(right[0] - x, right[1] - y)).toBeCloseTo(100, 5);
    expect((Math.atan2(right[1] - y, right[0] - x) * 180) / Math.PI).toBeCloseTo(measured, 5);
  });
});

// Letter-spaced print (the easyofd render I14 spaces every character about two widths apart) is read
// with its spacing closed up, and the engine's boxes are carried back to where the print is.
import { describe, expect, it } from 'vitest';
import type { RasterImage } from '../../../src-renderer/core/ports';
import { boxToPrint, closeLetterSpacing, isLetterSpaced, mapResultBoxes } from '../../../src-renderer/core/extract/letter-spacing';

/** A white page with lines of 20-pixel "characters" (two strokes each), `gap` pixels apart. */
function page(gap: number): { image: RasterImage; starts: number[] } {
  const width = 1600;
  const height = 400;
  const data = new Uint8ClampedArray(width * height * 4).fill(255);
  const starts: number[] = [];
  for (let line = 0; line < 6; line++) {
    const top = 20 + line * 60;
    for (let x = 10; x + 20 < width / 2; x += 20 + gap) {
      if (line === 0) starts.push(x);
      for (let y = top; y < top + 20; y++) {
        for (const [from, to] of [[x, x + 8], [x + 12, x + 20]] as const) {
          for (let px = from; px < to; px++) data.fill(0, (y * width + px) * 4, (y * width + px) * 4 + 3);
        }
      }
    }
    // A second column far to the right, on the same line.
    for (let y = top; y < top + 20; y++) for (let px = 1200; px < 1220; px++) data.fill(0, (y * width + px) * 4, (y * width + px) * 4 + 3);
  }
  return { image: { width, height, data }, starts };
}

describe('letter-spaced print', () => {
  it('tells letter-spaced lines from lines set close', () => {
    expect(isLetterSpaced(page(45).image)).toBe(true);
    expect(isLetterSpaced(page(4).image)).toBe(false);
  });

  it('closes the gaps between characters, keeps the strokes and the column gap, and maps boxes back', () => {
    const { image, starts } = page(45);
    const closed = closeLetterSpacing(image);
    const ink = (x: number, y: number) => closed.image.data[(y * closed.image.width + x) * 4]! < 128;
    // The second character now starts a third of a line height (7 px) after the first ends.
    expect([ink(10, 30), ink(29, 30), ink(30, 30), ink(36, 30), ink(37, 30), ink(60, 30)]).toEqual([true, true, false, false, true, false]);
    expect(closed.toPageX(37, 30)).toBe(starts[1]);
    expect(closed.toPageX(37 + 27 * 3, 30)).toBe(starts[4]);
    // The right column is still apart from the left one (eight line heights), maps back to x = 1200,
    // and the page is cut to what the lines need.
    let right = closed.image.width - 1;
    while (!ink(right, 30)) right--;
    let leftEnd = right - 21;
    while (!ink(leftEnd, 30)) leftEnd--;
    expect(right - 19 - (leftEnd + 1)).toBe(160);
    expect(closed.toPageX(right + 1, 30)).toBe(1220);
    expect(closed.image.width).toBeLessThan(image.width / 2);
    const mapped = mapResultBoxes({ text: '', confidence: 1, lines: [], words: [{ text: '字', confidence: 0.9, box: [37, 20, 20, 20] }] }, boxToPrint(closed.toPageX));
    expect(mapped.words[0]!.box).toEqual([starts[1], 20, 20, 20]);
  });
});

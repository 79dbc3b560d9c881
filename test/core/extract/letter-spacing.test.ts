// Letter-spaced print (the easyofd render I14 spaces every character about two widths apart) is read
// with its spacing closed up, and the engine's boxes are carried back to where the print is.
import { describe, expect, it } from 'vitest';
import type { RasterImage } from '../../../src-renderer/core/ports';
import { boxToPrint, closeLetterSpacing, hasFaintStrokes, isLetterSpaced, mapResultBoxes } from '../../../src-renderer/core/extract/letter-spacing';

/** A white page with lines of 20-pixel "characters" (two strokes each), `gap` pixels apart. */
function page(gap: number, leftStroke = 0, halo = 0): { image: RasterImage; starts: number[] } {
  const width = 1600;
  const height = 400;
  const data = new Uint8ClampedArray(width * height * 4).fill(255);
  const starts: number[] = [];
  for (let line = 0; line < 6; line++) {
    const top = 20 + line * 60;
    for (let x = 10; x + 20 < width / 2; x += 20 + gap) {
      if (line === 0) starts.push(x);
      for (let y = top; y < top + 20; y++) {
        // Soft print: each stroke ringed by `halo` columns of grey 180 on either side.
        const strokes = [[x, x + 8, leftStroke], [x + 12, x + 20, 0]] as const;
        for (const [from, to] of halo > 0 ? strokes : []) {
          for (let px = Math.max(0, from - halo); px < to + halo; px++) data.fill(180, (y * width + px) * 4, (y * width + px) * 4 + 3);
        }
        for (const [from, to, level] of strokes) {
          for (let px = from; px < to; px++) data.fill(level, (y * width + px) * 4, (y * width + px) * 4 + 3);
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

  it('keeps the faint thin strokes of a render\'s glyphs, darkened, instead of closing them up as gaps', () => {
    // Each character's left stroke is grey 200 (the thin side of a serif figure), its right one black.
    const { image, starts } = page(45, 200);
    const closed = closeLetterSpacing(image);
    const level = (x: number, y: number) => closed.image.data[(y * closed.image.width + x) * 4]!;
    // The first character whole: its faint stroke (x 10–17) dark now, the gap inside it, its black stroke.
    expect([level(10, 30), level(17, 30), level(19, 30), level(22, 30), level(29, 30)].map((value) => value < 128)).toEqual([true, true, false, true, true]);
    // The second character starts, faint stroke first, a third of a line height after the first ends.
    expect(level(37, 30)).toBeLessThan(128);
    expect(closed.toPageX(37, 30)).toBe(starts[1]);
  });

  it('darkens only crisp print with faint strokes, not soft print ringed with grey all over', () => {
    // Crisp: half of each character's ink is a faint grey stroke (grey ink as much as black: I14).
    expect(hasFaintStrokes(page(45, 200).image)).toBe(true);
    expect(hasFaintStrokes(page(45).image)).toBe(true);
    // Soft: black strokes ringed by 20 grey columns (grey ink about 2.5 times the black: an enlarged scan).
    expect(hasFaintStrokes(page(45, 0, 20).image)).toBe(false);
    const soft = page(45, 0, 20);
    const closed = closeLetterSpacing(soft.image);
    // Its grey rings stay paper, not ink: the characters close up as the black strokes alone would
    // (darkened, the rings would be ink and the characters run into one another).
    const ink = (x: number, y: number) => closed.image.data[(y * closed.image.width + x) * 4]! < 128;
    expect([ink(9, 30), ink(10, 30), ink(29, 30), ink(30, 30), ink(36, 30), ink(37, 30)]).toEqual([false, true, true, false, false, true]);
  });
});

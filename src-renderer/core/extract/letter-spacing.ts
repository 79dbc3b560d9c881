// Letter-spaced print (some OFD-to-image renders space every character two or three character
// widths apart): the engine's page layout takes each character for a word of its own, joins
// characters of different lines and reads the spaces as marks ("中 “ 国 “ 移"). The page is read with
// the spacing closed up instead: each text line (a band of inked rows) is rebuilt with its wide gaps
// narrowed, and the boxes the engine finds are carried back to the page as printed.
import type { OcrResult, OcrWord, RasterImage } from '../ports';
import { runsWhere } from './ink-runs';

/** Grey level below which a pixel is ink. */
const INK_LEVEL = 160;
/** Gaps between ink columns at most this share of the line height stay (strokes of one character). */
const KEPT_GAP = 0.35;
/** Gaps up to this many line heights are letter spacing, closed to KEPT_GAP. */
const LETTER_GAP = 6;
/** Wider gaps separate the columns of the page: they are kept, up to this many line heights. */
const COLUMN_GAP = 8;
/** A gap this many line heights wide (or wider) is letter spacing or a space between words. */
const LETTER_SPACED_GAP = 0.9;
/** Share of a page's gaps that are that wide from which its print is letter-spaced (about one a character). */
const LETTER_SPACED_SHARE = 0.3;
/**
 * Darkening of the print before it is closed up: each pixel's distance from white paper is
 * multiplied by this (grey 200 becomes 90, 170 and darker black). The converters that space letters
 * draw thin, anti-aliased strokes (the serif figures of easyofd's I14 are grey 170–220 at their thin
 * sides): below the ink level those columns read as gaps and were cut out of the glyphs ("2129.34"
 * closed up as "2129.31"), and the engine reads faint glyphs unsurely. On a clean render (no grain
 * to amplify) the strokes come out whole and dark. Only print with faint strokes is darkened
 * (hasFaintStrokes).
 */
const FAINT_STROKE_GAIN = 3;
/** Grey levels below this are the solid black of print. */
const SOLID_INK_LEVEL = 96;
/** Grey levels from SOLID_INK_LEVEL to below this are grey ink: anti-aliased edges and faint strokes. */
const GREY_INK_LEVEL = 224;
/**
 * Grey ink up to this many times the solid black ink: crisp print whose grey is its faint thin
 * strokes (I14: about 1.0). Print with more grey than that is soft all over (an enlarged small
 * render, a scan: the sample dossier's PNG scan, about 3.3), each character's core ringed with grey;
 * darkened, its glyphs and the box rules beside them swell into each other, and its closed-up
 * figures read worse (价税合计 read without its box, at 0.6 instead of 0.82).
 */
const FAINT_STROKES_GREY_SHARE = 2;
/** Ink runs narrower than this are specks. */
const MIN_RUN = 3;
/** A band with fewer runs wider than a speck is not a line of text. */
const MIN_RUNS = 4;
/** Gaps counted at least before a page is called letter-spaced. */
const MIN_GAPS = 40;

interface Band {
  top: number;
  bottom: number;
  /** Ink column runs as [start, end) in the page's x. */
  runs: [number, number][];
}

/** A rebuilt line's pieces: `length` columns from `from` in the page drawn at `to` in the rebuilt line. */
interface Piece {
  from: number;
  to: number;
  length: number;
}

export interface ClosedSpacing {
  image: RasterImage;
  /** The page's x of a rebuilt x at the height y (of the rebuilt image, which keeps the page's rows). */
  toPageX: (x: number, y: number) => number;
}

function inkMask(image: RasterImage): Uint8Array {
  const mask = new Uint8Array(image.width * image.height);
  for (let p = 0, i = 0; p < mask.length; p++, i += 4) mask[p] = image.data[i]! < INK_LEVEL ? 1 : 0;
  return mask;
}

function findBands(mask: Uint8Array, width: number, height: number): Band[] {
  const rowInked = (y: number) => {
    for (let x = 0, p = y * width; x < width; x++, p++) if (mask[p] === 1) return true;
    return false;
  };
  return runsWhere(height, rowInked).map(([top, bottom]) => ({
    top,
    bottom,
    runs: runsWhere(width, (x) => {
      for (let y = top; y < bottom; y++) if (mask[y * width + x] === 1) return true;
      return false;
    }),
  }));
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/**
 * Bands of text-line height (not rules, specks of grain, or a picture spanning many lines): the
 * line height is the median height of the bands that hold a few runs of ink wider than a speck.
 */
function textBands(bands: Band[]): { bands: Band[]; lineHeight: number } {
  const heights = bands.filter((band) => band.bottom - band.top >= 6 && band.runs.filter(([start, end]) => end - start >= MIN_RUN).length >= MIN_RUNS).map((band) => band.bottom - band.top);
  const lineHeight = median(heights);
  return { bands: bands.filter((band) => band.bottom - band.top >= lineHeight * 0.5 && band.bottom - band.top <= lineHeight * 2), lineHeight };
}

/** Whether the page's text is letter-spaced: a large share of the gaps in its lines are about a character wide. */
export function letterSpacedShare(image: RasterImage): number {
  const { bands, lineHeight } = textBands(findBands(inkMask(image), image.width, image.height));
  if (lineHeight < 6) return 0;
  let gaps = 0;
  let wide = 0;
  for (const band of bands) {
    for (let k = 1; k < band.runs.length; k++) {
      const gap = (band.runs[k]![0] - band.runs[k - 1]![1]) / lineHeight;
      if (gap >= LETTER_GAP) continue;
      gaps++;
      if (gap >= LETTER_SPACED_GAP) wide++;
    }
  }
  return gaps >= MIN_GAPS ? wide / gaps : 0;
}

export function isLetterSpaced(image: RasterImage): boolean {
  return letterSpacedShare(image) >= LETTER_SPACED_SHARE;
}

/**
 * The page with the letter spacing of each band of inked rows closed up (its faint strokes darkened
 * first, darkenFaintStrokes): gaps between characters
 * narrowed to a third of the page's line height, wider gaps (between the columns of the page, up to
 * COLUMN_GAP line heights) kept; the page is cut to the widest band. A band taller than a line (a QR
 * code beside the title and header) is closed the same way: its gaps are blank from top to bottom.
 */
export function closeLetterSpacing(page: RasterImage): ClosedSpacing {
  const image = hasFaintStrokes(page) ? darkenFaintStrokes(page) : page;
  const { width, height, data } = image;
  const bands = findBands(inkMask(image), width, height);
  // On a clean render every band of six rows or more is print: their median height is a character's.
  const lineHeight = median(bands.map((band) => band.bottom - band.top).filter((h) => h >= 6));
  const kept = Math.max(1, Math.round(lineHeight * KEPT_GAP));
  const column = Math.round(lineHeight * COLUMN_GAP);
  let closedWidth = 1;
  const layouts: Piece[][] = bands.map((band) => {
    const pieces: Piece[] = [];
    let to = 0;
    let from = 0;
    for (const [start, end] of band.runs) {
      const gap = start - from;
      to += from === 0 ? Math.min(gap, column) : gap <= kept ? gap : gap <= lineHeight * LETTER_GAP ? kept : Math.min(gap, column);
      pieces.push({ from: start, to, length: end - start });
      to += end - start;
      from = end;
    }
    closedWidth = Math.max(closedWidth, to + column);
    return pieces;
  });
  closedWidth = Math.min(width, closedWidth);
  const out = new Uint8ClampedArray(closedWidth * height * 4).fill(255);
  const bandOfRow = new Int32Array(height).fill(-1);
  bands.forEach((band, index) => {
    for (let y = band.top; y < band.bottom; y++) bandOfRow[y] = index;
  });
  for (let y = 0; y < height; y++) {
    const index = bandOfRow[y]!;
    if (index < 0) continue;
    for (const piece of layouts[index]!) {
      const length = Math.min(piece.length, closedWidth - piece.to);
      if (length > 0) out.set(data.subarray((y * width + piece.from) * 4, (y * width + piece.from + length) * 4), (y * closedWidth + piece.to) * 4);
    }
  }
  const toPageX = (x: number, y: number): number => {
    const row = Math.min(height - 1, Math.max(0, Math.round(y)));
    const index = bandOfRow[row]!;
    const pieces = index < 0 ? [] : layouts[index]!;
    let previous: Piece | undefined;
    for (const piece of pieces) {
      if (x < piece.to) {
        // In a closed gap: as far into the page's gap as into the closed one.
        if (!previous) return Math.max(0, piece.from - (piece.to - x));
        const closedGap = piece.to - (previous.to + previous.length);
        const pageGap = piece.from - (previous.from + previous.length);
        return previous.from + previous.length + (closedGap > 0 ? ((x - previous.to - previous.length) / closedGap) * pageGap : 0);
      }
      if (x <= piece.to + piece.length) return piece.from + (x - piece.to);
      previous = piece;
    }
    return previous ? Math.min(width, previous.from + previous.length + (x - previous.to - previous.length)) : x;
  };
  return { image: { width: closedWidth, height, data: out }, toPageX };
}

/**
 * Whether the page's print is crisp with faint strokes (grey ink at most FAINT_STROKES_GREY_SHARE
 * times its solid black ink), the print darkenFaintStrokes helps.
 */
export function hasFaintStrokes(image: RasterImage): boolean {
  let solid = 0;
  let grey = 0;
  for (let i = 0; i < image.data.length; i += 4) {
    const level = image.data[i]!;
    if (level < SOLID_INK_LEVEL) solid++;
    else if (level < GREY_INK_LEVEL) grey++;
  }
  return solid > 0 && grey <= solid * FAINT_STROKES_GREY_SHARE;
}

/** The page with each grey level's distance from white multiplied by FAINT_STROKE_GAIN (a copy; alpha kept). */
export function darkenFaintStrokes(image: RasterImage): RasterImage {
  const darker = new Uint8ClampedArray(256);
  for (let level = 0; level < 256; level++) darker[level] = 255 - (255 - level) * FAINT_STROKE_GAIN;
  const data = new Uint8ClampedArray(image.data.length);
  for (let i = 0; i < data.length; i += 4) {
    data[i] = darker[image.data[i]!]!;
    data[i + 1] = darker[image.data[i + 1]!]!;
    data[i + 2] = darker[image.data[i + 2]!]!;
    data[i + 3] = image.data[i + 3]!;
  }
  return { width: image.width, height: image.height, data };
}

/** The engine's words and lines with their boxes carried by `toPage`. */
export function mapResultBoxes(result: OcrResult, toPage: (box: OcrWord['box']) => OcrWord['box']): OcrResult {
  return { ...result, words: result.words.map((word) => ({ ...word, box: toPage(word.box) })), lines: result.lines.map((line) => ({ ...line, box: toPage(line.box) })) };
}

/** A box on the closed-up page as a box on the page as printed. */
export function boxToPrint(toPageX: ClosedSpacing['toPageX']): (box: OcrWord['box']) => OcrWord['box'] {
  return ([x, y, w, h]) => {
    const middle = y + h / 2;
    const left = toPageX(x, middle);
    return [left, y, Math.max(1, toPageX(x + w, middle) - left), h];
  };
}

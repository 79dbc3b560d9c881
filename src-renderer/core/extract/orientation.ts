// Which way up a picture's print is, decided cheaply before the page is read: the direction of its
// text lines from projection profiles (lines of text running across the picture leave blank rows
// between them, lines running down it blank columns), then a few of its longest text lines read as
// single lines, as they are and turned over, the engine's confidence choosing (on the page, where
// the picture shows it in a larger scene). A handful of line
// reads instead of an OCR of the whole picture at every turn. Pure: RGBA in, a turn out.
import type { OcrEngine, OcrResult, RasterImage } from '../ports';
import { type PageSearch, findPage } from './page-geometry';
import { runsWhere } from './ink-runs';
import { capPixels, cropRaster, prepareForOcr, resizeRaster, rotateRaster } from './raster';

export type QuarterTurn = 0 | 90 | 180 | 270;

/** Pixels of the reduced copy whose profiles and lines decide the turn. */
const PROBE_PIXELS = 1_200_000;
/** A run of ink longer than this share of the picture's side is a rule or a frame, not text. */
const RULE_SHARE = 0.08;
/** Rows (or columns) with fewer ink pixels than this share of the picture's side count as blank. */
const BLANK_SHARE = 0.004;
/** The blank share of one direction must exceed the other's by this much to tell the lines' direction. */
const DIRECTION_MARGIN = 0.05;
/** Text lines read each way up, at most. */
const PROBE_LINES = 3;
/** Height a probed line is scaled to (the engine's comfortable size). */
const PROBE_LINE_HEIGHT = 40;

interface InkMask {
  width: number;
  height: number;
  ink: Uint8Array;
}

/** Grey level below which a pixel of the prepared copy (seal ink dropped, light flattened) is ink. */
const INK_LEVEL = 165;

/**
 * Marks in `rule` every run of ink at least `longest` pixels long along the lines of a mask: rows
 * (lineStep = width, step = 1) or columns (lineStep = 1, step = width).
 */
function markLongRuns(ink: Uint8Array, rule: Uint8Array, along: { lines: number; length: number; lineStep: number; step: number }, longest: number): void {
  const { lines, length, lineStep, step } = along;
  for (let line = 0; line < lines; line++) {
    const base = line * lineStep;
    // The runs of ink along the line (runsWhere's walk, without a test called per pixel).
    let start = -1;
    for (let k = 0, at = base; k <= length; k++, at += step) {
      const inked = k < length && ink[at] === 1;
      if (inked && start < 0) start = k;
      if (!inked && start >= 0) {
        if (k - start >= longest) for (let j = start; j < k; j++) rule[base + j * step] = 1;
        start = -1;
      }
    }
  }
}

/** Ink of the prepared copy with the rules and frames taken out: runs longer than RULE_SHARE of the side. */
function textInk(prepared: RasterImage): InkMask {
  const { width, height, data } = prepared;
  const ink = new Uint8Array(width * height);
  for (let p = 0, i = 0; p < ink.length; p++, i += 4) ink[p] = data[i]! < INK_LEVEL ? 1 : 0;
  const rule = new Uint8Array(width * height);
  markLongRuns(ink, rule, { lines: height, length: width, lineStep: width, step: 1 }, Math.max(8, width * RULE_SHARE));
  markLongRuns(ink, rule, { lines: width, length: height, lineStep: 1, step: width }, Math.max(8, height * RULE_SHARE));
  for (let p = 0; p < ink.length; p++) if (rule[p]) ink[p] = 0;
  return { width, height, ink };
}

/** Share of the rows (or columns) inside the ink's extent that hold (almost) no ink. */
function blankShare(counts: Uint32Array, side: number): number {
  let first = counts.findIndex((count) => count > 0);
  let last = counts.length - 1;
  while (last >= 0 && counts[last] === 0) last--;
  if (first < 0 || last <= first) return 0;
  let blank = 0;
  for (let i = first; i <= last; i++) if (counts[i]! < side * BLANK_SHARE + 1) blank++;
  first = Math.max(0, first);
  return blank / (last - first + 1);
}

function profiles(mask: InkMask): { rows: Uint32Array; columns: Uint32Array } {
  const rows = new Uint32Array(mask.height);
  const columns = new Uint32Array(mask.width);
  for (let y = 0; y < mask.height; y++) {
    for (let x = 0; x < mask.width; x++) {
      if (mask.ink[y * mask.width + x]) {
        rows[y]!++;
        columns[x]!++;
      }
    }
  }
  return { rows, columns };
}

/**
 * Whether the text lines run across the picture ('rows'), down it ('columns'), or cannot be told
 * (too little print, or blank rows and columns alike).
 */
export function textLineDirection(prepared: RasterImage): 'rows' | 'columns' | null {
  const { rows, columns } = profiles(textInk(prepared));
  const blankRows = blankShare(rows, prepared.width);
  const blankColumns = blankShare(columns, prepared.height);
  if (Math.abs(blankRows - blankColumns) < DIRECTION_MARGIN) return null;
  return blankRows > blankColumns ? 'rows' : 'columns';
}

interface Band {
  top: number;
  bottom: number;
  left: number;
  right: number;
  ink: number;
}

/** The text lines running across a prepared picture (runs of inked rows of about the common height), the most inked first. */
export function textLineBands(prepared: RasterImage, count: number): Band[] {
  const mask = textInk(prepared);
  const { rows } = profiles(mask);
  const minInk = mask.width * BLANK_SHARE + 1;
  const runs = runsWhere(mask.height, (y) => rows[y]! >= minInk).filter(([top, bottom]) => bottom - top >= 4).map(([top, bottom]) => ({ top, bottom }));
  if (runs.length === 0) return [];
  const heights = runs.map((run) => run.bottom - run.top).sort((a, b) => a - b);
  const common = heights[Math.floor(heights.length / 2)]!;
  const bands: Band[] = [];
  for (const run of runs) {
    // Runs much taller than the common line are lines run together (or a picture), not one line.
    const height = run.bottom - run.top;
    if (height < common * 0.7 || height > common * 1.3) continue;
    let left = mask.width;
    let right = 0;
    let ink = 0;
    for (let y = run.top; y < run.bottom; y++) {
      for (let x = 0; x < mask.width; x++) {
        if (!mask.ink[y * mask.width + x]) continue;
        ink++;
        left = Math.min(left, x);
        right = Math.max(right, x + 1);
      }
    }
    bands.push({ ...run, left, right, ink });
  }
  return bands.sort((a, b) => b.ink - a.ink).slice(0, count);
}

/**
 * Chinese characters read, and the engine's confidence over them summed (a sure and plentiful
 * reading scores high). Digits, Latin letters and signs are left out: 0, 1, 8, +, - and / read as
 * surely upside down (a 密码区's cipher line read alike both ways up).
 */
function readingScore(words: readonly { text: string; confidence: number }[]): { characters: number; score: number } {
  let characters = 0;
  let score = 0;
  for (const word of words) {
    const count = [...word.text].filter((ch) => CJK.test(ch)).length;
    characters += count;
    score += count * (word.confidence > 1 ? word.confidence / 100 : word.confidence);
  }
  return { characters, score };
}

const CJK = /[\u4e00-\u9fff]/u;

/** Characters a probed line is cut to at most (about one character a line height), from the middle of its ink. */
const PROBE_LINE_CHARACTERS = 24;

/** A band cut out of the prepared picture with a margin, scaled to the engine's comfortable line height. */
function bandImage(prepared: RasterImage, band: Band): RasterImage {
  const height = band.bottom - band.top;
  const margin = Math.ceil(height * 0.3);
  const width = Math.min(band.right - band.left, height * PROBE_LINE_CHARACTERS);
  const left = Math.round((band.left + band.right - width) / 2);
  const crop = cropRaster(prepared, left - margin, band.top - margin, width + 2 * margin, height + 2 * margin);
  const factor = PROBE_LINE_HEIGHT / height;
  return factor > 0.8 && factor < 1.25 ? crop : resizeRaster(crop, Math.max(8, Math.round(crop.width * factor)), Math.max(8, Math.round(crop.height * factor)));
}

/** Mean confidence by which one way up must beat the other on a line for that line to decide alone. */
const DECISIVE_MARGIN = 0.2;
/** Characters the surer reading of a deciding line has at least. */
const DECISIVE_CHARACTERS = 4;

/** Reads a band of a prepared picture as one line, as it is or turned over (over). */
type BandReader = (band: Band, over: boolean) => Promise<OcrResult>;

/**
 * The line reads of the bands of `prepared`; with `kept` (a probe's own reads, LineProbe.lineReads),
 * each band read each way once however often it is asked (lineLooksOver's line is the first that
 * turnOfLines reads).
 */
function bandReader(ocr: LineReader, prepared: RasterImage, kept: Map<string, Promise<OcrResult>> | null, isCancelled?: () => boolean): BandReader {
  const options = isCancelled ? { isCancelled } : {};
  return (band, over) => {
    const key = `${band.top} ${band.bottom} ${band.left} ${band.right} ${over ? 180 : 0}`;
    const known = kept?.get(key);
    if (known) return known;
    const line = bandImage(prepared, band);
    const read = ocr.recognizeLine(over ? rotateRaster(line, 180) : line, options);
    kept?.set(key, read);
    return read;
  };
}

/**
 * Of a picture whose lines run across it, whether it is upright (0) or upside down (180), by line
 * reads (null when no line is read), and whether one line decided it (else the lines' sums did).
 */
async function uprightOrOver(prepared: RasterImage, readBand: BandReader): Promise<{ turn: 0 | 180 | null; decided: boolean }> {
  const bands = textLineBands(prepared, PROBE_LINES);
  let upright = 0;
  let over = 0;
  for (const band of bands) {
    // Both ways at once: the engine's workers share the two reads.
    const [readAsIs, readTurned] = await Promise.all([readBand(band, false), readBand(band, true)]);
    const asIs = readingScore(readAsIs.words);
    const turned = readingScore(readTurned.words);
    upright += asIs.score;
    over += turned.score;
    const [meanAsIs, meanTurned] = [asIs, turned].map((reading) => (reading.characters === 0 ? 0 : reading.score / reading.characters)) as [number, number];
    if (meanAsIs - meanTurned >= DECISIVE_MARGIN && asIs.characters >= DECISIVE_CHARACTERS) return { turn: 0, decided: true };
    if (meanTurned - meanAsIs >= DECISIVE_MARGIN && turned.characters >= DECISIVE_CHARACTERS) return { turn: 180, decided: true };
  }
  if (upright === 0 && over === 0) return { turn: null, decided: false };
  return { turn: over > upright ? 180 : 0, decided: false };
}

type LineReader = OcrEngine & { recognizeLine: NonNullable<OcrEngine['recognizeLine']> };

/**
 * Mean confidence of a line read as it is at which its print counts as upright without its turned
 * read: upright lines read at 0.6–0.95 on the real pictures, lines upside down at 0.2–0.4 (some at
 * 0.6, and then the page is read as it is first, as without the line).
 */
const UPRIGHT_LINE_CONFIDENCE = 0.6;
/** Mean confidence by which the turned read of a line must beat the read as it is for the print to look upside down. */
const OVER_LINE_MARGIN = 0.1;

/**
 * Whether a picture whose lines run across it looks upside down, by its most inked text line: read
 * as it is, and (unless that reads surely, as upright print does, or reads no character at all)
 * turned over. One or two line reads, made before the page is read, so that a picture upside down is
 * not read as it is first; a line that looks upside down is no verdict (turnOfLines, with more lines,
 * gives it).
 */
export async function lineLooksOver(ocr: OcrEngine, probe: LineProbe, isCancelled?: () => boolean): Promise<boolean> {
  if (!ocr.recognizeLine || probe.direction !== 'rows') return false;
  const [band] = textLineBands(probe.prepared, 1);
  if (!band) return false;
  const readBand = bandReader(ocr as LineReader, probe.prepared, probe.lineReads, isCancelled);
  const mean = (reading: { characters: number; score: number }) => (reading.characters === 0 ? 0 : reading.score / reading.characters);
  const asIs = readingScore((await readBand(band, false)).words);
  // A line that reads as nothing as it is says nothing of the print's way up (a band of the seal's or
  // the table's ink: M03 of the twelfth set, upright, read a turned band as ten unsure characters).
  if (asIs.characters === 0 || mean(asIs) >= UPRIGHT_LINE_CONFIDENCE) return false;
  const turned = readingScore((await readBand(band, true)).words);
  return turned.characters >= DECISIVE_CHARACTERS && mean(turned) - mean(asIs) >= OVER_LINE_MARGIN;
}

/**
 * Starts lineLooksOver's first read (its line as it is), kept among the probe's line reads for it to
 * take: handed to the engine before the picture's page is found and straightened (a long synchronous
 * step), the engine reads the line meanwhile. Nothing is started where lineLooksOver would read nothing.
 */
export function startLineLooksOver(ocr: OcrEngine, probe: LineProbe, isCancelled?: () => boolean): void {
  if (!ocr.recognizeLine || probe.direction !== 'rows') return;
  const [band] = textLineBands(probe.prepared, 1);
  // Not awaited when the page's QR code settles the print's way up: its failure is lineLooksOver's to report.
  if (band) bandReader(ocr as LineReader, probe.prepared, probe.lineReads, isCancelled)(band, false).catch(() => undefined);
}

/** What the picture's print shows before any OCR: its text lines' direction, on a reduced, prepared copy of the page it shows. */
export interface LineProbe {
  prepared: RasterImage;
  /** Whether the text lines run across the picture ('rows'), down it ('columns'), or cannot be told (null). */
  direction: 'rows' | 'columns' | null;
  /**
   * The page found in the reduced copy: the picture itself when it is within PROBE_PIXELS, whose
   * page straightenPage need not search for again.
   */
  pageSearch: PageSearch;
  /** The line reads of `prepared`'s bands made so far (bandReader), each made once. */
  lineReads: Map<string, Promise<OcrResult>>;
}

/**
 * The direction of a picture's text lines, without OCR (projection profiles of a reduced copy): the
 * first, cheap half of orientationByLines. Lines across the picture mean it is upright or upside down;
 * which of the two takes line reads (turnOfLines), or a reading of the page that finds the invoice upright.
 */
export function probeLines(image: RasterImage): LineProbe {
  // The page where the picture shows more (a screenshot's viewer, a desk): its lines, not the
  // window's. Grey, not binarised: the lines are enlarged to be read, and small print binarised
  // loses its strokes.
  const small = capPixels(image, PROBE_PIXELS);
  const page = findPage(small);
  const xs = page?.corners.map(([x]) => x) ?? [];
  const ys = page?.corners.map(([, y]) => y) ?? [];
  const onPage = page ? cropRaster(small, Math.min(...xs), Math.min(...ys), Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys)) : small;
  const prepared = prepareForOcr(onPage, { targetWidth: 0, maxPixels: PROBE_PIXELS });
  return { prepared, direction: textLineDirection(prepared), pageSearch: { image: small, page }, lineReads: new Map() };
}

/**
 * The clockwise turn that sets the probed picture's print upright, by a few of its text lines read
 * each way up; null when it cannot be told (no direction, no line read, an engine without line reads).
 */
export async function turnOfLines(ocr: OcrEngine, probe: LineProbe, isCancelled?: () => boolean): Promise<QuarterTurn | null> {
  return (await linesVerdict(ocr, probe, isCancelled)).turn;
}

/**
 * turnOfLines' turn, and whether one line read decidedly better that way (DECISIVE_MARGIN) or only
 * the lines' sums chose it (lines read unsurely both ways, as noise reads).
 */
export async function linesVerdict(ocr: OcrEngine, probe: LineProbe, isCancelled?: () => boolean): Promise<{ turn: QuarterTurn | null; decided: boolean }> {
  if (!ocr.recognizeLine || probe.direction === null) return { turn: null, decided: false };
  const lineReader = ocr as LineReader;
  if (probe.direction === 'rows') return uprightOrOver(probe.prepared, bandReader(lineReader, probe.prepared, probe.lineReads, isCancelled));
  const across = rotateRaster(probe.prepared, 90);
  const { turn, decided } = await uprightOrOver(across, bandReader(lineReader, across, null, isCancelled));
  return { turn: turn === null ? null : turn === 0 ? 90 : 270, decided };
}

/**
 * The clockwise turn that sets a picture's print upright, or null when it cannot be told cheaply
 * (no text lines found, their direction unclear, or an engine without line reads): the caller then
 * probes turns by reading the page.
 */
export async function orientationByLines(ocr: OcrEngine, image: RasterImage, isCancelled?: () => boolean): Promise<QuarterTurn | null> {
  if (!ocr.recognizeLine) return null;
  return turnOfLines(ocr, probeLines(image), isCancelled);
}

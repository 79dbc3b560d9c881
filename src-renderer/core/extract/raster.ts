// Pure raster helpers: crop and downscale RGBA images (for the pixel cap and QR search regions).
import type { RasterImage } from '../ports';
import { jpegQuantisationMean } from '../import/image-header';
import { runsWhere } from './ink-runs';

export function cropRaster(image: RasterImage, x: number, y: number, width: number, height: number): RasterImage {
  const left = Math.max(0, Math.floor(x));
  const top = Math.max(0, Math.floor(y));
  const w = Math.max(1, Math.min(image.width - left, Math.floor(width)));
  const h = Math.max(1, Math.min(image.height - top, Math.floor(height)));
  const data = new Uint8ClampedArray(w * h * 4);
  for (let row = 0; row < h; row++) {
    const from = ((top + row) * image.width + left) * 4;
    data.set(image.data.subarray(from, from + w * 4), row * w * 4);
  }
  return { width: w, height: h, data };
}

/** Box-filter downscale so that width*height <= maxPixels; returns the image itself when within. */
export function capPixels(image: RasterImage, maxPixels: number): RasterImage {
  const pixels = image.width * image.height;
  if (pixels <= maxPixels) return image;
  const factor = Math.sqrt(maxPixels / pixels);
  const width = Math.max(1, Math.floor(image.width * factor));
  const height = Math.max(1, Math.floor(image.height * factor));
  const data = new Uint8ClampedArray(width * height * 4);
  const source = image.data;
  const xRatio = image.width / width;
  const yRatio = image.height / height;
  // Each target column's box of source columns [x0, x1), and each source column's target column
  // (-1 past the last box), worked out once: the boxes' sums are then gathered a source row at a
  // time, in memory order (integer sums, exact in any order).
  const boxWidth = new Int32Array(width);
  const columnOf = new Int32Array(image.width).fill(-1);
  for (let x = 0; x < width; x++) {
    const x0 = Math.floor(x * xRatio);
    const x1 = Math.max(x0 + 1, Math.floor((x + 1) * xRatio));
    boxWidth[x] = x1 - x0;
    for (let sx = x0; sx < x1; sx++) columnOf[sx] = x;
  }
  const sums = new Float64Array(width * 4);
  for (let y = 0; y < height; y++) {
    const y0 = Math.floor(y * yRatio);
    const y1 = Math.max(y0 + 1, Math.floor((y + 1) * yRatio));
    sums.fill(0);
    for (let sy = y0; sy < y1; sy++) {
      for (let sx = 0, i = sy * image.width * 4; sx < image.width; sx++, i += 4) {
        const column = columnOf[sx]!;
        if (column < 0) continue;
        const s = column * 4;
        sums[s] = sums[s]! + source[i]!;
        sums[s + 1] = sums[s + 1]! + source[i + 1]!;
        sums[s + 2] = sums[s + 2]! + source[i + 2]!;
        sums[s + 3] = sums[s + 3]! + source[i + 3]!;
      }
    }
    for (let x = 0, o = y * width * 4, s = 0; x < width; x++, o += 4, s += 4) {
      const n = (y1 - y0) * boxWidth[x]!;
      data[o] = sums[s]! / n;
      data[o + 1] = sums[s + 1]! / n;
      data[o + 2] = sums[s + 2]! / n;
      data[o + 3] = sums[s + 3]! / n;
    }
  }
  return { width, height, data };
}

/**
 * Where each of `size` places of a bilinear resize samples a source `sourceSize` long: its two
 * source places (as offsets, `stride` apart) and the weight of the second, worked out once.
 */
function bilinearSamples(sourceSize: number, size: number, stride: number): { first: Int32Array; second: Int32Array; weight: Float64Array } {
  const ratio = sourceSize / size;
  const first = new Int32Array(size);
  const second = new Int32Array(size);
  const weight = new Float64Array(size);
  for (let i = 0; i < size; i++) {
    const at = Math.max(0, (i + 0.5) * ratio - 0.5);
    const i0 = Math.min(sourceSize - 1, Math.floor(at));
    first[i] = i0 * stride;
    second[i] = Math.min(sourceSize - 1, i0 + 1) * stride;
    weight[i] = at - i0;
  }
  return { first, second, weight };
}

/**
 * One channel of a bilinear sample: the source values at offsets a and b (the upper row's two
 * places) and d and e (the lower row's), weighed fx across and fy down (gx = 1 - fx, gy = 1 - fy).
 */
function bilinear(source: Uint8ClampedArray, a: number, b: number, d: number, e: number, fx: number, gx: number, fy: number, gy: number): number {
  return (source[a]! * gx + source[b]! * fx) * gy + (source[d]! * gx + source[e]! * fx) * fy;
}

/** Bilinear resize to the given size. */
export function resizeRaster(image: RasterImage, width: number, height: number): RasterImage {
  const data = new Uint8ClampedArray(width * height * 4);
  const source = image.data;
  // Each column's two source columns (as offsets into a row) and weight, and each row's, worked out once.
  const { first: left, second: right, weight } = bilinearSamples(image.width, width, 4);
  const rows = bilinearSamples(image.height, height, image.width * 4);
  for (let y = 0; y < height; y++) {
    const fy = rows.weight[y]!;
    const gy = 1 - fy;
    const top = rows.first[y]!;
    const bottom = rows.second[y]!;
    let o = y * width * 4;
    for (let x = 0; x < width; x++, o += 4) {
      const fx = weight[x]!;
      const gx = 1 - fx;
      const a = top + left[x]!;
      const b = top + right[x]!;
      const d = bottom + left[x]!;
      const e = bottom + right[x]!;
      data[o] = bilinear(source, a, b, d, e, fx, gx, fy, gy);
      data[o + 1] = bilinear(source, a + 1, b + 1, d + 1, e + 1, fx, gx, fy, gy);
      data[o + 2] = bilinear(source, a + 2, b + 2, d + 2, e + 2, fx, gx, fy, gy);
      data[o + 3] = bilinear(source, a + 3, b + 3, d + 3, e + 3, fx, gx, fy, gy);
    }
  }
  return { width, height, data };
}

/**
 * Prepares a page raster for OCR: red seal ink drops out while the print under it stays
 * (greyWithoutSeals; brown form print keeps its grey), and the page is enlarged towards the
 * engine's comfortable size within the pixel cap (see enlargement). It is binarised when asked
 * (noise and paper tint go) unless it was enlarged (the grey edges carry the detail) or, when a
 * text height is asked for (page OCR), is a clean digital render (looksLikeCleanRender: its
 * anti-aliased grey is detail, not noise); optionally stripped of its table rules, and smoothed when
 * asked (smoothBlocks: a JPEG compressed hard, isHardCompressedJpeg). With `inkGrey` (print
 * photographed on paper) a pixel's grey is the darker of its luminance and its red: blue and green
 * ink (a dot-matrix printer's blue, a form's green), pale in luminance, stays ink at the cut, while
 * red seal ink and brown print, lighter in red, keep their luminance; its cut is inkCut's.
 */
export function prepareForOcr(image: RasterImage, options: { targetWidth: number; maxPixels: number; targetTextHeight?: number; removeRules?: boolean; binarize?: boolean; binaryThreshold?: number; smoothBlocks?: boolean; clean?: boolean; inkGrey?: boolean }): RasterImage {
  // `clean`: what looksLikeCleanRender says of this image, when the caller has asked it already.
  const clean = options.targetTextHeight !== undefined && (options.clean ?? looksLikeCleanRender(image));
  const factor = enlargement(image, clean, options);
  const enlarged = factor > 1.1;
  const [width, height] = enlarged ? [Math.round(image.width * factor), Math.round(image.height * factor)] : [image.width, image.height];
  const inkGrey = options.inkGrey === true;
  const inkCutAsItIs = inkGrey && options.binarize === true && !enlarged && !clean && options.binaryThreshold === undefined && options.smoothBlocks !== true && options.removeRules !== true;
  if (inkCutAsItIs) {
    const made = inkCutsMade.get(image);
    if (made) {
      inkCutsMade.delete(image);
      return made;
    }
  }
  // Enlarged straight to grey: the pixels of greyWithoutSeals(resizeRaster(...)), without the enlarged colour page.
  const data = enlarged ? enlargedGreyWithoutSeals(image, width, height, inkGrey) : greyWithoutSeals(image, inkGrey);
  flattenIllumination(data, width, height);
  if (options.smoothBlocks) smoothGrey(data, width, height);
  if (options.binarize && !enlarged && !clean) {
    const threshold = options.binaryThreshold ?? (inkGrey ? inkCut(data, width, height) : BINARY_THRESHOLD);
    // Each pixel written whole: the grey pages above are opaque (OPAQUE_GREY), and stay so.
    const words = new Uint32Array(data.buffer, data.byteOffset, width * height);
    const [ink, paper] = [OPAQUE_GREY[0]!, OPAQUE_GREY[255]!];
    for (let p = 0, i = 0; p < words.length; p++, i += 4) words[p] = data[i]! < threshold ? ink : paper;
  }
  if (options.removeRules) removeRules(data, width, height);
  const prepared = { width, height, data };
  if (inkCutAsItIs) inkCutsMade.set(image, prepared);
  return prepared;
}

/**
 * The last ink cut of a page at its own size made (prepareForOcr with inkGrey and binarize, neither
 * enlarged, smoothed nor stripped of rules), kept for the next such preparation of the same page,
 * which takes it (once: a later one makes it again). A camera photo's page is cut so twice, the same
 * pixels: to find whether the sheet curls (page-geometry.ts straightenPage), then to be read.
 */
const inkCutsMade = new WeakMap<RasterImage, RasterImage>();

/** Enlargement at most, whatever the text height (beyond it the engine reads interpolation, not print). */
const MAX_ENLARGEMENT = 3;

/**
 * The factor by which prepareForOcr enlarges the image (1 when it stays as it is). A clean render
 * is enlarged until its measured text (measureTextHeight) is `targetTextHeight` high, when asked and
 * measurable; other pages (scans, photos, screen captures of a picture) to about `targetWidth`
 * pixels when narrower than three quarters of it: their blur and grain swell the measured lines.
 */
export function enlargement(image: RasterImage, clean: boolean, options: { targetWidth: number; maxPixels: number; targetTextHeight?: number }): number {
  const textHeight = clean && options.targetTextHeight ? measureTextHeight(image) : null;
  let factor = 1;
  if (textHeight !== null && options.targetTextHeight) factor = Math.min(MAX_ENLARGEMENT, Math.max(1, options.targetTextHeight / textHeight));
  else if (image.width < options.targetWidth * 0.75) factor = Math.min(MAX_ENLARGEMENT, options.targetWidth / image.width);
  const pixels = image.width * image.height * factor * factor;
  if (pixels > options.maxPixels) factor *= Math.sqrt(options.maxPixels / pixels);
  return Math.max(1, factor);
}

/** Vertical strips in which text lines are found by their rows of ink. */
const TEXT_HEIGHT_STRIPS = 12;
/** Fewer ink runs of text height than this and the page's text height is not measured. */
const MIN_TEXT_RUNS = 12;

/**
 * The height of the page's text lines in pixels (the median height of the runs of inked rows in
 * vertical strips of the page, a CJK line being about one character high), or null when the page
 * shows too few lines to tell. Columns dark over most of a strip (vertical rules, dark panels of a
 * screenshot) and rows dark across most of it (horizontal rules) do not count as text.
 */
export function measureTextHeight(image: RasterImage): number | null {
  const { width, height, data } = image;
  const stripWidth = Math.floor(width / TEXT_HEIGHT_STRIPS);
  if (stripWidth < 8 || height < 32) return null;
  const grey = new Uint8Array(width * height);
  const histogram = new Uint32Array(256);
  for (let p = 0, i = 0; p < grey.length; p++, i += 4) {
    grey[p] = (data[i]! * 299 + data[i + 1]! * 587 + data[i + 2]! * 114) / 1000;
    histogram[grey[p]!]!++;
  }
  const percentile = (share: number) => {
    let seen = 0;
    for (let level = 0; level < 256; level++) {
      seen += histogram[level]!;
      if (seen >= grey.length * share) return level;
    }
    return 255;
  };
  const threshold = (percentile(0.01) + percentile(0.9)) / 2;
  const runs: number[] = [];
  for (let strip = 0; strip < TEXT_HEIGHT_STRIPS; strip++) {
    const left = strip * stripWidth;
    const columnInk = new Uint32Array(stripWidth);
    for (let y = 0; y < height; y++) for (let x = 0; x < stripWidth; x++) if (grey[y * width + left + x]! < threshold) columnInk[x]!++;
    const ruled = Array.from(columnInk, (count) => count > height / 2);
    const textRow = (y: number) => {
      let ink = 0;
      for (let x = 0; x < stripWidth; x++) if (!ruled[x] && grey[y * width + left + x]! < threshold) ink++;
      return ink > 0 && ink < stripWidth * 0.6;
    };
    for (const [start, end] of runsWhere(height, textRow)) runs.push(end - start);
  }
  const lines = runs.filter((run) => run >= 5 && run < height / 8).sort((a, b) => a - b);
  return lines.length < MIN_TEXT_RUNS ? null : lines[Math.floor(lines.length / 2)]!;
}

/** Paper of a clean render: this share of the pixels lies within one level of the commonest grey. */
const CLEAN_PAPER_SHARE = 0.6;
/** Mean step between neighbouring paper pixels below which the paper carries no scan or sensor noise. */
const CLEAN_PAPER_NOISE = 0.8;

/**
 * A digital render (not a scan, photo or capture of one): flat paper (one grey holds most of the
 * page) without grain (neighbouring paper pixels hardly differ).
 */
export function looksLikeCleanRender(image: RasterImage): boolean {
  const { width, height, data } = image;
  const histogram = new Uint32Array(256);
  let steps = 0;
  let pairs = 0;
  let before = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      const level = Math.round((data[i]! * 299 + data[i + 1]! * 587 + data[i + 2]! * 114) / 1000);
      histogram[level]!++;
      if (x > 0 && level > 180 && before > 180) {
        steps += Math.abs(level - before);
        pairs++;
      }
      before = level;
    }
  }
  let mode = 0;
  for (let level = 1; level < 256; level++) if (histogram[level]! > histogram[mode]!) mode = level;
  const paper = histogram[mode]! + (histogram[mode - 1] ?? 0) + (histogram[mode + 1] ?? 0);
  return paper >= width * height * CLEAN_PAPER_SHARE && pairs > 0 && steps / pairs < CLEAN_PAPER_NOISE;
}

/** Cells across the shorter side of the page for the paper's brightness map. */
const ILLUMINATION_CELLS = 48;
/** Paper brightness that varies less than this across the page (levels) is left alone. */
const UNEVEN_LIGHT = 45;

/**
 * Background division for photos in uneven light (a shadow, light falling off): the paper's
 * brightness is mapped on a coarse grid (the brightest pixel of each cell, spread to its neighbours
 * so that print-dense cells take the paper around them, then smoothed) and every grey level is
 * divided by it, so that shaded paper turns white and the print under a shadow stays dark. Pages in
 * even light are left untouched unless their paper is dim (raiseDimPaper). Works in place on RGBA
 * grey (r = g = b).
 */
export function flattenIllumination(data: Uint8ClampedArray, width: number, height: number): void {
  const cell = Math.max(8, Math.round(Math.min(width, height) / ILLUMINATION_CELLS));
  const gw = Math.ceil(width / cell);
  const gh = Math.ceil(height / cell);
  if (gw < 3 || gh < 3) return;
  const brightest = new Float32Array(gw * gh);
  const cellOf = new Int32Array(width);
  for (let x = 0; x < width; x++) cellOf[x] = Math.floor(x / cell);
  for (let y = 0; y < height; y++) {
    const row = Math.floor(y / cell) * gw;
    for (let x = 0, o = y * width * 4; x < width; x++, o += 4) {
      const at = row + cellOf[x]!;
      const level = data[o]!;
      if (level > brightest[at]!) brightest[at] = level;
    }
  }
  const spread = (source: Float32Array, pick: (values: number[]) => number) => {
    const out = new Float32Array(source.length);
    for (let gy = 0; gy < gh; gy++) {
      for (let gx = 0; gx < gw; gx++) {
        const values: number[] = [];
        for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) {
          const [nx, ny] = [gx + dx, gy + dy];
          if (nx >= 0 && ny >= 0 && nx < gw && ny < gh) values.push(source[ny * gw + nx]!);
        }
        out[gy * gw + gx] = pick(values);
      }
    }
    return out;
  };
  const paper = spread(spread(brightest, (values) => Math.max(...values)), (values) => values.reduce((sum, v) => sum + v, 0) / values.length);
  let lowest = 255;
  let highest = 0;
  for (const level of paper) {
    lowest = Math.min(lowest, level);
    highest = Math.max(highest, level);
  }
  if (highest - lowest < UNEVEN_LIGHT) {
    raiseDimPaper(data, paper);
    return;
  }
  // Each column's two grid columns and weight, worked out once for every row.
  const left = new Int32Array(width);
  const right = new Int32Array(width);
  const across = new Float64Array(width);
  for (let x = 0; x < width; x++) {
    const fx = Math.min(gw - 1, Math.max(0, (x + 0.5) / cell - 0.5));
    left[x] = Math.floor(fx);
    right[x] = Math.min(gw - 1, left[x]! + 1);
    across[x] = fx - left[x]!;
  }
  // The paper's two grid rows a pixel row lies between, interpolated across once for every column
  // (the same products as taken pixel by pixel) and kept while the rows lie between the same two.
  const upper = new Float64Array(width);
  const lower = new Float64Array(width);
  let gridRow = -1;
  for (let y = 0; y < height; y++) {
    const fy = Math.min(gh - 1, Math.max(0, (y + 0.5) / cell - 0.5));
    const y0 = Math.floor(fy);
    const y1 = Math.min(gh - 1, y0 + 1);
    const ay = fy - y0;
    if (y0 !== gridRow) {
      gridRow = y0;
      for (let x = 0; x < width; x++) {
        const ax = across[x]!;
        upper[x] = paper[y0 * gw + left[x]!]! * (1 - ax) + paper[y0 * gw + right[x]!]! * ax;
        lower[x] = paper[y1 * gw + left[x]!]! * (1 - ax) + paper[y1 * gw + right[x]!]! * ax;
      }
    }
    for (let x = 0, o = y * width * 4; x < width; x++, o += 4) {
      const background = upper[x]! * (1 - ay) + lower[x]! * ay;
      const level = Math.min(255, (data[o]! * 255) / Math.max(40, background));
      data[o] = level;
      data[o + 1] = level;
      data[o + 2] = level;
    }
  }
}

/**
 * Paper in even light whose brightness (the median of its map) lies in this range is dim: a photo
 * taken in poor light, or its ink grey taken from the red of paper under bluish light (G03 of the
 * seventh set: paper at 142, below the fixed ink cut, so that the whole page turned to ink). Darker
 * than the range is no paper (a dark screen, a picture) and is left alone.
 */
const DIM_PAPER = { darkest: 96, brightest: 200 } as const;

/** Dim paper in even light raised to white by one gain for the whole page (flattenIllumination). */
function raiseDimPaper(data: Uint8ClampedArray, paper: Float32Array): void {
  const levels = [...paper].sort((a, b) => a - b);
  const median = levels[Math.floor(levels.length / 2)]!;
  if (median < DIM_PAPER.darkest || median >= DIM_PAPER.brightest) return;
  const gain = 255 / median;
  for (let o = 0; o < data.length; o += 4) {
    const level = Math.min(255, data[o]! * gain);
    data[o] = level;
    data[o + 1] = level;
    data[o + 2] = level;
  }
}

const RULE_DARK = 170;
/** Red cast (red minus the larger of green and blue) of seal ink; brown form print stays below it. */
const SEAL_CAST = 80;
/** Seal ink is bright red; brown form print (red about 140) is not. */
const SEAL_MIN_RED = 175;
/**
 * How much redder than green and blue a pixel is, when its hue is that of seal ink (bright red to
 * crimson); 0 for other colours. Brown and orange form print, even blurred into the paper, has green
 * well above blue and a darker red; seal red has green and blue about equal.
 */
export function sealCast(red: number, green: number, blue: number): number {
  if (red <= SEAL_MIN_RED) return 0;
  const cast = red - Math.max(green, blue);
  return green - blue < cast / 2 ? cast : 0;
}

/** Pixels this close to seal ink belong to the seal zone (thin strokes lose colour in JPEG chroma subsampling). */
const SEAL_ZONE_RADIUS = 4;
/** Fewer seal-red pixels than this on a page: no seal. */
const SEAL_MIN_PIXELS = 500;
/** A seal-red pixel (zone mark) of the page, and one of full seal red (its red cast above SEAL_CORE_CAST). */
const SEAL_RED = 1;
const SEAL_CORE = 2;
/**
 * Red cast of full seal red (red far above green and blue, about 220, 0, 20). Form print in a red
 * that passes SEAL_CAST (the labels and rules of some 数电 layouts, about 180, 90, 90) is lighter.
 */
const SEAL_CORE_CAST = 160;

/** A pixel's seal mark: SEAL_CORE in full seal red, SEAL_RED in other seal red, 0 otherwise (most pixels: red at or below SEAL_MIN_RED). */
function sealMark(red: number, green: number, blue: number): number {
  if (red <= SEAL_MIN_RED) return 0;
  const cast = sealCast(red, green, blue);
  return cast <= SEAL_CAST ? 0 : cast > SEAL_CORE_CAST ? SEAL_CORE : SEAL_RED;
}

/**
 * Where seal ink can be on a page printed in two reds: when enough of its seal-red pixels are full
 * seal red, each seal is the box around a cluster of full red (its ring with what it encloses: the
 * paler strokes of a small seal's text included), and the paler red labels and rules elsewhere are
 * form print, kept. Null when the page has no full seal red (a faded or scanned seal): every
 * seal-red pixel may then be seal ink. Clusters are found on a grid of cells a hundredth of the page
 * width across, cells with full red a cell apart joined. The marks lie in `sealRows` (from, to: the
 * rows from `from` up to, not including, `to`).
 */
function sealInkAround(marks: Uint8Array, width: number, height: number, sealRows: { from: number; to: number }): Uint8Array | null {
  const cell = Math.max(SEAL_ZONE_RADIUS, Math.round(width / 100));
  const columns = Math.ceil(width / cell);
  const rows = Math.ceil(height / cell);
  const cells = new Uint8Array(columns * rows);
  let corePixels = 0;
  for (let p = sealRows.from * width; p < sealRows.to * width; p++) {
    if (marks[p] !== SEAL_CORE) continue;
    corePixels++;
    const x = p % width;
    cells[Math.floor((p - x) / width / cell) * columns + Math.floor(x / cell)] = 1;
  }
  if (corePixels < SEAL_MIN_PIXELS) return null;
  const around = new Uint8Array(marks.length);
  const seen = new Uint8Array(cells.length);
  for (let start = 0; start < cells.length; start++) {
    if (!cells[start] || seen[start]) continue;
    let [left, top, right, bottom] = [columns, rows, -1, -1];
    const stack = [start];
    seen[start] = 1;
    while (stack.length > 0) {
      const at = stack.pop()!;
      const column = at % columns;
      const row = (at - column) / columns;
      [left, top, right, bottom] = [Math.min(left, column), Math.min(top, row), Math.max(right, column), Math.max(bottom, row)];
      for (let dy = -2; dy <= 2; dy++) {
        for (let dx = -2; dx <= 2; dx++) {
          const [x, y] = [column + dx, row + dy];
          if (x < 0 || y < 0 || x >= columns || y >= rows) continue;
          const next = y * columns + x;
          if (cells[next] && !seen[next]) {
            seen[next] = 1;
            stack.push(next);
          }
        }
      }
    }
    // The cluster's box, a cell wider on every side (the blur of its edge), in pixels.
    const [x0, y0] = [Math.max(0, (left - 1) * cell), Math.max(0, (top - 1) * cell)];
    const [x1, y1] = [Math.min(width, (right + 2) * cell), Math.min(height, (bottom + 2) * cell)];
    for (let y = y0; y < y1; y++) around.fill(1, y * width + x0, y * width + x1);
  }
  return around;
}

/** In the seal zone, print is darker than this share of the seal's own luminance. */
const SEAL_PRINT_SHARE = 0.86;

/**
 * Greyscale (in RGBA) of a page with red seals dropped out. Seal ink keeps its luminance when a
 * scanner or JPEG blurs its colour, while black print under or beside the seal is darker: so on
 * pages with a seal, every red-tinted pixel near red ink keeps its grey only if its neighbourhood
 * (averaging out scan noise) is clearly darker than the seal's median luminance, and turns white
 * otherwise. Brown form print and black text away from the
 * seal keep their luminance. With `inkGrey`, the grey of a pixel is the darker of its luminance
 * and its red (see prepareForOcr).
 */
export function greyWithoutSeals(image: RasterImage, inkGrey = false): Uint8ClampedArray {
  const { width, height, data: rgba } = image;
  const pixels = width * height;
  const tally = greyTally(pixels);
  for (let p = 0, i = 0; p < pixels; p++, i += 4) tallyPixel(tally, p, rgba[i]!, rgba[i + 1]!, rgba[i + 2]!, inkGrey);
  dropSeals(width, height, tally, (p, rgb) => {
    rgb[0] = rgba[p * 4]!;
    rgb[1] = rgba[p * 4 + 1]!;
    rgb[2] = rgba[p * 4 + 2]!;
  });
  return tally.data;
}

/** A page's grey and its seal ink, as the grey loops gather them pixel by pixel (tallyPixel) for dropSeals. */
interface GreyTally {
  /** The grey page (RGBA) that dropSeals writes: each pixel opaque in its grey, seal ink white. */
  data: Uint8ClampedArray;
  /** The same pixels as 32-bit words. */
  words: Uint32Array;
  luminance: Uint8Array;
  /** Each pixel's seal mark (sealMark), 0 off seal ink. */
  zone: Uint8Array;
  /** The grey levels of the seal ink's pixels, and their count. */
  sealHistogram: Uint32Array;
  sealPixels: number;
  /** The first and the last seal-red pixel (indices; -1 while there is none): the rows between hold all seal ink. */
  firstSeal: number;
  lastSeal: number;
}

function greyTally(pixels: number): GreyTally {
  const data = new Uint8ClampedArray(pixels * 4);
  return { data, words: new Uint32Array(data.buffer, data.byteOffset, pixels), luminance: new Uint8Array(pixels), zone: new Uint8Array(pixels), sealHistogram: new Uint32Array(256), sealPixels: 0, firstSeal: -1, lastSeal: -1 };
}

/**
 * One pixel into the tally: its grey (its luminance, or with `inkGrey` the darker of its luminance
 * and its red: see prepareForOcr) and, on seal ink, its mark and grey level.
 */
function tallyPixel(tally: GreyTally, p: number, red: number, green: number, blue: number, inkGrey: boolean): void {
  const level = (red * 299 + green * 587 + blue * 114) / 1000;
  tally.luminance[p] = (inkGrey && red < level ? red : level) + 0.5;
  const mark = sealMark(red, green, blue);
  if (mark) {
    tally.zone[p] = mark;
    tally.sealHistogram[tally.luminance[p]!]!++;
    if (tally.sealPixels++ === 0) tally.firstSeal = p;
    tally.lastSeal = p;
  }
}

/**
 * The grey page (RGBA) of greyWithoutSeals, written into tally.data from its luminance and seal-red
 * pixels (zone, their luminance histogram and count): on a page with a seal, a red-tinted pixel
 * near seal ink (its colour asked of `colourOf`) turns white unless its neighbourhood is clearly
 * darker than the seal.
 */
function dropSeals(width: number, height: number, tally: GreyTally, colourOf: (p: number, rgb: Uint8ClampedArray) => void): void {
  const { luminance, zone, sealHistogram, sealPixels, words } = tally;
  const pixels = width * height;
  for (let p = 0; p < pixels; p++) words[p] = OPAQUE_GREY[luminance[p]!]!;
  if (sealPixels < SEAL_MIN_PIXELS) return;
  // Seal ink lies in the rows from the first seal-red pixel to the last, and its zone within
  // SEAL_ZONE_RADIUS of them: the passes below leave the other rows alone (their zone stays empty).
  const rows = { from: Math.floor(tally.firstSeal / width), to: Math.floor(tally.lastSeal / width) + 1 };
  const zoneRows = { from: Math.max(0, rows.from - SEAL_ZONE_RADIUS), to: Math.min(height, rows.to + SEAL_ZONE_RADIUS) };
  const around = sealInkAround(zone, width, height, rows);
  let histogram = sealHistogram;
  let counted = sealPixels;
  if (around) {
    histogram = new Uint32Array(256);
    counted = 0;
    for (let p = rows.from * width; p < rows.to * width; p++) {
      if (!around[p]) zone[p] = 0;
      else if (zone[p]) {
        histogram[luminance[p]!]!++;
        counted++;
      }
    }
  }
  let seen = 0;
  let median = 0;
  while (median < 255 && seen + histogram[median]! < counted / 2) seen += histogram[median++]!;
  const cut = median * SEAL_PRINT_SHARE;
  dilate(zone, width, height, SEAL_ZONE_RADIUS, rows);
  if (around) for (let p = zoneRows.from * width; p < zoneRows.to * width; p++) if (!around[p]) zone[p] = 0;
  const rgb = new Uint8ClampedArray(3);
  const white = OPAQUE_GREY[255]!;
  for (let p = zoneRows.from * width; p < zoneRows.to * width; p++) {
    if (!zone[p]) continue;
    colourOf(p, rgb);
    if (isRedTinted(rgb[0]!, rgb[1]!, rgb[2]!) && localMean(luminance, width, height, p) >= cut) words[p] = white;
  }
}

/**
 * greyWithoutSeals(resizeRaster(image, width, height)), worked out without the enlarged colour page:
 * each channel interpolated and rounded as resizeRaster stores it (a Uint8ClampedArray: clamped,
 * rounded half to even), its luminance and seal test as greyWithoutSeals takes them, and the colour
 * of a pixel near seal ink interpolated again when asked. The same pixels in less time and memory.
 */
function enlargedGreyWithoutSeals(image: RasterImage, width: number, height: number, inkGrey: boolean): Uint8ClampedArray {
  const source = image.data;
  const pixels = width * height;
  const tally = greyTally(pixels);
  // Each column's two source columns (as offsets into a row) and weight, and each row's, as resizeRaster works them out.
  const { first: left, second: right, weight: across } = bilinearSamples(image.width, width, 4);
  const { first: tops, second: bottoms, weight: down } = bilinearSamples(image.height, height, image.width * 4);
  const colourOf = (p: number, rgb: Uint8ClampedArray): void => {
    const x = p % width;
    const y = (p - x) / width;
    const fx = across[x]!;
    const fy = down[y]!;
    const a = tops[y]! + left[x]!;
    const b = tops[y]! + right[x]!;
    const d = bottoms[y]! + left[x]!;
    const e = bottoms[y]! + right[x]!;
    for (let c = 0; c < 3; c++) rgb[c] = bilinear(source, a + c, b + c, d + c, e + c, fx, 1 - fx, fy, 1 - fy);
  };
  // Source rows interpolated across (the first half of bilinear, the same products in the same
  // order), each once for the two or three enlarged rows it is sampled for: two held at a time.
  const rows = new AcrossRows(source, left, right, across);
  const rgb = new Uint8ClampedArray(3);
  for (let y = 0, p = 0; y < height; y++) {
    const fy = down[y]!;
    const gy = 1 - fy;
    const [upper, lower] = rows.pair(tops[y]!, bottoms[y]!);
    for (let x = 0, i = 0; x < width; x++, p++, i += 3) {
      rgb[0] = upper[i]! * gy + lower[i]! * fy;
      rgb[1] = upper[i + 1]! * gy + lower[i + 1]! * fy;
      rgb[2] = upper[i + 2]! * gy + lower[i + 2]! * fy;
      tallyPixel(tally, p, rgb[0]!, rgb[1]!, rgb[2]!, inkGrey);
    }
  }
  dropSeals(width, height, tally, colourOf);
  return tally.data;
}

/**
 * Source rows of a bilinear enlargement interpolated across (red, green and blue of each enlarged
 * column: source[a] * gx + source[b] * fx, as bilinear takes them), kept for the two rows an
 * enlarged row is sampled between; consecutive enlarged rows share them.
 */
class AcrossRows {
  private readonly rows: [Float64Array, Float64Array];
  private readonly offsets = [-1, -1];

  constructor(private readonly source: Uint8ClampedArray, private readonly left: Int32Array, private readonly right: Int32Array, private readonly weight: Float64Array) {
    this.rows = [new Float64Array(left.length * 3), new Float64Array(left.length * 3)];
  }

  /** The rows at these offsets of the source (a row's start, in bytes), upper and lower. */
  pair(upper: number, lower: number): [Float64Array, Float64Array] {
    const upperSlot = this.slotOf(upper, lower);
    const lowerSlot = upper === lower ? upperSlot : this.slotOf(lower, upper);
    return [this.rows[upperSlot]!, this.rows[lowerSlot]!];
  }

  /** The slot holding the row at `offset`, filled in the slot not holding the row at `kept` when neither holds it. */
  private slotOf(offset: number, kept: number): 0 | 1 {
    if (this.offsets[0] === offset) return 0;
    if (this.offsets[1] === offset) return 1;
    const slot = this.offsets[0] === kept ? 1 : 0;
    const row = this.rows[slot]!;
    const { source, left, right, weight } = this;
    for (let x = 0, i = 0; x < left.length; x++, i += 3) {
      const fx = weight[x]!;
      const gx = 1 - fx;
      const a = offset + left[x]!;
      const b = offset + right[x]!;
      row[i] = source[a]! * gx + source[b]! * fx;
      row[i + 1] = source[a + 1]! * gx + source[b + 1]! * fx;
      row[i + 2] = source[a + 2]! * gx + source[b + 2]! * fx;
    }
    this.offsets[slot] = offset;
    return slot;
  }
}

/** Each grey level as the 32-bit word of an opaque RGBA pixel of that grey, in the platform's byte order. */
const OPAQUE_GREY = (() => {
  const table = new Uint32Array(256);
  const pixel = new Uint8Array(table.buffer);
  for (let level = 0; level < 256; level++) pixel.set([level, level, level, 255], level * 4);
  return table;
})();

/** Any red tint of seal hue, however faint (blurred or JPEG-smeared seal strokes); not brown or grey. */
function isRedTinted(red: number, green: number, blue: number): boolean {
  const cast = red - Math.max(green, blue);
  return cast > SEAL_TINT && green - blue < cast / 2;
}
const SEAL_TINT = 15;

/** Mean of the 3×3 neighbourhood of pixel p: scan noise is per pixel, ink is not. */
function localMean(values: Uint8Array, width: number, height: number, p: number): number {
  const x = p % width;
  const y = (p - x) / width;
  let sum = 0;
  let count = 0;
  for (let dy = -1; dy <= 1; dy++) {
    const row = y + dy;
    if (row < 0 || row >= height) continue;
    for (let dx = -1; dx <= 1; dx++) {
      const column = x + dx;
      if (column < 0 || column >= width) continue;
      sum += values[row * width + column]!;
      count++;
    }
  }
  return sum / count;
}

/**
 * Grows the set cells of a mask by `radius` in every direction (a square structuring element). All
 * set cells lie in `rows` (from, to: the rows from `from` up to, not including, `to`); the rows
 * farther than `radius` from them are left alone, as nothing reaches them.
 */
function dilate(mask: Uint8Array, width: number, height: number, radius: number, rows: { from: number; to: number }): void {
  const row = new Uint8Array(mask.length);
  for (let y = rows.from; y < rows.to; y++) {
    let last = -Infinity;
    for (let x = 0; x < width; x++) {
      if (mask[y * width + x]) last = x;
      if (x - last <= radius) row[y * width + x] = 1;
    }
    last = Infinity;
    for (let x = width - 1; x >= 0; x--) {
      if (mask[y * width + x]) last = x;
      if (last - x <= radius) row[y * width + x] = 1;
    }
  }
  const [top, bottom] = [Math.max(0, rows.from - radius), Math.min(height, rows.to + radius)];
  // Down the columns, a row at a time (memory in order): the last set row seen in each column.
  const last = new Float64Array(width).fill(-Infinity);
  for (let y = top; y < bottom; y++) {
    for (let x = 0, p = y * width; x < width; x++, p++) {
      if (row[p]) last[x] = y;
      mask[p] = y - last[x]! <= radius ? 1 : 0;
    }
  }
  last.fill(Infinity);
  for (let y = bottom - 1; y >= top; y--) {
    for (let x = 0, p = y * width; x < width; x++, p++) {
      if (row[p]) last[x] = y;
      if (last[x]! - y <= radius) mask[p] = 1;
    }
  }
}

/** Grey below which a binarised picture's pixel is ink (whitenQrBlocks). */
const QR_INK_LEVEL = 128;
/**
 * A QR code as one patch of touching ink: its sides within this share of the picture's width, nearly
 * square, about half of its box inked (a blot or a round punched hole is inked all over).
 */
const QR_PATCH = { smallest: 0.05, largest: 0.5, squareness: 0.75, leastInk: 0.3, mostInk: 0.72 };

/**
 * Whitens the QR codes of a binarised picture (RGBA grey) in place and returns how many it whitened.
 * A photographed QR code's modules touch one another and make one patch of ink (8-connected), square
 * and about half inked (QR_PATCH); characters beside it are patches of their own. (A sharp render's
 * finder patterns stand apart inside their white separators: no patch is the whole code, and the
 * picture stays as it is.) The engine's page layout takes a QR code with the print beside it for one
 * picture and reads none of that print.
 */
export function whitenQrBlocks(image: RasterImage): number {
  const { width, height, data } = image;
  const pixels = width * height;
  const seen = new Uint8Array(pixels);
  for (let p = 0; p < pixels; p++) if (data[p * 4]! >= QR_INK_LEVEL) seen[p] = 1;
  const stack = new Int32Array(pixels);
  let whitened = 0;
  for (let start = 0; start < pixels; start++) {
    // Not seen, but whitened already: a patch of modules inside a QR code whitened whole.
    if (seen[start] || data[start * 4]! >= QR_INK_LEVEL) continue;
    seen[start] = 1;
    let size = 0;
    stack[size++] = start;
    let [left, right, top, bottom, count] = [width, -1, height, -1, 0];
    while (size > 0) {
      const at = stack[--size]!;
      const [x, y] = [at % width, (at - (at % width)) / width];
      count++;
      if (x < left) left = x;
      if (x > right) right = x;
      if (y < top) top = y;
      if (y > bottom) bottom = y;
      for (let dy = -1; dy <= 1; dy++) {
        const ny = y + dy;
        if (ny < 0 || ny >= height) continue;
        for (let dx = -1; dx <= 1; dx++) {
          const nx = x + dx;
          const next = ny * width + nx;
          if (nx >= 0 && nx < width && !seen[next]) {
            seen[next] = 1;
            stack[size++] = next;
          }
        }
      }
    }
    const [across, down] = [right - left + 1, bottom - top + 1];
    const inkShare = count / (across * down);
    if (Math.min(across, down) / Math.max(across, down) < QR_PATCH.squareness) continue;
    if (Math.min(across, down) < width * QR_PATCH.smallest || Math.max(across, down) > width * QR_PATCH.largest) continue;
    if (inkShare < QR_PATCH.leastInk || inkShare > QR_PATCH.mostInk) continue;
    for (let y = top; y <= bottom; y++) data.fill(255, (y * width + left) * 4, (y * width + right + 1) * 4);
    whitened++;
  }
  return whitened;
}

const BINARY_THRESHOLD = 165;
/** Ink runs across (median, pixels) at or below which a photo's strokes are thin at the fixed cut. */
const THIN_STROKE = 5;
/** Ink runs longer than this are rules, panels or blots, not strokes. */
const LONGEST_STROKE = 60;

/**
 * The cut between ink and paper of a photographed page in the grey of coloured ink (RGBA grey,
 * illumination flattened): BINARY_THRESHOLD, unless the strokes come out thin there (their median
 * run across at most THIN_STROKE pixels: soft or faint print), when the cut lies at the same share
 * of the page's own contrast, from its ink (the darkest 1% of its pixels) to its paper (the median),
 * as BINARY_THRESHOLD is of the full range. Print that is dark and broad keeps the fixed cut (a
 * higher one swells it into blots).
 */
export function inkCut(data: Uint8ClampedArray, width: number, height: number): number {
  const histogram = new Uint32Array(256);
  for (let i = 0; i < data.length; i += 4) histogram[data[i]!]!++;
  const pixels = width * height;
  const level = (share: number) => {
    let seen = 0;
    for (let grey = 0; grey < 256; grey++) {
      seen += histogram[grey]!;
      if (seen >= pixels * share) return grey;
    }
    return 255;
  };
  const [ink, paper] = [level(0.01), level(0.5)];
  const cut = ink + ((paper - ink) * BINARY_THRESHOLD) / 255;
  if (cut <= BINARY_THRESHOLD) return BINARY_THRESHOLD;
  const runs = new Uint32Array(LONGEST_STROKE);
  let count = 0;
  for (let y = 0; y < height; y += 2) {
    let start = -1;
    for (let x = 0; x <= width; x++) {
      const inked = x < width && data[(y * width + x) * 4]! < BINARY_THRESHOLD;
      if (inked && start < 0) start = x;
      if (!inked && start >= 0) {
        if (x - start < LONGEST_STROKE) {
          runs[x - start]!++;
          count++;
        }
        start = -1;
      }
    }
  }
  let seen = 0;
  let median = 0;
  while (median < LONGEST_STROKE - 1 && seen + runs[median]! <= count / 2) seen += runs[median++]!;
  return median <= THIN_STROKE ? cut : BINARY_THRESHOLD;
}

/**
 * Whitens form rules: horizontal and vertical runs of dark pixels far longer than any stroke of a
 * character (at least 5% of the page width, and 120 px). Table rules confuse the OCR engine's layout
 * analysis and glue rows of text to them.
 */
export function removeRules(data: Uint8ClampedArray, width: number, height: number): void {
  const minimum = Math.max(120, Math.floor(width * 0.05));
  const rule = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    let start = -1;
    for (let x = 0; x <= width; x++) {
      const dark = x < width && data[(y * width + x) * 4]! < RULE_DARK;
      if (dark && start < 0) start = x;
      if (!dark && start >= 0) {
        if (x - start >= minimum) rule.fill(1, y * width + start, y * width + x);
        start = -1;
      }
    }
  }
  for (let x = 0; x < width; x++) {
    let start = -1;
    for (let y = 0; y <= height; y++) {
      const dark = y < height && data[(y * width + x) * 4]! < RULE_DARK;
      if (dark && start < 0) start = y;
      if (!dark && start >= 0) {
        if (y - start >= minimum) for (let k = start; k < y; k++) rule[k * width + x] = 1;
        start = -1;
      }
    }
  }
  for (let i = 0; i < rule.length; i++) {
    if (rule[i]) {
      data[i * 4] = 255;
      data[i * 4 + 1] = 255;
      data[i * 4 + 2] = 255;
    }
  }
}

/** The render scale for a page of widthPt x heightPt points at dpi, reduced so the raster stays within maxPixels. */
export function rasterScale(widthPt: number, heightPt: number, dpi: number, maxPixels: number): number {
  const scale = dpi / 72;
  const pixels = widthPt * heightPt * scale * scale;
  return pixels > maxPixels ? scale * Math.sqrt(maxPixels / pixels) : scale;
}

/**
 * Binary PGM (P5) of the image's luminance: how rasters go to tesseract (Node and browser). Leptonica
 * reads it without decompressing, and nothing is lost or spent on a PNG round trip.
 */
export function encodePgm(image: RasterImage): Uint8Array {
  const header = Uint8Array.from(`P5\n${image.width} ${image.height}\n255\n`, (ch) => ch.charCodeAt(0));
  const out = new Uint8Array(header.length + image.width * image.height);
  out.set(header, 0);
  const { data } = image;
  for (let i = 0, o = header.length; i < data.length; i += 4, o++) {
    out[o] = (data[i]! * 299 + data[i + 1]! * 587 + data[i + 2]! * 114) / 1000;
  }
  return out;
}

/** The image turned clockwise by 90, 180 or 270 degrees. */
export function rotateRaster(image: RasterImage, degrees: 0 | 90 | 180 | 270): RasterImage {
  if (degrees === 0) return image;
  const { width, height, data } = image;
  const turned = degrees !== 180;
  const outWidth = turned ? height : width;
  const outHeight = turned ? width : height;
  const out = new Uint32Array(outWidth * outHeight);
  const source = new Uint32Array(data.buffer, data.byteOffset, width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const target = degrees === 90 ? x * outWidth + (height - 1 - y)
        : degrees === 180 ? (height - 1 - y) * outWidth + (width - 1 - x)
          : (width - 1 - x) * outWidth + y;
      out[target] = source[y * width + x]!;
    }
  }
  return { width: outWidth, height: outHeight, data: new Uint8ClampedArray(out.buffer) };
}

function mirrorRaster(image: RasterImage): RasterImage {
  const { width, height, data } = image;
  const source = new Uint32Array(data.buffer, data.byteOffset, width * height);
  const out = new Uint32Array(width * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) out[y * width + (width - 1 - x)] = source[y * width + x]!;
  return { width, height, data: new Uint8ClampedArray(out.buffer) };
}

/**
 * The image as it should be seen, given the EXIF orientation its file carries (1–8; phones store
 * the sensor's pixels and record the turn): 6 turns it 90° clockwise, 3 by 180°, 8 by 270°, and
 * 2, 4, 5, 7 also mirror it.
 */
export function applyExifOrientation(image: RasterImage, orientation: number): RasterImage {
  switch (orientation) {
    case 2: return mirrorRaster(image);
    case 3: return rotateRaster(image, 180);
    case 4: return mirrorRaster(rotateRaster(image, 180));
    case 5: return mirrorRaster(rotateRaster(image, 90));
    case 6: return rotateRaster(image, 90);
    case 7: return mirrorRaster(rotateRaster(image, 270));
    case 8: return rotateRaster(image, 270);
    default: return image;
  }
}

/**
 * Mean of a JPEG's first quantisation table (jpegQuantisationMean) from which it was compressed hard:
 * quality 75-95 gives 5-25, a screenshot saved at quality 22 about 130 (quality 45 about 64).
 */
const HARD_JPEG_QUANTISATION = 60;

/** Whether the bytes are a JPEG compressed hard: its 8×8 blocks show, and small print is ringed with their noise. */
export function isHardCompressedJpeg(bytes: Uint8Array): boolean {
  return (jpegQuantisationMean(bytes) ?? 0) >= HARD_JPEG_QUANTISATION;
}

/**
 * Weights of the smoothing of a hard JPEG's page (a binomial kernel, applied across and down). The
 * 5-tap kernel (1 4 6 4 1) read the unseen layout O20 as a hard JPEG worse (its tax and 大写 lost).
 */
const SMOOTHING: readonly [number, number, number] = [1 / 4, 2 / 4, 1 / 4];

/**
 * Grey pixels (RGBA, grey in R, G and B) smoothed in place with SMOOTHING across and down. On a hard
 * JPEG's page enlarged for OCR the blocks' edges and the speckle around the strokes (each a few
 * enlarged pixels) blend into the paper while the strokes, wider, keep their ink: I17 saved as a
 * quality-22 JPEG reads its 合计 amount again. The page's edge pixels stand in for their missing
 * neighbours.
 */
export function smoothGrey(data: Uint8ClampedArray, width: number, height: number): void {
  const [before, middle, after] = SMOOTHING;
  const across = new Float32Array(width * height);
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) {
      const left = x > 0 ? x - 1 : 0;
      const right = x < width - 1 ? x + 1 : width - 1;
      across[row + x] = before * data[(row + left) * 4]! + middle * data[(row + x) * 4]! + after * data[(row + right) * 4]!;
    }
  }
  for (let y = 0; y < height; y++) {
    const above = (y > 0 ? y - 1 : 0) * width;
    const below = (y < height - 1 ? y + 1 : height - 1) * width;
    for (let x = 0, p = y * width, i = p * 4; x < width; x++, p++, i += 4) {
      const sum = before * across[above + x]! + middle * across[p]! + after * across[below + x]!;
      data[i] = sum;
      data[i + 1] = sum;
      data[i + 2] = sum;
    }
  }
}

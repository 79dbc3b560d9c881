// Page geometry of photos, screen captures and crooked scans, before OCR: find the invoice page in
// the picture (a sheet brighter than the desk, or the page inside an image viewer's window), warp it
// flat with the perspective of its four corners, and turn out the remaining skew of its text lines.
// Pure: RGBA buffers in, RGBA buffers out.
import type { RasterImage } from '../ports';
import { cropRaster, prepareForOcr, resizeRaster } from './raster';

export type Point = [number, number];

/** A page found in a picture: its corners (top-left, top-right, bottom-right, bottom-left) in image pixels. */
export interface PageQuad {
  corners: [Point, Point, Point, Point];
  /** The threshold rule that separated it: the paper against a darker background, or the brightest paper level. */
  rule: 'otsu' | 'paper-level' | 'neutral-paper';
}

/** Side of the reduced copy the page search runs on. */
const SEARCH_SIDE = 512;
/** A page covers at least this share of the picture, and less than the upper bound (else it is the picture). */
const MIN_PAGE_SHARE = 0.12;
const MAX_PAGE_SHARE = 0.93;
/** Share of its corner quadrilateral that a page's bright pixels fill (print and holes take the rest). */
const MIN_FILL = 0.8;
/** A region filling more than its corner quadrilateral is round (a seal), not a sheet. */
const MAX_FILL = 1.12;
/** Share of the picture's edge pixels (print, in any colour) that lie on the page. */
const MIN_EDGE_SHARE = 0.3;

interface Grey {
  width: number;
  height: number;
  values: Uint8Array;
}

/** Red above blue by more than this, and a pixel is tinted warm (a cream cloth, a wooden desk), not white paper. */
const WARM_TINT = 10;

function reducedGrey(image: RasterImage, side: number): { grey: Grey; neutral: Grey; scale: number } {
  const scale = Math.min(1, side / Math.max(image.width, image.height));
  const small = scale < 1 ? resizeBoxed(image, Math.max(1, Math.round(image.width * scale)), Math.max(1, Math.round(image.height * scale))) : image;
  const values = new Uint8Array(small.width * small.height);
  const neutral = new Uint8Array(small.width * small.height);
  for (let p = 0, i = 0; p < values.length; p++, i += 4) {
    values[p] = (small.data[i]! * 299 + small.data[i + 1]! * 587 + small.data[i + 2]! * 114) / 1000;
    neutral[p] = small.data[i]! - small.data[i + 2]! > WARM_TINT ? 0 : values[p]!;
  }
  return { grey: { width: small.width, height: small.height, values }, neutral: { width: small.width, height: small.height, values: neutral }, scale: small.width / image.width };
}

/** Area-averaging reduction (bilinear sampling would alias thin print away). */
function resizeBoxed(image: RasterImage, width: number, height: number): RasterImage {
  const data = new Uint8ClampedArray(width * height * 4);
  // Integer sums (at most 255 times the pixels of a cell) divide exactly as the float ones did.
  const sums = new Uint32Array(width * height * 4);
  const counts = new Uint32Array(width * height);
  const source = image.data;
  // Each source column's target column, as an offset into a target row, worked out once for every row.
  const column = new Int32Array(image.width);
  for (let x = 0; x < image.width; x++) column[x] = Math.min(width - 1, Math.floor((x * width) / image.width));
  for (let y = 0; y < image.height; y++) {
    const row = Math.min(height - 1, Math.floor((y * height) / image.height)) * width;
    // A run of source pixels falling in one target cell is summed in locals, then added to the cell's sums.
    let cell = -1;
    let red = 0;
    let green = 0;
    let blue = 0;
    let alpha = 0;
    let count = 0;
    for (let x = 0, s = y * image.width * 4; x <= image.width; x++, s += 4) {
      const t = x < image.width ? row + column[x]! : -1;
      if (t !== cell) {
        if (cell >= 0) {
          const o = cell * 4;
          sums[o] = sums[o]! + red;
          sums[o + 1] = sums[o + 1]! + green;
          sums[o + 2] = sums[o + 2]! + blue;
          sums[o + 3] = sums[o + 3]! + alpha;
          counts[cell] = counts[cell]! + count;
        }
        cell = t;
        red = 0;
        green = 0;
        blue = 0;
        alpha = 0;
        count = 0;
      }
      if (t < 0) break;
      red += source[s]!;
      green += source[s + 1]!;
      blue += source[s + 2]!;
      alpha += source[s + 3]!;
      count++;
    }
  }
  for (let t = 0; t < counts.length; t++) for (let c = 0; c < 4; c++) data[t * 4 + c] = sums[t * 4 + c]! / Math.max(1, counts[t]!);
  return { width, height, data };
}

export function otsuThreshold(values: Uint8Array): number {
  const histogram = new Float64Array(256);
  for (const v of values) histogram[v]!++;
  const total = values.length;
  let sum = 0;
  for (let i = 0; i < 256; i++) sum += i * histogram[i]!;
  let sumBelow = 0;
  let below = 0;
  let best = 0;
  let threshold = 128;
  for (let t = 0; t < 256; t++) {
    below += histogram[t]!;
    if (below === 0) continue;
    const above = total - below;
    if (above === 0) break;
    sumBelow += t * histogram[t]!;
    const meanBelow = sumBelow / below;
    const meanAbove = (sum - sumBelow) / above;
    const between = below * above * (meanBelow - meanAbove) ** 2;
    if (between > best) {
      best = between;
      threshold = t;
    }
  }
  return threshold;
}

/** The most common level among the brightest quarter of levels present: the paper of a clean page. */
function paperLevel(values: Uint8Array): number {
  const histogram = new Uint32Array(256);
  for (const v of values) histogram[v]!++;
  let peak = 255;
  for (let v = 255; v >= 160; v--) if (histogram[v]! > histogram[peak]!) peak = v;
  return peak;
}

/** Pixels that differ from a neighbour by more than this are edges (print, lines, window chrome). */
const EDGE_STEP = 48;

function edgeMask(grey: Grey): Uint8Array {
  const { width, height, values } = grey;
  const mask = new Uint8Array(width * height);
  for (let y = 0; y < height - 1; y++) {
    for (let x = 0; x < width - 1; x++) {
      const p = y * width + x;
      if (Math.abs(values[p]! - values[p + 1]!) > EDGE_STEP || Math.abs(values[p]! - values[p + width]!) > EDGE_STEP) mask[p] = 1;
    }
  }
  return mask;
}

/** Radius (reduced pixels) of the closing that fills print and rules with paper. */
const CLOSING_RADIUS = 1;

/** The largest (or, with `largest` false, the smallest) value within `radius` of each pixel, along rows then columns. */
function extremeFilter(values: Uint8Array, width: number, height: number, radius: number, largest: boolean): Uint8Array {
  const across = new Uint8Array(values.length);
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) across[row + x] = extremeOf(values, row + Math.max(0, x - radius), row + Math.min(width - 1, x + radius), 1, largest);
  }
  const out = new Uint8Array(values.length);
  for (let y = 0; y < height; y++) {
    const start = Math.max(0, y - radius) * width;
    const end = Math.min(height - 1, y + radius) * width;
    for (let x = 0; x < width; x++) out[y * width + x] = extremeOf(across, start + x, end + x, width, largest);
  }
  return out;
}

/** The largest (or the smallest) of values[first], values[first + step], … values[last]. */
function extremeOf(values: Uint8Array, first: number, last: number, step: number, largest: boolean): number {
  let v = values[first]!;
  if (largest) {
    for (let at = first + step; at <= last; at += step) if (values[at]! > v) v = values[at]!;
  } else {
    for (let at = first + step; at <= last; at += step) if (values[at]! < v) v = values[at]!;
  }
  return v;
}

function maxFilter(values: Uint8Array, width: number, height: number, radius: number): Uint8Array {
  return extremeFilter(values, width, height, radius, true);
}

function minFilter(values: Uint8Array, width: number, height: number, radius: number): Uint8Array {
  return extremeFilter(values, width, height, radius, false);
}

interface Component {
  area: number;
  corners: [Point, Point, Point, Point];
}

/** Connected regions (4-neighbourhood) of pixels at or above the threshold, largest first. */
function brightComponents(grey: Grey, threshold: number, limit: number): Component[] {
  const { width, height, values } = grey;
  const label = new Int32Array(width * height).fill(-1);
  const queue = new Int32Array(width * height);
  const found: Component[] = [];
  let next = 0;
  for (let start = 0; start < values.length; start++) {
    if (label[start] !== -1 || values[start]! < threshold) continue;
    let head = 0;
    let tail = 0;
    queue[tail++] = start;
    label[start] = next;
    let area = 0;
    // The pixels farthest towards each corner: least x + y, most x - y, most x + y, most y - x.
    let [topLeft, topRight, bottomRight, bottomLeft] = [Infinity, -Infinity, -Infinity, -Infinity];
    let [tl, tr, br, bl] = [0, 0, 0, 0];
    while (head < tail) {
      const p = queue[head++]!;
      const x = p % width;
      const y = (p - x) / width;
      area++;
      if (x + y < topLeft) { topLeft = x + y; tl = p; }
      if (x - y > topRight) { topRight = x - y; tr = p; }
      if (x + y > bottomRight) { bottomRight = x + y; br = p; }
      if (y - x > bottomLeft) { bottomLeft = y - x; bl = p; }
      // The 4-neighbours at or above the threshold not labelled yet join the region.
      if (x > 0 && label[p - 1] === -1 && values[p - 1]! >= threshold) { label[p - 1] = next; queue[tail++] = p - 1; }
      if (x < width - 1 && label[p + 1] === -1 && values[p + 1]! >= threshold) { label[p + 1] = next; queue[tail++] = p + 1; }
      if (y > 0 && label[p - width] === -1 && values[p - width]! >= threshold) { label[p - width] = next; queue[tail++] = p - width; }
      if (y < height - 1 && label[p + width] === -1 && values[p + width]! >= threshold) { label[p + width] = next; queue[tail++] = p + width; }
    }
    next++;
    const at = (q: number): Point => [q % width, Math.floor(q / width)];
    found.push({ area, corners: [at(tl), at(tr), at(br), at(bl)] });
  }
  return found.sort((a, b) => b.area - a.area).slice(0, limit);
}

function quadArea(corners: Point[]): number {
  let sum = 0;
  for (let i = 0; i < corners.length; i++) {
    const [x1, y1] = corners[i]!;
    const [x2, y2] = corners[(i + 1) % corners.length]!;
    sum += x1 * y2 - x2 * y1;
  }
  return Math.abs(sum) / 2;
}

function insideQuad(corners: Point[], x: number, y: number): boolean {
  let sign = 0;
  for (let i = 0; i < 4; i++) {
    const [x1, y1] = corners[i]!;
    const [x2, y2] = corners[(i + 1) % 4]!;
    const cross = (x2 - x1) * (y - y1) - (y2 - y1) * (x - x1);
    if (cross !== 0) {
      if (sign !== 0 && Math.sign(cross) !== sign) return false;
      sign = Math.sign(cross);
    }
  }
  return true;
}

function side(a: Point, b: Point): number {
  return Math.hypot(a[0] - b[0], a[1] - b[1]);
}

/** The lengths of a quad's four sides, its corners in page order (top-left, top-right, bottom-right, bottom-left). */
function sideLengths(corners: Point[]): { top: number; bottom: number; left: number; right: number } {
  const [tl, tr, br, bl] = corners as [Point, Point, Point, Point];
  return { top: side(tl, tr), bottom: side(bl, br), left: side(tl, bl), right: side(tr, br) };
}

/** A convex quadrilateral with sides of page proportions and no side much shorter than its opposite. */
function pageShaped(corners: Point[]): boolean {
  const { top, bottom, left, right } = sideLengths(corners);
  if (Math.min(top, bottom, left, right) < 8) return false;
  if (Math.min(top, bottom) / Math.max(top, bottom) < 0.6 || Math.min(left, right) / Math.max(left, right) < 0.6) return false;
  const aspect = (top + bottom) / (left + right);
  return aspect > 0.45 && aspect < 2.6;
}

/** How much the foreshortening of two quads of one plane may differ (each pair of opposite sides' ratio). */
const FORESHORTENING_TOLERANCE = 0.12;

/**
 * Whether a quad lying inside a larger one (its centre inside it) is foreshortened otherwise than
 * it: two sheets in one photo lie in one plane and are foreshortened alike (a page in a window on a
 * screen capture too: both upright), so an inner quad narrowing where the outer does not is a patch
 * of the sheet's print, not a page. The largest quad always has none outside it.
 */
function foreshortenedApart(inner: Point[], outer: Point[]): boolean {
  const [cx, cy] = [inner.reduce((sum, [x]) => sum + x, 0) / 4, inner.reduce((sum, [, y]) => sum + y, 0) / 4];
  if (!insideQuad(outer, cx, cy)) return false;
  const ratios = (corners: Point[]) => {
    const { top, bottom, left, right } = sideLengths(corners);
    return [top / bottom, left / right];
  };
  const [innerRatios, outerRatios] = [ratios(inner), ratios(outer)];
  return innerRatios.some((ratio, index) => Math.abs(ratio - outerRatios[index]!) > FORESHORTENING_TOLERANCE);
}

/**
 * Finds the page in a picture, when the picture shows more than the page: the largest bright
 * region that fills its corner quadrilateral, covers a page-sized share of the picture and holds
 * most of its print. Two thresholds are tried: Otsu's (paper against a desk, a dark viewer
 * background) and just under the brightest paper level (white paper on a light grey mat); of the
 * pages both find, the smaller one (the page inside a window) wins, unless it is foreshortened
 * otherwise than a larger one around it (foreshortenedApart: a patch of a sheet seen straight on).
 * A sheet filling the picture is no page to cut out, but it is such a larger one: where it rejects
 * every candidate (the bright part of a sheet in uneven light), the picture is the page.
 * Null when the picture is the page.
 */
export function findPage(image: RasterImage): PageQuad | null {
  const { grey: reduced, neutral: reducedNeutral, scale } = reducedGrey(image, SEARCH_SIDE);
  const edges = edgeMask(reduced);
  // Print and the form's rules would cut the sheet into cells: a closing fills them with paper.
  const closed = (values: Uint8Array) => minFilter(maxFilter(values, reduced.width, reduced.height, CLOSING_RADIUS), reduced.width, reduced.height, CLOSING_RADIUS);
  const grey = { ...reduced, values: closed(reduced.values) };
  const neutral = { ...reduced, values: closed(reducedNeutral.values) };
  const edgePixels: number[] = [];
  for (let p = 0; p < edges.length; p++) if (edges[p]) edgePixels.push(p);
  const totalEdges = edgePixels.length;
  const total = grey.width * grey.height;
  const candidates: (Component & { rule: PageQuad['rule'] })[] = [];
  const sheetsFillingPicture: Point[][] = [];
  // White paper on a cloth or desk as bright as it but tinted warm: the neutral pixels alone.
  const rules: [PageQuad['rule'], Grey, number][] = [['otsu', grey, otsuThreshold(grey.values) + 1], ['paper-level', grey, paperLevel(grey.values) - 6], ['neutral-paper', neutral, otsuThreshold(neutral.values) + 1]];
  for (const [rule, values, threshold] of rules) {
    for (const component of brightComponents(values, threshold, 4)) {
      const share = component.area / total;
      if (share < MIN_PAGE_SHARE) break;
      const area = quadArea(component.corners);
      if (component.area / area < MIN_FILL || component.area / area > MAX_FILL || !pageShaped(component.corners)) continue;
      if (area / total > MAX_PAGE_SHARE) {
        sheetsFillingPicture.push(component.corners);
        continue;
      }
      let inside = 0;
      for (const p of edgePixels) if (insideQuad(component.corners, p % grey.width, Math.floor(p / grey.width))) inside++;
      if (totalEdges > 0 && inside / totalEdges < MIN_EDGE_SHARE) continue;
      candidates.push({ ...component, rule });
    }
  }
  candidates.sort((a, b) => quadArea(a.corners) - quadArea(b.corners));
  const chosen = candidates.find((inner, index) => ![...candidates.slice(index + 1).map((outer) => outer.corners), ...sheetsFillingPicture].some((outer) => foreshortenedApart(inner.corners, outer)));
  if (!chosen) return null;
  // Bright pixels end half a reduced pixel inside the sheet's edge.
  const corners = chosen.corners.map(([x, y]) => [(x + 0.5) / scale, (y + 0.5) / scale] as Point) as PageQuad['corners'];
  return { corners, rule: chosen.rule };
}

/** A picture and the page findPage found in it (null: the picture is the page). */
export interface PageSearch {
  image: RasterImage;
  page: PageQuad | null;
}

/**
 * The homography taking the unit square's corners (0,0), (1,0), (1,1), (0,1) to the quad's corners
 * (Heckbert's square-to-quad), as the 3×3 matrix in row order.
 */
export function squareToQuad(q: [Point, Point, Point, Point]): number[] {
  const [[x0, y0], [x1, y1], [x2, y2], [x3, y3]] = q;
  const sx = x0 - x1 + x2 - x3;
  const sy = y0 - y1 + y2 - y3;
  if (Math.abs(sx) < 1e-9 && Math.abs(sy) < 1e-9) return [x1 - x0, x2 - x1, x0, y1 - y0, y2 - y1, y0, 0, 0, 1];
  const dx1 = x1 - x2;
  const dx2 = x3 - x2;
  const dy1 = y1 - y2;
  const dy2 = y3 - y2;
  const det = dx1 * dy2 - dx2 * dy1;
  const g = (sx * dy2 - dx2 * sy) / det;
  const h = (dx1 * sy - sx * dy1) / det;
  return [x1 - x0 + g * x1, x3 - x0 + h * x3, x0, y1 - y0 + g * y1, y3 - y0 + h * y3, y0, g, h, 1];
}

/** The quad warped to a width×height rectangle (bilinear sampling; outside the picture is white). */
export function warpQuad(image: RasterImage, corners: [Point, Point, Point, Point], width: number, height: number): RasterImage {
  const m = squareToQuad(corners);
  const data = new Uint8ClampedArray(width * height * 4);
  const { width: sw, height: sh, data: src } = image;
  const [m0, m1, m2, m3, m4, m5, m6, m7, m8] = m as [number, number, number, number, number, number, number, number, number];
  for (let y = 0; y < height; y++) {
    const v = (y + 0.5) / height;
    // The terms of a row (the same products, taken once).
    const m1v = m1 * v;
    const m4v = m4 * v;
    const m7v = m7 * v;
    for (let x = 0, o = y * width * 4; x < width; x++, o += 4) {
      const u = (x + 0.5) / width;
      const w = m6 * u + m7v + m8;
      const fx = (m0 * u + m1v + m2) / w - 0.5;
      const fy = (m3 * u + m4v + m5) / w - 0.5;
      sampleBilinear(src, sw, sh, fx, fy, data, o);
    }
  }
  return { width, height, data };
}

/**
 * The bilinear sample of an RGBA picture (sw×sh) at (fx, fy), written at `out[o]`; white outside the
 * picture. Inside it, between four pixels, no clamp is needed: the same arithmetic without it.
 */
function sampleBilinear(src: Uint8ClampedArray, sw: number, sh: number, fx: number, fy: number, out: Uint8ClampedArray, o: number): void {
  if (fx >= 0 && fy >= 0 && fx < sw - 1 && fy < sh - 1) {
    const x0 = Math.floor(fx);
    const y0 = Math.floor(fy);
    const ax = fx - x0;
    const ay = fy - y0;
    const gx = 1 - ax;
    const gy = 1 - ay;
    const a = (y0 * sw + x0) * 4;
    const d = a + sw * 4;
    out[o] = (src[a]! * gx + src[a + 4]! * ax) * gy + (src[d]! * gx + src[d + 4]! * ax) * ay;
    out[o + 1] = (src[a + 1]! * gx + src[a + 5]! * ax) * gy + (src[d + 1]! * gx + src[d + 5]! * ax) * ay;
    out[o + 2] = (src[a + 2]! * gx + src[a + 6]! * ax) * gy + (src[d + 2]! * gx + src[d + 6]! * ax) * ay;
    out[o + 3] = (src[a + 3]! * gx + src[a + 7]! * ax) * gy + (src[d + 3]! * gx + src[d + 7]! * ax) * ay;
    return;
  }
  sampleBilinearAtEdge(src, sw, sh, fx, fy, out, o);
}

/** sampleBilinear outside the picture's inner pixels: clamped to its edge, white beyond half a pixel off it. */
function sampleBilinearAtEdge(src: Uint8ClampedArray, sw: number, sh: number, fx: number, fy: number, out: Uint8ClampedArray, o: number): void {
  if (fx < -0.5 || fy < -0.5 || fx > sw - 0.5 || fy > sh - 0.5) {
    out[o] = 255;
    out[o + 1] = 255;
    out[o + 2] = 255;
    out[o + 3] = 255;
    return;
  }
  const x0 = Math.max(0, Math.min(sw - 1, Math.floor(fx)));
  const y0 = Math.max(0, Math.min(sh - 1, Math.floor(fy)));
  const x1 = Math.min(sw - 1, x0 + 1);
  const y1 = Math.min(sh - 1, y0 + 1);
  const ax = Math.max(0, Math.min(1, fx - x0));
  const ay = Math.max(0, Math.min(1, fy - y0));
  const gx = 1 - ax;
  const gy = 1 - ay;
  // The four source pixels' offsets: upper left and right, lower left and right.
  const a = (y0 * sw + x0) * 4;
  const b = (y0 * sw + x1) * 4;
  const d = (y1 * sw + x0) * 4;
  const e = (y1 * sw + x1) * 4;
  out[o] = (src[a]! * gx + src[b]! * ax) * gy + (src[d]! * gx + src[e]! * ax) * ay;
  out[o + 1] = (src[a + 1]! * gx + src[b + 1]! * ax) * gy + (src[d + 1]! * gx + src[e + 1]! * ax) * ay;
  out[o + 2] = (src[a + 2]! * gx + src[b + 2]! * ax) * gy + (src[d + 2]! * gx + src[e + 2]! * ax) * ay;
  out[o + 3] = (src[a + 3]! * gx + src[b + 3]! * ax) * gy + (src[d + 3]! * gx + src[e + 3]! * ax) * ay;
}

/** The page cut out of the picture and warped flat, at the resolution its longer edges have in the picture. */
export function flattenPage(image: RasterImage, page: PageQuad): RasterImage {
  return flattenPageMapped(image, page).image;
}

/** Where a point of a prepared page lies in the picture it was prepared from. */
export type PictureMapping = (point: Point) => Point;

/** flattenPage, with the mapping of the flat page's points back into the picture. */
function flattenPageMapped(image: RasterImage, page: PageQuad): { image: RasterImage; toPicture: PictureMapping } {
  const [tl, tr, br, bl] = page.corners;
  const left = (tl[0] + bl[0]) / 2;
  const right = (tr[0] + br[0]) / 2;
  const top = (tl[1] + tr[1]) / 2;
  const bottom = (bl[1] + br[1]) / 2;
  const tolerance = Math.max(2, 0.006 * Math.max(image.width, image.height));
  const upright = page.corners.every(([x, y]) => Math.min(Math.abs(x - left), Math.abs(x - right)) <= tolerance && Math.min(Math.abs(y - top), Math.abs(y - bottom)) <= tolerance);
  // An upright page (a screen capture, a flat scan) is cut out pixel for pixel: resampling would blur it.
  if (upright) {
    const [x0, y0] = [Math.round(left), Math.round(top)];
    return { image: cropRaster(image, x0, y0, Math.round(right - left), Math.round(bottom - top)), toPicture: ([x, y]) => [x + x0, y + y0] };
  }
  const width = Math.max(1, Math.round(Math.max(side(tl, tr), side(bl, br))));
  const height = Math.max(1, Math.round(Math.max(side(tl, bl), side(tr, br))));
  const m = squareToQuad(page.corners);
  const toPicture: PictureMapping = ([x, y]) => {
    const u = x / width;
    const v = y / height;
    const w = m[6]! * u + m[7]! * v + m[8]!;
    return [(m[0]! * u + m[1]! * v + m[2]!) / w, (m[3]! * u + m[4]! * v + m[5]!) / w];
  };
  return { image: warpQuad(image, page.corners, width, height), toPicture };
}

/** Skew angles tried (degrees), both ways. */
const MAX_SKEW_DEGREES = 6;
const SKEW_STEP_DEGREES = 0.2;
/** Smaller skews are left to the engine (and to the shear of ocrToPage). */
const MIN_DESKEW_DEGREES = 1;

/**
 * The skew of a page's text lines in degrees (positive: lines fall to the right), by projection
 * profiles: the dark pixels of a reduced copy, projected along each candidate angle, pile into the
 * sharpest rows when the angle follows the lines. 0 when the page has too little print to tell.
 */
export function estimateSkewDegrees(image: RasterImage): number {
  const { grey } = reducedGrey(image, 800);
  const threshold = Math.min(160, otsuThreshold(grey.values));
  // The dark pixels' places, in reading order.
  const xs = new Int32Array(grey.values.length);
  const ys = new Int32Array(grey.values.length);
  let dark = 0;
  for (let y = 0, p = 0; y < grey.height; y++) {
    for (let x = 0; x < grey.width; x++, p++) {
      if (grey.values[p]! < threshold) {
        xs[dark] = x;
        ys[dark++] = y;
      }
    }
  }
  if (dark < 500) return 0;
  const stride = Math.max(1, Math.floor(dark / 30_000));
  const rows = grey.height + grey.width;
  const profile = new Float64Array(rows * 2);
  let best = 0;
  let bestScore = -1;
  let flatScore = 0;
  for (let angle = -MAX_SKEW_DEGREES; angle <= MAX_SKEW_DEGREES + 1e-9; angle += SKEW_STEP_DEGREES) {
    const t = Math.tan((angle * Math.PI) / 180);
    profile.fill(0);
    for (let i = 0; i < dark; i += stride) {
      const row = Math.round(ys[i]! - xs[i]! * t) + grey.width;
      profile[row]!++;
    }
    let score = 0;
    for (const count of profile) score += count * count;
    if (Math.abs(angle) < 1e-9) flatScore = score;
    if (score > bestScore) {
      bestScore = score;
      best = angle;
    }
  }
  // A skew is only worth turning the page for when it sharpens the rows clearly and is large enough
  // that the engine's own line finding suffers: resampling a page for a fraction of a degree blurs
  // its print more than the tilt hurts (a 0.4° receipt scan lost its amount).
  return bestScore > flatScore * 1.05 && Math.abs(best) >= MIN_DESKEW_DEGREES ? Math.round(best * 10) / 10 : 0;
}

/** The image turned by `degrees` about its centre (positive: counter-clockwise undoes a rightward fall), white corners. */
export function rotateByDegrees(image: RasterImage, degrees: number): RasterImage {
  if (degrees === 0) return image;
  const radians = (degrees * Math.PI) / 180;
  const cos = Math.cos(radians);
  const sin = Math.sin(radians);
  const { width, height } = image;
  const cx = width / 2;
  const cy = height / 2;
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const dx = x + 0.5 - cx;
      const dy = y + 0.5 - cy;
      const sx = cx + dx * cos - dy * sin - 0.5;
      const sy = cy + dx * sin + dy * cos - 0.5;
      sampleBilinear(image.data, width, height, sx, sy, data, (y * width + x) * 4);
    }
  }
  return { width, height, data };
}

/** Bands of the page's height whose skews are taken apart: its top, middle and bottom thirds. */
const CURL_BANDS = 3;

/**
 * The skew of a page's text lines band by band (CURL_BANDS of its height, estimateSkewDegrees, 0
 * where a band is level or tells nothing). A photographed sheet that curls tilts its lines more
 * towards one edge (G05 of the seventh set: its top third level, its bottom 4.8°).
 */
export function bandSkews(image: RasterImage): number[] {
  const band = Math.floor(image.height / CURL_BANDS);
  if (band < 32) return new Array<number>(CURL_BANDS).fill(0);
  return Array.from({ length: CURL_BANDS }, (_, index) => estimateSkewDegrees(cropRaster(image, 0, index * band, image.width, band)));
}

/**
 * Degrees at least between the skews of a page's first and last band for the sheet to be curled.
 * Bands nearer alike are left as they are: the engine copes with lines that tilt a degree or two,
 * and resampling dot-matrix print costs it more (D03 of the fourth set, 0° to 2.4°, lost two fields
 * levelled; F02 of the sixth, 2° to 0°, four).
 */
const CURL_DEGREES = 3;

/** Band skews (bandSkews) that tell a curled sheet: its first and last band CURL_DEGREES apart or more, the bands between them in between. */
export function tellsCurl(skews: readonly number[]): boolean {
  const [first, last] = [skews[0]!, skews[skews.length - 1]!];
  const [low, high] = [Math.min(first, last), Math.max(first, last)];
  return high - low >= CURL_DEGREES && skews.every((skew) => skew >= low && skew <= high);
}

/**
 * A curled page levelled band by band: each row sheared by its own skew, a(y) taken between the
 * bands' middles (bandSkews; the first and last band's beyond them). A pixel (x, y) of the result is
 * the page's (x, y + (x − cx)·tan a(y)): a line that falls by a(y) runs level. `toPage` carries a
 * point of the result back to the page. Null where the skews do not tell a curl (tellsCurl).
 */
export function levelCurledBands(image: RasterImage, skews: readonly number[] = bandSkews(image)): { image: RasterImage; toPage: PictureMapping } | null {
  if (!tellsCurl(skews)) return null;
  const { width, height } = image;
  const band = height / skews.length;
  const slopes = skews.map((skew) => Math.tan((skew * Math.PI) / 180));
  const slopeAt = (y: number): number => {
    const at = (y - band / 2) / band;
    if (at <= 0) return slopes[0]!;
    if (at >= slopes.length - 1) return slopes[slopes.length - 1]!;
    const below = Math.floor(at);
    return slopes[below]! + (slopes[below + 1]! - slopes[below]!) * (at - below);
  };
  const cx = width / 2;
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    const slope = slopeAt(y + 0.5);
    for (let x = 0; x < width; x++) sampleBilinear(image.data, width, height, x, y + (x + 0.5 - cx) * slope, data, (y * width + x) * 4);
  }
  return { image: { width, height, data }, toPage: ([x, y]) => [x, y + (x - cx) * slopeAt(y)] };
}

export interface PreparedGeometry {
  image: RasterImage;
  /** The page found in the picture, when the picture showed more than the page. */
  page: PageQuad | null;
  /** Skew turned out, in degrees. */
  skewDegrees: number;
  /** Where a point of the prepared image lies in the picture (for field boxes shown over the picture). */
  toPicture: PictureMapping;
}

/**
 * The page of a picture, flat and level: found and warped when it lies in a larger scene, then
 * deskewed; with `wholePicture`, the picture is taken for the page (deskewed only). `found` is what
 * findPage gave for this very picture when it was asked already (orientation.ts probeLines): the
 * page is not searched for again. With `levelCurl` (a camera's photo of a sheet), a page whose
 * lines tilt otherwise in one band than in another is levelled band by band (levelCurledBands).
 */
export function straightenPage(image: RasterImage, options: { wholePicture?: boolean; found?: PageSearch; levelCurl?: boolean } = {}): PreparedGeometry {
  const page = options.wholePicture ? null : options.found?.image === image ? options.found.page : findPage(image);
  const flat = page ? flattenPageMapped(image, page) : { image, toPicture: (point: Point) => point };
  let working = flat.image;
  let enlarged = 1;
  if (page && Math.max(working.width, working.height) < 400) {
    working = resizeRaster(working, working.width * 2, working.height * 2);
    enlarged = 2;
  }
  const skewDegrees = estimateSkewDegrees(working);
  const radians = (skewDegrees * Math.PI) / 180;
  const [cos, sin] = [Math.cos(radians), Math.sin(radians)];
  const [cx, cy] = [working.width / 2, working.height / 2];
  // The inverse of each step: the turn (rotateByDegrees samples the unturned page at this point), the enlargement, the flattening.
  const toPicture: PictureMapping = ([x, y]) => {
    const [dx, dy] = [x - cx, y - cy];
    return flat.toPicture([(cx + dx * cos - dy * sin) / enlarged, (cy + dx * sin + dy * cos) / enlarged]);
  };
  const level = rotateByDegrees(working, skewDegrees);
  // The bands' skews taken on the page as OCR will see it (a photo's pale coloured print cut as ink, its light flattened).
  const curl = options.levelCurl ? levelCurledBands(level, bandSkews(prepareForOcr(level, { targetWidth: 0, maxPixels: Number.MAX_SAFE_INTEGER, binarize: true, inkGrey: true }))) : null;
  if (!curl) return { image: level, page, skewDegrees, toPicture };
  return { image: curl.image, page, skewDegrees, toPicture: (point) => toPicture(curl.toPage(point)) };
}

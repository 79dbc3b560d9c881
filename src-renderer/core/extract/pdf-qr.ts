// The invoice QR code of a text-layer PDF page, read from what the page draws instead of from a
// rendering of the whole page. E-invoice PDFs put the code in the top part of the page either as an
// image (a 1-bit or RGB picture of the code: decoded as it is, with a white quiet zone added) or as
// filled rectangles, one per run of dark modules (redrawn here on a small bitmap, one pixel to a
// module, and two where one does not decode). Only the operator list is walked: no fonts, no text, no page-sized canvas. Where neither
// gives a code, the caller falls back to rendering the page, unless the page draws nothing a code
// could be made of (no image of any kind, no shading, no filled shape: lines and text only, as a
// generated list or receipt page), where a rendering cannot show one either.
//
// As with pdf-text.ts, only the shapes of pdf.js objects are named here (core imports no pdf.js);
// each host passes its pdf.js build's OPS table.
import type { QrDecoder, RasterImage } from '../ports';
import type { PdfjsViewport } from './pdf-text';

/** The pdf.js operator codes this reader follows (pdf.js `OPS`). */
export interface PdfjsOpCodes {
  save: number;
  restore: number;
  transform: number;
  constructPath: number;
  fill: number;
  eoFill: number;
  fillStroke: number;
  eoFillStroke: number;
  closeFillStroke: number;
  closeEOFillStroke: number;
  setFillRGBColor: number;
  paintFormXObjectBegin: number;
  paintFormXObjectEnd: number;
  paintImageXObject: number;
  paintInlineImageXObject: number;
  paintInlineImageXObjectGroup: number;
  paintImageXObjectRepeat: number;
  paintImageMaskXObject: number;
  paintImageMaskXObjectGroup: number;
  paintImageMaskXObjectRepeat: number;
  paintSolidColorImageMask: number;
  shadingFill: number;
}

/**
 * What the page's drawing gave: the invoice QR payload, or none; `drawsNoCode` when the page
 * draws no image, shading or filled shape anywhere, so that no rendering of it can hold a code.
 */
export interface DrawnQr {
  payload: string | null;
  drawsNoCode: boolean;
}

/** A decoded pdf.js image object: kind 1 = 1 bit a pixel (0 black), 2 = RGB, 3 = RGBA. */
export interface PdfjsImageObject {
  width: number;
  height: number;
  kind?: number;
  data?: Uint8Array | Uint8ClampedArray;
}

export interface PdfjsObjectStore {
  /** With a callback: called with the object once pdf.js has it (images arrive after the operator list). */
  get(id: string, callback: (object: unknown) => void): unknown;
}

export interface PdfjsGraphicsPage {
  getViewport(parameters: { scale: number }): PdfjsViewport;
  getOperatorList(): Promise<{ fnArray: number[]; argsArray: unknown[] }>;
  objs: PdfjsObjectStore;
  commonObjs: PdfjsObjectStore;
}

type Matrix = [number, number, number, number, number, number];

/** A box in viewport points, origin top-left: [x, y, width, height]. */
type Box = [number, number, number, number];

/** The code sits in the top part of the page. */
const TOP_SHARE = 0.45;
/** Side of a printed invoice QR code as a share of the page width (about 2 cm on an A5-landscape or A4 page). */
const MIN_CODE_SHARE = 0.04;
const MAX_CODE_SHARE = 0.25;
/**
 * Pixels a module of a code drawn as rectangles is redrawn at, tried in turn: one reads nearly every
 * code at a quarter of the pixels of two (jsQR's cost grows with them); two where one does not.
 */
export const MODULE_PIXELS: readonly number[] = [1, 2];
const QUIET_MODULES = 4;
/** DrawOPS of pdf.js path data. */
const MOVE_TO = 0;
const LINE_TO = 1;
const CURVE_TO = 2;
const QUADRATIC_CURVE_TO = 3;
const CLOSE_PATH = 4;

function multiply(m: Matrix, n: Matrix): Matrix {
  return [
    m[0] * n[0] + m[2] * n[1], m[1] * n[0] + m[3] * n[1],
    m[0] * n[2] + m[2] * n[3], m[1] * n[2] + m[3] * n[3],
    m[0] * n[4] + m[2] * n[5] + m[4], m[1] * n[4] + m[3] * n[5] + m[5],
  ];
}

function apply(m: Matrix, x: number, y: number): [number, number] {
  return [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
}

function boxOf(points: [number, number][], viewport: PdfjsViewport): Box {
  const shown = points.map(([x, y]) => viewport.convertToViewportPoint(x, y));
  const xs = shown.map((point) => point[0] ?? 0);
  const ys = shown.map((point) => point[1] ?? 0);
  const left = Math.min(...xs);
  const top = Math.min(...ys);
  return [left, top, Math.max(...xs) - left, Math.max(...ys) - top];
}

function isDark(hex: unknown): boolean {
  if (typeof hex !== 'string' || !/^#[0-9a-f]{6}$/i.test(hex)) return false;
  const value = Number.parseInt(hex.slice(1), 16);
  const luminance = 0.299 * (value >> 16) + 0.587 * ((value >> 8) & 0xff) + 0.114 * (value & 0xff);
  return luminance < 96;
}

/** The axis-aligned rectangles among a path's subpaths (moveTo, three lineTo, closePath or a fourth lineTo back). */
function rectanglesOf(data: ArrayLike<number>, matrix: Matrix, viewport: PdfjsViewport): Box[] {
  const boxes: Box[] = [];
  let points: [number, number][] = [];
  let plain = true;
  const flush = () => {
    if (plain && points.length >= 4 && points.length <= 5) {
      const corners = points.slice(0, 4);
      const box = boxOf(corners.map(([x, y]) => apply(matrix, x, y)), viewport);
      const shown = corners.map(([x, y]) => viewport.convertToViewportPoint(...apply(matrix, x, y)));
      const axisAligned = shown.every((point) => {
        const x = point[0] ?? 0;
        const y = point[1] ?? 0;
        return (Math.abs(x - box[0]) < 0.01 || Math.abs(x - box[0] - box[2]) < 0.01) && (Math.abs(y - box[1]) < 0.01 || Math.abs(y - box[1] - box[3]) < 0.01);
      });
      if (axisAligned && box[2] > 0 && box[3] > 0) boxes.push(box);
    }
    points = [];
    plain = true;
  };
  for (let i = 0; i < data.length;) {
    const op = data[i]!;
    if (op === MOVE_TO) {
      flush();
      points.push([data[i + 1]!, data[i + 2]!]);
      i += 3;
    } else if (op === LINE_TO) {
      points.push([data[i + 1]!, data[i + 2]!]);
      i += 3;
    } else if (op === CURVE_TO) {
      plain = false;
      i += 7;
    } else if (op === QUADRATIC_CURVE_TO) {
      plain = false;
      i += 5;
    } else if (op === CLOSE_PATH) {
      flush();
      i += 1;
    } else {
      break;
    }
  }
  flush();
  return boxes;
}

interface PageDrawing {
  images: { id: string; box: Box }[];
  darkRectangles: Box[];
  /** Images (of any kind), shadings and filled paths anywhere on the page, in any colour. */
  codeMaterial: number;
  pageWidth: number;
  pageHeight: number;
}

/** The images and dark filled rectangles drawn in the top part of the page, in viewport points. */
async function topDrawing(page: PdfjsGraphicsPage, ops: PdfjsOpCodes): Promise<PageDrawing> {
  const viewport = page.getViewport({ scale: 1 });
  const limit = viewport.height * TOP_SHARE;
  const list = await page.getOperatorList();
  const fills = new Set([ops.fill, ops.eoFill, ops.fillStroke, ops.eoFillStroke, ops.closeFillStroke, ops.closeEOFillStroke]);
  const pictures = new Set([
    ops.paintImageXObject, ops.paintInlineImageXObject, ops.paintInlineImageXObjectGroup, ops.paintImageXObjectRepeat, ops.paintImageMaskXObject,
    ops.paintImageMaskXObjectGroup, ops.paintImageMaskXObjectRepeat, ops.paintSolidColorImageMask, ops.shadingFill,
  ]);
  let codeMaterial = 0;
  const stack: { matrix: Matrix; dark: boolean }[] = [];
  let matrix: Matrix = [1, 0, 0, 1, 0, 0];
  let dark = true;
  const images: PageDrawing['images'] = [];
  const darkRectangles: Box[] = [];
  list.fnArray.forEach((fn, index) => {
    const args = list.argsArray[index] as unknown[] | null;
    if (pictures.has(fn) || (fn === ops.constructPath && args && fills.has(args[0] as number))) codeMaterial++;
    if (fn === ops.save) stack.push({ matrix, dark });
    else if (fn === ops.restore) ({ matrix, dark } = stack.pop() ?? { matrix, dark });
    else if (fn === ops.transform && args) matrix = multiply(matrix, args as Matrix);
    else if (fn === ops.paintFormXObjectBegin && args) {
      stack.push({ matrix, dark });
      if (Array.isArray(args[0]) && args[0].length === 6) matrix = multiply(matrix, args[0] as Matrix);
    } else if (fn === ops.paintFormXObjectEnd) ({ matrix, dark } = stack.pop() ?? { matrix, dark });
    else if (fn === ops.setFillRGBColor && args) dark = isDark(args[0]);
    else if (fn === ops.paintImageXObject && args && typeof args[0] === 'string') {
      const box = boxOf([apply(matrix, 0, 0), apply(matrix, 1, 0), apply(matrix, 0, 1), apply(matrix, 1, 1)], viewport);
      if (box[1] + box[3] <= limit) images.push({ id: args[0], box });
    } else if (fn === ops.constructPath && args && dark && fills.has(args[0] as number)) {
      const paths = args[1] as ArrayLike<number>[] | null;
      for (const data of paths ?? []) {
        for (const box of rectanglesOf(data, matrix, viewport)) if (box[1] + box[3] <= limit && Math.max(box[2], box[3]) <= viewport.width * MAX_CODE_SHARE) darkRectangles.push(box);
      }
    }
  });
  return { images, darkRectangles, codeMaterial, pageWidth: viewport.width, pageHeight: viewport.height };
}

function squareEnough(box: Box, pageWidth: number): boolean {
  const [, , width, height] = box;
  const min = pageWidth * MIN_CODE_SHARE;
  const max = pageWidth * MAX_CODE_SHARE;
  return width >= min && width <= max && height >= min && height <= max && width / height > 0.8 && width / height < 1.25;
}

/** A pdf.js image object as RGBA on a white quiet zone a tenth of its side wide, enlarged when small. */
function imageRaster(image: PdfjsImageObject): RasterImage | null {
  const { width, height, kind, data } = image;
  if (!data || width <= 0 || height <= 0) return null;
  const scale = Math.max(1, Math.ceil(160 / Math.min(width, height)));
  const margin = Math.ceil(Math.max(width, height) * 0.1) * scale;
  const outWidth = width * scale + margin * 2;
  const outHeight = height * scale + margin * 2;
  const out = new Uint8ClampedArray(outWidth * outHeight * 4).fill(255);
  const rowBytes = Math.ceil(width / 8);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let gray: number;
      if (kind === 1) gray = (data[y * rowBytes + (x >> 3)]! >> (7 - (x & 7))) & 1 ? 255 : 0;
      else if (kind === 2) gray = (data[(y * width + x) * 3]! + data[(y * width + x) * 3 + 1]! + data[(y * width + x) * 3 + 2]!) / 3;
      else if (kind === 3) {
        const at = (y * width + x) * 4;
        const alpha = data[at + 3]! / 255;
        gray = 255 - alpha * (255 - (data[at]! + data[at + 1]! + data[at + 2]!) / 3);
      } else return null;
      for (let dy = 0; dy < scale; dy++) {
        for (let dx = 0; dx < scale; dx++) {
          const at = ((margin + y * scale + dy) * outWidth + margin + x * scale + dx) * 4;
          out[at] = out[at + 1] = out[at + 2] = gray;
        }
      }
    }
  }
  return { width: outWidth, height: outHeight, data: out };
}

/** The dark rectangles of one code redrawn on a bitmap, `pixelsPerModule` a module: a module is the shortest rectangle side. */
function rectanglesRaster(rectangles: Box[], pageWidth: number, pixelsPerModule: number): RasterImage | null {
  if (rectangles.length < 20) return null;
  const sides = rectangles.map((box) => Math.min(box[2], box[3])).sort((a, b) => a - b);
  const module = sides[Math.floor(sides.length / 4)]!;
  if (module <= 0) return null;
  const left = Math.min(...rectangles.map((box) => box[0]));
  const top = Math.min(...rectangles.map((box) => box[1]));
  const right = Math.max(...rectangles.map((box) => box[0] + box[2]));
  const bottom = Math.max(...rectangles.map((box) => box[1] + box[3]));
  if (!squareEnough([left, top, right - left, bottom - top], pageWidth)) return null;
  const scale = pixelsPerModule / module;
  const margin = QUIET_MODULES * pixelsPerModule;
  const width = Math.ceil((right - left) * scale) + margin * 2;
  const height = Math.ceil((bottom - top) * scale) + margin * 2;
  const data = new Uint8ClampedArray(width * height * 4).fill(255);
  for (const [x, y, w, h] of rectangles) {
    const x0 = margin + Math.round((x - left) * scale);
    const y0 = margin + Math.round((y - top) * scale);
    const x1 = margin + Math.round((x + w - left) * scale);
    const y1 = margin + Math.round((y + h - top) * scale);
    for (let row = y0; row < y1; row++) {
      for (let column = x0; column < x1; column++) {
        const at = (row * width + column) * 4;
        data[at] = data[at + 1] = data[at + 2] = 0;
      }
    }
  }
  return { width, height, data };
}

function near(a: Box, b: Box, gap: number): boolean {
  return a[0] <= b[0] + b[2] + gap && a[0] + a[2] + gap >= b[0] && a[1] <= b[1] + b[3] + gap && a[1] + a[3] + gap >= b[1];
}

function union(a: Box, b: Box): Box {
  const left = Math.min(a[0], b[0]);
  const top = Math.min(a[1], b[1]);
  return [left, top, Math.max(a[0] + a[2], b[0] + b[2]) - left, Math.max(a[1] + a[3], b[1] + b[3]) - top];
}

/**
 * Groups rectangles lying within three module sides of each other (a code's quiet zone is four),
 * largest group first.
 */
function clusters(rectangles: Box[]): Box[][] {
  if (rectangles.length === 0) return [];
  const sides = rectangles.map((box) => Math.min(box[2], box[3])).sort((a, b) => a - b);
  const gap = sides[Math.floor(sides.length / 4)]! * 3;
  let groups = rectangles.map((box) => ({ box, members: [box] }));
  for (let merged = true; merged;) {
    merged = false;
    const next: typeof groups = [];
    for (const group of groups) {
      const into = next.find((candidate) => near(candidate.box, group.box, gap));
      if (into) {
        into.box = union(into.box, group.box);
        into.members.push(...group.members);
        merged = true;
      } else {
        next.push(group);
      }
    }
    groups = next;
  }
  return groups.map((group) => group.members).sort((a, b) => b.length - a.length);
}

const INVOICE_QR = /^\d{2},\d{2},/;

function imageObject(page: PdfjsGraphicsPage, id: string): Promise<PdfjsImageObject | null> {
  return new Promise((resolve) => {
    try {
      (id.startsWith('g_') ? page.commonObjs : page.objs).get(id, (object) => {
        resolve(typeof object === 'object' && object !== null && 'width' in object ? object as PdfjsImageObject : null);
      });
    } catch {
      resolve(null);
    }
  });
}

/**
 * The invoice QR payload read from the images and rectangles the page draws in its top part; null
 * when none of them is a readable invoice code (the caller then renders the page, unless
 * `drawsNoCode`). `modulePixels`: the sizes a code drawn as rectangles is redrawn at, in turn.
 */
export async function readPdfjsPageQr(page: PdfjsGraphicsPage, ops: PdfjsOpCodes, qr: QrDecoder, modulePixels: readonly number[] = MODULE_PIXELS): Promise<DrawnQr> {
  const drawing = await topDrawing(page, ops);
  const found = (payload: string | null): DrawnQr => ({ payload, drawsNoCode: payload === null && drawing.codeMaterial === 0 });
  const decode = (raster: RasterImage | null): string | null => {
    if (!raster) return null;
    const payload = qr.decode(raster)?.trim();
    return payload && INVOICE_QR.test(payload) ? payload : null;
  };
  for (const { id, box } of drawing.images) {
    if (!squareEnough(box, drawing.pageWidth)) continue;
    const object = await imageObject(page, id);
    const payload = object && decode(imageRaster(object));
    if (payload) return found(payload);
  }
  for (const group of clusters(drawing.darkRectangles)) {
    if (group.length < 20) break;
    for (const pixels of modulePixels) {
      const payload = decode(rectanglesRaster(group, drawing.pageWidth, pixels));
      if (payload) return found(payload);
    }
  }
  return found(null);
}

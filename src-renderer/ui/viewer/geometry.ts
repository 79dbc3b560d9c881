// Page geometry shared by the viewers: scale for a zoom mode, page boxes to screen rectangles under
// rotation, and the virtualisation window over a column of pages.
import type { ZoomMode } from '../../state/ui';

export interface PageSize {
  width: number;
  height: number;
}

export const PAGE_GAP = 12;
export const VIEW_PADDING = 16;

export function rotatedSize(size: PageSize, rotation: number): PageSize {
  return rotation % 180 === 0 ? size : { width: size.height, height: size.width };
}

/** The scale that shows a page of `size` in a container of `container` for the zoom mode. */
export function scaleFor(mode: ZoomMode, zoom: number, size: PageSize, container: PageSize): number {
  if (mode === 'custom') return zoom;
  const usableWidth = Math.max(100, container.width - VIEW_PADDING * 2);
  const usableHeight = Math.max(100, container.height - VIEW_PADDING * 2);
  const widthScale = usableWidth / size.width;
  if (mode === 'fit-width') return widthScale;
  return Math.min(widthScale, usableHeight / size.height);
}

/** Top offsets of each page in a column of pages with gaps, and the column's total height. */
export function columnLayout(sizes: PageSize[], scale: number): { tops: number[]; total: number } {
  const tops: number[] = [];
  let y = VIEW_PADDING;
  for (const size of sizes) {
    tops.push(y);
    y += Math.round(size.height * scale) + PAGE_GAP;
  }
  return { tops, total: y + VIEW_PADDING - PAGE_GAP };
}

/** Index of the last page whose top is at or above `y` (binary search over sorted tops). */
export function pageIndexAt(tops: number[], y: number): number {
  let low = 0;
  let high = tops.length - 1;
  let found = 0;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (tops[middle]! <= y) {
      found = middle;
      low = middle + 1;
    } else high = middle - 1;
  }
  return found;
}

/** The pages (1-based, inclusive) to keep rendered for a viewport, with `overscan` pages either side. */
export function visibleRange(tops: number[], scrollTop: number, viewportHeight: number, overscan = 1): { first: number; last: number } {
  if (tops.length === 0) return { first: 1, last: 0 };
  const first = Math.max(0, pageIndexAt(tops, scrollTop) - overscan);
  const last = Math.min(tops.length - 1, pageIndexAt(tops, scrollTop + viewportHeight) + overscan);
  return { first: first + 1, last: last + 1 };
}

/**
 * A box in page coordinates (points, origin top-left, unrotated) to a rectangle in the rotated,
 * scaled page on screen (rotation clockwise, as pdf.js applies it).
 */
export function boxToScreen(box: [number, number, number, number], page: PageSize, scale: number, rotation: number): { left: number; top: number; width: number; height: number } {
  const [x, y, w, h] = box;
  const normalized = ((rotation % 360) + 360) % 360;
  let left: number;
  let top: number;
  let width = w;
  let height = h;
  switch (normalized) {
    case 90:
      left = page.height - (y + h);
      top = x;
      width = h;
      height = w;
      break;
    case 180:
      left = page.width - (x + w);
      top = page.height - (y + h);
      break;
    case 270:
      left = y;
      top = page.width - (x + w);
      width = h;
      height = w;
      break;
    default:
      left = x;
      top = y;
  }
  return { left: left * scale, top: top * scale, width: width * scale, height: height * scale };
}

/**
 * Sizes a canvas for content of contentWidth x contentHeight drawn at scale and turned by rotation
 * (a multiple of 90), in device pixels; returns the CSS-pixel size and the device pixel ratio.
 */
export function sizeRotatedCanvas(canvas: HTMLCanvasElement, contentWidth: number, contentHeight: number, scale: number, rotation: number) {
  const ratio = window.devicePixelRatio || 1;
  const turned = rotation % 180 !== 0;
  const width = (turned ? contentHeight : contentWidth) * scale;
  const height = (turned ? contentWidth : contentHeight) * scale;
  canvas.width = Math.floor(width * ratio);
  canvas.height = Math.floor(height * ratio);
  return { width, height, ratio };
}

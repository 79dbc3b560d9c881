// OFD documents as the engine's OFD reader (core/extract readOfd) sees them: on pages of the
// document's size, the path objects (grid, borders), the images (a scan, seals, logos) and the text
// objects at their positions. Signatures' seal appearances and text colours are not drawn; the note
// above the page says so.
import { sizeRotatedCanvas } from './geometry';
import { useEffect, useMemo, useState } from 'react';
import { readOfd, readOfdPart, type OfdContent } from '../../core/extract/ofd';
import { drawOfdGraphic } from '../../core/extract/ofd-graphics';
import type { PdfPageText } from '../../core/ports';
import { PagedViewer, type PageOverlay } from './PagedViewer';
import type { PaintJob } from './render-queue';
import type { PageSize } from './geometry';

/** An OFD as the viewer shows it: the reader's content, and its images decoded once each. */
export interface ViewerOfd extends OfdContent {
  image(part: string): Promise<ImageBitmap | null>;
}

export function useOfd(bytes: Uint8Array | null): { ofd: ViewerOfd | null; error: string | null } {
  return useMemo(() => {
    if (!bytes) return { ofd: null, error: null };
    try {
      const ofd = readOfd(bytes);
      if (ofd.pages.length === 0) return { ofd: null, error: 'the OFD has no pages' };
      const decoded = new Map<string, Promise<ImageBitmap | null>>();
      const image = (part: string): Promise<ImageBitmap | null> => {
        let bitmap = decoded.get(part);
        if (!bitmap) {
          const data = readOfdPart(bytes, part);
          bitmap = data ? createImageBitmap(new Blob([data.slice()])).catch(() => null) : Promise.resolve(null);
          decoded.set(part, bitmap);
        }
        return bitmap;
      };
      return { ofd: { ...ofd, image }, error: null };
    } catch (error) {
      return { ofd: null, error: error instanceof Error ? error.message : String(error) };
    }
  }, [bytes]);
}

export function ofdTextSource(ofd: OfdContent) {
  return (pageNumber: number): Promise<PdfPageText> => {
    const page = ofd.pages.find((candidate) => candidate.page === pageNumber);
    if (!page) return Promise.resolve({ page: pageNumber, width: 0, height: 0, items: [] });
    return Promise.resolve({ page: pageNumber, width: page.width, height: page.height, items: page.items.map((item) => ({ str: item.text, box: item.box })) });
  };
}

/**
 * Sizes the canvas for a page at this scale and rotation, paints it white and leaves the context's
 * origin at the page's top-left corner, one unit a page point times `scale`.
 */
function pageContext(canvas: HTMLCanvasElement, page: { width: number; height: number }, scale: number, rotation: number): CanvasRenderingContext2D | null {
  const context = canvas.getContext('2d');
  if (!context) return null;
  const { width, height, ratio } = sizeRotatedCanvas(canvas, page.width, page.height, scale, rotation);
  context.setTransform(ratio, 0, 0, ratio, 0, 0);
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, width, height);
  context.translate(width / 2, height / 2);
  context.rotate((rotation * Math.PI) / 180);
  context.translate((-page.width * scale) / 2, (-page.height * scale) / 2);
  return context;
}

function drawText(context: CanvasRenderingContext2D, page: OfdContent['pages'][number], scale: number): void {
  context.fillStyle = '#1a1a1a';
  context.textBaseline = 'top';
  for (const item of page.items) {
    const [x, y, w, h] = item.box;
    context.font = `${Math.max(4, h * scale * 0.92)}px "Noto Sans CJK SC", "Noto Sans SC", sans-serif`;
    const measured = context.measureText(item.text).width;
    const target = w * scale;
    context.save();
    context.translate(x * scale, y * scale);
    if (measured > 0 && target > 0) context.scale(Math.min(3, Math.max(0.3, target / measured)), 1);
    context.fillText(item.text, 0, 0);
    context.restore();
  }
}

/** The thinnest line the viewer draws (canvas pixels): a hairline rule of the page stays visible. */
const VIEWER_MIN_LINE_WIDTH = 0.5;

/** Paints a page: its grid and other paths, its images (a scan, seals) once decoded, then its text. */
export function paintOfdPage(ofd: ViewerOfd) {
  return (pageNumber: number, canvas: HTMLCanvasElement, scale: number, rotation: number): PaintJob => {
    const page = ofd.pages.find((candidate) => candidate.page === pageNumber);
    if (!page) return { promise: Promise.reject(new Error(`OFD page ${pageNumber} cannot be drawn`)), cancel: () => undefined };
    const graphics = ofd.graphics[pageNumber - 1] ?? [];
    let cancelled = false;
    const paint = (images: Map<string, ImageBitmap | null>) => {
      if (cancelled) return;
      const context = pageContext(canvas, page, scale, rotation);
      if (!context) throw new Error(`OFD page ${pageNumber} cannot be drawn`);
      for (const graphic of graphics) drawOfdGraphic(context, graphic, scale, (part) => images.get(part), VIEWER_MIN_LINE_WIDTH);
      drawText(context, page, scale);
    };
    const parts = [...new Set(graphics.flatMap((graphic) => (graphic.kind === 'image' ? [graphic.part] : [])))];
    const promise = parts.length === 0
      ? Promise.resolve().then(() => paint(new Map()))
      : Promise.all(parts.map(async (part) => [part, await ofd.image(part)] as const)).then((entries) => paint(new Map(entries)));
    return { promise, cancel: () => { cancelled = true; } };
  };
}

export function OfdViewer({ ofd, overlays, label, onScaleChange, onPageRendered }: { ofd: ViewerOfd; overlays: PageOverlay[]; label: string; onScaleChange?: (scale: number) => void; onPageRendered?: (page: number) => void }) {
  const [sizes, setSizes] = useState<PageSize[]>([]);
  useEffect(() => setSizes(ofd.pages.map((page) => ({ width: page.width, height: page.height }))), [ofd]);
  const paint = useMemo(() => paintOfdPage(ofd), [ofd]);
  if (sizes.length === 0) return null;
  return <PagedViewer pageCount={ofd.pages.length} sizes={sizes} paint={paint} overlays={overlays} label={label} onScaleChange={onScaleChange} onPageRendered={onPageRendered} />;
}

// OFD documents: the page text objects read by the engine's OFD reader (core/extract readOfd), set
// at their positions on blank pages of the document's size; a scanned page (no text, one image over
// the page) shows its image. Seals, other images and vector graphics are not drawn; the note above
// the page says so.
import { sizeRotatedCanvas } from './geometry';
import { useEffect, useMemo, useState } from 'react';
import { readOfd, readOfdPart, type OfdContent } from '../../core/extract/ofd';
import type { PdfPageText } from '../../core/ports';
import { PagedViewer, type PageOverlay, type PaintJob } from './PagedViewer';
import type { PageSize } from './geometry';

/** An OFD as the viewer shows it: the reader's content, and the decoded image of each scanned page. */
export interface ViewerOfd extends OfdContent {
  pageImage(page: number): Promise<ImageBitmap | null>;
}

export function useOfd(bytes: Uint8Array | null): { ofd: ViewerOfd | null; error: string | null } {
  return useMemo(() => {
    if (!bytes) return { ofd: null, error: null };
    try {
      const ofd = readOfd(bytes);
      if (ofd.pages.length === 0) return { ofd: null, error: 'the OFD has no pages' };
      const decoded = new Map<number, Promise<ImageBitmap | null>>();
      const pageImage = (page: number): Promise<ImageBitmap | null> => {
        const scan = ofd.pageImages.find((entry) => entry.page === page);
        if (!scan) return Promise.resolve(null);
        let image = decoded.get(page);
        if (!image) {
          const data = readOfdPart(bytes, scan.part);
          image = data ? createImageBitmap(new Blob([data.slice()])).catch(() => null) : Promise.resolve(null);
          decoded.set(page, image);
        }
        return image;
      };
      return { ofd: { ...ofd, pageImage }, error: null };
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

export function paintOfdPage(ofd: ViewerOfd) {
  return (pageNumber: number, canvas: HTMLCanvasElement, scale: number, rotation: number): PaintJob => {
    const page = ofd.pages.find((candidate) => candidate.page === pageNumber);
    if (page && ofd.pageImages.some((entry) => entry.page === pageNumber)) return paintScannedPage(ofd, page, canvas, scale, rotation);
    const context = page ? pageContext(canvas, page, scale, rotation) : null;
    if (!page || !context) return { promise: Promise.reject(new Error(`OFD page ${pageNumber} cannot be drawn`)), cancel: () => undefined };
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
    return { promise: Promise.resolve(), cancel: () => undefined };
  };
}

function paintScannedPage(ofd: ViewerOfd, page: OfdContent['pages'][number], canvas: HTMLCanvasElement, scale: number, rotation: number): PaintJob {
  let cancelled = false;
  const promise = ofd.pageImage(page.page).then((image) => {
    if (cancelled) return;
    const context = image ? pageContext(canvas, page, scale, rotation) : null;
    if (!image || !context) throw new Error(`the scan of OFD page ${page.page} cannot be decoded`);
    context.drawImage(image, 0, 0, page.width * scale, page.height * scale);
  });
  return { promise, cancel: () => { cancelled = true; } };
}

export function OfdViewer({ ofd, overlays, label, onScaleChange, onPageRendered }: { ofd: ViewerOfd; overlays: PageOverlay[]; label: string; onScaleChange?: (scale: number) => void; onPageRendered?: (page: number) => void }) {
  const [sizes, setSizes] = useState<PageSize[]>([]);
  useEffect(() => setSizes(ofd.pages.map((page) => ({ width: page.width, height: page.height }))), [ofd]);
  const paint = useMemo(() => paintOfdPage(ofd), [ofd]);
  if (sizes.length === 0) return null;
  return <PagedViewer pageCount={ofd.pages.length} sizes={sizes} paint={paint} overlays={overlays} label={label} onScaleChange={onScaleChange} onPageRendered={onPageRendered} />;
}

// PDF documents through pdf.js: open once, size the column from page 1, paint pages on demand.
// pdf.js itself is loaded when the first PDF is opened (platform/pdfjs-loader.ts), not with the app.
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { PDFDocumentProxy } from 'pdfjs-dist';
import { readPdfjsPageText } from '../../core/extract/pdf-text';
import { loadPdfjs } from '../../platform/pdfjs-loader';
import type { PdfPageText } from '../../core/ports';
import { PagedViewer, type PageOverlay } from './PagedViewer';
import type { PaintJob } from './render-queue';
import type { PageSize } from './geometry';

export interface LoadedPdf {
  doc: PDFDocumentProxy;
  pageCount: number;
  firstPage: PageSize;
}

/** Opens a PDF and releases it when the bytes change or the component goes. */
export function usePdf(bytes: Uint8Array | null): { pdf: LoadedPdf | null; error: string | null } {
  const [pdf, setPdf] = useState<LoadedPdf | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!bytes) return;
    let live = true;
    let release: (() => Promise<void>) | null = null;
    setPdf(null);
    setError(null);
    loadPdfjs()
      .then((pdfjs) => pdfjs.openInViewer(bytes))
      .then(async ({ doc, destroy }) => {
        release = destroy;
        const first = await doc.getPage(1);
        const viewport = first.getViewport({ scale: 1 });
        if (live) setPdf({ doc, pageCount: doc.numPages, firstPage: { width: viewport.width, height: viewport.height } });
        else await destroy();
      })
      .catch((reason: unknown) => {
        if (live) setError(reason instanceof Error ? reason.message : String(reason));
      });
    return () => {
      live = false;
      void release?.();
    };
  }, [bytes]);
  return { pdf, error };
}

export function pdfTextSource(doc: PDFDocumentProxy) {
  const cache = new Map<number, Promise<PdfPageText>>();
  return (page: number) => {
    let text = cache.get(page);
    if (!text) {
      text = readPdfjsPageText(doc, page);
      cache.set(page, text);
    }
    return text;
  };
}

function cancelledError(): Error {
  const error = new Error('cancelled');
  error.name = 'RenderingCancelledException';
  return error;
}

export function pdfPainter(doc: PDFDocumentProxy, onSize: (page: number, size: PageSize) => void) {
  return (pageNumber: number, canvas: HTMLCanvasElement, scale: number, rotation: number): PaintJob => {
    let cancelled = false;
    let task: { cancel(): void; promise: Promise<unknown> } | null = null;
    const promise = (async () => {
      const { ANNOTATIONS_SHOWN } = await loadPdfjs();
      const page = await doc.getPage(pageNumber);
      if (cancelled) throw cancelledError();
      const base = page.getViewport({ scale: 1 });
      onSize(pageNumber, { width: base.width, height: base.height });
      const viewport = page.getViewport({ scale, rotation: (page.rotate + rotation) % 360 });
      const ratio = window.devicePixelRatio || 1;
      canvas.width = Math.floor(viewport.width * ratio);
      canvas.height = Math.floor(viewport.height * ratio);
      // Every annotation's appearance is painted into the canvas, signature and form widgets
      // included, so that digital signatures and stamped fields are visible in this read-only view.
      task = page.render({ canvas, viewport, annotationMode: ANNOTATIONS_SHOWN, transform: ratio === 1 ? undefined : [ratio, 0, 0, ratio, 0, 0] });
      await task.promise;
    })();
    return {
      promise,
      cancel: () => {
        cancelled = true;
        task?.cancel();
      },
    };
  };
}

export interface PdfViewerProps {
  pdf: LoadedPdf;
  overlays: PageOverlay[];
  label: string;
  onScaleChange?: (scale: number) => void;
  onPageRendered?: (page: number) => void;
}

export function PdfViewer({ pdf, overlays, label, onScaleChange, onPageRendered }: PdfViewerProps) {
  const [sizes, setSizes] = useState<PageSize[]>(() => Array.from({ length: pdf.pageCount }, () => pdf.firstPage));
  useEffect(() => setSizes(Array.from({ length: pdf.pageCount }, () => pdf.firstPage)), [pdf]);
  const onSize = useCallback((page: number, size: PageSize) => {
    setSizes((current) => {
      const known = current[page - 1];
      if (known && Math.abs(known.width - size.width) < 0.5 && Math.abs(known.height - size.height) < 0.5) return current;
      const next = current.slice();
      next[page - 1] = size;
      return next;
    });
  }, []);
  const paint = useMemo(() => pdfPainter(pdf.doc, onSize), [pdf.doc, onSize]);
  return (
    <PagedViewer
      pageCount={pdf.pageCount}
      sizes={sizes}
      paint={paint}
      overlays={overlays}
      label={label}
      onScaleChange={onScaleChange}
      onPageRendered={onPageRendered}
    />
  );
}

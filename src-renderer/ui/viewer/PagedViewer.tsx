// A continuous, virtualised column of pages: only the pages near the viewport have a canvas; the
// others are empty slots of the right height. Knows nothing of PDF or images: it is given a page
// count, page sizes and a function that paints one page into a canvas.
import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useUi } from '../../state/ui';
import { useI18n } from '../../i18n';
import { boxToScreen, columnLayout, pageIndexAt, rotatedSize, scaleFor, visibleRange, type PageSize } from './geometry';
import { noteScroll, schedulePaint, type PaintJob } from './render-queue';

/** Paints page `pageNumber` into `canvas` at `scale` (CSS pixels per point) and `rotation`. */
export type PaintPage = (pageNumber: number, canvas: HTMLCanvasElement, scale: number, rotation: number) => PaintJob;

export interface PageOverlay {
  id: string;
  page: number;
  box: [number, number, number, number];
  tone: 'field' | 'focus' | 'low' | 'failed' | 'match' | 'search' | 'search-current';
  label: string;
  onActivate?: () => void;
}

export interface PagedViewerProps {
  pageCount: number;
  sizes: PageSize[];
  paint: PaintPage;
  overlays: PageOverlay[];
  onScaleChange?: (scale: number) => void;
  onPageRendered?: (pageNumber: number) => void;
  label: string;
}

interface PageSlotProps {
  pageNumber: number;
  size: PageSize;
  top: number;
  scale: number;
  rotation: number;
  paint: PaintPage;
  overlays: PageOverlay[];
  onRendered?: (pageNumber: number) => void;
}

const PageSlot = memo(function PageSlot({ pageNumber, size, top, scale, rotation, paint, overlays, onRendered }: PageSlotProps) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [state, setState] = useState<'loading' | 'done' | 'error'>('loading');
  const [error, setError] = useState('');
  const { t } = useI18n();
  const shown = rotatedSize(size, rotation);
  const width = Math.round(shown.width * scale);
  const height = Math.round(shown.height * scale);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    setState('loading');
    const job = schedulePaint('page', () => Math.abs(pageNumber - useUi.getState().currentPage), () => paint(pageNumber, canvas, scale, rotation));
    let live = true;
    job.promise.then(
      () => {
        if (!live) return;
        setState('done');
        onRendered?.(pageNumber);
      },
      (reason: unknown) => {
        if (!live || (reason instanceof Error && reason.name === 'RenderingCancelledException')) return;
        setState('error');
        setError(reason instanceof Error ? reason.message : String(reason));
      },
    );
    return () => {
      live = false;
      job.cancel();
    };
  }, [paint, pageNumber, scale, rotation, onRendered]);

  return (
    <div
      className="page-slot"
      data-testid={`pdf-page-${pageNumber}`}
      data-state={state}
      role="img"
      aria-label={t('viewer.page', { page: pageNumber })}
      style={{ top, width, height }}
    >
      <canvas ref={canvasRef} style={{ width, height }} />
      {overlays.map((overlay) => {
        const rect = boxToScreen(overlay.box, size, scale, rotation);
        const style = { left: rect.left - 2, top: rect.top - 2, width: rect.width + 4, height: rect.height + 4 };
        return overlay.onActivate ? (
          <button
            key={overlay.id}
            type="button"
            className={`page-box page-box-${overlay.tone}`}
            style={style}
            title={overlay.label}
            aria-label={overlay.label}
            onClick={overlay.onActivate}
          />
        ) : (
          <div key={overlay.id} className={`page-box page-box-${overlay.tone}`} style={style} title={overlay.label} aria-hidden="true" />
        );
      })}
      {state === 'error' && <p className="page-error" role="alert">{error}</p>}
      <span className="page-number" aria-hidden="true">{pageNumber}</span>
    </div>
  );
});

export function PagedViewer({ pageCount, sizes, paint, overlays, onScaleChange, onPageRendered, label }: PagedViewerProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const [container, setContainer] = useState<PageSize>({ width: 800, height: 600 });
  const [scrollTop, setScrollTop] = useState(0);
  const zoomMode = useUi((state) => state.zoomMode);
  const zoom = useUi((state) => state.zoom);
  const rotation = useUi((state) => state.rotation);
  const pageRequest = useUi((state) => state.pageRequest);
  const setCurrentPage = useUi((state) => state.setCurrentPage);

  useLayoutEffect(() => {
    const element = scrollRef.current;
    if (!element) return;
    const measure = () => setContainer({ width: element.clientWidth || 800, height: element.clientHeight || 600 });
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const reference = useMemo(() => sizes[0] ?? { width: 595, height: 842 }, [sizes]);
  const scale = useMemo(() => scaleFor(zoomMode, zoom, rotatedSize(reference, rotation), container), [zoomMode, zoom, reference, rotation, container]);
  useEffect(() => onScaleChange?.(scale), [scale, onScaleChange]);

  const shownSizes = useMemo(() => sizes.slice(0, pageCount).map((size) => rotatedSize(size, rotation)), [sizes, pageCount, rotation]);
  const { tops, total } = useMemo(() => columnLayout(shownSizes, scale), [shownSizes, scale]);
  const range = visibleRange(tops, scrollTop, container.height, 1);

  const frame = useRef(0);
  const onScroll = useCallback(() => {
    noteScroll();
    if (frame.current) return;
    frame.current = requestAnimationFrame(() => {
      frame.current = 0;
      const element = scrollRef.current;
      if (element) setScrollTop(element.scrollTop);
    });
  }, []);
  useEffect(() => () => cancelAnimationFrame(frame.current), []);

  useEffect(() => {
    if (tops.length === 0) return;
    setCurrentPage(pageIndexAt(tops, scrollTop + container.height / 3) + 1);
  }, [tops, scrollTop, container.height, setCurrentPage]);

  useEffect(() => {
    const element = scrollRef.current;
    if (!pageRequest || !element) return;
    const index = Math.min(Math.max(pageRequest.page, 1), tops.length) - 1;
    if (index < 0) return;
    let target = tops[index]!;
    const size = sizes[index];
    if (pageRequest.box && size) {
      const rect = boxToScreen(pageRequest.box, size, scale, rotation);
      target += Math.max(0, rect.top - container.height / 3);
    }
    element.scrollTop = target - 8;
    setScrollTop(element.scrollTop);
    // Only a new request (nonce) scrolls; layout changes alone must not move the reader.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [pageRequest?.nonce]);

  const slots = [];
  for (let pageNumber = range.first; pageNumber <= range.last; pageNumber++) {
    const size = sizes[pageNumber - 1] ?? reference;
    const pageWidth = Math.round(rotatedSize(size, rotation).width * scale);
    const left = Math.max(16, (container.width - pageWidth) / 2);
    slots.push(
      <div key={pageNumber} className="page-column-slot" style={{ left }}>
        <PageSlot
          pageNumber={pageNumber}
          size={size}
          top={tops[pageNumber - 1] ?? 0}
          scale={scale}
          rotation={rotation}
          paint={paint}
          overlays={overlays.filter((overlay) => overlay.page === pageNumber)}
          onRendered={onPageRendered}
        />
      </div>,
    );
  }

  return (
    <div ref={scrollRef} className="page-scroller" onScroll={onScroll} role="document" aria-label={label} tabIndex={0}>
      <div className="page-column" style={{ height: total, width: Math.max(container.width, Math.round(rotatedSize(reference, rotation).width * scale) + 32) }}>
        {slots}
      </div>
    </div>
  );
}

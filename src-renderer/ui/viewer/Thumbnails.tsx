// Page thumbnails beside the viewer, for PDFs, OFDs and images alike: painted only when scrolled
// into view (nearest to the current page first), click to go to a page.
import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../../i18n';
import { useUi } from '../../state/ui';
import type { PageSize } from './geometry';
import type { PaintPage } from './PagedViewer';
import { schedulePaint } from './render-queue';

const THUMB_WIDTH = 96;

function Thumbnail({ paint, size, pageNumber, active }: { paint: PaintPage; size: PageSize; pageNumber: number; active: boolean }) {
  const { t } = useI18n();
  const goToPage = useUi((state) => state.goToPage);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const [visible, setVisible] = useState(typeof IntersectionObserver === 'undefined');
  const height = Math.round((THUMB_WIDTH * size.height) / size.width);

  useEffect(() => {
    const element = buttonRef.current;
    if (!element || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting)) {
        setVisible(true);
        observer.disconnect();
      }
    }, { rootMargin: '200px' });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!visible || !canvas) return;
    const job = schedulePaint('thumbnail', () => Math.abs(pageNumber - useUi.getState().currentPage), () => paint(pageNumber, canvas, THUMB_WIDTH / size.width, 0));
    job.promise.catch(() => undefined);
    return () => job.cancel();
  }, [visible, paint, size, pageNumber]);

  useEffect(() => {
    if (active) buttonRef.current?.scrollIntoView?.({ block: 'nearest' });
  }, [active]);

  return (
    <button ref={buttonRef} type="button" className={`thumbnail${active ? ' active' : ''}`} onClick={() => goToPage(pageNumber)} aria-label={t('viewer.page', { page: pageNumber })} aria-current={active ? 'page' : undefined} data-testid={`thumbnail-${pageNumber}`}>
      <canvas ref={canvasRef} style={{ width: THUMB_WIDTH, height }} />
      <span>{pageNumber}</span>
    </button>
  );
}

export interface ThumbnailsProps {
  pageCount: number;
  /** Size of each page in page units; a page without its own size takes the first page's. */
  sizes: PageSize[];
  paint: PaintPage;
}

export function Thumbnails({ pageCount, sizes, paint }: ThumbnailsProps) {
  const { t } = useI18n();
  const currentPage = useUi((state) => state.currentPage);
  const first = sizes[0];
  if (!first) return null;
  return (
    <nav className="thumbnails" aria-label={t('viewer.thumbnails')} data-testid="thumbnails">
      {Array.from({ length: pageCount }, (_, index) => (
        <Thumbnail key={index + 1} paint={paint} size={sizes[index] ?? first} pageNumber={index + 1} active={currentPage === index + 1} />
      ))}
    </nav>
  );
}

// Page thumbnails beside the viewer: painted only when scrolled into view, click to go to a page.
import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../../i18n';
import { useUi } from '../../state/ui';
import type { LoadedPdf } from './PdfViewer';
import { pdfPainter } from './PdfViewer';
import { schedulePaint } from './render-queue';

const THUMB_WIDTH = 96;

function Thumbnail({ pdf, pageNumber, active }: { pdf: LoadedPdf; pageNumber: number; active: boolean }) {
  const { t } = useI18n();
  const goToPage = useUi((state) => state.goToPage);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const [visible, setVisible] = useState(typeof IntersectionObserver === 'undefined');
  const height = Math.round((THUMB_WIDTH * pdf.firstPage.height) / pdf.firstPage.width);

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
    const job = schedulePaint('thumbnail', () => Math.abs(pageNumber - useUi.getState().currentPage), () => pdfPainter(pdf.doc, () => undefined)(pageNumber, canvas, THUMB_WIDTH / pdf.firstPage.width, 0));
    job.promise.catch(() => undefined);
    return () => job.cancel();
  }, [visible, pdf, pageNumber]);

  useEffect(() => {
    if (active) buttonRef.current?.scrollIntoView?.({ block: 'nearest' });
  }, [active]);

  return (
    <button ref={buttonRef} type="button" className={`thumbnail${active ? ' active' : ''}`} onClick={() => goToPage(pageNumber)} aria-label={t('viewer.page', { page: pageNumber })} aria-current={active ? 'page' : undefined}>
      <canvas ref={canvasRef} style={{ width: THUMB_WIDTH, height }} />
      <span>{pageNumber}</span>
    </button>
  );
}

export function Thumbnails({ pdf }: { pdf: LoadedPdf }) {
  const { t } = useI18n();
  const currentPage = useUi((state) => state.currentPage);
  return (
    <nav className="thumbnails" aria-label={t('viewer.thumbnails')}>
      {Array.from({ length: pdf.pageCount }, (_, index) => (
        <Thumbnail key={index + 1} pdf={pdf} pageNumber={index + 1} active={currentPage === index + 1} />
      ))}
    </nav>
  );
}

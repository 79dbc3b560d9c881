// The centre of the workstation: the document on screen with its toolbar (page, zoom, rotate,
// thumbnails, search) and the boxes of the fields read from it.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { PdfPageText } from '../../core/ports';
import { INVOICE_FIELD_NAMES, type InvoiceFieldName } from '../../core/types';
import { useI18n } from '../../i18n';
import { useUi } from '../../state/ui';
import { confirmedField, useWorkspace, type DeskDocument } from '../../state/workspace';
import { ImageViewer, paintImage, pictureMediaType, useImage } from './ImageViewer';
import type { PageOverlay } from './PagedViewer';
import { pdfPainter, pdfTextSource, PdfViewer, usePdf } from './PdfViewer';
import { searchableText, searchPage, type SearchHit } from './search';
import { StructuredView } from './StructuredView';
import { OfdViewer, ofdTextSource, paintOfdPage, useOfd } from './OfdViewer';
import { Thumbnails, type ThumbnailsProps } from './Thumbnails';
import { reportScale } from '../../actions/registry';

const LOW_CONFIDENCE = 0.8;

export function useBytes(document: DeskDocument | null) {
  const [bytes, setBytes] = useState<Uint8Array | null>(null);
  const [error, setError] = useState<string | null>(null);
  const sha256 = document?.sha256;
  const loaderRef = useRef(document?.loadBytes);
  loaderRef.current = document?.loadBytes;
  useEffect(() => {
    setBytes(null);
    setError(null);
    const load = loaderRef.current;
    if (!sha256 || !load) return;
    let live = true;
    load().then(
      (loaded) => live && setBytes(loaded),
      (reason: unknown) => live && setError(reason instanceof Error ? reason.message : String(reason)),
    );
    return () => {
      live = false;
    };
  }, [sha256]);
  return { bytes, error };
}

/** Overlays for every field box of the document's invoices, the focused one highlighted. */
function useFieldOverlays(document: DeskDocument | null): PageOverlay[] {
  const { t } = useI18n();
  const focused = useUi((state) => state.focusedField);
  const focusField = useUi((state) => state.focusField);
  const setTab = useUi((state) => state.setTab);
  const review = useWorkspace((state) => state.open?.review);
  return useMemo(() => {
    if (!document?.extraction) return [];
    const overlays: PageOverlay[] = [];
    for (const invoice of document.extraction.invoices) {
      const failedFields = new Set(invoice.checks.filter((check) => !check.ok).flatMap((check) => fieldsOfCheck(check.id)));
      for (const field of INVOICE_FIELD_NAMES) {
        const box = invoice.boxes[field];
        if (!box) continue;
        const isFocused = focused?.file === document.path && focused.page === invoice.page && focused.field === field;
        const confidence = invoice.confidence[field] ?? 1;
        const confirmed = confirmedField(review, document.path, invoice.page, field) !== undefined;
        const tone: PageOverlay['tone'] = isFocused ? 'focus' : !confirmed && failedFields.has(field) ? 'failed' : !confirmed && confidence < LOW_CONFIDENCE ? 'low' : 'field';
        overlays.push({
          id: `${invoice.page}-${field}`,
          page: invoice.page,
          box,
          tone,
          label: t('viewer.fieldBox', { field: t(`field.${field}`) }),
          onActivate: () => {
            setTab('invoice');
            focusField({ file: document.path, page: invoice.page, field, box });
          },
        });
      }
    }
    return overlays;
  }, [document, focused, review, t, focusField, setTab]);
}

/** The fields each named invoice check of core/extract speaks about, so that a failed check marks them. */
const CHECK_FIELDS: Record<string, InvoiceFieldName[]> = {
  'number-format': ['invoiceCode', 'invoiceNumber'],
  'amount-plus-tax': ['amountExclTax', 'taxAmount', 'totalAmount'],
  'items-sum': ['items', 'amountExclTax', 'taxAmount'],
  'total-in-words': ['totalInWords', 'totalAmount'],
  'tax-rate': ['items', 'taxAmount'],
  'qr-matches': ['invoiceNumber', 'issueDate', 'totalAmount'],
  'buyer-tax-id': ['buyerTaxId'],
  'seller-tax-id': ['sellerTaxId'],
  'duplicate-in-input': ['invoiceNumber'],
};

export function fieldsOfCheck(checkId: string): InvoiceFieldName[] {
  return CHECK_FIELDS[checkId] ?? [];
}

interface SearchState {
  hits: SearchHit[];
  current: number;
  searching: boolean;
}

function SearchBar({ textOf, pageCount, onHits }: { textOf: ((page: number) => Promise<PdfPageText>) | null; pageCount: number; onHits: (hits: SearchHit[], current: number) => void }) {
  const { t } = useI18n();
  const open = useUi((state) => state.searchOpen);
  const query = useUi((state) => state.searchQuery);
  const setQuery = useUi((state) => state.setSearchQuery);
  const setOpen = useUi((state) => state.setSearchOpen);
  const goToPage = useUi((state) => state.goToPage);
  const inputRef = useRef<HTMLInputElement>(null);
  const [state, setState] = useState<SearchState>({ hits: [], current: 0, searching: false });

  useEffect(() => {
    if (open) inputRef.current?.focus();
  }, [open]);
  const { hits, current } = state;
  useEffect(() => onHits(open ? hits : [], current), [open, hits, current, onHits]);

  useEffect(() => {
    if (!textOf || !query.trim()) {
      setState({ hits: [], current: 0, searching: false });
      return;
    }
    let live = true;
    setState({ hits: [], current: 0, searching: true });
    const timer = setTimeout(async () => {
      const hits: SearchHit[] = [];
      for (let page = 1; page <= pageCount && live; page++) {
        hits.push(...searchPage(await textOf(page), query));
        if (page % 8 === 0) await new Promise((resolve) => setTimeout(resolve, 0));
      }
      if (!live) return;
      setState({ hits, current: 0, searching: false });
      if (hits[0]) goToPage(hits[0].page, hits[0].boxes[0]);
    }, 200);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [textOf, query, pageCount, goToPage]);

  const step = (direction: 1 | -1) => {
    if (state.hits.length === 0) return;
    const current = (state.current + direction + state.hits.length) % state.hits.length;
    setState({ ...state, current });
    const hit = state.hits[current]!;
    goToPage(hit.page, hit.boxes[0]);
  };

  if (!open) return null;
  return (
    <div className="search-bar" role="search">
      <input
        ref={inputRef}
        type="search"
        value={query}
        placeholder={t('viewer.searchPlaceholder')}
        aria-label={t('viewer.search')}
        data-testid="viewer-search"
        onChange={(event) => setQuery(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter') step(event.shiftKey ? -1 : 1);
          if (event.key === 'Escape') setOpen(false);
        }}
      />
      <span className="search-count" aria-live="polite" data-testid="search-count" data-count={state.hits.length}>
        {query.trim() && !state.searching ? (state.hits.length ? t('viewer.searchCount', { current: state.current + 1, total: state.hits.length }) : t('viewer.searchNone')) : ''}
      </span>
      <button type="button" className="icon-button" onClick={() => step(-1)} aria-label={t('viewer.searchPrev')}>↑</button>
      <button type="button" className="icon-button" onClick={() => step(1)} aria-label={t('viewer.searchNext')}>↓</button>
    </div>
  );
}

function searchOverlays(hits: SearchHit[], current: number): PageOverlay[] {
  return hits.flatMap((hit, index) => hit.boxes.map((box, part) => ({
    id: `search-${index}-${part}`,
    page: hit.page,
    box,
    tone: index === current ? ('search-current' as const) : ('search' as const),
    label: '',
  })));
}

function Toolbar({ pageCount, scale, pageBased }: { pageCount: number; scale: number; pageBased: boolean }) {
  const { t } = useI18n();
  const currentPage = useUi((state) => state.currentPage);
  const goToPage = useUi((state) => state.goToPage);
  const zoomMode = useUi((state) => state.zoomMode);
  const setZoomMode = useUi((state) => state.setZoomMode);
  const zoomStep = useUi((state) => state.zoomStep);
  const rotate = useUi((state) => state.rotate);
  const toggleThumbnails = useUi((state) => state.toggleThumbnails);
  const thumbnailsOpen = useUi((state) => state.thumbnailsOpen);
  const setSearchOpen = useUi((state) => state.setSearchOpen);
  const searchOpen = useUi((state) => state.searchOpen);
  const [pageInput, setPageInput] = useState(String(currentPage));
  useEffect(() => setPageInput(String(currentPage)), [currentPage]);
  if (!pageBased) return null;
  return (
    <div className="viewer-toolbar" role="toolbar" aria-label={t('tabs.label')}>
      <button type="button" className={`icon-button${thumbnailsOpen ? ' active' : ''}`} aria-pressed={thumbnailsOpen} onClick={toggleThumbnails} title={t('viewer.thumbnails')} aria-label={t('viewer.thumbnails')}>▤</button>
      <form
        className="page-input"
        onSubmit={(event) => {
          event.preventDefault();
          const page = Number.parseInt(pageInput, 10);
          if (Number.isInteger(page) && page >= 1 && page <= pageCount) goToPage(page);
          else setPageInput(String(currentPage));
        }}
      >
        <input aria-label={t('viewer.goToPage')} data-testid="go-to-page" value={pageInput} inputMode="numeric" onChange={(event) => setPageInput(event.target.value)} />
        <span>{t('viewer.pageOf', { count: pageCount })}</span>
      </form>
      <span className="toolbar-sep" />
      <button type="button" className="icon-button" onClick={() => zoomStep(-1, scale)} aria-label={t('viewer.zoomOut')} title={t('viewer.zoomOut')}>−</button>
      <span className="zoom-level" data-testid="zoom-level">{Math.round(scale * 100)}%</span>
      <button type="button" className="icon-button" onClick={() => zoomStep(1, scale)} aria-label={t('viewer.zoomIn')} title={t('viewer.zoomIn')}>+</button>
      <button type="button" className={`text-button${zoomMode === 'fit-width' ? ' active' : ''}`} aria-pressed={zoomMode === 'fit-width'} onClick={() => setZoomMode('fit-width')}>{t('viewer.fitWidth')}</button>
      <button type="button" className={`text-button${zoomMode === 'fit-page' ? ' active' : ''}`} aria-pressed={zoomMode === 'fit-page'} onClick={() => setZoomMode('fit-page')}>{t('viewer.fitPage')}</button>
      <button type="button" className="icon-button" onClick={rotate} aria-label={t('viewer.rotate')} title={t('viewer.rotate')}>⟳</button>
      <span className="toolbar-sep" />
      <button type="button" className={`icon-button${searchOpen ? ' active' : ''}`} onClick={() => setSearchOpen(!searchOpen)} aria-label={t('viewer.search')} title={t('viewer.search')}>⌕</button>
    </div>
  );
}

export function Viewer({ document }: { document: DeskDocument | null }) {
  const { t } = useI18n();
  const { bytes, error: bytesError } = useBytes(document);
  const isPdf = document?.type === 'pdf';
  const pictureType = pictureMediaType(document?.type);
  const isImage = pictureType !== null;
  const { pdf, error: pdfError } = usePdf(isPdf ? bytes : null);
  const { image, error: imageError } = useImage(isImage ? bytes : null, pictureType ?? '');
  const isOfd = document?.type === 'ofd';
  const { ofd, error: ofdError } = useOfd(isOfd ? bytes : null);
  const fieldOverlays = useFieldOverlays(document);
  const [search, setSearch] = useState<{ hits: SearchHit[]; current: number }>({ hits: [], current: 0 });
  const onHits = useCallback((hits: SearchHit[], current: number) => setSearch({ hits, current }), []);
  const overlays = useMemo(() => [...fieldOverlays, ...searchOverlays(search.hits, search.current)], [fieldOverlays, search]);
  const [scale, setScaleState] = useState(1);
  const setScale = useCallback((next: number) => {
    setScaleState(next);
    reportScale(next);
  }, []);
  const thumbnailsOpen = useUi((state) => state.thumbnailsOpen);
  const ocrText = document?.ocrText;
  const textOf = useMemo(() => searchableText(pdf ? pdfTextSource(pdf.doc) : ofd ? ofdTextSource(ofd) : null, ocrText), [pdf, ofd, ocrText]);
  const thumbnails = useMemo<ThumbnailsProps | null>(() => {
    if (pdf) return { pageCount: pdf.pageCount, sizes: [pdf.firstPage], paint: pdfPainter(pdf.doc, () => undefined) };
    if (image) return { pageCount: 1, sizes: [{ width: image.width, height: image.height }], paint: paintImage(image) };
    if (ofd) return { pageCount: ofd.pages.length, sizes: ofd.pages.map((page) => ({ width: page.width, height: page.height })), paint: paintOfdPage(ofd) };
    return null;
  }, [pdf, image, ofd]);
  const [renderedPages, setRenderedPages] = useState(0);
  useEffect(() => setRenderedPages(0), [document]);
  const onPageRendered = useCallback(() => setRenderedPages((count) => count + 1), []);

  if (!document) return <div className="viewer-empty">{t('viewer.noDocument')}</div>;
  const error = bytesError ?? pdfError ?? imageError ?? ofdError;
  const pageBased = isPdf || isImage || (isOfd && !ofdError);
  const pageCount = pdf?.pageCount ?? ofd?.pages.length ?? (image ? 1 : 0);
  return (
    <div className="viewer" data-file={document.path} data-rendered-pages={renderedPages}>
      <Toolbar pageCount={pageCount} scale={scale} pageBased={pageBased} />
      <SearchBar textOf={textOf} pageCount={pageCount} onHits={onHits} />
      <div className="viewer-body">
        {pageBased && thumbnailsOpen && thumbnails && <Thumbnails {...thumbnails} />}
        <div className="viewer-main">
          {error && <p className="viewer-error" role="alert">{t('viewer.loadError', { file: document.path, reason: error })}</p>}
          {isOfd && ofd && <p className="viewer-note ofd-note">{t(ofd.pageImages.length === ofd.pages.length ? 'viewer.ofdScanNote' : 'viewer.ofdNote')}</p>}
          {!error && pageBased && !pdf && !image && !ofd && <p className="muted viewer-loading">{t('viewer.loading')}</p>}
          {pdf && <PdfViewer pdf={pdf} overlays={overlays} label={t('viewer.documentLabel', { file: document.path })} onScaleChange={setScale} onPageRendered={onPageRendered} />}
          {ofd && <OfdViewer ofd={ofd} overlays={overlays} label={t('viewer.documentLabel', { file: document.path })} onScaleChange={setScale} onPageRendered={onPageRendered} />}
          {image && <ImageViewer image={image} overlays={overlays} label={t('viewer.documentLabel', { file: document.path })} onScaleChange={setScale} onPageRendered={onPageRendered} />}
          {(!pageBased || (isOfd && ofdError)) && <StructuredView document={document} />}
        </div>
      </div>
    </div>
  );
}

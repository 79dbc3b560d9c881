// The selected declared row's evidence side by side in the centre column: its contract key pages,
// invoices and bank receipts, each page drawn by the viewer's painters (pdf.js, images, OFD) with the
// fields the reconciliation matched marked on it, and the fields a proposal is about marked as failed.
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { EvidenceRef, ExtractedContract, ExtractedInvoice, ExtractedPayment, ReconciledRow } from '../../core/types';
import { tryParseYuan } from '../../core/money';
import { useI18n } from '../../i18n';
import { useUi } from '../../state/ui';
import { useWorkspace, type DeskDocument } from '../../state/workspace';
import { boxToScreen, type PageSize } from '../viewer/geometry';
import { paintImage, pictureMediaType, useImage } from '../viewer/ImageViewer';
import { paintOfdPage, useOfd } from '../viewer/OfdViewer';
import type { PaintPage } from '../viewer/PagedViewer';
import { pdfPainter, usePdf } from '../viewer/PdfViewer';
import { schedulePaint } from '../viewer/render-queue';
import { useBytes } from '../viewer/Viewer';
import { fieldMarks, isTicketPage, MATCHED_FIELDS, type EvidenceKind, type FieldMark } from './view';

type Reading = ExtractedInvoice | ExtractedContract | ExtractedPayment;

function readingOf(document: DeskDocument | undefined, kind: EvidenceKind, page: number): Reading | null {
  const extraction = document?.extraction;
  if (!extraction) return null;
  const list: readonly Reading[] = kind === 'invoice' ? extraction.invoices : kind === 'contract' ? extraction.contracts ?? [] : extraction.payments ?? [];
  return list.find((reading) => reading.page === page) ?? null;
}

interface Mark {
  field: string;
  box: [number, number, number, number];
  mark: FieldMark;
}

/** The marked fields that have a box on this page (a contract's amount may sit on a later key page). */
function marksOnPage(reading: Reading | null, marks: Map<string, FieldMark>, page: number): Mark[] {
  if (!reading) return [];
  const boxes = reading.boxes as Partial<Record<string, [number, number, number, number]>>;
  const pages = ('pages' in reading ? reading.pages : undefined) as Partial<Record<string, number>> | undefined;
  const out: Mark[] = [];
  for (const [field, mark] of marks) {
    const box = boxes[field];
    if (!box || (pages?.[field] ?? reading.page) !== page) continue;
    out.push({ field, box, mark });
  }
  return out;
}

/** One page painted at the width of its card, with the marks over it. */
function PageImage({ paint, size, page, marks, label }: { paint: PaintPage; size: PageSize; page: number; marks: Mark[]; label: string }) {
  const { t } = useI18n();
  const holder = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const [width, setWidth] = useState(0);
  const [state, setState] = useState<'loading' | 'done' | 'error'>('loading');
  useLayoutEffect(() => {
    const element = holder.current;
    if (!element) return;
    const measure = () => setWidth(element.clientWidth);
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  const scale = width > 0 ? width / size.width : 0;
  useEffect(() => {
    const target = canvas.current;
    if (!target || scale <= 0) return;
    setState('loading');
    const job = schedulePaint('page', () => 0, () => paint(page, target, scale, 0));
    let live = true;
    job.promise.then(
      () => live && setState('done'),
      (reason: unknown) => {
        if (live && !(reason instanceof Error && reason.name === 'RenderingCancelledException')) setState('error');
      },
    );
    return () => {
      live = false;
      job.cancel();
    };
  }, [paint, page, scale]);
  const height = Math.round(size.height * scale);
  return (
    <div ref={holder} className="evidence-page" role="img" aria-label={label} data-state={state} style={{ height: height || undefined }}>
      <canvas ref={canvas} style={{ width: Math.round(size.width * scale), height }} />
      {scale > 0 && marks.map(({ field, box, mark }) => {
        const rect = boxToScreen(box, size, scale, 0);
        return (
          <div
            key={field}
            className={`page-box page-box-${mark === 'failed' ? 'failed' : 'match'}`}
            data-field={field}
            data-mark={mark}
            style={{ left: rect.left - 2, top: rect.top - 2, width: rect.width + 4, height: rect.height + 4 }}
            title={t(`field.${field}` as never)}
            aria-hidden="true"
          />
        );
      })}
      {state === 'loading' && <p className="evidence-loading muted small">{t('evidence.loading')}</p>}
    </div>
  );
}

/** The page of a document drawn by the painter its format needs; nothing for structured files (XML). */
function DocumentPage({ document, page, marks, label }: { document: DeskDocument; page: number; marks: Mark[]; label: string }) {
  const { t } = useI18n();
  const { bytes, error } = useBytes(document);
  const isPdf = document.type === 'pdf';
  const pictureType = pictureMediaType(document.type);
  const isImage = pictureType !== null;
  const isOfd = document.type === 'ofd';
  const { pdf } = usePdf(isPdf ? bytes : null);
  const { image } = useImage(isImage ? bytes : null, pictureType ?? '');
  const { ofd } = useOfd(isOfd ? bytes : null);
  const [pdfSize, setPdfSize] = useState<PageSize | null>(null);
  const onSize = useCallback((_page: number, size: PageSize) => setPdfSize((known) => (known && known.width === size.width && known.height === size.height ? known : size)), []);
  const painter = useMemo<{ paint: PaintPage; size: PageSize } | null>(() => {
    if (pdf) return { paint: pdfPainter(pdf.doc, onSize), size: pdf.firstPage };
    if (image) return { paint: paintImage(image), size: { width: image.width, height: image.height } };
    const ofdPage = ofd?.pages.find((candidate) => candidate.page === page);
    if (ofd && ofdPage) return { paint: paintOfdPage(ofd), size: { width: ofdPage.width, height: ofdPage.height } };
    return null;
  }, [pdf, image, ofd, page, onSize]);
  if (error) return <p className="viewer-error" role="alert">{t('viewer.loadError', { file: document.path, reason: error })}</p>;
  if (!isPdf && !isImage && !isOfd) return <p className="muted small evidence-structured">{t('evidence.noImage')}</p>;
  if (!painter) return <p className="muted small evidence-loading-static">{t('evidence.loading')}</p>;
  return <PageImage paint={painter.paint} size={pdfSize ?? painter.size} page={page} marks={marks} label={label} />;
}

function shownValue(field: string, value: string | null, formatCny: (fen: number) => string): string {
  if (value === null || value === '') return '—';
  if (/amount/i.test(field)) {
    const fen = tryParseYuan(value);
    if (fen !== null) return formatCny(fen);
  }
  return value;
}

function EvidenceCard({ row, kind, reference }: { row: ReconciledRow; kind: EvidenceKind; reference: EvidenceRef }) {
  const { t, formatCny } = useI18n();
  const document = useWorkspace((state) => state.open?.documents.find((candidate) => candidate.path === reference.file));
  const openFile = useUi((state) => state.openFile);
  const setTab = useUi((state) => state.setTab);
  const reading = readingOf(document, kind, reference.page);
  const marks = fieldMarks(row, kind, reference);
  const fields = (reading?.fields ?? {}) as Record<string, unknown>;
  const label = t('evidence.page', { file: reference.file, page: reference.page });
  return (
    <article className="evidence-card" data-testid={`evidence-${kind}-${reference.file}#${reference.page}`}>
      <header className="evidence-card-head">
        <span className="mono small file-name-break" translate="no" title={label}>{label}</span>
        {kind === 'invoice' && isTicketPage(row, reference) && (
          <span className="tag tag-warning" data-testid={`evidence-ticket-${reference.file}#${reference.page}`} title={t('invoice.kind.ticketHint')}>{t('evidence.ticketNotCounted')}</span>
        )}
        <button
          type="button"
          className="link-button small"
          onClick={() => {
            openFile(reference.file, reference.page);
            setTab(kind === 'invoice' ? 'invoice' : 'claims');
          }}
        >
          {t('evidence.open')}
        </button>
      </header>
      <dl className="evidence-fields">
        {MATCHED_FIELDS[kind].map((field) => {
          const value = fields[field];
          const key = kind === 'invoice' ? `field.${field}` : `field.${kind}.${field}`;
          return (
            <div key={field} className={marks.get(field) === 'failed' ? 'failed' : ''} data-field={field}>
              <dt>{t(key as never)}</dt>
              <dd translate="no">{shownValue(field, typeof value === 'string' ? value : null, formatCny)}</dd>
            </div>
          );
        })}
      </dl>
      {document && <DocumentPage document={document} page={reference.page} marks={marksOnPage(reading, marks, reference.page)} label={label} />}
    </article>
  );
}

const COLUMNS: { kind: EvidenceKind; title: 'evidence.contracts' | 'evidence.invoices' | 'evidence.payments'; refs: (row: ReconciledRow) => EvidenceRef[]; link: 'contracts' | 'invoices' | 'payments' }[] = [
  { kind: 'contract', title: 'evidence.contracts', refs: (row) => row.contracts, link: 'contracts' },
  { kind: 'invoice', title: 'evidence.invoices', refs: (row) => row.invoices, link: 'invoices' },
  { kind: 'payment', title: 'evidence.payments', refs: (row) => row.payments, link: 'payments' },
];

export function EvidenceBoard() {
  const { t } = useI18n();
  const report = useWorkspace((state) => state.report);
  const selectedClaimId = useUi((state) => state.selectedClaimId);
  const row = report?.reconciliation?.find((candidate) => candidate.claimId === selectedClaimId) ?? null;
  if (!row) return <div className="viewer-empty evidence-empty" data-testid="evidence-board">{t('evidence.pickRow')}</div>;
  return (
    <div className="evidence-board" data-testid="evidence-board" data-claim={row.claimId}>
      <h2 className="evidence-title">{t('evidence.heading')}<span className="mono" translate="no">{row.claimId}</span></h2>
      <div className="evidence-columns">
        {COLUMNS.map((column) => {
          const refs = column.refs(row);
          return (
            <section key={column.kind} className="evidence-column" aria-label={t(column.title)} data-testid={`evidence-column-${column.kind}`}>
              <h3>
                {t(column.title)} <span className="muted">{refs.length}</span>
                {row.reviewerLinked.includes(column.link) && <span className="tag tag-info">{t('evidence.reviewerLinked')}</span>}
              </h3>
              {refs.length === 0 ? <p className="evidence-none">{t('evidence.none')}</p> : refs.map((reference) => (
                <EvidenceCard key={`${reference.file}#${reference.page}`} row={row} kind={column.kind} reference={reference} />
              ))}
            </section>
          );
        })}
      </div>
    </div>
  );
}

// The fields of the invoice on screen, beside the page: editable, confirmable one by one or all at
// once; low-confidence and failed-check fields stand out; clicking a field shows its box.
import { useEffect, useRef } from 'react';
import { isMessageKey, useI18n } from '../../i18n';
import { MessageText, checkSentence } from '../MessageText';
import { useUi } from '../../state/ui';
import { confirmedField, isLocked, kindOf, useWorkspace, type DeskDocument } from '../../state/workspace';
import { resumeExtraction } from '../../state/extraction';
import { fieldDraftKey, useDraftText } from '../../state/drafts';
import { performAction, SCALAR_FIELDS } from '../../actions/registry';
import type { ExtractedInvoice } from '../../core/types';
import { tryParseYuan } from '../../core/money';
import { fieldsOfCheck } from '../viewer/Viewer';
import { documentErrors, sortDocuments } from '../documents';

const LOW_CONFIDENCE = 0.8;
const MONEY_FIELDS = new Set(['amountExclTax', 'taxAmount', 'totalAmount']);

function FieldRow({ document, invoice, field, failed, locked }: { document: DeskDocument; invoice: ExtractedInvoice; field: (typeof SCALAR_FIELDS)[number]; failed: boolean; locked: boolean }) {
  const { t, formatCny } = useI18n();
  const review = useWorkspace((state) => state.open?.review);
  const edit = useWorkspace((state) => state.edit);
  const focused = useUi((state) => state.focusedField);
  const focusField = useUi((state) => state.focusField);
  const goToPage = useUi((state) => state.goToPage);
  const confirmed = confirmedField(review, document.path, invoice.page, field);
  const extracted = invoice.fields[field];
  const stored = confirmed ? confirmed.value : extracted;
  const dossierId = useWorkspace((state) => state.open?.id ?? '');
  const { value, setValue, isDraft, basedOn } = useDraftText(fieldDraftKey(dossierId, document.path, invoice.page, field), stored ?? '');
  const confidence = invoice.confidence[field];
  const low = !confirmed && confidence !== undefined && confidence < LOW_CONFIDENCE;
  const box = invoice.boxes[field];
  const isFocused = focused?.file === document.path && focused.page === invoice.page && focused.field === field;
  const rowRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (isFocused) rowRef.current?.scrollIntoView?.({ block: 'nearest' });
  }, [isFocused]);

  const show = () => {
    focusField({ file: document.path, page: invoice.page, field, ...(box ? { box } : {}) });
    goToPage(invoice.page, box);
  };
  const confirm = () => void edit({ type: 'field', file: document.path, page: invoice.page, field, value: value.trim() === '' ? null : value.trim() }, { basedOn });
  const corrected = confirmed && confirmed.value !== extracted;
  const moneyHint = MONEY_FIELDS.has(field) ? tryParseYuan(value) : null;

  return (
    <div ref={rowRef} className={`field-row${isFocused ? ' focused' : ''}${low ? ' low' : ''}${failed && !confirmed ? ' failed' : ''}${confirmed ? ' confirmed' : ''}${isDraft ? ' draft' : ''}`}>
      <label htmlFor={`field-input-${field}`} className="field-label">
        <button type="button" className="link-button" onClick={show} aria-label={`${t('invoice.showOnPage')}: ${t(`field.${field}`)}`} disabled={!box}>
          {t(`field.${field}`)}
        </button>
      </label>
      <div className="field-control">
        <input
          id={`field-input-${field}`}
          data-testid={`field-${field}`}
          value={value}
          disabled={locked}
          data-draft={isDraft || undefined}
          title={isDraft ? t('edit.draft') : undefined}
          aria-invalid={failed && !confirmed ? true : undefined}
          aria-describedby={low || failed ? `field-note-${field}` : undefined}
          onFocus={() => focusField({ file: document.path, page: invoice.page, field, ...(box ? { box } : {}) })}
          onChange={(event) => setValue(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter') {
              event.preventDefault();
              confirm();
            }
          }}
          className={MONEY_FIELDS.has(field) ? 'num' : field.endsWith('TaxId') || field.startsWith('invoice') ? 'mono' : undefined}
        />
        <button
          type="button"
          className={`confirm-button${confirmed ? ' done' : ''}`}
          onClick={confirm}
          disabled={locked}
          data-testid={`confirm-${field}`}
          aria-label={`${confirmed ? t('invoice.confirmed') : t('invoice.confirm')}: ${t(`field.${field}`)}`}
          aria-pressed={Boolean(confirmed)}
          title={confirmed ? t('invoice.confirmed') : t('invoice.confirm')}
        >
          ✓
        </button>
      </div>
      {(low || (failed && !confirmed) || corrected || moneyHint !== null) && (
        <p className="field-note" id={`field-note-${field}`}>
          {moneyHint !== null && <span className="muted">{formatCny(moneyHint)}</span>}
          {low && <span className="tag tag-warning">{t('invoice.lowConfidence', { percent: Math.round((confidence ?? 0) * 100) })}</span>}
          {failed && !confirmed && <span className="tag tag-error">{t('invoice.checkFailed')}</span>}
          {corrected && <span className="tag tag-info">{extracted ?? '—'} →</span>}
        </p>
      )}
    </div>
  );
}

export function InvoicePanel() {
  const { t, formatCny } = useI18n();
  const checkLabel = (id: string) => {
    const key = `check.${id}`;
    return isMessageKey(key) ? t(key) : id;
  };
  const open = useWorkspace((state) => state.open);
  const activeFile = useUi((state) => state.activeFile);
  const currentPage = useUi((state) => state.currentPage);
  const document = open?.documents.find((doc) => doc.path === activeFile) ?? null;
  const invoices = document?.extraction?.invoices ?? [];
  const invoice = invoices.find((candidate) => candidate.page === currentPage) ?? invoices[0];
  const locked = isLocked(open?.review);
  const invoiceDocs = sortDocuments(open?.documents ?? []).filter((doc) => kindOf(doc) === 'invoice');
  const position = invoiceDocs.findIndex((doc) => doc.path === activeFile);
  const claims = (open?.manifest.claims ?? []).filter((claim) => invoice?.fields.invoiceNumber && claim.invoiceNumbers?.includes(invoice.fields.invoiceNumber));

  return (
    <section className="panel invoice-panel" aria-labelledby="invoice-heading">
      <header className="panel-header">
        <h2 id="invoice-heading">{t('tabs.invoice')}</h2>
        <div className="panel-actions">
          <button type="button" className="icon-button" onClick={() => performAction('prev-invoice')} aria-label={t('invoice.prev')} title={`${t('invoice.prev')} [`}>‹</button>
          <span className="muted">{position >= 0 ? t('invoice.position', { current: position + 1, total: invoiceDocs.length }) : ''}</span>
          <button type="button" className="icon-button" onClick={() => performAction('next-invoice')} aria-label={t('invoice.next')} title={`${t('invoice.next')} ]`}>›</button>
        </div>
      </header>
      {!document || !invoice ? (
        <div className="empty-note">
          {document?.ocrPending && <p className="muted" role="status">{t('invoice.reading')}</p>}
          {document && documentErrors(document).map((error) => (
            <p key={error.detail} className="field-error" role="alert">
              {error.label && <strong>{t(error.label)}</strong>} {error.detail}
            </p>
          ))}
          {document?.readingCancelled && !document.ocrPending && (
            <p className="muted" role="status" data-testid="reading-cancelled">
              {t('invoice.readingCancelled')}{' '}
              <button type="button" className="link-button" onClick={() => void resumeExtraction()} data-testid="reading-resume">{t('invoice.readingResume')}</button>
            </p>
          )}
          {!document?.ocrPending && !document?.readingCancelled && <p className="muted">{t('invoice.none')}</p>}
        </div>
      ) : (
        <>
          <div className="invoice-meta">
            <span className="tag">{t('invoice.method')}: {t(`invoice.method.${invoice.method}`)}</span>
            {invoice.kind === 'ticket' && <span className="tag" data-testid="invoice-kind-ticket" title={t('invoice.kind.ticketHint')}>{t('invoice.kind.ticket')}</span>}
            {claims.map((claim) => (
              <button key={claim.id} type="button" className="tag tag-link" onClick={() => { useUi.getState().selectClaim(claim.id); useUi.getState().setTab('claims'); }}>
                {t('invoice.claim')} {claim.id} · {formatCny(tryParseYuan(claim.amount) ?? 0)}
              </button>
            ))}
            <button type="button" className="primary-button small" onClick={() => performAction('confirm-all-fields')} disabled={locked} data-testid="confirm-all">
              {t('invoice.confirmAll')}
            </button>
          </div>
          <div className="field-list" role="group" aria-label={t('tabs.invoice')}>
            {SCALAR_FIELDS.map((field) => (
              <FieldRow
                key={`${document.path}-${invoice.page}-${field}`}
                document={document}
                invoice={invoice}
                field={field}
                failed={invoice.checks.some((check) => !check.ok && fieldsOfCheck(check.id).includes(field))}
                locked={locked}
              />
            ))}
          </div>
          {invoice.fields.items.length > 0 && (
            <table className="data-table compact" aria-label={t('field.items')}>
              <thead><tr><th scope="col">{t('field.items')}</th><th scope="col" className="num">{t('field.amountExclTax')}</th></tr></thead>
              <tbody>
                {invoice.fields.items.map((item, index) => (
                  <tr key={index}><td translate="no">{item.name}</td><td className="num">{item.amount === null ? '—' : formatCny(tryParseYuan(item.amount) ?? 0)}</td></tr>
                ))}
              </tbody>
            </table>
          )}
          {invoice.checks.length > 0 && (
            <section aria-label={t('invoice.checks')} className="invoice-checks">
              <h3>{t('invoice.checks')}</h3>
              <ul>
                {invoice.checks.map((check) => (
                  <li key={check.id} className={check.ok ? 'check-ok' : `check-${check.severity ?? 'error'}`} data-check={check.id}>
                    <span aria-hidden="true">{check.ok ? '✓' : '!'}</span>{' '}
                    <span className="check-label">{checkLabel(check.id)}</span>
                    <span className="check-status">{t(check.ok ? 'check.passed' : check.severity === 'warning' ? 'check.warning' : 'check.failed')}</span>
                    <MessageText className="check-detail" message={checkSentence(check)} />
                  </li>
                ))}
              </ul>
            </section>
          )}
        </>
      )}
    </section>
  );
}

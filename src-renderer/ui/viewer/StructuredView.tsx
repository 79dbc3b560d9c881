// Documents without a page to paint: 数电 XML (shown in the invoice's own layout from its data),
// OFD (its extracted fields, with a note), and claim lists in CSV.
import { useEffect, useState } from 'react';
import type { DeskDocument } from '../../state/workspace';
import type { InvoiceFields } from '../../core/types';
import { useI18n } from '../../i18n';
import { tryParseYuan } from '../../core/money';
import { decodeText, parseCsvText } from '../../core/import';
import { VisibleText } from '../VisibleText';

function InvoiceSheet({ fields }: { fields: InvoiceFields }) {
  const { t, formatCny } = useI18n();
  const money = (value: string | null) => {
    const fen = value === null ? null : tryParseYuan(value);
    return fen === null ? (value ?? '—') : formatCny(fen);
  };
  return (
    <article className="invoice-sheet" aria-label={fields.invoiceNumber ?? ''}>
      <header>
        <h3>电子发票</h3>
        <dl>
          {fields.invoiceCode && (<><dt>{t('field.invoiceCode')}</dt><dd>{fields.invoiceCode}</dd></>)}
          <dt>{t('field.invoiceNumber')}</dt><dd>{fields.invoiceNumber ?? '—'}</dd>
          <dt>{t('field.issueDate')}</dt><dd>{fields.issueDate ?? '—'}</dd>
        </dl>
      </header>
      <div className="invoice-parties">
        <section><h4>{t('field.buyerName')}</h4><p>{fields.buyerName ? <VisibleText text={fields.buyerName} /> : '—'}</p><p className="mono">{fields.buyerTaxId ?? '—'}</p></section>
        <section><h4>{t('field.sellerName')}</h4><p>{fields.sellerName ? <VisibleText text={fields.sellerName} /> : '—'}</p><p className="mono">{fields.sellerTaxId ?? '—'}</p></section>
      </div>
      <table className="invoice-items">
        <thead><tr><th>{t('field.items')}</th><th className="num">{t('field.amountExclTax')}</th><th className="num">{t('field.taxAmount')}</th></tr></thead>
        <tbody>
          {fields.items.map((item, index) => (
            <tr key={index}><td><VisibleText text={item.name} /></td><td className="num">{money(item.amount)}</td><td className="num">{money(item.tax ?? null)}</td></tr>
          ))}
        </tbody>
        <tfoot>
          <tr><td>{t('field.totalAmount')}</td><td className="num" colSpan={2}>{money(fields.totalAmount)}</td></tr>
          <tr><td>{t('field.totalInWords')}</td><td colSpan={2}>{fields.totalInWords ?? '—'}</td></tr>
          <tr><td>{t('field.remarks')}</td><td colSpan={2}>{fields.remarks ? <VisibleText text={fields.remarks} /> : '—'}</td></tr>
        </tfoot>
      </table>
    </article>
  );
}

function CsvTable({ document }: { document: DeskDocument }) {
  const { t } = useI18n();
  const [rows, setRows] = useState<string[][] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    document.loadBytes()
      .then((bytes) => {
        if (live) setRows(parseCsvText(decodeText(bytes).text).slice(0, 200));
      })
      .catch((reason: unknown) => live && setError(reason instanceof Error ? reason.message : String(reason)));
    return () => {
      live = false;
    };
  }, [document]);
  if (error) return <p role="alert">{t('viewer.loadError', { file: document.path, reason: error })}</p>;
  if (!rows) return <p className="muted">{t('viewer.loading')}</p>;
  const [header = [], ...body] = rows;
  return (
    <>
      <p className="viewer-note">{t('viewer.csvNote', { rows: body.length })}</p>
      <table className="data-table">
        <thead><tr>{header.map((cell, i) => <th key={i} scope="col"><VisibleText text={cell} /></th>)}</tr></thead>
        <tbody>{body.map((row, r) => <tr key={r}>{row.map((cell, i) => <td key={i}><VisibleText text={cell} /></td>)}</tr>)}</tbody>
      </table>
    </>
  );
}

export function StructuredView({ document }: { document: DeskDocument }) {
  const { t } = useI18n();
  const invoices = document.extraction?.invoices ?? [];
  return (
    <div className="structured-view" role="document" aria-label={t('viewer.documentLabel', { file: document.path })}>
      {document.type === 'xml' && <p className="viewer-note">{t('viewer.xmlNote')}</p>}
      {document.type === 'ofd' && <p className="viewer-note">{t('viewer.ofdNote')}</p>}
      {(document.type === 'xml' || document.type === 'ofd') && invoices.length === 0 && <p className="muted">{t('invoice.none')}</p>}
      {(document.type === 'xml' || document.type === 'ofd') && invoices.map((invoice) => <InvoiceSheet key={invoice.page} fields={invoice.fields} />)}
      {document.type === 'csv' && <CsvTable document={document} />}
    </div>
  );
}

// First launch: import a dossier or open one of the bundled samples (a Shenzhen provider's revenue
// dossier, a voucher dossier).
import { useI18n } from '../i18n';
import type { SampleId } from '../state/import';

export function EmptyState({ onImport, onOpenSample, busy }: { onImport: (source: 'folder' | 'zip' | 'files') => void; onOpenSample: (sample: SampleId) => void; busy: boolean }) {
  const { t } = useI18n();
  return (
    <main className="empty-state" aria-labelledby="empty-heading">
      <div className="empty-card">
        <h1 id="empty-heading">{t('empty.heading')}</h1>
        <p className="lead">{t('empty.lead')}</p>
        <div className="empty-actions">
          <button type="button" className="primary-button large" data-testid="import-dossier" onClick={() => onImport('zip')} disabled={busy}>{t('empty.import')}</button>
          <button type="button" className="secondary-button large" onClick={() => onImport('folder')} disabled={busy}>{t('empty.importFolder')}</button>
          <button type="button" className="secondary-button large" data-testid="import-files" onClick={() => onImport('files')} disabled={busy}>{t('empty.importFiles')}</button>
        </div>
        <div className="sample-offer">
          <button type="button" className="secondary-button" data-testid="open-sample" onClick={() => onOpenSample('shenzhen')} disabled={busy}>{t('empty.openSample')}</button>
          <p className="muted small">{t('empty.sampleNote')}</p>
          <button type="button" className="secondary-button" data-testid="open-sample-voucher" onClick={() => onOpenSample('voucher')} disabled={busy}>{t('empty.openVoucherSample')}</button>
          <p className="muted small">{t('empty.voucherSampleNote')}</p>
        </div>
        <p className="muted small offline-note">{t('empty.offline')}</p>
      </div>
    </main>
  );
}

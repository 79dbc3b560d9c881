// Import and OCR progress with cancel; the work runs in workers, so the interface stays live.
import { useI18n } from '../i18n';
import { useUi } from '../state/ui';

export function ProgressBar({ onCancel }: { onCancel: () => void }) {
  const { t } = useI18n();
  const progress = useUi((state) => state.progress);
  if (!progress) return null;
  const counts = { done: progress.done, total: progress.total, file: progress.current };
  const label = progress.kind === 'import' ? t('progress.import', counts)
    : progress.page ? t('progress.ocrPage', { ...counts, page: progress.page.page, pageCount: progress.page.pageCount }) : t('progress.ocr', counts);
  return (
    <div className="progress" data-testid="ocr-progress" data-kind={progress.kind} role="status" aria-live="polite">
      <progress max={progress.total || 1} value={progress.done} aria-label={label} />
      <span className="progress-label">{label}</span>
      <button type="button" className="text-button small" onClick={onCancel}>{t('progress.cancel')}</button>
    </div>
  );
}

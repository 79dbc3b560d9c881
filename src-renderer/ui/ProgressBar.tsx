// Import and OCR progress with cancel; the work runs in workers, so the interface stays live.
import { useI18n } from '../i18n';
import { useUi } from '../state/ui';

export function ProgressBar({ onCancel }: { onCancel: () => void }) {
  const { t } = useI18n();
  const progress = useUi((state) => state.progress);
  if (!progress) return null;
  const label = t(progress.kind === 'import' ? 'progress.import' : 'progress.ocr', { done: progress.done, total: progress.total, file: progress.current });
  return (
    <div className="progress" data-testid="ocr-progress" data-kind={progress.kind} role="status" aria-live="polite">
      <progress max={progress.total || 1} value={progress.done} aria-label={label} />
      <span className="progress-label">{label}</span>
      <button type="button" className="text-button small" onClick={onCancel}>{t('progress.cancel')}</button>
    </div>
  );
}

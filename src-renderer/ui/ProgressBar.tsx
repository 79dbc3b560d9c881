// Import and OCR progress with cancel; the work runs in workers, so the interface stays live.
import { useI18n } from '../i18n';
import { useOcrResume } from '../state/ocr-resume';
import { useUi, type ProgressState } from '../state/ui';
import type { MessageKey } from '../i18n';

const IMPORT_STAGE_LABEL: Record<NonNullable<ProgressState['stage']>, MessageKey> = {
  inflate: 'progress.importInflate', files: 'progress.import', claims: 'progress.importClaims', save: 'progress.importSave',
};

export function ProgressBar({ onCancel }: { onCancel: () => void }) {
  const { t } = useI18n();
  const progress = useUi((state) => state.progress);
  const resumeFiles = useOcrResume((state) => state.files);
  if (!progress) return null;
  const counts = { done: progress.done, total: progress.total, file: progress.current };
  // Pages of the current file kept from an earlier, interrupted reading (not read again) and OCR'd now.
  const pages = progress.kind === 'ocr' ? resumeFiles[progress.current] ?? null : null;
  const resumedNote = pages && pages.resumed > 0 ? t('progress.ocrResumed', { resumed: pages.resumed }) : '';
  const label = progress.kind === 'import' ? t(IMPORT_STAGE_LABEL[progress.stage ?? 'files'], counts)
    : (progress.page ? t('progress.ocrPage', { ...counts, page: progress.page.page, pageCount: progress.page.pageCount }) : t('progress.ocr', counts)) + resumedNote;
  return (
    <div className="progress" data-testid="ocr-progress" data-kind={progress.kind} data-stage={progress.stage} data-done={progress.done} data-total={progress.total} role="status" aria-live="polite"
      {...(progress.page ? { 'data-page': progress.page.page, 'data-page-count': progress.page.pageCount } : {})}
      {...(pages ? { 'data-pages-resumed': pages.resumed, 'data-pages-read': pages.read } : {})}>
      <progress max={progress.total || 1} value={progress.done} aria-label={label} />
      <span className="progress-label">{label}</span>
      <button type="button" className="text-button small" onClick={onCancel}>{t('progress.cancel')}</button>
    </div>
  );
}

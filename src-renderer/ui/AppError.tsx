// The error shown above the workspace until it is closed: a reason as it was given, or a message of
// the UI's (stored as its key), translated here so that it reads in the language chosen now.
import { useI18n } from '../i18n';
import { useWorkspace } from '../state/workspace';

export function AppError() {
  const { t } = useI18n();
  const error = useWorkspace((state) => state.error);
  const setError = useWorkspace((state) => state.setError);
  if (!error) return null;
  return (
    <div className="notice notice-error app-error" role="alert" data-testid="app-error">
      {t('error.generic', { reason: typeof error === 'string' ? error : t(error.key) })}
      <button type="button" className="icon-button" onClick={() => setError(null)} aria-label={t('keys.close')}>×</button>
    </div>
  );
}

// The app's one notice line: stored as data (a message key and its parameters) and translated here,
// where it is shown, so that it reads in the language chosen now, even after a switch.
import { useI18n } from '../i18n';
import { useUi } from '../state/ui';

export function AppNotice() {
  const { t } = useI18n();
  const notice = useUi((state) => state.notice);
  const setNotice = useUi((state) => state.setNotice);
  if (!notice) return null;
  return (
    <div className={`notice notice-${notice.tone} app-error`} role="status" data-testid="app-notice" data-code={'code' in notice ? notice.code : undefined}>
      {'code' in notice ? t(notice.code, notice.params) : notice.text}
      <button type="button" className="icon-button" onClick={() => setNotice(null)} aria-label={t('keys.close')}>×</button>
    </div>
  );
}

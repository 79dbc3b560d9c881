// After its renderer crashed or ran out of memory, the desktop shell loads the app page again with
// `?recovered=<reason>` (src-main/main/app.ts). The page says so once, in the reviewer's language,
// and drops the parameter so that a later reload does not say it again.
import type { MessageKey } from '../i18n/messages';

type T = (key: MessageKey, params?: Record<string, string | number>) => string;

/** The notice for a page loaded again after its renderer was gone, or null for an ordinary start. */
export function recoveryNotice(search: string, t: T): string | null {
  const reason = new URLSearchParams(search).get('recovered');
  if (reason === null) return null;
  const named = reason === 'oom' ? t('recovered.oom') : reason === 'crashed' ? t('recovered.crashed') : t('recovered.other', { reason: reason.slice(0, 40) });
  return t('recovered.notice', { reason: named });
}

/** Shows the recovery notice (once) through `show` and removes the parameter from the address. */
export function announceRecovery(location: Pick<Location, 'search' | 'pathname' | 'hash'>, history: Pick<History, 'replaceState'>, t: T, show: (text: string) => void): void {
  const text = recoveryNotice(location.search, t);
  if (!text) return;
  show(text);
  history.replaceState(null, '', `${location.pathname}${location.hash}`);
}

// After its renderer crashed or ran out of memory, the desktop shell loads the app page again with
// `?recovered=<reason>` (src-main/main/app.ts). The page says so once and drops the parameter so that
// a later reload does not say it again. The notice is data (a message key and its parameters), shown
// through the app's notice line, which translates it where it is shown: it follows a language switch.
import type { Notice } from '../state/ui';

export type RecoveryNotice = Extract<Notice, { code: unknown }>;

/** The notice for a page loaded again after its renderer was gone, or null for an ordinary start. */
export function recoveryNotice(search: string): RecoveryNotice | null {
  const reason = new URLSearchParams(search).get('recovered');
  if (reason === null) return null;
  if (reason === 'oom') return { tone: 'error', code: 'recovered.notice.oom' };
  if (reason === 'crashed') return { tone: 'error', code: 'recovered.notice.crashed' };
  return { tone: 'error', code: 'recovered.notice.other', params: { reason: reason.slice(0, 40) } };
}

/** Shows the recovery notice (once) through `show` and removes the parameter from the address. */
export function announceRecovery(location: Pick<Location, 'search' | 'pathname' | 'hash'>, history: Pick<History, 'replaceState'>, show: (notice: RecoveryNotice) => void): void {
  const notice = recoveryNotice(location.search);
  if (!notice) return;
  show(notice);
  history.replaceState(null, '', `${location.pathname}${location.hash}`);
}

// The page is not let go while edits it shows are still being stored (state/review-sync.ts queues
// them): a reload or close in that moment would lose an edit the screen showed, a sign-off included.
// Web mode asks the browser to hold the unload (beforeunload: the browser asks the reviewer whether
// to leave); the desktop shell holds the window close itself and waits for readyToClose, sent once
// the queue has drained (or after CLOSE_HOLD_MS, when the shell closes anyway).
import { CLOSE_HOLD_MS, type HostApi } from '../../src-main/shared/contract';
import { useReviewWrites, writesSettled } from './review-sync';

export interface LeavingPage {
  addEventListener(type: 'beforeunload', listener: (event: BeforeUnloadEvent) => void): void;
  removeEventListener(type: 'beforeunload', listener: (event: BeforeUnloadEvent) => void): void;
}

/** True while an edit shown on screen is not stored yet. */
export function editsUnstored(): boolean {
  return useReviewWrites.getState().queued > 0;
}

/**
 * Guards leaving the page: `desktop` answers the shell's close request once the queue has drained;
 * otherwise the page holds its unload with beforeunload while the queue is not empty. Returns the
 * function that removes the guard.
 */
export function guardLeaving(page: LeavingPage, host: Pick<HostApi, 'onCloseRequested' | 'readyToClose'>, desktop: boolean): () => void {
  if (desktop) {
    return host.onCloseRequested(() => {
      const waited = new Promise<void>((resolve) => setTimeout(resolve, CLOSE_HOLD_MS));
      void Promise.race([writesSettled(), waited]).then(() => host.readyToClose());
    });
  }
  const holdUnload = (event: BeforeUnloadEvent) => {
    if (!editsUnstored()) return;
    event.preventDefault();
    // Older browsers hold the unload only when returnValue is set.
    event.returnValue = '';
  };
  page.addEventListener('beforeunload', holdUnload);
  return () => page.removeEventListener('beforeunload', holdUnload);
}

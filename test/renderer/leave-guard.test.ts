// The page is not let go while an edit it shows is still being stored: web mode holds the unload
// (beforeunload) while the queue of review-sync holds one; the desktop shell's close request is
// answered (readyToClose) only once the queue has drained.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DossierStore } from '../../src-renderer/db/store';
import type { AuditEntry } from '../../src-renderer/db/types';
import { guardLeaving } from '../../src-renderer/state/leave-guard';
import { syncedWriter } from '../../src-renderer/state/review-sync';

/** A store whose write of an edit waits until released; the review read back afterwards is gone (nothing is shown). */
function heldStore() {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  const store = {
    recordReviewChanges: vi.fn(async () => {
      await held;
      return [{ seq: 2 } as AuditEntry];
    }),
    getDossier: vi.fn(async () => undefined),
  } as unknown as DossierStore;
  return { store, release };
}

function beforeUnload() {
  const event = new Event('beforeunload', { cancelable: true }) as BeforeUnloadEvent;
  window.dispatchEvent(event);
  return event;
}

let unguard: () => void = () => undefined;
afterEach(() => unguard());

describe('leaving the page while edits are being stored', () => {
  it('web mode: the unload is held while an edit is queued, and let go once it is stored', async () => {
    const host = { onCloseRequested: vi.fn(() => () => undefined), readyToClose: vi.fn() };
    unguard = guardLeaving(window, host, false);
    expect(beforeUnload().defaultPrevented).toBe(false);
    const { store, release } = heldStore();
    const written = syncedWriter(store).write('d1', { type: 'opinion', text: 'x' }, [{ action: 'review.opinion', target: 'review:local', after: 'x' }], 1);
    expect(beforeUnload().defaultPrevented).toBe(true);
    release();
    await written;
    expect(beforeUnload().defaultPrevented).toBe(false);
    expect(host.onCloseRequested).not.toHaveBeenCalled();
  });

  it('desktop: the shell is told it may close only once the queued edits are stored', async () => {
    let requestClose!: () => void;
    const host = { onCloseRequested: vi.fn((listener: () => void) => { requestClose = listener; return () => undefined; }), readyToClose: vi.fn(async () => ({ ok: true as const, value: null })) };
    unguard = guardLeaving(window, host, true);
    const { store, release } = heldStore();
    const written = syncedWriter(store).write('d1', { type: 'opinion', text: 'x' }, [{ action: 'review.opinion', target: 'review:local', after: 'x' }], 1);
    requestClose();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(host.readyToClose).not.toHaveBeenCalled();
    // The desktop page does not use beforeunload (Electron would cancel the close without a word).
    expect(beforeUnload().defaultPrevented).toBe(false);
    release();
    await written;
    await vi.waitFor(() => expect(host.readyToClose).toHaveBeenCalledTimes(1));
  });
});

// "Saved" means safe: an edit the store holds still shows as saving, and the page is still held, until
// the mirror outside IndexedDB holds it too (state/mirror.mirrored), since a browser that deletes the
// store after a kill brings back only what the mirror holds.
import { describe, expect, it, vi } from 'vitest';
import type { DossierStore } from '../../src-renderer/db/store';
import type { AuditEntry } from '../../src-renderer/db/types';

let releaseMirror!: () => void;
const mirrorHeld = new Promise<void>((resolve) => (releaseMirror = resolve));
const mirrored = vi.fn((_dossierId: string, _seq: number) => mirrorHeld);
vi.mock('../../src-renderer/state/mirror', () => ({ mirrored }));

const { syncedWriter, useReviewWrites, writesSettled } = await import('../../src-renderer/state/review-sync');

describe('the save state of an edit', () => {
  it('stays "saving" after the store holds the edit, until the mirror holds its last entry', async () => {
    const store = {
      recordReviewChanges: vi.fn(async () => [{ seq: 2 } as AuditEntry, { seq: 3 } as AuditEntry]),
      hasDossier: vi.fn(async () => false),
    } as unknown as DossierStore;
    const written = syncedWriter(store).write('d1', { type: 'opinion', text: 'x' }, [{ action: 'review.opinion', target: 'review:local', after: 'x' }], 1);
    expect(useReviewWrites.getState().queued).toBe(1);
    await written;
    await writesSettled();
    expect(store.recordReviewChanges).toHaveBeenCalledTimes(1);
    expect(mirrored).toHaveBeenCalledWith('d1', 3);
    expect(useReviewWrites.getState().queued).toBe(1);
    releaseMirror();
    await vi.waitFor(() => expect(useReviewWrites.getState().queued).toBe(0));
  });
});

// One writer per dossier across tabs and windows. The store is the only truth: every window watches
// the version of the open dossier's review (the seq of its audit chain's head, through a Dexie
// liveQuery, which Dexie carries between tabs and windows of the same origin) and loads the stored
// review as soon as another window stores a change. Each edit is written on the version its author
// saw; when the store has moved on since (another window's change the author had not seen), the edit
// is refused, the screen shows the stored review and a notice says what happened.
import { liveQuery, type Subscription } from 'dexie';
import { create } from 'zustand';
import { readStoredReview } from '../db/review-rows';
import { StaleEditError, type DossierStore } from '../db/store';
import { translate } from '../i18n';
import { useDrafts } from './drafts';
import { checkIntegrity } from './integrity';
import { mirrored } from './mirror';
import { REVIEWER_ID, actorName } from './store';
import { useUi } from './ui';
import { EditRefusedError, reviewVersion, useWorkspace, type ReviewWriter } from './workspace';

/** The seqs of the entries this window wrote, per dossier: a version made by our own edits is not another window's. */
const ownEntries = new Map<string, Set<number>>();
let queue: Promise<unknown> = Promise.resolve();
let pendingWrites = 0;

/** Of this window's stored edits, how many the mirror outside the store does not hold yet. */
let awaitingMirror = 0;

/**
 * How many of this window's edits are not safe yet (the screen shows them; the store is still writing
 * them, or the mirror outside it, which brings them back if the browser deletes the store, does not
 * hold them yet): the top bar says "saving" until none is left, and the page is not let go meanwhile
 * (state/leave-guard.ts).
 */
export const useReviewWrites = create<{ queued: number }>()(() => ({ queued: 0 }));

function countWrite(delta: 1 | -1): void {
  pendingWrites += delta;
  useReviewWrites.setState({ queued: pendingWrites + awaitingMirror });
}

/** Counts a stored edit as not safe until the mirror holds its last entry (state/mirror: at most MIRROR_WAIT_MS). */
function awaitMirror(dossierId: string, seq: number): void {
  awaitingMirror++;
  useReviewWrites.setState({ queued: pendingWrites + awaitingMirror });
  void mirrored(dossierId, seq).finally(() => {
    awaitingMirror--;
    useReviewWrites.setState({ queued: pendingWrites + awaitingMirror });
  });
}

/** Resolves once every edit of this window queued so far is stored (or refused). */
export function writesSettled(): Promise<void> {
  return queue.then(() => undefined);
}

/** Runs store work of this window one piece at a time, in order (writes and reloads never interleave). */
function serially<T>(work: () => Promise<T>): Promise<T> {
  const run = queue.then(work);
  queue = run.catch(() => undefined);
  return run;
}

function own(dossierId: string): Set<number> {
  let entries = ownEntries.get(dossierId);
  if (!entries) ownEntries.set(dossierId, (entries = new Set()));
  return entries;
}

/**
 * The version an edit of this window is checked against: the one its author saw, moved past the
 * entries this window itself wrote since (edits typed in quick succession are not stale to each other).
 */
export function effectiveBase(dossierId: string, basedOn: number): number {
  const entries = own(dossierId);
  let base = basedOn;
  while (entries.has(base + 1)) base++;
  return base;
}

/**
 * Loads the stored review into the workspace when the dossier is still the open one; gives its version.
 * `keepQueuedEdits`: when an edit of this window was made while the review was being read, the screen
 * already shows it (applied at once, its write queued) and keeps it: the stored review, older than that
 * edit, is not shown over it (the last queued write shows the stored review when it is done).
 */
async function showStoredReview(store: DossierStore, dossierId: string, { keepQueuedEdits }: { keepQueuedEdits: boolean }): Promise<number | null> {
  // Only the open dossier is shown; its program is on screen, so its row (a 10,000-row manifest) is not read whole after every edit.
  const open = useWorkspace.getState().open;
  if (open?.id !== dossierId) return null;
  if (!(await store.hasDossier(dossierId))) return null;
  // Of the invoice and finding rows, those the log touched (a cut on a 10,000-row dossier read every invoice row back).
  const review = await readStoredReview(store, { id: dossierId, program: open.review.program }, REVIEWER_ID, { loggedRowsOnly: true });
  const state = useWorkspace.getState();
  if (state.open?.id !== dossierId || (keepQueuedEdits && pendingWrites > 0)) return null;
  state.apply(review);
  return reviewVersion(review);
}

function notify(tone: 'info' | 'error', key: 'edit.stale' | 'edit.reloaded', params: Record<string, string | number>): string {
  useUi.getState().setNotice({ tone, code: key, params });
  return translate(useUi.getState().language, key, params);
}

/**
 * Writes each edit to the store, with its audit entry, on the version its author saw; a stale edit
 * is refused (EditRefusedError, after the stored review is shown and a notice given).
 */
export function syncedWriter(store: DossierStore): ReviewWriter {
  return {
    reviewerId: REVIEWER_ID,
    write(dossierId, _edit, changes, basedOn) {
      countWrite(1);
      return serially(async () => {
        try {
          const entries = await store.recordReviewChanges(dossierId, REVIEWER_ID, changes, actorName(), { basedOn: effectiveBase(dossierId, basedOn) });
          for (const entry of entries) own(dossierId).add(entry.seq);
          const last = entries.at(-1);
          if (last) awaitMirror(dossierId, last.seq);
        } catch (error) {
          if (!(error instanceof StaleEditError)) throw error;
          const version = await showStoredReview(store, dossierId, { keepQueuedEdits: false });
          useDrafts.getState().rebase(dossierId, version ?? error.stored);
          throw new EditRefusedError(notify('error', 'edit.stale', { stored: error.stored, basedOn: error.basedOn }));
        } finally {
          countWrite(-1);
        }
        // What is on screen is what is stored; with more of this window's edits queued, the last one shows it.
        if (pendingWrites === 0) await showStoredReview(store, dossierId, { keepQueuedEdits: true });
        void checkIntegrity(store, dossierId);
      });
    },
  };
}

let watching: { dossierId: string; subscription: Subscription } | null = null;

/**
 * Watches the open dossier's review version in the store. A version this window has not shown and
 * did not write itself is another window's change: the stored review is shown at once, with a notice.
 */
export function watchReview(store: DossierStore, dossierId: string): void {
  if (watching?.dossierId === dossierId) return;
  stopWatchingReview();
  const subscription = liveQuery(() => store.reviewVersion(dossierId)).subscribe({
    next: (version) => {
      void serially(async () => {
        const shown = reviewVersion(useWorkspace.getState().open?.review);
        if (useWorkspace.getState().open?.id !== dossierId || version === shown || pendingWrites > 0) return;
        const loaded = await showStoredReview(store, dossierId, { keepQueuedEdits: true });
        if (loaded !== null && !own(dossierId).has(loaded)) notify('info', 'edit.reloaded', { seq: loaded });
        void checkIntegrity(store, dossierId);
      });
    },
    error: (error: unknown) => useWorkspace.getState().setError(error instanceof Error ? error.message : String(error)),
  });
  watching = { dossierId, subscription };
}

export function stopWatchingReview(): void {
  watching?.subscription.unsubscribe();
  watching = null;
}

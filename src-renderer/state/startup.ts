// The start of the app: the UI state kept from the last session, the store of record and the dossier
// list. Every step settles within its time; the app then starts whatever happened, and says what did
// not come back: a store the browser deleted (state the reviewer must know), a store or list that
// could not be read, UI state that could not be restored (the app starts on its first screen).
//
// The mirror outside IndexedDB is read and checked before anything is shown only when the store lacks
// some of it (a restore, which must check what it puts back): when the store holds the mirror whole,
// checking it (seconds for a 10,000-row dossier) waits until the dossier is on screen, and a mirror
// refused then is told then.
import type { RefusedMirror, RestoreOutcome } from '../db/audit-mirror';
import type { DossierStore } from '../db/store';
import { refreshDossiers } from './dossier-list';
import { appImportNote, type ImportInProgress } from './interrupted-import';
import { checkHeldMirrors, restoreAndMirror } from './mirror';
import { getStore } from './store';
import { uiRestored, useUi, type Notice, type UiRestoreOutcome } from './ui';
import { useWorkspace } from './workspace';

/** How long the app waits for the store and the dossier list before it starts without them. */
export const STORE_STEP_TIMEOUT_MS = 30_000;

export interface StartupSteps {
  uiRestored(): Promise<UiRestoreOutcome>;
  openStore(): Promise<DossierStore>;
  refreshDossiers(): Promise<void>;
  /** The import a crash interrupted (state/interrupted-import), given the store to look for a dossier imported since. */
  interruptedImport(store: DossierStore): Promise<ImportInProgress | null>;
  /**
   * Puts back from the mirror outside IndexedDB what the store lost, then keeps the mirror (state/mirror).
   * The mirrors the store holds whole may be left unchecked (outcome.held), for checkHeldMirrors.
   */
  restoreFromMirror(store: DossierStore): Promise<RestoreOutcome>;
  /** Checks the mirrors the restore left for later, sets aside those that fail (then keeps the mirror); gives those refused. */
  checkHeldMirrors(store: DossierStore, held: readonly string[]): Promise<RefusedMirror[]>;
  /** Resolves once the dossier to open is on screen (or there is none): what waits for it then runs. */
  dossierShown(): Promise<void>;
  /** Tells a notice found after the start (a mirror refused by the check that waited). */
  tellLater(notice: Notice): void;
}

/** How long the check of the mirror waits at most for the dossier to be shown. */
const SHOWN_WAIT_MS = 20_000;

/** Once the active dossier (if any) is in the workspace, and the browser has painted and is idle. */
function activeDossierShown(): Promise<void> {
  return new Promise<void>((resolve) => {
    let unsubscribe = (): void => undefined;
    let done = false;
    const settle = (): void => {
      if (done) return;
      done = true;
      unsubscribe();
      clearTimeout(cap);
      const afterPaint = (): void => {
        if (typeof requestIdleCallback === 'function') requestIdleCallback(() => resolve(), { timeout: 2_000 });
        else setTimeout(resolve, 0);
      };
      if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => setTimeout(afterPaint, 0));
      else afterPaint();
    };
    const cap = setTimeout(settle, SHOWN_WAIT_MS);
    const check = (): void => {
      const active = useUi.getState().activeDossierId;
      if (!active || useWorkspace.getState().open?.id === active) settle();
    };
    const stopUi = useUi.subscribe(check);
    const stopWorkspace = useWorkspace.subscribe(check);
    unsubscribe = () => {
      stopUi();
      stopWorkspace();
    };
    check();
  });
}

const APP_STEPS: StartupSteps = {
  uiRestored: () => uiRestored(),
  openStore: getStore,
  // The verdicts the list must compute again wait until the dossier to open is on screen.
  refreshDossiers: () => refreshDossiers({ staleAfter: activeDossierShown() }),
  interruptedImport: (store) => appImportNote().takeInterrupted(async (startedAt) => {
    const since = Date.parse(startedAt);
    return (await store.listDossiers()).some((dossier) => Date.parse(dossier.importedAt) >= since);
  }),
  // The originals are copied out once the dossier to open is shown: their reads would come before its own.
  restoreFromMirror: (store) => restoreAndMirror(store, { checkHeldLater: true, originalsAfter: activeDossierShown() }),
  checkHeldMirrors,
  dossierShown: activeDossierShown,
  tellLater: (notice) => useUi.getState().setNotice(notice),
};

type Settled<T> = { ok: true; value: T } | { ok: false; reason: string };

function settleWithin<T>(work: Promise<T>, timeoutMs: number): Promise<Settled<T>> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<Settled<T>>((resolve) => {
    timer = setTimeout(() => resolve({ ok: false, reason: `no answer within ${Math.round(timeoutMs / 1000)} s` }), timeoutMs);
  });
  const settled = work.then(
    (value): Settled<T> => ({ ok: true, value }),
    (error: unknown): Settled<T> => ({ ok: false, reason: error instanceof Error ? error.message : String(error) }),
  );
  return Promise.race([settled, timedOut]).finally(() => clearTimeout(timer));
}

/** The restore's outcome, checked: a step that answers nothing, or not an outcome, has failed. */
async function restoreOutcome(work: Promise<RestoreOutcome>): Promise<RestoreOutcome> {
  const outcome = (await work) as RestoreOutcome | null | undefined;
  if (!outcome || !Array.isArray(outcome.restored) || !Array.isArray(outcome.refused)) throw new Error('the restore gave no outcome');
  return outcome;
}

/** When an interrupted import began, as the reviewer's clock reads it: YYYY-MM-DD HH:MM. */
function formatStartedAt(iso: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  const two = (value: number) => String(value).padStart(2, '0');
  return `${at.getFullYear()}-${two(at.getMonth() + 1)}-${two(at.getDate())} ${two(at.getHours())}:${two(at.getMinutes())}`;
}

let appStart: Promise<Notice | null> | null = null;
let laterCheck: Promise<void> = Promise.resolve();

/** Resolves once the check of the mirrors left for after the start is done (and told). */
export function mirrorsCheckedAfterStart(): Promise<void> {
  return laterCheck;
}

/** The check the start left for after the dossier is shown: a mirror refused then is told as at the start. */
function checkLater(steps: StartupSteps, store: DossierStore, held: readonly string[], storeTimeoutMs: number): Promise<void> {
  return steps.dossierShown()
    .then(() => settleWithin(steps.checkHeldMirrors(store, held), storeTimeoutMs))
    .then((checked) => {
      if (!checked.ok) steps.tellLater({ tone: 'error', code: 'startup.restoreFailed', params: { reason: checked.reason } });
      else if (checked.value[0]) steps.tellLater(refusedNotice(checked.value[0]));
    });
}

function refusedNotice(refused: RefusedMirror): Notice {
  return { tone: 'error', code: 'startup.mirrorRefused', params: { file: refused.file, reason: refused.reason } };
}

/**
 * The app's start-up, run once for this document: a second call (an effect run again, a root mounted
 * again) gets the outcome of the first instead of starting a second restore that races it.
 */
export function startUpOnce(): Promise<Notice | null> {
  appStart ??= startUp();
  return appStart;
}

/**
 * Runs the start-up steps; resolves (never rejects, never waits for ever) with the notice to show, or
 * null when everything came back. The most serious outcome is the one told.
 */
export async function startUp(steps: StartupSteps = APP_STEPS, storeTimeoutMs = STORE_STEP_TIMEOUT_MS): Promise<Notice | null> {
  // The dossier list is read while the mirror is looked at: neither waits for the other.
  const listed = settleWithin(steps.refreshDossiers(), storeTimeoutMs);
  const [ui, store] = await Promise.all([steps.uiRestored(), settleWithin(steps.openStore(), storeTimeoutMs)]);
  const restore = store.ok ? await settleWithin(restoreOutcome(steps.restoreFromMirror(store.value)), storeTimeoutMs) : null;
  const list = await listed;
  // A restore that failed is told by its reason, never as a store with nothing mirrored: the mirror
  // may hold the reviewer's work, kept as it is for the next start.
  if (restore && !restore.ok) return { tone: 'error', code: 'startup.restoreFailed', params: { reason: restore.reason } };
  const held = restore?.value.held ?? [];
  if (store.ok && held.length > 0) laterCheck = checkLater(steps, store.value, held, storeTimeoutMs);
  const refused = restore?.value.refused[0];
  if (refused) return refusedNotice(refused);
  const restored = restore?.value.restored ?? [];
  if (restored.length > 0) {
    await settleWithin(steps.refreshDossiers(), storeTimeoutMs);
    const missing = restored.flatMap((dossier) => dossier.missingFiles);
    const params = { count: restored.length, first: restored[0]!.applicant, entries: restored.reduce((sum, dossier) => sum + dossier.entries, 0) };
    if (missing.length === 0) return { tone: 'info', code: 'startup.restored', params };
    return { tone: 'error', code: 'startup.restoredFilesMissing', params: { ...params, missing: missing.length, firstMissing: missing[0]! } };
  }
  if (store.ok && store.value.lostStore) {
    // An import interrupted with it is part of what was lost (the notice says to import again); its
    // note outlives the store in the side store, and is taken now so that it is not told at the next start.
    await settleWithin(steps.interruptedImport(store.value), storeTimeoutMs);
    return { tone: 'error', code: 'startup.storeLost', params: { since: store.value.lostStore.previousCreatedAt.slice(0, 16).replace('T', ' ') } };
  }
  if (!store.ok) return { tone: 'error', code: 'startup.storeFailed', params: { reason: store.reason } };
  if (!list.ok) return { tone: 'error', code: 'startup.listFailed', params: { reason: list.reason } };
  const interrupted = await settleWithin(steps.interruptedImport(store.value), storeTimeoutMs);
  if (interrupted.ok && interrupted.value) {
    const { files, first, startedAt } = interrupted.value;
    return { tone: 'error', code: 'startup.importInterrupted', params: { count: files, first, since: formatStartedAt(startedAt) } };
  }
  if (!ui.restored) return { tone: 'info', code: 'startup.uiNotRestored', params: { reason: ui.reason } };
  return null;
}

// The start of the app: the UI state kept from the last session, the store of record and the dossier
// list. Every step settles within its time; the app then starts whatever happened, and says what did
// not come back: a store the browser deleted (state the reviewer must know), a store or list that
// could not be read, UI state that could not be restored (the app starts on its first screen).
import type { RestoreOutcome } from '../db/audit-mirror';
import type { DossierStore } from '../db/store';
import { refreshDossiers } from './dossier-list';
import { appImportNote, type ImportInProgress } from './interrupted-import';
import { restoreAndMirror } from './mirror';
import { getStore } from './store';
import { uiRestored, type Notice, type UiRestoreOutcome } from './ui';

/** How long the app waits for the store and the dossier list before it starts without them. */
export const STORE_STEP_TIMEOUT_MS = 30_000;

export interface StartupSteps {
  uiRestored(): Promise<UiRestoreOutcome>;
  openStore(): Promise<DossierStore>;
  refreshDossiers(): Promise<void>;
  /** The import a crash interrupted (state/interrupted-import), given the store to look for a dossier imported since. */
  interruptedImport(store: DossierStore): Promise<ImportInProgress | null>;
  /** Puts back from the mirror outside IndexedDB what the store lost, then keeps the mirror (state/mirror). */
  restoreFromMirror(store: DossierStore): Promise<RestoreOutcome>;
}

const APP_STEPS: StartupSteps = {
  uiRestored: () => uiRestored(),
  openStore: getStore,
  refreshDossiers,
  interruptedImport: (store) => appImportNote().takeInterrupted(async (startedAt) => {
    const since = Date.parse(startedAt);
    return (await store.listDossiers()).some((dossier) => Date.parse(dossier.importedAt) >= since);
  }),
  restoreFromMirror: restoreAndMirror,
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
  const [ui, store, list] = await Promise.all([
    steps.uiRestored(),
    settleWithin(steps.openStore(), storeTimeoutMs),
    settleWithin(steps.refreshDossiers(), storeTimeoutMs),
  ]);
  const restore = store.ok ? await settleWithin(restoreOutcome(steps.restoreFromMirror(store.value)), storeTimeoutMs) : null;
  // A restore that failed is told by its reason, never as a store with nothing mirrored: the mirror
  // may hold the reviewer's work, kept as it is for the next start.
  if (restore && !restore.ok) return { tone: 'error', code: 'startup.restoreFailed', params: { reason: restore.reason } };
  const refused = restore?.value.refused[0];
  if (refused) return { tone: 'error', code: 'startup.mirrorRefused', params: { file: refused.file, reason: refused.reason } };
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

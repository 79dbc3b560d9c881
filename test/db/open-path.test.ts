// The open path of a dossier (#15: a 10,000-row dossier reopens in under 3 s): what loadDossier puts on
// the first screen is read first; the whole integrity check (the dossier's documents, claims and log read
// again in one transaction, its id recomputed) starts only once that screen is painted and the window idle.
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import type { IntegrityCheckOptions } from '../../src-renderer/db/store';
import { stopWatchingReview } from '../../src-renderer/state/review-sync';
import { loadDossier } from '../../src-renderer/state/session';
import { getStore } from '../../src-renderer/state/store';
import { useWorkspace } from '../../src-renderer/state/workspace';
import { useIntegrity } from '../../src-renderer/state/integrity';
import { importSampleDossier, sampleManifest } from './app/sample';

vi.mock('../../src-renderer/state/profiles', () => import('./app/profiles-on-disk'));
vi.mock('../../src-renderer/platform/extract-client', () => import('./app/no-extraction-worker'));

afterAll(() => stopWatchingReview());

/** The window's frame and idle callbacks, run when the test says the window painted or idled. */
function fakeWindow() {
  const frames: FrameRequestCallback[] = [];
  const idle: IdleRequestCallback[] = [];
  vi.stubGlobal('requestAnimationFrame', (callback: FrameRequestCallback) => frames.push(callback));
  vi.stubGlobal('requestIdleCallback', (callback: IdleRequestCallback) => idle.push(callback));
  return {
    paint: () => frames.splice(0).forEach((callback) => callback(performance.now())),
    idle: () => idle.splice(0).forEach((callback) => callback({ didTimeout: false, timeRemaining: () => 50 })),
  };
}

const macrotask = () => new Promise((resolve) => setTimeout(resolve, 5));

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('opening a dossier', () => {
  it('shows the dossier, then checks it whole once the window has painted it and is idle', async () => {
    const id = (await importSampleDossier({ claims: sampleManifest.claims.slice(0, 2) })).row.id;
    const store = await getStore();
    const checks = vi.spyOn(store, 'checkIntegrity');
    const whole = () => checks.mock.calls.filter(([, , options]) => (options as IntegrityCheckOptions | undefined)?.manifest !== false);
    const window = fakeWindow();

    await loadDossier(id);
    expect(useWorkspace.getState().open?.id).toBe(id);
    for (let turn = 0; turn < 5; turn++) await macrotask();
    expect(whole()).toEqual([]);
    expect(useIntegrity.getState()).toMatchObject({ dossierId: id, status: 'checking' });

    window.paint();
    await macrotask();
    expect(whole()).toEqual([]);
    window.idle();
    await vi.waitFor(() => expect(whole().map(([dossierId]) => dossierId)).toEqual([id]));
    await vi.waitFor(() => expect(useIntegrity.getState()).toMatchObject({ dossierId: id, status: 'ok' }));
  });
});

// The start after a crash (#20): every start-up step settles, and a store the browser deleted (Chromium
// deletes an origin's IndexedDB it finds corrupt, as it did after SIGKILLs in scripts/crash-probe.mjs)
// is told, not shown as an empty first start.
import Dexie from 'dexie';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DossierStore } from '../../src-renderer/db';
import { checkStoreContinuity, type StoreNoteKeeper } from '../../src-renderer/db/store-continuity';
import { AuditMirror, checkMirrors, mirrorStateName, restoreFromMirrors, type RestoreOutcome } from '../../src-renderer/db/audit-mirror';
import { memorySideStore } from '../fixtures/memory-side-store';
import { smallDossier } from './small-dossier';
import { mirrorsCheckedAfterStart, startUp, type StartupSteps } from '../../src-renderer/state/startup';
import { testHasher } from '../core/import/hasher';

let counter = 0;
let clockNow = '2026-12-01T09:00:00+08:00';
const clock = { now: () => clockNow };

function memoryNote(initial: string | null = null): StoreNoteKeeper & { value: string | null } {
  const note = { value: initial, read: async () => note.value, write: async (value: string) => { note.value = value; } };
  return note;
}

const opened: DossierStore[] = [];
function openStore(name: string, continuity?: StoreNoteKeeper): Promise<DossierStore> {
  const store = new DossierStore({ hasher: testHasher, clock, name, storage: {}, ...(continuity ? { continuity } : {}) });
  opened.push(store);
  return store.open();
}

afterEach(() => {
  for (const store of opened.splice(0)) store.close();
  vi.useRealTimers();
  vi.doUnmock('../../src-renderer/state/ui-persistence');
  vi.resetModules();
});

describe('a store of record the browser deleted', () => {
  it('is noticed when the database is created anew while the note outside IndexedDB says there was one', async () => {
    const name = `continuity-${counter++}`;
    const note = memoryNote();
    expect((await openStore(name, note)).lostStore).toBeNull();
    expect(note.value).toBe('2026-12-01T09:00:00+08:00');
    opened.pop()!.close();
    clockNow = '2026-12-02T10:00:00+08:00';
    expect((await openStore(name, note)).lostStore).toBeNull();
    expect(note.value).toBe('2026-12-01T09:00:00+08:00');
    opened.pop()!.close();
    await Dexie.delete(name);
    clockNow = '2026-12-03T11:00:00+08:00';
    expect((await openStore(name, note)).lostStore).toEqual({ previousCreatedAt: '2026-12-01T09:00:00+08:00' });
    // The lost store is told once: the note now speaks of the new store.
    expect(note.value).toBe('2026-12-03T11:00:00+08:00');
    opened.pop()!.close();
    expect((await openStore(name, note)).lostStore).toBeNull();
  });

  it('takes an existing store without a note (an install from before the note) as the first, and writes the note', async () => {
    const name = `continuity-${counter++}`;
    (await openStore(name)).close();
    const note = memoryNote();
    expect((await openStore(name, note)).lostStore).toBeNull();
    expect(note.value).not.toBeNull();
  });

  it('answers nothing, and opens, where the note cannot be kept', async () => {
    const broken: StoreNoteKeeper = { read: () => Promise.reject(new Error('storage disabled')), write: async () => undefined };
    expect(await checkStoreContinuity(true, broken, '2026-12-01T09:00:00+08:00')).toBeNull();
    expect(await checkStoreContinuity(true, undefined, '2026-12-01T09:00:00+08:00')).toBeNull();
  });
});

function steps(overrides: Partial<StartupSteps> = {}): StartupSteps {
  return {
    uiRestored: () => Promise.resolve({ restored: true }),
    openStore: () => Promise.resolve({ lostStore: null } as DossierStore),
    refreshDossiers: () => Promise.resolve(),
    interruptedImport: () => Promise.resolve(null),
    restoreFromMirror: () => Promise.resolve({ restored: [], refused: [] }),
    checkHeldMirrors: () => Promise.resolve([]),
    dossierShown: () => Promise.resolve(),
    tellLater: () => undefined,
    ...overrides,
  };
}

describe('the start of the app', () => {
  it('starts without a notice when everything came back', async () => {
    await expect(startUp(steps())).resolves.toBeNull();
  });

  it('tells a store the browser deleted before anything else, and takes the note of an import interrupted with it', async () => {
    let taken = 0;
    const notice = await startUp(steps({
      uiRestored: () => Promise.resolve({ restored: false, reason: 'x' }),
      openStore: () => Promise.resolve({ lostStore: { previousCreatedAt: '2026-12-01T09:00:00+08:00' } } as DossierStore),
      interruptedImport: () => {
        taken++;
        return Promise.resolve({ startedAt: '2026-12-05T08:00:00.000Z', beatAt: 0, files: 1, first: 'dossier.zip' });
      },
    }));
    expect(notice).toEqual({ tone: 'error', code: 'startup.storeLost', params: { since: '2026-12-01 09:00' } });
    expect(taken).toBe(1);
  });

  it('tells what the mirror brought back in place of the lost store, and the files to import again', async () => {
    const lostStore = () => Promise.resolve({ lostStore: { previousCreatedAt: '2026-12-01T09:00:00+08:00' } } as DossierStore);
    let refreshed = 0;
    const restored = { dossierId: 'a'.repeat(64), applicant: '甲公司', entries: 7, missingFiles: [] as string[] };
    await expect(startUp(steps({ openStore: lostStore, restoreFromMirror: () => Promise.resolve({ restored: [restored], refused: [] }), refreshDossiers: async () => { refreshed++; } })))
      .resolves.toEqual({ tone: 'info', code: 'startup.restored', params: { count: 1, first: '甲公司', entries: 7 } });
    expect(refreshed).toBe(2);
    await expect(startUp(steps({ openStore: lostStore, restoreFromMirror: () => Promise.resolve({ restored: [{ ...restored, missingFiles: ['发票/1.pdf', '合同.pdf'] }], refused: [] }) })))
      .resolves.toEqual({ tone: 'error', code: 'startup.restoredFilesMissing', params: { count: 1, first: '甲公司', entries: 7, missing: 2, firstMissing: '发票/1.pdf' } });
    await expect(startUp(steps({ restoreFromMirror: () => Promise.resolve({ restored: [], refused: [{ dossierId: 'a'.repeat(64), file: 'mirror-x.state.json', reason: 'cut C01 differs' }] }) })))
      .resolves.toEqual({ tone: 'error', code: 'startup.mirrorRefused', params: { file: 'mirror-x.state.json', reason: 'cut C01 differs' } });
    // Nothing mirrored: the lost store is told as before.
    await expect(startUp(steps({ openStore: lostStore }))).resolves.toMatchObject({ code: 'startup.storeLost' });
  });

  it('tells a failed restore by its reason, never as a lost store with nothing mirrored', async () => {
    const lostStore = () => Promise.resolve({ lostStore: { previousCreatedAt: '2026-12-01T09:00:00+08:00' } } as DossierStore);
    await expect(startUp(steps({ openStore: lostStore, restoreFromMirror: () => Promise.reject(new Error('side-files/mirror-a.log.jsonl: NotReadableError')) })))
      .resolves.toEqual({ tone: 'error', code: 'startup.restoreFailed', params: { reason: 'side-files/mirror-a.log.jsonl: NotReadableError' } });
    await expect(startUp(steps({ openStore: lostStore, restoreFromMirror: () => Promise.resolve(undefined as unknown as RestoreOutcome) })))
      .resolves.toEqual({ tone: 'error', code: 'startup.restoreFailed', params: { reason: 'the restore gave no outcome' } });
    await expect(startUp(steps({ openStore: lostStore, restoreFromMirror: () => new Promise<never>(() => undefined) }), 50))
      .resolves.toEqual({ tone: 'error', code: 'startup.restoreFailed', params: { reason: 'no answer within 0 s' } });
    // On a store that was not lost, a failed restore is told too: the mirror may be ahead of the store.
    await expect(startUp(steps({ restoreFromMirror: () => Promise.reject(new Error('quota')) })))
      .resolves.toMatchObject({ code: 'startup.restoreFailed' });
  });

  it('tells a second start on a store the first one restored as restored, never as a store lost (the store-restore flake)', async () => {
    // The mirror of a dossier with a confirmed cut, written by the store the browser then deleted.
    const files = memorySideStore();
    const note = memoryNote();
    const name = `restore-twice-${counter++}`;
    const before = await openStore(name, note);
    const mirror = new AuditMirror(before, files, testHasher, { delayMs: 5 });
    mirror.follow();
    const report = await smallDossier();
    await before.saveImport(report, '审查员');
    await before.setCut(report.dossierId, 'local', 'C01', { claimId: 'C01', amount: '1000.00', reason: 'amount-mismatch', note: '' }, '审查员');
    await mirror.flush();
    opened.pop()!.close();
    await Dexie.delete(name);
    const lost = await openStore(name, note);
    expect(lost.lostStore).not.toBeNull();
    const restoring = steps({ openStore: () => Promise.resolve(lost), restoreFromMirror: (store) => restoreFromMirrors(store, files, testHasher, async () => null) });
    const first = await startUp(restoring);
    expect(first).toMatchObject({ code: 'startup.restoredFilesMissing', params: { count: 1, first: '甲公司', entries: 2 } });
    // A second start in the same window (or another window starting at the same time) finds the review put back.
    expect(await startUp(restoring)).toEqual(first);
    expect((await lost.cuts(report.dossierId)).map((cut) => cut.cut.amount)).toEqual(['1000.00']);
  });

  it('shows the dossier before checking a mirror the store holds whole, and tells a tampered one once it is shown', async () => {
    const files = memorySideStore();
    const store = await openStore(`held-${counter++}`);
    const mirror = new AuditMirror(store, files, testHasher, { delayMs: 5 });
    const stopFollowing = mirror.follow();
    const report = await smallDossier();
    await store.saveImport(report, '审查员');
    await store.setCut(report.dossierId, 'local', 'C01', { claimId: 'C01', amount: '1000.00', reason: 'amount-mismatch', note: '' }, '审查员');
    await mirror.flush();
    stopFollowing();
    const state = JSON.parse(files.files.get(mirrorStateName(report.dossierId))!) as { rows: { cuts: { cut: { amount: string } }[] } };
    state.rows.cuts[0]!.cut.amount = '5.00';
    files.files.set(mirrorStateName(report.dossierId), JSON.stringify(state));
    let shown!: () => void;
    const told: unknown[] = [];
    const checked: string[][] = [];
    const notice = await startUp(steps({
      openStore: () => Promise.resolve(store),
      restoreFromMirror: (opened) => restoreFromMirrors(opened, files, testHasher, async () => null, { checkHeldLater: true }),
      checkHeldMirrors: (_opened, held) => {
        checked.push([...held]);
        return checkMirrors(files, testHasher, held, async () => null);
      },
      dossierShown: () => new Promise<void>((resolve) => { shown = resolve; }),
      tellLater: (later) => told.push(later),
    }));
    // The start answers (and the dossier is shown) before the mirror is read and checked.
    expect(notice).toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(checked).toEqual([]);
    expect(files.files.has(mirrorStateName(report.dossierId))).toBe(true);
    shown();
    await mirrorsCheckedAfterStart();
    expect(checked).toEqual([[report.dossierId]]);
    expect(told).toEqual([{ tone: 'error', code: 'startup.mirrorRefused', params: { file: mirrorStateName(report.dossierId), reason: expect.stringMatching(/cut C01/) as unknown } }]);
    expect(files.files.has(`refused-${mirrorStateName(report.dossierId)}`)).toBe(true);
  });

  it('tells a later check that fails by its reason', async () => {
    const told: unknown[] = [];
    await startUp(steps({
      restoreFromMirror: () => Promise.resolve({ restored: [], refused: [], held: ['a'.repeat(64)] }),
      checkHeldMirrors: () => Promise.reject(new Error('side-files: NotReadableError')),
      tellLater: (later) => told.push(later),
    }));
    await mirrorsCheckedAfterStart();
    expect(told).toEqual([{ tone: 'error', code: 'startup.restoreFailed', params: { reason: 'side-files: NotReadableError' } }]);
  });

  it('does not wait for the dossier list to look at the mirror', async () => {
    let listDone!: () => void;
    let restoredWhileListing = false;
    let listing = true;
    const started = startUp(steps({
      refreshDossiers: () => new Promise<void>((resolve) => { listDone = () => { listing = false; resolve(); }; }),
      restoreFromMirror: () => {
        restoredWhileListing = listing;
        return Promise.resolve({ restored: [], refused: [] });
      },
    }));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(restoredWhileListing).toBe(true);
    listDone();
    await expect(started).resolves.toBeNull();
  });

  it('settles, with a notice, when the store never answers or the list fails', async () => {
    const never = new Promise<never>(() => undefined);
    await expect(startUp(steps({ openStore: () => never, refreshDossiers: () => never }), 50))
      .resolves.toEqual({ tone: 'error', code: 'startup.storeFailed', params: { reason: 'no answer within 0 s' } });
    await expect(startUp(steps({ refreshDossiers: () => Promise.reject(new Error('UnknownError: Internal error')) })))
      .resolves.toEqual({ tone: 'error', code: 'startup.listFailed', params: { reason: 'UnknownError: Internal error' } });
  });

  it('tells an import a crash interrupted, naming how many files, the first and when it began', async () => {
    const startedAt = new Date(2026, 11, 4, 16, 5).toISOString();
    await expect(startUp(steps({ interruptedImport: () => Promise.resolve({ startedAt, beatAt: 0, files: 12, first: '申报书.pdf' }) })))
      .resolves.toEqual({ tone: 'error', code: 'startup.importInterrupted', params: { count: 12, first: '申报书.pdf', since: '2026-12-04 16:05' } });
  });

  it('starts on the first screen with a notice when the UI state could not be restored', async () => {
    await expect(startUp(steps({ uiRestored: () => Promise.resolve({ restored: false, reason: 'IndexedDB blocked' }) })))
      .resolves.toEqual({ tone: 'info', code: 'startup.uiNotRestored', params: { reason: 'IndexedDB blocked' } });
  });
});

describe('the UI state read back at start', () => {
  it('settles when reading it fails (zustand then never calls its finish-hydration listeners)', async () => {
    vi.doMock('../../src-renderer/state/ui-persistence', () => ({
      uiStateStorage: { getItem: () => Promise.reject(new Error('IndexedDB dossier-desk-ui is blocked by another connection')), setItem: () => undefined, removeItem: () => undefined },
    }));
    const { uiRestored, useUi } = await import('../../src-renderer/state/ui');
    await expect(uiRestored()).resolves.toEqual({ restored: false, reason: 'IndexedDB dossier-desk-ui is blocked by another connection' });
    expect(useUi.persist.hasHydrated()).toBe(false);
  });

  it('settles when reading it never answers', async () => {
    vi.doMock('../../src-renderer/state/ui-persistence', () => ({
      uiStateStorage: { getItem: () => new Promise(() => undefined), setItem: () => undefined, removeItem: () => undefined },
    }));
    const { uiRestored } = await import('../../src-renderer/state/ui');
    await expect(uiRestored(30)).resolves.toEqual({ restored: false, reason: 'not read within 0 s' });
  });

  it('is restored when the kept state is read', async () => {
    vi.doMock('../../src-renderer/state/ui-persistence', () => ({
      uiStateStorage: { getItem: () => Promise.resolve('{"state":{"activeTab":"checks"},"version":0}'), setItem: () => undefined, removeItem: () => undefined },
    }));
    const { uiRestored, useUi } = await import('../../src-renderer/state/ui');
    await expect(uiRestored()).resolves.toEqual({ restored: true });
    expect(useUi.getState().activeTab).toBe('checks');
  });

  it('writes the state read back once: a change written before it came back (with the state of before) is superseded', async () => {
    const written: string[] = [];
    vi.doMock('../../src-renderer/state/ui-persistence', () => ({
      uiStateStorage: {
        getItem: () => Promise.resolve('{"state":{"activeTab":"checks","language":"en","currentPage":1},"version":0}'),
        setItem: (_name: string, value: string) => { written.push(value); },
        removeItem: () => undefined,
      },
    }));
    const { uiRestored } = await import('../../src-renderer/state/ui');
    await expect(uiRestored()).resolves.toEqual({ restored: true });
    expect((JSON.parse(written.at(-1) ?? '{}') as { state?: unknown }).state).toMatchObject({ activeTab: 'checks', language: 'en' });
  });
});

// An import a crash interrupted is told at the next start (state/interrupted-import): the note kept
// outside IndexedDB while an import runs, refreshed by its heartbeat and taken out at its end; a note
// nobody refreshes any more with no dossier imported since it began is an interrupted import, told once;
// a fresh note (an import running in another window) and a finished import are not.
import { describe, expect, it } from 'vitest';
import { HEARTBEAT_MS, importNote, STALE_AFTER_MS, type ImportNoteClock } from '../../src-renderer/state/interrupted-import';

function memoryKeeper() {
  const keeper = { value: null as string | null, read: () => keeper.value, write: (value: string) => { keeper.value = value; }, remove: () => { keeper.value = null; } };
  return keeper;
}

interface ManualClock extends ImportNoteClock {
  now: number;
  advance(ms: number): void;
  running(): number;
}

function manualClock(startMs: number): ManualClock {
  const beats: (() => void)[] = [];
  const clock: ManualClock = {
    now: startMs,
    iso: () => new Date(clock.now).toISOString(),
    ms: () => clock.now,
    every: (ms, beat) => {
      expect(ms).toBe(HEARTBEAT_MS);
      beats.push(beat);
      return () => void beats.splice(beats.indexOf(beat), 1);
    },
    advance: (ms) => {
      clock.now += ms;
      for (const beat of [...beats]) beat();
    },
    running: () => beats.length,
  };
  return clock;
}

const FILES = [{ path: '卷宗/申报书.pdf' }, { path: '卷宗/发票/1.xml' }];
const nothingImported = () => Promise.resolve(false);

describe('the note of an import in progress', () => {
  it('is kept while the import runs, refreshed by its heartbeat, and taken out at its end', () => {
    const keeper = memoryKeeper();
    const clock = manualClock(Date.UTC(2026, 11, 5, 8, 0));
    const ended = importNote(keeper, clock).begin(FILES);
    expect(JSON.parse(keeper.value!)).toEqual({ startedAt: '2026-12-05T08:00:00.000Z', beatAt: clock.now, files: 2, first: '卷宗/申报书.pdf' });
    clock.advance(HEARTBEAT_MS);
    expect(JSON.parse(keeper.value!).beatAt).toBe(clock.now);
    ended();
    expect(keeper.value).toBeNull();
    expect(clock.running()).toBe(0);
  });

  it('after a crash (the note left, no heartbeat since) is told once, with the files to import again', async () => {
    const keeper = memoryKeeper();
    const clock = manualClock(Date.UTC(2026, 11, 5, 8, 0));
    importNote(keeper, clock).begin(FILES);
    const restarted = manualClock(clock.now + STALE_AFTER_MS + 1);
    expect(await importNote(keeper, restarted).takeInterrupted(nothingImported)).toMatchObject({ files: 2, first: '卷宗/申报书.pdf', startedAt: '2026-12-05T08:00:00.000Z' });
    expect(await importNote(keeper, restarted).takeInterrupted(nothingImported)).toBeNull();
  });

  it('is not told while another window still refreshes it, nor when a dossier was imported since it began', async () => {
    const keeper = memoryKeeper();
    const clock = manualClock(Date.UTC(2026, 11, 5, 8, 0));
    importNote(keeper, clock).begin(FILES);
    const otherWindow = manualClock(clock.now + STALE_AFTER_MS - 1);
    expect(await importNote(keeper, otherWindow).takeInterrupted(nothingImported)).toBeNull();
    expect(keeper.value).not.toBeNull();
    const later = manualClock(clock.now + STALE_AFTER_MS + 1);
    const asked: string[] = [];
    expect(await importNote(keeper, later).takeInterrupted((startedAt) => { asked.push(startedAt); return Promise.resolve(true); })).toBeNull();
    expect(asked).toEqual(['2026-12-05T08:00:00.000Z']);
    expect(keeper.value).toBeNull();
  });

  it('leaves another import\'s note alone at its end, and costs nothing where storage refuses', async () => {
    const keeper = memoryKeeper();
    const clock = manualClock(Date.UTC(2026, 11, 5, 8, 0));
    const first = importNote(keeper, clock).begin(FILES);
    clock.now += 1000;
    importNote(keeper, clock).begin([{ path: 'other.zip' }]);
    first();
    expect(JSON.parse(keeper.value!).first).toBe('other.zip');
    const refusing = { read: () => { throw new Error('SecurityError'); }, write: () => { throw new Error('QuotaExceededError'); }, remove: () => { throw new Error('SecurityError'); } };
    const ended = importNote(refusing, clock).begin(FILES);
    expect(() => ended()).not.toThrow();
    await expect(importNote(refusing, clock).takeInterrupted(nothingImported)).resolves.toBeNull();
    await expect(importNote(undefined, clock).takeInterrupted(nothingImported)).resolves.toBeNull();
  });
});

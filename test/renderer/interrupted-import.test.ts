// An import a crash interrupted is told at the next start (state/interrupted-import): the note,
// written before the import goes on and refreshed by its heartbeat, taken out at its end; a note
// nobody refreshes any more with no dossier imported since it began is an interrupted import, told
// once; a fresh note (an import running in another window) and a finished import are not.
import { describe, expect, it } from 'vitest';
import { HEARTBEAT_MS, importNote, NOTE_WRITE_WAIT_MS, STALE_AFTER_MS, type ImportNoteClock, type ImportNoteKeeper } from '../../src-renderer/state/interrupted-import';

/** A keeper whose writes take a turn of the event loop to be durable, as IndexedDB's do. */
function memoryKeeper() {
  const keeper = {
    value: null as string | null,
    read: () => Promise.resolve(keeper.value),
    write: async (value: string) => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      keeper.value = value;
    },
    remove: async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      keeper.value = null;
    },
  };
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
    after: (ms) => {
      expect(ms).toBe(NOTE_WRITE_WAIT_MS);
      return new Promise(() => undefined);
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
  it('is written before the import goes on, refreshed by its heartbeat, and taken out at its end', async () => {
    const keeper = memoryKeeper();
    const clock = manualClock(Date.UTC(2026, 11, 5, 8, 0));
    const ended = await importNote(keeper, clock).begin(FILES);
    expect(JSON.parse(keeper.value!)).toEqual({ startedAt: '2026-12-05T08:00:00.000Z', beatAt: clock.now, files: 2, first: '卷宗/申报书.pdf' });
    clock.advance(HEARTBEAT_MS);
    await expect.poll(() => JSON.parse(keeper.value!).beatAt).toBe(clock.now);
    // A refresh still being written when the import ends does not bring the note back.
    clock.advance(HEARTBEAT_MS);
    await ended();
    expect(keeper.value).toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(keeper.value).toBeNull();
    expect(clock.running()).toBe(0);
  });

  it('after a crash (the note left, no heartbeat since) is told once, with the files to import again', async () => {
    const keeper = memoryKeeper();
    const clock = manualClock(Date.UTC(2026, 11, 5, 8, 0));
    await importNote(keeper, clock).begin(FILES);
    const restarted = manualClock(clock.now + STALE_AFTER_MS + 1);
    expect(await importNote(keeper, restarted).takeInterrupted(nothingImported)).toMatchObject({ files: 2, first: '卷宗/申报书.pdf', startedAt: '2026-12-05T08:00:00.000Z' });
    expect(await importNote(keeper, restarted).takeInterrupted(nothingImported)).toBeNull();
  });

  it('is not told while another window still refreshes it, nor when a dossier was imported since it began', async () => {
    const keeper = memoryKeeper();
    const clock = manualClock(Date.UTC(2026, 11, 5, 8, 0));
    await importNote(keeper, clock).begin(FILES);
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
    const first = await importNote(keeper, clock).begin(FILES);
    clock.now += 1000;
    await importNote(keeper, clock).begin([{ path: 'other.zip' }]);
    await first();
    expect(JSON.parse(keeper.value!).first).toBe('other.zip');
    const refusing: ImportNoteKeeper = {
      read: () => Promise.reject(new Error('SecurityError')),
      write: () => Promise.reject(new Error('QuotaExceededError')),
      remove: () => Promise.reject(new Error('SecurityError')),
    };
    const ended = await importNote(refusing, clock).begin(FILES);
    await expect(ended()).resolves.toBeUndefined();
    await expect(importNote(refusing, clock).takeInterrupted(nothingImported)).resolves.toBeNull();
    await expect(importNote(undefined, clock).takeInterrupted(nothingImported)).resolves.toBeNull();
  });

  it('lets the import go on after NOTE_WRITE_WAIT_MS when the storage never answers', async () => {
    const hanging: ImportNoteKeeper = { read: () => new Promise(() => undefined), write: () => new Promise(() => undefined), remove: () => new Promise(() => undefined) };
    let waited = 0;
    const clock: ImportNoteClock = { ...manualClock(0), after: (ms) => { waited += ms; return Promise.resolve(); } };
    const ended = await importNote(hanging, clock).begin(FILES);
    await ended();
    expect(waited).toBe(2 * NOTE_WRITE_WAIT_MS);
  });
});

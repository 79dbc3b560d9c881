// state/integrity checkIntegrity: checks run one at a time, and a check asked for while another of the
// same dossier waits to start joins it (it reads the store as it then is), so that a burst of edits on a
// large dossier is checked once more, not once per edit.
import { describe, expect, it } from 'vitest';
import type { IntegrityReport } from '../../src-renderer/core/audit';
import type { DossierStore } from '../../src-renderer/db/store';
import { checkIntegrity } from '../../src-renderer/state/integrity';

function countingStore() {
  const calls: string[] = [];
  let release: () => void = () => undefined;
  const firstHeld = new Promise<void>((resolve) => { release = resolve; });
  const store = {
    async checkIntegrity(dossierId: string): Promise<IntegrityReport> {
      calls.push(dossierId);
      if (calls.length === 1) await firstHeld;
      return { ok: true, entries: calls.length, head: null, problems: [] } as unknown as IntegrityReport;
    },
  } as unknown as DossierStore;
  return { store, calls, release };
}

describe('integrity checks after a burst of edits', () => {
  it('runs one more check for all the requests made while one runs, per dossier', async () => {
    const { store, calls, release } = countingStore();
    const running = checkIntegrity(store, 'a');
    await new Promise((resolve) => setTimeout(resolve, 0));
    const queued = [checkIntegrity(store, 'a'), checkIntegrity(store, 'a'), checkIntegrity(store, 'a')];
    const other = checkIntegrity(store, 'b');
    expect(queued[1]).toBe(queued[0]);
    expect(queued[2]).toBe(queued[0]);
    release();
    await Promise.all([running, ...queued, other]);
    expect(calls).toEqual(['a', 'a', 'b']);
    // Once started, a check is not joined: a later request is checked again.
    await checkIntegrity(store, 'a');
    expect(calls).toEqual(['a', 'a', 'b', 'a']);
  });

  it('does not join a check with readings to one without', async () => {
    const { store, calls, release } = countingStore();
    release();
    const plain = checkIntegrity(store, 'c');
    const withReadings = checkIntegrity(store, 'c', { readings: true });
    expect(withReadings).not.toBe(plain);
    await Promise.all([plain, withReadings]);
    expect(calls).toEqual(['c', 'c']);
  });
});

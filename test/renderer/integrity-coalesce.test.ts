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
    const whole = checkIntegrity(store, 'c', { whole: true });
    expect(whole).not.toBe(plain);
    await Promise.all([plain, whole]);
    expect(calls).toEqual(['c', 'c']);
  });

  it("repeats what the last whole check found in the manifest or the readings in every later check after an edit, until the next whole check", async () => {
    const asked: unknown[] = [];
    let tampered = true;
    const reading = { kind: 'reading', path: 'a.pdf', sourceHash: 'a', recordedAt: '2024-10-20T10:00:00+08:00', message: 'a.pdf: changed' };
    const store = {
      async checkIntegrity(_dossierId: string, _witness: unknown, options: { manifest?: boolean }): Promise<IntegrityReport> {
        asked.push(options);
        const problems = options.manifest === false || !tampered ? [] : [reading];
        return { ok: problems.length === 0, entries: 3, head: { seq: 3, hash: 'h' }, problems } as unknown as IntegrityReport;
      },
    } as unknown as DossierStore;
    expect((await checkIntegrity(store, 'd', { whole: true })).problems).toEqual([reading]);
    const afterEdit = await checkIntegrity(store, 'd');
    expect(asked[1]).toEqual({ manifest: false, loggedRowsOnly: { earlier: [] } });
    expect(afterEdit).toMatchObject({ ok: false, problems: [reading] });
    tampered = false;
    expect((await checkIntegrity(store, 'd', { whole: true })).ok).toBe(true);
    expect((await checkIntegrity(store, 'd')).ok).toBe(true);
  });

  it('gives the check after an edit the rows\' problems the last whole check found, to repeat on the rows it does not read', async () => {
    const asked: { manifest?: boolean; loggedRowsOnly?: { earlier: unknown[] } }[] = [];
    const unlogged = { kind: 'state', mismatch: { key: 'invoice:d:b.xml#1:totalAmount', kind: 'invoice', subject: 'b.xml#1/totalAmount', stored: '1.00', logged: undefined, entry: null }, message: 'unlogged' };
    const reading = { kind: 'reading', path: 'a.pdf', sourceHash: 'a', recordedAt: '2024-10-20T10:00:00+08:00', message: 'a.pdf: changed' };
    const store = {
      async checkIntegrity(_dossierId: string, _witness: unknown, options: (typeof asked)[number]): Promise<IntegrityReport> {
        asked.push(options);
        // The store repeats `earlier` on the rows it did not read (db/store checkIntegrity).
        const problems = options.loggedRowsOnly ? [...options.loggedRowsOnly.earlier] : [unlogged, reading];
        return { ok: problems.length === 0, entries: 3, head: { seq: 3, hash: 'h' }, problems } as unknown as IntegrityReport;
      },
    } as unknown as DossierStore;
    await checkIntegrity(store, 'e', { whole: true });
    const afterEdit = await checkIntegrity(store, 'e');
    expect(asked[1]).toEqual({ manifest: false, loggedRowsOnly: { earlier: [unlogged] } });
    expect(afterEdit).toMatchObject({ ok: false, problems: [unlogged, reading] });
    // Another dossier's whole check is not given to this one's.
    await checkIntegrity(store, 'f');
    expect(asked[2]).toEqual({ manifest: false, loggedRowsOnly: { earlier: [] } });
  });
});

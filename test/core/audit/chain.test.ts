import { describe, expect, it } from 'vitest';
import { canonicalJson, GENESIS_HASH, nextAuditEntry, verifyAuditChain } from '../../../src-renderer/core/audit';
import type { AuditEntry } from '../../../src-renderer/core/types';
import { testHasher } from '../import/hasher';

const clock = { now: () => '2024-10-20T10:00:00+08:00' };

async function chainOf(count: number): Promise<AuditEntry[]> {
  const entries: AuditEntry[] = [];
  for (let i = 0; i < count; i++) {
    entries.push(await nextAuditEntry(entries[i - 1], {
      actor: 'auditor-1', action: 'cut.set', target: `claim:C${i}`, before: null, after: { amount: '100.00', reason: 'duplicate' },
    }, clock, testHasher));
  }
  return entries;
}

describe('canonical JSON', () => {
  it('sorts keys at every level, drops undefined members and has no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: true, y: null }], c: '中' }, u: undefined })).toBe('{"a":{"c":"中","d":[1,{"y":null,"z":true}]},"b":1}');
  });
  it('refuses values JSON cannot hold faithfully', () => {
    expect(() => canonicalJson({ a: Number.NaN })).toThrow(/NaN/);
    expect(() => canonicalJson({ a: 1n })).toThrow(/bigint/);
    expect(() => canonicalJson({ a: new Date(0) })).toThrow(/Date/);
    expect(() => canonicalJson([new Uint8Array(2)])).toThrow(/Uint8Array/);
  });
});

describe('audit chain', () => {
  it('links entries from the genesis hash and verifies', async () => {
    const entries = await chainOf(5);
    expect(entries[0]!.prevHash).toBe(GENESIS_HASH);
    expect(entries[3]!.prevHash).toBe(entries[2]!.hash);
    expect(entries.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(await verifyAuditChain(entries, testHasher)).toEqual({ ok: true, count: 5, headHash: entries[4]!.hash });
  });

  it('names the altered entry when a field is changed', async () => {
    const entries = await chainOf(5);
    entries[2] = { ...entries[2]!, after: { amount: '1.00', reason: 'duplicate' } };
    const result = await verifyAuditChain(entries, testHasher);
    expect(result).toMatchObject({ ok: false, index: 2, seq: 3, problem: 'hash-mismatch' });
    expect(!result.ok && result.message).toContain('entry 3 (cut.set claim:C2');
  });

  it('names the entry after one that was altered and re-hashed', async () => {
    const entries = await chainOf(4);
    const forged = { ...entries[1]!, actor: 'mallory' };
    entries[1] = (await nextAuditEntry(entries[0], { ...forged }, clock, testHasher));
    const result = await verifyAuditChain(entries, testHasher);
    expect(result).toMatchObject({ ok: false, seq: 3, problem: 'broken-link' });
    expect(!result.ok && result.message).toContain('entry 2 before it was altered');
  });

  it('catches a removed entry and a reordered chain', async () => {
    const entries = await chainOf(4);
    expect(await verifyAuditChain([entries[0]!, entries[2]!, entries[3]!], testHasher)).toMatchObject({ ok: false, seq: 2, problem: 'sequence-gap' });
    expect(await verifyAuditChain([entries[1]!, entries[0]!], testHasher)).toMatchObject({ ok: false, seq: 1, problem: 'sequence-gap' });
  });

  it('catches a dropped tail against the recorded head', async () => {
    const entries = await chainOf(4);
    expect(await verifyAuditChain(entries.slice(0, 3), testHasher, entries[3]!.hash)).toMatchObject({ ok: false, problem: 'head-mismatch', seq: 3 });
    expect(await verifyAuditChain([], testHasher, entries[3]!.hash)).toMatchObject({ ok: false, problem: 'head-mismatch' });
  });
});

// The hash-chained audit log. Each entry's hash is SHA-256 over the canonical JSON of all its other
// fields, prevHash included, so changing, removing, inserting or reordering any entry breaks the
// chain at that entry; the verifier names the first one.
import { strToU8 } from 'fflate';
import type { Clock, Hasher } from '../ports';
import type { AuditEntry } from '../types';
import { canonicalJson } from './canonical-json';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditEvent {
  actor: string;
  action: string;
  target: string;
  before: unknown;
  after: unknown;
}

/** The hash of an entry from its content (everything but `hash`). */
export async function hashAuditEntry(entry: Omit<AuditEntry, 'hash'>, hasher: Hasher): Promise<string> {
  const { seq, time, actor, action, target, before, after, prevHash } = entry;
  const canonical = canonicalJson({ seq, time, actor, action, target, before: before ?? null, after: after ?? null, prevHash });
  return hasher.sha256(strToU8(canonical));
}

/** Builds the entry that follows `previous` (or starts the chain when there is none). */
export async function nextAuditEntry(previous: AuditEntry | undefined, event: AuditEvent, clock: Clock, hasher: Hasher): Promise<AuditEntry> {
  const body = {
    seq: previous ? previous.seq + 1 : 1,
    time: clock.now(),
    actor: event.actor,
    action: event.action,
    target: event.target,
    before: event.before ?? null,
    after: event.after ?? null,
    prevHash: previous ? previous.hash : GENESIS_HASH,
  };
  return { ...body, hash: await hashAuditEntry(body, hasher) };
}

export type AuditVerification =
  | { ok: true; count: number; headHash: string }
  | {
      ok: false;
      /** Position in the list (0-based) of the first entry that does not verify. */
      index: number;
      /** Its seq as stored (or expected, for a missing one). */
      seq: number;
      problem: 'hash-mismatch' | 'broken-link' | 'sequence-gap' | 'malformed' | 'head-mismatch';
      message: string;
    };

function describe(entry: AuditEntry): string {
  return `entry ${entry.seq} (${entry.action} ${entry.target} by ${entry.actor} at ${entry.time})`;
}

/**
 * Recomputes the chain from the first entry and names the first entry that was altered. With
 * `expectedHeadHash` (kept apart from the log, e.g. on the dossier record or in an export), a
 * rewritten or dropped tail is caught too.
 */
export async function verifyAuditChain(entries: readonly AuditEntry[], hasher: Hasher, expectedHeadHash?: string): Promise<AuditVerification> {
  let previousHash = GENESIS_HASH;
  for (let index = 0; index < entries.length; index++) {
    const entry = entries[index]!;
    const expectedSeq = index + 1;
    if (typeof entry.seq !== 'number' || typeof entry.hash !== 'string' || typeof entry.prevHash !== 'string') {
      return { ok: false, index, seq: expectedSeq, problem: 'malformed', message: `audit entry ${expectedSeq} is malformed (seq, hash or prevHash missing)` };
    }
    if (entry.seq !== expectedSeq) {
      return {
        ok: false, index, seq: expectedSeq, problem: 'sequence-gap',
        message: `audit entry ${expectedSeq} is missing or out of order: position ${expectedSeq} holds ${describe(entry)}`,
      };
    }
    const recomputed = await hashAuditEntry(entry, hasher);
    if (recomputed !== entry.hash) {
      return { ok: false, index, seq: entry.seq, problem: 'hash-mismatch', message: `audit ${describe(entry)} was altered: its content no longer matches its hash` };
    }
    if (entry.prevHash !== previousHash) {
      const before = index > 0 ? `entry ${entries[index - 1]!.seq} before it was altered and re-hashed, or` : 'the chain';
      return { ok: false, index, seq: entry.seq, problem: 'broken-link', message: `audit ${describe(entry)} does not link to what precedes it: ${before} was cut or reordered here` };
    }
    previousHash = entry.hash;
  }
  if (expectedHeadHash !== undefined && expectedHeadHash !== previousHash) {
    const last = entries[entries.length - 1];
    return {
      ok: false, index: Math.max(0, entries.length - 1), seq: last?.seq ?? 0, problem: 'head-mismatch',
      message: last
        ? `audit ${describe(last)} is not the recorded head of the chain: the latest entries were rewritten or removed`
        : 'the audit log is empty but a chain head was recorded: its entries were removed',
    };
  }
  return { ok: true, count: entries.length, headHash: previousHash };
}

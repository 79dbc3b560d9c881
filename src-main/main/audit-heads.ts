// The desktop shell keeps the verified head of each dossier's audit chain in its data folder
// (audit-heads.json in userData), outside the renderer's IndexedDB: a chain rewritten and re-hashed
// inside the store no longer contains the head kept here, and the renderer says so. The file is
// read defensively (an entry that does not parse is left out) and replaced atomically.
import type { AuditHeadRecord } from '../shared/contract';

export const AUDIT_HEADS_SCHEMA = 'dossier-desk/audit-heads@1';

export interface AuditHeadFile {
  read(): string | null;
  /** Replaces the file atomically. */
  write(text: string): void;
}

export interface AuditHeadKeeper {
  record(record: AuditHeadRecord): AuditHeadRecord;
  read(dossierId: string): AuditHeadRecord | null;
}

const HEX64 = /^[0-9a-f]{64}$/;

function parseHeads(text: string | null): Map<string, AuditHeadRecord> {
  const heads = new Map<string, AuditHeadRecord>();
  if (!text) return heads;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return heads;
  }
  const entries = (value as { heads?: unknown } | null)?.heads;
  if (typeof entries !== 'object' || entries === null) return heads;
  for (const [dossierId, entry] of Object.entries(entries as Record<string, unknown>)) {
    const { seq, hash, recordedAt } = (entry ?? {}) as Record<string, unknown>;
    if (HEX64.test(dossierId) && Number.isSafeInteger(seq) && (seq as number) > 0 && typeof hash === 'string' && HEX64.test(hash) && typeof recordedAt === 'string') {
      heads.set(dossierId, { dossierId, seq: seq as number, hash, recordedAt });
    }
  }
  return heads;
}

export function createAuditHeadKeeper(file: AuditHeadFile): AuditHeadKeeper {
  return {
    record(record) {
      const heads = parseHeads(file.read());
      heads.set(record.dossierId, record);
      const serialized: Record<string, Omit<AuditHeadRecord, 'dossierId'>> = {};
      for (const [dossierId, head] of [...heads].sort(([a], [b]) => (a < b ? -1 : 1))) {
        serialized[dossierId] = { seq: head.seq, hash: head.hash, recordedAt: head.recordedAt };
      }
      file.write(`${JSON.stringify({ schema: AUDIT_HEADS_SCHEMA, heads: serialized }, null, 2)}\n`);
      return record;
    },
    read(dossierId) {
      return parseHeads(file.read()).get(dossierId) ?? null;
    },
  };
}

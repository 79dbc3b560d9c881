// The readings witness: what the workstation read from each original (invoice fields, contract and
// receipt readings, OCR text) is derived data, kept in the store beside the reviewer's work but not
// in the audit log. A change made to it outside the app moves the evidence a reviewer decides on, so
// each stored reading's digest is also kept outside the store, one line per reading:
//   {"path":…,"sourceHash":…,"digest":…,"storeVersion":…,"recordedAt":…}
// The last line for a path is the one that counts (a document read again appends a new line). A
// stored reading whose digest differs from its line, for the same original and store version, was
// changed outside the app.
import { strToU8 } from 'fflate';
import type { Hasher } from '../ports';
import { canonicalJson } from './canonical-json';

export interface ReadingRecord {
  path: string;
  /** SHA-256 of the original the reading was made from. */
  sourceHash: string;
  /** SHA-256 of the reading as stored (canonical JSON of its rows). */
  digest: string;
  /** The store's schema version when it was recorded: an upgrade may rewrite rows legitimately. */
  storeVersion: number;
  recordedAt: string;
}

export interface ReadingProblem {
  path: string;
  sourceHash: string;
  recordedAt: string;
  message: string;
}

/** The digest of one document's stored reading, given as plain JSON data. */
export function readingDigest(hasher: Hasher, reading: unknown): Promise<string> {
  return hasher.sha256(strToU8(canonicalJson(reading)));
}

export function readingRecordLine(record: ReadingRecord): string {
  return `${JSON.stringify(record)}\n`;
}

function isReadingRecord(value: unknown): value is ReadingRecord {
  const record = value as Partial<ReadingRecord> | null;
  return typeof record === 'object' && record !== null && typeof record.path === 'string' && typeof record.sourceHash === 'string'
    && typeof record.digest === 'string' && typeof record.storeVersion === 'number' && typeof record.recordedAt === 'string';
}

/**
 * The witness file's last record per path. A line that is not a record (a crash may cut the last
 * append short) is skipped; `unreadable` counts such lines so that a caller can say so.
 */
export function parseReadingWitness(text: string): { records: Map<string, ReadingRecord>; unreadable: number } {
  const records = new Map<string, ReadingRecord>();
  let unreadable = 0;
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      unreadable++;
      continue;
    }
    if (isReadingRecord(parsed)) records.set(parsed.path, parsed);
    else unreadable++;
  }
  return { records, unreadable };
}

/**
 * The stored readings that differ from their witnessed digest. Only a reading of the same original
 * under the same store version is compared; a reading the witness does not know (made before the
 * witness was kept, or its line lost in a crash) cannot be judged and is not reported.
 */
export function compareReadings(stored: ReadonlyMap<string, Omit<ReadingRecord, 'recordedAt'>>, witnessed: ReadonlyMap<string, ReadingRecord>): ReadingProblem[] {
  const problems: ReadingProblem[] = [];
  for (const [path, reading] of stored) {
    const record = witnessed.get(path);
    if (!record || record.sourceHash !== reading.sourceHash || record.storeVersion !== reading.storeVersion) continue;
    if (record.digest === reading.digest) continue;
    problems.push({
      path, sourceHash: reading.sourceHash, recordedAt: record.recordedAt,
      message: `${path}: what was read from it was changed in the store after it was read (recorded ${record.recordedAt}): it no longer has the digest kept outside the store`,
    });
  }
  return problems.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

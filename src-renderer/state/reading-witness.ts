// The digests of what was read from each original, kept outside IndexedDB on the side store
// (core/audit/readings): appended when a reading is stored, read by the integrity check when a
// dossier opens and before an export. A reading's store write and its witness line are one tracked
// step, and the check waits for the steps under way, so a reading stored a moment ago is never
// compared with the line before it.
import { parseReadingWitness, readingRecordLine, type ReadingRecord } from '../core/audit';
import type { DossierStore, StoredReading } from '../db/store';
import { getSideStore, type SideStore } from '../platform/side-store';

export const readingWitnessName = (dossierId: string): string => `readings-${dossierId}.jsonl`;

let underWay: Promise<unknown> = Promise.resolve();

function sideStore(files?: SideStore): SideStore | null {
  if (files) return files;
  try {
    return getSideStore();
  } catch {
    return null;
  }
}

/**
 * Stores a document's reading (`save`, which answers the stored reading's digest) and then appends
 * its witness line. A witness that cannot be written is told, not thrown: the reading is stored, and
 * a reading without a line is not judged.
 */
export function saveWitnessedReading(dossierId: string, save: () => Promise<StoredReading>, options: { files?: SideStore; now?: () => string } = {}): Promise<void> {
  const step = (async () => {
    const stored = await save();
    const record: ReadingRecord = { ...stored, recordedAt: (options.now ?? (() => new Date().toISOString()))() };
    try {
      const files = sideStore(options.files);
      if (files) await files.appendSideFile(readingWitnessName(dossierId), readingRecordLine(record));
    } catch (error) {
      console.warn(`${stored.path}: the digest of its reading could not be kept outside the store (${error instanceof Error ? error.message : String(error)})`);
    }
  })();
  underWay = underWay.then(() => step).catch(() => undefined);
  return step;
}

/** The witnessed readings of a dossier (last line per path), once the readings being stored are; null when none are kept or the side store cannot be read. */
export async function witnessedReadings(dossierId: string, files?: SideStore): Promise<Map<string, ReadingRecord> | null> {
  await underWay;
  try {
    const store = sideStore(files);
    const text = store ? await store.readSideFile(readingWitnessName(dossierId)) : null;
    return text === null ? null : parseReadingWitness(text).records;
  } catch (error) {
    console.warn(`${readingWitnessName(dossierId)}: the readings kept outside the store could not be read (${error instanceof Error ? error.message : String(error)})`);
    return null;
  }
}

/**
 * After a restore from the mirror, the readings the store holds are what the mirror put back (the
 * confirmed invoices' rows, without the pages and other rows of their documents): their digests are
 * recorded anew, so that a reading restored by the app is not taken for one changed outside it.
 */
export async function witnessRestoredReadings(store: DossierStore, dossierId: string, options: { files?: SideStore; now?: () => string } = {}): Promise<void> {
  const readings = await store.storedReadings(dossierId);
  if (readings.size === 0) return;
  const recordedAt = (options.now ?? (() => new Date().toISOString()))();
  const files = sideStore(options.files);
  if (!files) return;
  await files.appendSideFile(readingWitnessName(dossierId), [...readings.values()].map((reading) => readingRecordLine({ ...reading, recordedAt })).join(''));
}

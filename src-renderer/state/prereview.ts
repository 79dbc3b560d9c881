// The formal pre-review of the open dossier: every document read by content (its text layer, OCR of a
// scan's first pages in the extraction worker, a list's rows), each reading stored with the dossier,
// and the pre-review evaluated on them with the reviewer's corrections, exactly as `check` does on
// the command line. The report (state/report.ts) takes the result, so the checks, the completeness
// view and the 补正通知 agree.
import { create } from 'zustand';
import { prereviewFileType, readForPrereview, type DocumentReading, type PrereviewResult } from '../core/prereview';
import type { Profile } from '../core/profiles/schema';
import type { DossierStore } from '../db/store';
import type { DerivationVersions } from '../db/schema';
import type { OpenDossier } from './workspace';
import { prereviewOfBasis } from '../workers/evaluation-runner';

export interface PrereviewState {
  dossierId: string | null;
  /** What was read of each document, by path. */
  readings: ReadonlyMap<string, DocumentReading>;
  /** Documents still to read. */
  pending: number;
  /** The pre-review the report was last evaluated with (state/report.ts). */
  result: PrereviewResult | null;
  reset(dossierId: string | null): void;
  addReading(dossierId: string, reading: DocumentReading): void;
  /** The readings stored earlier, in one change (one per reading copied the map 10,000 times on reopening a large dossier). */
  addReadings(dossierId: string, readings: readonly DocumentReading[]): void;
  setPending(dossierId: string, pending: number): void;
}

export const usePrereviewReadings = create<PrereviewState>()((set, get) => ({
  dossierId: null,
  readings: new Map(),
  pending: 0,
  result: null,
  reset: (dossierId) => set({ dossierId, readings: new Map(), pending: 0, result: null }),
  addReading: (dossierId, reading) => {
    if (get().dossierId !== dossierId) return;
    set({ readings: new Map([...get().readings, [reading.file, reading]]) });
  },
  addReadings: (dossierId, readings) => {
    if (get().dossierId !== dossierId || readings.length === 0) return;
    const next = new Map(get().readings);
    for (const reading of readings) next.set(reading.file, reading);
    set({ readings: next });
  },
  setPending: (dossierId, pending) => {
    if (get().dossierId === dossierId) set({ pending });
  },
}));

/** The settings of the reading (core/prereview readForPrereview defaults), recorded with each stored reading. */
export const PREREVIEW_READING_VERSIONS: Omit<DerivationVersions, 'ocrModel'> = { engine: 'dossier-desk prereview', settings: 'ocrPages=2 textPages=40 ocrDpi=150' };

/**
 * The pre-review of an open dossier: by content once every listed document has a reading (stored
 * or just read), else by the manifest's kinds while the reading goes on. Corrections come from the
 * reviewer's review.
 */
export function prereviewOf(open: OpenDossier, profile: Profile, readings: ReadonlyMap<string, DocumentReading>): PrereviewResult {
  return prereviewOfBasis({ profile, manifest: open.manifest, review: open.review, documentPaths: open.documents.map((document) => document.path), readings });
}

/** Reads one document for the pre-review; the app's reads in the extraction worker (lists in the window). */
export type PrereviewDocumentReader = (file: { path: string; type: string; bytes: Uint8Array }, signal: AbortSignal) => Promise<DocumentReading | null>;

const LIST_TYPES = new Set(['csv', 'xlsx']);

/** The app's reader: lists in the window, everything else in the extraction worker; null when cancelled. */
export const browserPrereviewReader: PrereviewDocumentReader = async (file, signal) => {
  if (LIST_TYPES.has(file.type)) {
    const { readXlsxSheetsInBrowser } = await import('../platform/import-files');
    return readForPrereview(file, { pdf: notInTheWindow, image: notInTheWindow, spreadsheet: readXlsxSheetsInBrowser });
  }
  const { readForPrereviewInBrowser, ExtractionCancelled } = await import('../platform/extract-client');
  try {
    return await readForPrereviewInBrowser({ name: file.path, fileType: file.type, bytes: file.bytes }, signal);
  } catch (error) {
    if (error instanceof ExtractionCancelled) return null;
    throw error;
  }
};

let current: { dossierId: string; abort: AbortController } | null = null;

export function cancelPrereviewReading() {
  current?.abort.abort();
  current = null;
}

/**
 * Loads the stored readings of the dossier's documents and reads the others (by `reader`), storing
 * each reading as it comes; the report is evaluated again on every new reading.
 */
export async function readDossierForPrereview(store: DossierStore, open: OpenDossier, reader: PrereviewDocumentReader = browserPrereviewReader): Promise<void> {
  if (current?.dossierId === open.id) return;
  current?.abort.abort();
  const abort = new AbortController();
  current = { dossierId: open.id, abort };
  const state = usePrereviewReadings.getState;
  state().reset(open.id);
  try {
    const stored = await store.readings(open.id);
    state().addReadings(open.id, stored.map((row) => row.reading));
    const listed = new Set(open.manifest.documents.map((document) => document.file));
    const missing = open.documents.filter((document) => listed.has(document.path) && !state().readings.has(document.path));
    state().setPending(open.id, missing.length);
    let left = missing.length;
    for (const document of missing) {
      if (abort.signal.aborted) return;
      const bytes = await document.loadBytes();
      const type = prereviewFileType(document.path, bytes);
      let reading: DocumentReading | null;
      try {
        reading = await reader({ path: document.path, type, bytes }, abort.signal);
      } catch (error) {
        reading = { file: document.path, type, size: bytes.length, pageCount: 0, pages: [], table: null, error: error instanceof Error ? error.message : String(error) };
      }
      if (!reading || abort.signal.aborted) return;
      // A reading that failed is not stored: the next opening tries again.
      if (!reading.error) {
        const ocrModel = reading.pages.some((page) => page.method === 'ocr') ? 'tesseract.js chi_sim' : null;
        await store.saveReading(open.id, document.path, reading, { ...PREREVIEW_READING_VERSIONS, ocrModel });
      }
      state().addReading(open.id, reading);
      state().setPending(open.id, --left);
    }
  } finally {
    if (current?.abort === abort) current = null;
  }
}

/** Lists are read in the window, which never needs a PDF or image port for them. */
const notInTheWindow = {
  open(): never {
    throw new Error('the window reads only lists for the pre-review');
  },
  probe(): never {
    throw new Error('the window reads only lists for the pre-review');
  },
  decode(): never {
    throw new Error('the window reads only lists for the pre-review');
  },
};

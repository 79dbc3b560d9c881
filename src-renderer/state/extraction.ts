// The extraction scheduler: every invoice, contract and bank-receipt document of the open dossier that
// the store has no reading of yet is read in the extraction worker, two files at a time, cheap readings first; each result
// (and the words of OCR'd pages) is stored as it comes. A document is one of those by its listed kind or, once the
// pre-review has read it, by its content (a scan0001.pdf listed as `other` that reads as an invoice).
import type { OcrPageText, PageOutcome } from '../core/extract/pipeline';
import type { PdfPageText } from '../core/ports';
import { effectiveKind, isEvidenceDocument, type PlacedDocument } from '../core/prereview';
import type { DerivationVersions, PageRow } from '../db/schema';
import type { DossierStore } from '../db/store';
import { useOcrResume } from './ocr-resume';
import { usePrereviewReadings } from './prereview';
import { saveWitnessedReading } from './reading-witness';
import { useUi } from './ui';
import { useWorkspace, type DeskDocument } from './workspace';

type StoredPage = Omit<PageRow, 'id' | 'dossierId' | 'documentId' | 'sourceHash' | 'versions'>;

/** One OCR'd page as the store keeps it: its words with boxes and confidence, and the text they make. */
export function pageRowOfOcrText(text: OcrPageText): StoredPage {
  return {
    page: text.page, method: 'ocr', width: text.width, height: text.height,
    text: text.items.map((item) => item.str).join(' '),
    words: text.items.map((item) => ({ text: item.str, confidence: item.confidence, box: item.box })),
  };
}

export function pageTextOfRow(row: StoredPage): PdfPageText {
  return { page: row.page, width: row.width, height: row.height, items: row.words.map((word) => ({ str: word.text, box: word.box })) };
}

/** What reads scans here: the versions stored with OCR'd pages and readings (pages of other versions are read again). */
const OCR_VERSIONS: DerivationVersions = { engine: 'dossier-desk', ocrModel: 'tesseract.js chi_sim', settings: 'default' };

const EXTRACTABLE = new Set(['pdf', 'ofd', 'xml', 'jpg', 'png', 'webp']);
/** Cheap readings first (XML, OFD, text PDFs), scans (which need OCR) last. */
const EXTRACTION_ORDER: Record<string, number> = { xml: 0, ofd: 1, pdf: 2, png: 3, jpg: 3, webp: 3 };
const attempted = new Set<string>();
/** Files read at once: the extraction worker's OCR scheduler has two tesseract workers to keep busy. */
const EXTRACTION_LANES = Math.max(1, Math.min(2, globalThis.navigator?.hardwareConcurrency ?? 2));
let extraction: { dossierId: string; abort: AbortController; again: boolean } | null = null;

/** The pre-review's placement of each document of the dossier, once it has been evaluated on their readings. */
function placements(dossierId: string): ReadonlyMap<string, PlacedDocument> {
  const state = usePrereviewReadings.getState();
  if (state.dossierId !== dossierId || !state.result) return new Map();
  return new Map(state.result.documents.map((document) => [document.file, document]));
}

/**
 * What the pre-review read in each document's content, where its listed kind said nothing: the
 * document is then shown under that kind (and read for its invoices when it is one). Documents whose
 * content kind did not change are left as they are.
 */
export function applyContentKinds(dossierId: string): void {
  const open = useWorkspace.getState().open;
  if (open?.id !== dossierId) return;
  const placed = placements(dossierId);
  if (placed.size === 0) return;
  const patches = new Map<string, Partial<DeskDocument>>();
  for (const doc of open.documents) {
    const kind = effectiveKind(doc.kind, placed.get(doc.path));
    const contentKind = kind === doc.kind ? undefined : kind;
    if (contentKind !== doc.contentKind) patches.set(doc.path, { contentKind });
  }
  useWorkspace.getState().updateDocuments(patches);
}

/**
 * The documents still to read for their invoices, contracts and receipts, cheap readings first: those
 * listed as evidence and those the pre-review found to be evidence by their content, not read yet.
 * A dossier that names no program has no pre-review to sort its files (a folder or files imported
 * as they are): every file it does not list as something else is read, as `check` reads them.
 */
export function documentsToExtract(dossierId: string, documents: readonly DeskDocument[]): DeskDocument[] {
  const placed = placements(dossierId);
  const open = useWorkspace.getState().open;
  const withoutPrereview = open?.id === dossierId && !open.manifest.program;
  const toRead = (doc: DeskDocument) => isEvidenceDocument(doc.kind, placed.get(doc.path)) || (withoutPrereview && doc.kind === 'other');
  return documents
    .filter((doc) => toRead(doc) && EXTRACTABLE.has(doc.type) && !doc.extraction && !attempted.has(`${dossierId}:${doc.sha256}`))
    .sort((a, b) => (EXTRACTION_ORDER[a.type] ?? 9) - (EXTRACTION_ORDER[b.type] ?? 9) || a.path.localeCompare(b.path));
}

export function cancelExtraction() {
  extraction?.abort.abort();
}

/** Reads again the documents of the open dossier whose reading was cancelled (and any not read yet). */
export async function resumeExtraction(): Promise<void> {
  const dossierId = useWorkspace.getState().open?.id;
  if (!dossierId) return;
  const { getStore } = await import('./store');
  await extractMissing(await getStore(), dossierId);
}

/**
 * Reads the invoices of every invoice document the store has no reading of yet, two files at a time
 * in the extraction worker (OCR only where there is no text), storing each result as it comes.
 */
export async function extractMissing(store: DossierStore, dossierId: string) {
  if (extraction?.dossierId === dossierId) {
    // Running: the documents the pre-review found since are taken when this round ends.
    extraction.again = true;
    return;
  }
  const workspace = () => useWorkspace.getState();
  const pending = documentsToExtract(dossierId, workspace().open?.id === dossierId ? workspace().open!.documents : []);
  extraction?.abort.abort();
  if (pending.length === 0) {
    extraction = null;
    return;
  }
  const abort = new AbortController();
  const round = { dossierId, abort, again: false };
  extraction = round;
  workspace().updateDocuments(new Map(pending.map((doc) => [doc.path, { ocrPending: true, readingCancelled: false }])));
  try {
    let done = 0;
    let next = 0;
    const lane = async () => {
      while (next < pending.length && !abort.signal.aborted) {
        const doc = pending[next++]!;
        useUi.getState().setProgress({ kind: 'ocr', done, total: pending.length, current: doc.path });
        attempted.add(`${dossierId}:${doc.sha256}`);
        if (!(await extractOne(store, dossierId, doc, abort.signal))) return;
        done++;
      }
    };
    await Promise.all(Array.from({ length: Math.min(EXTRACTION_LANES, pending.length) }, lane));
  } finally {
    // Documents still waiting when the reading was cancelled are cancelled, not unread: they can be read again.
    const settled = new Map<string, Partial<DeskDocument>>();
    for (const doc of workspace().open?.id === dossierId ? workspace().open!.documents : []) {
      if (!doc.ocrPending) continue;
      settled.set(doc.path, { ocrPending: false, ...(abort.signal.aborted ? { readingCancelled: true } : {}) });
      if (abort.signal.aborted) attempted.delete(`${dossierId}:${doc.sha256}`);
    }
    workspace().updateDocuments(settled);
    if (extraction?.abort === abort) extraction = null;
    if (useUi.getState().progress?.kind === 'ocr') useUi.getState().setProgress(null);
  }
  if (round.again && !abort.signal.aborted) await extractMissing(store, dossierId);
}

/**
 * Reads one document's invoices, contracts and receipts in the extraction worker and stores them;
 * false when cancelled. Each OCR'd page is stored as soon as it is read, and the pages an earlier
 * reading of the same bytes stored (cancelled, or cut short by a crash or a closed window) are not
 * read again: the document's reading resumes where that one stopped.
 */
async function extractOne(store: DossierStore, dossierId: string, doc: DeskDocument, signal: AbortSignal): Promise<boolean> {
  const { extractInBrowser, ExtractionCancelled } = await import('../platform/extract-client');
  const workspace = () => useWorkspace.getState();
  try {
    const ocrText: OcrPageText[] = [];
    const onProgress = (step: { stage: string; page?: number; pageCount?: number }) => {
      const shown = useUi.getState().progress;
      if (step.stage !== 'ocr' || step.page === undefined || step.pageCount === undefined || shown?.kind !== 'ocr') return;
      useUi.getState().setProgress({ ...shown, current: doc.path, page: { page: step.page, pageCount: step.pageCount } });
    };
    const readPages = await store.ocrPages(dossierId, doc.path, OCR_VERSIONS);
    let pageWrites = Promise.resolve();
    const onPageRead = (outcome: PageOutcome) => {
      pageWrites = pageWrites.then(() => store.saveOcrPage(dossierId, doc.path, doc.sha256, outcome, OCR_VERSIONS))
        .then(() => useOcrResume.getState().pageStored(doc.path), (error: unknown) => {
          // Not kept: the page is read again if this reading is cut short; the reading itself goes on.
          console.warn(`${doc.path}: OCR page ${outcome.page} not stored (${error instanceof Error ? error.message : String(error)})`);
        });
    };
    useOcrResume.getState().start(doc.path, readPages.length);
    let result;
    try {
      result = await extractInBrowser({ name: doc.path, bytes: await doc.loadBytes() }, {
        signal, onProgress, onOcrText: (text) => ocrText.push(text), onPageRead,
        ...(readPages.length > 0 ? { readPages: { sha256: doc.sha256, pages: readPages } } : {}),
      });
    } finally {
      await pageWrites;
      useOcrResume.getState().finish(doc.path);
    }
    const extracted = { ...result, file: doc.path };
    if (extracted.invoices.length > 0 || (extracted.contracts?.length ?? 0) > 0 || (extracted.payments?.length ?? 0) > 0 || ocrText.length > 0) {
      await saveWitnessedReading(dossierId, () => store.saveExtraction(dossierId, doc.path, extracted, { ...OCR_VERSIONS, ocrModel: ocrText.length > 0 ? OCR_VERSIONS.ocrModel : null }, ocrText.map(pageRowOfOcrText)));
    }
    if (workspace().open?.id === dossierId) workspace().updateDocument(doc.path, { extraction: extracted, ocrPending: false, ...(ocrText.length > 0 ? { ocrText } : {}) });
  } catch (error) {
    if (error instanceof ExtractionCancelled) {
      if (workspace().open?.id === dossierId) workspace().updateDocument(doc.path, { ocrPending: false, readingCancelled: true });
      attempted.delete(`${dossierId}:${doc.sha256}`);
      return false;
    }
    if (workspace().open?.id === dossierId) {
      workspace().updateDocument(doc.path, {
        ocrPending: false,
        extraction: { file: doc.path, sha256: doc.sha256, invoices: [], errors: [{ code: 'extraction-failed', message: `${doc.path}: ${error instanceof Error ? error.message : String(error)}` }] },
      });
    }
  }
  return true;
}

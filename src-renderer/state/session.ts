// The open dossier: read from the store (the store of record) into the workspace, with its documents,
// their readings and the reviewer's review; each edit written back through the db layer with its
// audit entry, on the version it was made on, with other windows' edits shown at once
// (state/review-sync). Import (state/import.ts), extraction (state/extraction.ts) and the dossier
// list (state/dossier-list.ts) are modules of their own.
import { groupBy } from '../core/group-by';
import { rowsOfDossier } from '../db/paged-reads';
import { readStoredReviewWithInvoices } from '../db/review-rows';
import { fileOutcomesOf } from '../db/store';
import { noteStanding } from './dossier-list';
import { applyContentKinds, pageTextOfRow, extractMissing } from './extraction';
import { checkIntegrity, clearIntegrity, showChecking } from './integrity';
import { startEvaluation } from './report';
import { readDossierForPrereview, usePrereviewReadings } from './prereview';
import { stopWatchingReview, syncedWriter, watchReview } from './review-sync';
import { REVIEWER_ID, getStore, readsDropped } from './store';
import { useUi } from './ui';
import { kindOf, useWorkspace, type DeskDocument, type OpenDossier } from './workspace';

let stopWatchingContentKinds: (() => void) | null = null;

/**
 * Each new pre-review of the open dossier may show by content that a document listed without a kind
 * (or as `other`) is an invoice, a contract or a bank receipt: it is shown under that kind and read
 * for its evidence as if the manifest had said so.
 */
function watchContentKinds(store: Awaited<ReturnType<typeof getStore>>, dossierId: string) {
  stopWatchingContentKinds?.();
  let previous = usePrereviewReadings.getState().result;
  stopWatchingContentKinds = usePrereviewReadings.subscribe((state) => {
    if (state.dossierId !== dossierId || !state.result || state.result === previous) return;
    previous = state.result;
    applyContentKinds(dossierId);
    void extractMissing(store, dossierId);
  });
}

/** How long work left for after the first paint waits at most for the window to be idle. */
const IDLE_WAIT_MS = 2_000;

/** Runs `work` after the next paint of the window, once it is idle (at most IDLE_WAIT_MS later); at once where nothing is painted. */
function afterPaintAndIdle(work: () => void): void {
  const whenIdle = (): void => {
    if (typeof requestIdleCallback === 'function') requestIdleCallback(() => work(), { timeout: IDLE_WAIT_MS });
    else setTimeout(work, 0);
  };
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => setTimeout(whenIdle, 0));
  else whenIdle();
}

/** Reads a dossier and the reviewer's work from the store into the workspace. */
export async function loadDossier(dossierId: string) {
  const store = await getStore();
  // Everything is read at once: the row (a 10,000-row manifest) need not come before the rest.
  // The invoice rows come with the stored review (one read of them, in the review's transaction);
  // the review's program is the row's, set when both are in. The documents, invoice rows and evidence
  // readings are read in pages (by their ids, in path order), which stop when the page goes away: a
  // reload's next page no longer waits behind the whole of this page's reads (db/leave-reads).
  const paged = { stopped: readsDropped };
  const [row, documentRows, stored, pageRows, evidenceRows] = await Promise.all([
    store.getDossier(dossierId), rowsOfDossier(store.db.documents, dossierId, paged), readStoredReviewWithInvoices(store, { id: dossierId, program: '' }, REVIEWER_ID, paged),
    store.db.pages.where('dossierId').equals(dossierId).toArray(), rowsOfDossier(store.db.evidenceReadings, dossierId, paged),
  ]);
  if (!row) {
    useWorkspace.getState().load(null, null);
    useUi.getState().openDossier(null);
    clearIntegrity();
    stopWatchingReview();
    stopWatchingContentKinds?.();
    return;
  }
  showChecking(dossierId);
  const { invoiceRows } = stored;
  const review = { ...stored.review, program: row.program };
  // Grouped once by document: a 10,000-file dossier must not search every row for every file.
  const invoicesOf = groupBy(invoiceRows, (invoice) => invoice.file);
  const ocrPagesOf = groupBy(pageRows.filter((page) => page.method === 'ocr'), (page) => page.documentId);
  const evidenceOf = new Map(evidenceRows.map((reading) => [reading.id, reading]));
  const documents: DeskDocument[] = documentRows.map((doc) => {
    const invoices = (invoicesOf.get(doc.path) ?? []).sort((a, b) => a.page - b.page);
    const desk: DeskDocument = {
      path: doc.path, sha256: doc.sha256, type: doc.type, kind: doc.kind, size: doc.size, problems: doc.problems,
      loadBytes: async () => {
        const blob = await store.original(doc.sha256);
        if (!blob) throw new Error(`${doc.path}: the original is missing from the store`);
        return new Uint8Array(await blob.arrayBuffer());
      },
    };
    if (doc.encrypted) desk.encrypted = true;
    const ocrPages = (ocrPagesOf.get(doc.id) ?? []).filter((page) => page.sourceHash === doc.sha256);
    if (ocrPages.length > 0) desk.ocrText = ocrPages.sort((a, b) => a.page - b.page).map(pageTextOfRow);
    const stored = evidenceOf.get(doc.id);
    const evidence = stored?.sourceHash === doc.sha256 ? stored : undefined;
    if (invoices.length > 0 || evidence) {
      desk.extraction = {
        file: doc.path, sha256: doc.sha256, errors: [],
        invoices: invoices.map((invoice) => ({
          page: invoice.page, method: invoice.method, fields: invoice.extracted, confidence: invoice.confidence, boxes: invoice.boxes, checks: invoice.checks,
          ...(invoice.kind ? { kind: invoice.kind } : {}),
        })),
        contracts: evidence?.contracts ?? [],
        payments: evidence?.payments ?? [],
      };
    }
    return desk;
  });
  const refused = fileOutcomesOf(row, documentRows)
    .filter((outcome) => outcome.status === 'refused')
    .map((outcome) => ({ path: outcome.path, problems: outcome.problems.map((problem) => ({ code: problem.code, message: problem.message })) }));
  const open: OpenDossier = { id: dossierId, manifest: row.manifest, documents, review, refused };
  useWorkspace.getState().load(open, syncedWriter(store));
  // Checked once the dossier is painted and the window idle: the whole check reads the dossier's documents,
  // claims and log again in one transaction (seconds at 10,000 rows) and recomputes its id; started at
  // once, its reads queued before the first screen's.
  afterPaintAndIdle(() => void checkIntegrity(store, dossierId, { whole: true }));
  watchReview(store, dossierId);
  // The other dossiers only: reading this one's row again (a 10,000-row manifest) cost the window a long task.
  const peers = (await store.db.dossiers.where('id').notEqual(dossierId).toArray()).map((other) => ({ dossier: other.applicantName, manifest: other.manifest }));
  await startEvaluation(dossierId, row.program, peers, (id, report) => {
    store.saveFindings(id, report.findings).catch((error: unknown) => useWorkspace.getState().setError(error instanceof Error ? error.message : String(error)));
  });
  watchContentKinds(store, dossierId);
  // The dossier list keeps this dossier's standing from what was just read (no second read of them).
  noteStanding(row, review).catch((error: unknown) => console.warn(`the standing of dossier ${dossierId} could not be kept for the list (${error instanceof Error ? error.message : String(error)})`));
  void extractMissing(store, dossierId);
  readDossierForPrereview(store, open).catch((error: unknown) => useWorkspace.getState().setError(error instanceof Error ? error.message : String(error)));
  const ui = useUi.getState();
  if (!ui.activeFile || !documents.some((doc) => doc.path === ui.activeFile)) {
    const first = documents.find((doc) => kindOf(doc) === 'invoice') ?? documents[0];
    if (first) ui.openFile(first.path);
  }
}

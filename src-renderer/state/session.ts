// Loading and saving dossiers: files from the host or the bundled sample go through the import
// pipeline into the Dexie store (the store of record); an open dossier is read back from the store;
// the reviewer's edits are written to the store with their audit entries.
import type { ImportInputFile } from '../core/import';
import type { OcrPageText } from '../core/extract/pipeline';
import type { PdfPageText } from '../core/ports';
import type { PageRow } from '../db/schema';
import { importInBrowser } from '../platform/import-files';
import type { AuditEntry, ReviewFile } from '../core/types';
import { DossierStore } from '../db/store';
import { checkImportSpace, measureSelection, StorageFullError, type ImportSpaceCheck } from '../db/storage';
import { formatBytes } from '../core/import/limits';
import { translate } from '../i18n';
import { localIsoTime } from '../core/local-time';
import { assetUrl } from '../platform/assets';
import { webCryptoHasher } from '../platform/hasher';
import type { ReviewEdit } from './edits';
import { startEvaluation } from './report';
import { loadProfile } from './profiles';
import { evaluateDossier } from '../core/engine';
import { newReview } from '../core/review/read-write';
import { checkIntegrity, clearIntegrity } from './integrity';
import { useUi } from './ui';
import { useWorkspace, type DeskDocument, type DossierSummary, type OpenDossier, type ReviewWriter } from './workspace';

export const SAMPLE_ROOT = 'samples/shenzhen-dsp/';
const REVIEWER_ID = 'local';

let storePromise: Promise<DossierStore> | null = null;

export function getStore(): Promise<DossierStore> {
  storePromise ??= new DossierStore({ hasher: webCryptoHasher, clock: { now: () => localIsoTime(new Date()) } }).open();
  return storePromise;
}

function actorName(): string {
  return useWorkspace.getState().open?.review.reviewer.name || '审查员';
}

/** Writes each edit to the store, with its audit entry, in one transaction. */
export function storeWriter(store: DossierStore): ReviewWriter {
  return {
    async write(dossierId: string, edit: ReviewEdit) {
      await writeEdit(store, dossierId, edit);
      await reloadAuditLog(dossierId);
      void checkIntegrity(store, dossierId);
    },
  };
}

async function writeEdit(store: DossierStore, dossierId: string, edit: ReviewEdit) {
      const actor = actorName();
      switch (edit.type) {
        case 'cut':
          if (edit.cut) await store.setCut(dossierId, REVIEWER_ID, edit.claimId, edit.cut, actor);
          else if ((await store.cuts(dossierId)).some((row) => row.claimId === edit.claimId)) await store.removeCut(dossierId, edit.claimId, actor);
          return;
        case 'field':
          await store.confirmInvoiceField(dossierId, `${dossierId}:${edit.file}#${edit.page}`, edit.field as never, edit.value as never, actor);
          return;
        case 'finding':
          await store.setFindingStatus(dossierId, edit.findingId, edit.status, edit.note || undefined, actor);
          return;
        case 'score':
          await store.setScore(dossierId, REVIEWER_ID, edit.criterionId, edit.value, actor);
          return;
        case 'checklist':
          await store.setChecklist(dossierId, REVIEWER_ID, edit.itemId, edit.entry, actor);
          return;
        case 'conflict-of-interest':
          await store.declareConflictOfInterest(dossierId, REVIEWER_ID, { declared: edit.declared, note: edit.note }, actor);
          return;
        case 'reviewer':
          await store.setReviewer(dossierId, REVIEWER_ID, { ...(await store.review(dossierId, REVIEWER_ID)).reviewer, name: edit.name }, actor);
          return;
        case 'sign-off':
          await store.signOff(dossierId, REVIEWER_ID, edit.signedAt, actor);
          return;
      }
}

/** Each dossier with its verdict and score, evaluated from what the store holds for it. */
async function summaries(store: DossierStore): Promise<DossierSummary[]> {
  const rows = await store.listDossiers();
  return Promise.all(rows.map(async (row) => {
    const summary: DossierSummary = { id: row.id, program: row.program, applicant: row.applicantName, status: 'in-review', verdict: null, score: null };
    try {
      const [profile, cuts, scores, reviewRow] = await Promise.all([
        loadProfile(row.program), store.cuts(row.id), store.db.scores.where('dossierId').equals(row.id).toArray(), store.review(row.id, REVIEWER_ID),
      ]);
      if (reviewRow.decision.signedAt) summary.status = 'signed';
      const review = {
        ...newReview(row.program, { name: '', role: 'auditor' }, row.id),
        cuts: cuts.map((cut) => cut.cut),
        scores: Object.fromEntries(scores.map((score) => [score.criterionId, score.value])),
      };
      const report = evaluateDossier({ profile, manifest: row.manifest, review });
      summary.verdict = report.verdict;
      summary.score = report.score?.total ?? null;
    } catch {
      // A dossier whose program has no profile here, or whose data the engine refuses, is listed
      // without a verdict; opening it shows the reason.
    }
    return summary;
  }));
}

export async function refreshDossiers() {
  const store = await getStore();
  useWorkspace.getState().setDossiers(await summaries(store));
}

/** Reads a dossier and the reviewer's work from the store into the workspace. */
export async function loadDossier(dossierId: string) {
  const store = await getStore();
  const row = await store.getDossier(dossierId);
  if (!row) {
    useWorkspace.getState().load(null, null);
    useUi.getState().openDossier(null);
    clearIntegrity();
    return;
  }
  void checkIntegrity(store, dossierId);
  const [reviewRow, documentRows, invoiceRows, cutRows, auditRows, scoreRows, checklistRows, findingRows, pageRows] = await Promise.all([
    store.review(dossierId, REVIEWER_ID), store.documents(dossierId), store.invoices(dossierId), store.cuts(dossierId), store.auditLog(dossierId),
    store.db.scores.where('dossierId').equals(dossierId).toArray(), store.db.checklists.where('dossierId').equals(dossierId).toArray(),
    store.db.findings.where('dossierId').equals(dossierId).toArray(), store.db.pages.where('dossierId').equals(dossierId).toArray(),
  ]);
  const documents: DeskDocument[] = documentRows.map((doc) => {
    const invoices = invoiceRows.filter((invoice) => invoice.file === doc.path).sort((a, b) => a.page - b.page);
    const desk: DeskDocument = {
      path: doc.path, sha256: doc.sha256, type: doc.type, kind: doc.kind, size: doc.size, problems: doc.problems,
      loadBytes: async () => {
        const blob = await store.original(doc.sha256);
        if (!blob) throw new Error(`${doc.path}: the original is missing from the store`);
        return new Uint8Array(await blob.arrayBuffer());
      },
    };
    if (doc.encrypted) desk.encrypted = true;
    const ocrPages = pageRows.filter((page) => page.documentId === doc.id && page.method === 'ocr' && page.sourceHash === doc.sha256);
    if (ocrPages.length > 0) desk.ocrText = ocrPages.sort((a, b) => a.page - b.page).map(pageTextOfRow);
    if (invoices.length > 0) {
      desk.extraction = {
        file: doc.path, sha256: doc.sha256, errors: [],
        invoices: invoices.map((invoice) => ({
          page: invoice.page, method: invoice.method, fields: invoice.extracted, confidence: invoice.confidence, boxes: invoice.boxes, checks: invoice.checks,
        })),
      };
    }
    return desk;
  });
  const fields: ReviewFile['fields'] = [];
  for (const invoice of invoiceRows) {
    for (const [field, value] of Object.entries(invoice.confirmed)) {
      fields.push({ file: invoice.file, page: invoice.page, field, value: typeof value === 'string' ? value : value === null || value === undefined ? null : JSON.stringify(value) });
    }
  }
  const auditLog: AuditEntry[] = auditRows.map(({ dossierId: _dossierId, ...entry }) => entry);
  const review: ReviewFile = {
    schema: 'dossier-desk/review@1',
    dossierId,
    program: row.program,
    reviewer: { name: reviewRow.reviewer.name || '审查员', role: reviewRow.reviewer.role || 'auditor' },
    conflictOfInterest: reviewRow.conflictOfInterest,
    ...(reviewRow.decision.signedAt ? { decision: { signedAt: reviewRow.decision.signedAt } } : {}),
    cuts: cutRows.map((cut) => cut.cut),
    scores: Object.fromEntries(scoreRows.map((score) => [score.criterionId, score.value])),
    fields,
    findings: findingRows.filter((finding) => finding.status !== 'open' || finding.note).map((finding) => ({ id: finding.finding.id, status: finding.status, ...(finding.note ? { note: finding.note } : {}) })),
    checklists: Object.fromEntries(checklistRows.map((entry) => [entry.itemId, entry.entry])),
    auditLog,
  };
  const refused = (await store.fileOutcomes(dossierId))
    .filter((outcome) => outcome.status === 'refused')
    .map((outcome) => ({ path: outcome.path, problems: outcome.problems.map((problem) => ({ code: problem.code, message: problem.message })) }));
  const open: OpenDossier = { id: dossierId, manifest: row.manifest, documents, review, refused };
  useWorkspace.getState().load(open, storeWriter(store));
  const peers = (await store.listDossiers()).filter((other) => other.id !== dossierId).map((other) => ({ dossier: other.applicantName, manifest: other.manifest }));
  await startEvaluation(dossierId, row.program, peers, (id, report) => {
    store.saveFindings(id, report.findings).catch((error: unknown) => useWorkspace.getState().setError(error instanceof Error ? error.message : String(error)));
  });
  void extractMissing(store, dossierId);
  const ui = useUi.getState();
  if (!ui.activeFile || !documents.some((doc) => doc.path === ui.activeFile)) {
    const first = documents.find((doc) => doc.kind === 'invoice') ?? documents[0];
    if (first) ui.openFile(first.path);
  }
}

/** After each edit the audit log shown is the store's. */
export async function reloadAuditLog(dossierId: string) {
  const store = await getStore();
  const rows = await store.auditLog(dossierId);
  const state = useWorkspace.getState();
  if (state.open?.id !== dossierId) return;
  state.apply({ ...state.open.review, auditLog: rows.map(({ dossierId: _dossierId, ...entry }) => entry) });
}

let importAbort: AbortController | null = null;

export function cancelImport() {
  importAbort?.abort();
}

export interface ImportFilesOptions {
  /**
   * Asked before a large import, or one the space estimate says will not fit (see
   * checkImportSpace in db/storage); resolves true to go ahead. Without it the import goes ahead
   * and the store still refuses, writing nothing, what does not fit.
   */
  confirmSpace?: (check: ImportSpaceCheck) => Promise<boolean>;
}

/**
 * Runs the import pipeline over files, stores the result and opens the dossier. Returns the
 * dossier id, or null when the reviewer cancelled or the store had no room (said in a notice;
 * nothing of the import is written and everything stored before is kept).
 */
export async function importFiles(files: ImportInputFile[], options: ImportFilesOptions = {}) {
  const ui = useUi.getState();
  if (options.confirmSpace) {
    const store = await getStore();
    const space = checkImportSpace(measureSelection(files), await store.spaceEstimate().catch(() => null), store.persisted);
    if (space.askBecause && !(await options.confirmSpace(space))) {
      useUi.getState().setNotice({ tone: 'info', text: translate(useUi.getState().language, 'importSpace.cancelled') });
      return null;
    }
  }
  importAbort = new AbortController();
  const signal = importAbort.signal;
  ui.setProgress({ kind: 'import', done: 0, total: files.length, current: '' });
  try {
    const report = await importInBrowser(files, {
      signal,
      onProgress: (progress) => useUi.getState().setProgress({ kind: 'import', done: progress.done, total: progress.total, current: progress.current ?? '' }),
    });
    if (report.cancelled) {
      useUi.getState().setNotice({ tone: 'info', text: 'cancelled' });
      return null;
    }
    const store = await getStore();
    const row = await store.saveImport(report, actorName()).catch((error: unknown) => {
      if (!(error instanceof StorageFullError)) throw error;
      const language = useUi.getState().language;
      const text = error.available === null
        ? translate(language, 'import.storageFullUnknown', { needed: formatBytes(error.needed) })
        : translate(language, 'import.storageFull', { needed: formatBytes(error.needed), free: formatBytes(error.available) });
      useUi.getState().setNotice({ tone: 'error', text });
      return null;
    });
    if (!row) return null;
    await refreshDossiers();
    useUi.getState().openDossier(row.id);
    return row.id;
  } finally {
    useUi.getState().setProgress(null);
    importAbort = null;
  }
}

/** Fetches the bundled sample dossier (its manifest names every file) and imports it. */
export async function openSample() {
  const manifestResponse = await fetch(assetUrl(`${SAMPLE_ROOT}dossier.json`));
  if (!manifestResponse.ok) throw new Error(`${SAMPLE_ROOT}dossier.json: HTTP ${manifestResponse.status}`);
  const manifestBytes = new Uint8Array(await manifestResponse.arrayBuffer());
  const manifest = JSON.parse(new TextDecoder().decode(manifestBytes)) as { documents: { file: string }[] };
  const files: ImportInputFile[] = [{ path: 'dossier.json', bytes: manifestBytes }];
  for (const document of manifest.documents) {
    const response = await fetch(assetUrl(SAMPLE_ROOT + document.file.split('/').map(encodeURIComponent).join('/')));
    if (!response.ok) throw new Error(`${document.file}: HTTP ${response.status}`);
    files.push({ path: document.file, bytes: new Uint8Array(await response.arrayBuffer()) });
  }
  return importFiles(files);
}

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

const EXTRACTABLE = new Set(['pdf', 'ofd', 'xml', 'jpg', 'png']);
/** Cheap readings first (XML, OFD, text PDFs), scans (which need OCR) last. */
const EXTRACTION_ORDER: Record<string, number> = { xml: 0, ofd: 1, pdf: 2, png: 3, jpg: 3 };
const attempted = new Set<string>();
/** Files read at once: the extraction worker's OCR scheduler has two tesseract workers to keep busy. */
const EXTRACTION_LANES = Math.max(1, Math.min(2, globalThis.navigator?.hardwareConcurrency ?? 2));
let extraction: { dossierId: string; abort: AbortController } | null = null;

export function cancelExtraction() {
  extraction?.abort.abort();
}

/**
 * Reads the invoices of every invoice document the store has no reading of yet, two files at a time
 * in the extraction worker (OCR only where there is no text), storing each result as it comes.
 */
export async function extractMissing(store: DossierStore, dossierId: string) {
  if (extraction?.dossierId === dossierId) return;
  extraction?.abort.abort();
  const abort = new AbortController();
  extraction = { dossierId, abort };
  const workspace = () => useWorkspace.getState();
  const pending = (workspace().open?.id === dossierId ? workspace().open!.documents : [])
    .filter((doc) => doc.kind === 'invoice' && EXTRACTABLE.has(doc.type) && !doc.extraction && !attempted.has(`${dossierId}:${doc.sha256}`))
    .sort((a, b) => (EXTRACTION_ORDER[a.type] ?? 9) - (EXTRACTION_ORDER[b.type] ?? 9) || a.path.localeCompare(b.path));
  for (const doc of pending) workspace().updateDocument(doc.path, { ocrPending: true });
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
    for (const doc of workspace().open?.id === dossierId ? workspace().open!.documents : []) {
      if (doc.ocrPending) workspace().updateDocument(doc.path, { ocrPending: false });
    }
    if (extraction?.abort === abort) extraction = null;
    if (useUi.getState().progress?.kind === 'ocr') useUi.getState().setProgress(null);
  }
}

/** Reads one document's invoices in the extraction worker and stores them; false when cancelled. */
async function extractOne(store: DossierStore, dossierId: string, doc: DeskDocument, signal: AbortSignal): Promise<boolean> {
  const { extractInBrowser, ExtractionCancelled } = await import('../platform/extract-client');
  const workspace = () => useWorkspace.getState();
  try {
    const ocrText: OcrPageText[] = [];
    const result = await extractInBrowser({ name: doc.path, bytes: await doc.loadBytes() }, { signal, onOcrText: (text) => ocrText.push(text) });
    const extracted = { ...result, file: doc.path };
    if (extracted.invoices.length > 0 || ocrText.length > 0) {
      await store.saveExtraction(dossierId, doc.path, extracted, { engine: 'dossier-desk', ocrModel: ocrText.length > 0 ? 'tesseract.js chi_sim' : null, settings: 'default' }, ocrText.map(pageRowOfOcrText));
    }
    if (workspace().open?.id === dossierId) workspace().updateDocument(doc.path, { extraction: extracted, ocrPending: false, ...(ocrText.length > 0 ? { ocrText } : {}) });
  } catch (error) {
    if (error instanceof ExtractionCancelled) return false;
    if (workspace().open?.id === dossierId) {
      workspace().updateDocument(doc.path, {
        ocrPending: false,
        extraction: { file: doc.path, sha256: doc.sha256, invoices: [], errors: [{ code: 'extraction-failed', message: `${doc.path}: ${error instanceof Error ? error.message : String(error)}` }] },
      });
    }
  }
  return true;
}

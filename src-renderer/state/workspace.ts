// The open dossier as the UI sees it: documents, claims, the reviewer's work (a review@1 file) and
// the engine's report. The store of record is the Dexie store; this is its in-memory reflection.
// Every edit goes through a `ReviewWriter` to the store first, then lands here, so that what is on
// screen is what is stored.
import { create } from 'zustand';
import type { ImportProblemCode } from '../core/import';
import type { PdfPageText } from '../core/ports';
import type { CheckReport, DocumentKind, DossierManifest, FileExtraction, ReviewFile } from '../core/types';
import { changesOf, reduceEdit, ReviewLockedError, type EditEffect, type ReviewChange, type ReviewEdit } from '../core/review/edits';
import { ReviewSignedError } from '../db/store';
import type { MessageKey } from '../i18n';
import { useUi } from './ui';

export type DocumentFormat = 'pdf' | 'ofd' | 'xml' | 'jpg' | 'png' | 'webp' | 'csv' | 'xlsx' | 'json' | 'zip';

export interface DeskDocument {
  path: string;
  sha256: string;
  type: DocumentFormat;
  /** The kind the import or the manifest gave. */
  kind: DocumentKind;
  /** The kind the pre-review read in its content, where the listed kind said nothing (`other`) and the content says more. */
  contentKind?: DocumentKind;
  size: number;
  extraction?: FileExtraction;
  problems: { code: string; severity: 'error' | 'warning'; message: string }[];
  encrypted?: boolean;
  /** True while OCR for this file is queued or running. */
  ocrPending?: boolean;
  /** True when its reading was cancelled before it finished: nothing is wrong with the file, and it can be read again. */
  readingCancelled?: boolean;
  /** The words OCR read on each page of a scan or image-only PDF, page units, for search. */
  ocrText?: PdfPageText[];
  loadBytes(): Promise<Uint8Array>;
}

/** The kind a document is shown, filed and read under: what its content showed, where its listed kind said nothing. */
export function kindOf(document: Pick<DeskDocument, 'kind' | 'contentKind'>): DocumentKind {
  return document.contentKind ?? document.kind;
}

export type DossierStatus = 'importing' | 'in-review' | 'signed';

export interface DossierSummary {
  id: string;
  program: string;
  applicant: string;
  status: DossierStatus;
  verdict: 'pass' | 'fail' | null;
  score: string | null;
}

/**
 * Where the reviewer's edits go: the store of record, which persists an edit's changes (as the
 * reducer decided them, core/review/edits changesOf) with an audit entry each, in one transaction.
 * `basedOn` is the review version the edit was made on (see reviewVersion).
 */
export interface ReviewWriter {
  /** Whose review the edits change (the audit targets name the reviewer). */
  reviewerId: string;
  write(dossierId: string, edit: ReviewEdit, changes: readonly ReviewChange[], basedOn: number): Promise<void>;
}

/** An edit the writer refused and has already told the reviewer about (with a notice); not an error to show again. */
export class EditRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EditRefusedError';
  }
}

/** The version of a review as loaded from the store: the seq of its audit log's last entry, 0 for none. */
export function reviewVersion(review: ReviewFile | undefined): number {
  return review?.auditLog.at(-1)?.seq ?? 0;
}

/** A file the import refused (or a problem not tied to an imported file), with why. */
export interface RefusedFile {
  path: string;
  /** What the import found, most serious first: the code names it (translated), the message gives the detail. */
  problems: { code: ImportProblemCode; message: string }[];
}

export interface OpenDossier {
  id: string;
  manifest: DossierManifest;
  documents: DeskDocument[];
  review: ReviewFile;
  refused?: RefusedFile[];
}

export interface WorkspaceState {
  dossiers: DossierSummary[];
  open: OpenDossier | null;
  report: CheckReport | null;
  /**
   * False while the report is of an earlier review than the one on screen: a cut on a large dossier
   * moves the gauge at once (state/cut-standing.ts) and the whole evaluation follows after the next
   * paint (state/report.ts). What the report alone says is then shown as being evaluated again.
   */
  reportCurrent: boolean;
  writer: ReviewWriter | null;
  /**
   * True while a sign-off is being stored: it is shown as signed only once the store holds it (a
   * review shown as signed must not come back unsigned after a reload), and nothing else is edited meanwhile.
   */
  signing: boolean;
  /** The error shown above the workspace: a reason as given, or a message of the UI's, shown in the language chosen now. */
  error: string | { key: MessageKey } | null;

  setDossiers(dossiers: DossierSummary[]): void;
  load(open: OpenDossier | null, writer: ReviewWriter | null): void;
  /** The report to show; `current` false when it is of an earlier review or readings than the ones on screen (their evaluation follows). */
  setReport(report: CheckReport | null, current?: boolean): void;
  /** The review on screen is newer than the report: its evaluation follows. */
  setReportStale(): void;
  setError(error: string | { key: MessageKey } | null): void;
  updateDocument(path: string, patch: Partial<DeskDocument>): void;
  /** Several documents changed at once: one new document list, not one per document (10,000 of them in a large dossier). */
  updateDocuments(patches: ReadonlyMap<string, Partial<DeskDocument>>): void;
  apply(review: ReviewFile): void;
  /**
   * Applies an edit at once and writes it to the store; a failed write restores the previous review.
   * `basedOn`: the review version the reviewer saw when making it (when the typing began), by
   * default the version on screen now.
   */
  edit(edit: ReviewEdit, options?: { basedOn?: number | undefined }): Promise<boolean>;
}

/** The reviewer's confirmed (possibly corrected) value of a field, or undefined when not confirmed. */
export function confirmedField(review: ReviewFile | undefined, file: string, page: number, field: string) {
  return review?.fields.find((entry) => entry.file === file && entry.page === page && entry.field === field);
}

/** An edit made while the review is being signed: it would be refused by the signed review. */
export class ReviewSigningError extends Error {
  constructor() {
    super('the review is being signed');
    this.name = 'ReviewSigningError';
  }
}

/** A refused edit: a signed review (locked here or in the store) says so in the reviewer's language; anything else as it came. */
function reportEditError(error: unknown, set: (patch: Partial<WorkspaceState>) => void) {
  if (error instanceof EditRefusedError) return;
  if (error instanceof ReviewLockedError || error instanceof ReviewSignedError) {
    useUi.getState().setNotice({ tone: 'error', code: 'review.locked' });
    return;
  }
  if (error instanceof ReviewSigningError) {
    useUi.getState().setNotice({ tone: 'error', code: 'review.signing' });
    return;
  }
  set({ error: error instanceof Error ? error.message : String(error) });
}

/**
 * Decides whether an edit may go ahead (the reviewer named first): the edit to make (the same edit,
 * or completed: a sign-off names its reviewer), at once or as a promise; null drops it.
 */
export type EditGate = (edit: ReviewEdit) => ReviewEdit | null | Promise<ReviewEdit | null>;
let editGate: EditGate | null = null;

/** Installs the check every edit passes first (state/reviewer.ts: a score or cut needs a named reviewer). */
export function setEditGate(gate: EditGate | null): void {
  editGate = gate;
}

export const useWorkspace = create<WorkspaceState>()((set, get) => ({
  dossiers: [],
  open: null,
  report: null,
  reportCurrent: true,
  writer: null,
  signing: false,
  error: null,
  setDossiers: (dossiers) => set({ dossiers }),
  load: (open, writer) => set({ open, writer, report: null, reportCurrent: true, signing: false, error: null }),
  setReport: (report, current = true) => set({ report, reportCurrent: current }),
  setReportStale: () => set({ reportCurrent: false }),
  setError: (error) => set({ error }),
  updateDocument: (path, patch) =>
    set((state) => state.open
      ? { open: { ...state.open, documents: state.open.documents.map((doc) => (doc.path === path ? { ...doc, ...patch } : doc)) } }
      : {}),
  updateDocuments: (patches) =>
    set((state) => state.open && patches.size > 0
      ? { open: { ...state.open, documents: state.open.documents.map((doc) => {
        const patch = patches.get(doc.path);
        return patch ? { ...doc, ...patch } : doc;
      }) } }
      : {}),
  apply: (review) => set((state) => (state.open ? { open: { ...state.open, review } } : {})),
  edit: async (edit, options = {}) => {
    if (!get().open || !get().writer) return false;
    const allowed = editGate ? editGate(edit) : edit;
    // Only a gate that has to ask waits; an allowed edit still lands in the same frame.
    const gated = allowed instanceof Promise ? await allowed : allowed;
    if (!gated) return false;
    const { open, writer } = get();
    if (!open || !writer) return false;
    const before = open.review;
    const basedOn = options.basedOn ?? reviewVersion(before);
    let effect: EditEffect;
    try {
      if (get().signing) throw new ReviewSigningError();
      effect = reduceEdit(before, gated, { dossierId: open.id, reviewerId: writer.reviewerId });
    } catch (error) {
      reportEditError(error, set);
      return false;
    }
    const { review: next } = effect;
    const changes = changesOf(effect);
    if (changes.length === 0) return true;
    if (gated.type === 'sign-off') {
      // Shown as signed once stored, "signing" until then: a reload in between finds the review unsigned, as the screen said.
      set({ signing: true });
      try {
        await writer.write(open.id, gated, changes, basedOn);
      } catch (error) {
        reportEditError(error, set);
        return false;
      } finally {
        set({ signing: false });
      }
      // The writer may have shown the stored review already (which holds the sign-off).
      if (get().open?.id === open.id && get().open?.review === before) get().apply(next);
      return true;
    }
    get().apply(next);
    try {
      await writer.write(open.id, gated, changes, basedOn);
      return true;
    } catch (error) {
      if (get().open?.review === next) get().apply(before);
      reportEditError(error, set);
      return false;
    }
  },
}));

export function isLocked(review: ReviewFile | undefined): boolean {
  return Boolean(review?.decision?.signedAt);
}

// DossierStore: the repository the UI (and tests) use. An import is written in one transaction;
// every reviewer edit is written together with its audit entry in one top-level ('rw!')
// transaction on a database opened with strict durability, so an edit and its record exist
// together or not at all.
import Dexie from 'dexie';
import {
  auditedChanges, checkAuditWitness, compareReadings, compareWithAuditLog, kindOfKey, integrityReport, nextAuditEntry, readingDigest, verifyAuditChain, type AuditEvent,
  type AuditVerification, type AuditWitness, type IntegrityProblem, type IntegrityReport, type ReadingRecord,
} from '../core/audit';
import { canonicalJson } from '../core/audit/canonical-json';
import { groupBy } from '../core/group-by';
import { linkTarget, proposalChange, type LinkKind, type ProposalEdit, type ReviewChange } from '../core/review/edits';
import { readClaimTable, type ClaimColumnMapping, type ClaimTableInfo, type ImportProblem, type ImportReport } from '../core/import';
import { findDuplicateInvoices, type DuplicateInvoiceFinding, type InvoiceOccurrence } from '../core/invoice-index';
import type { Clock, Hasher } from '../core/ports';
import {
  defaultReview, emptyReviewerProfile, DossierDatabase, invoiceKeyOf, type AuditRow, type EvidenceReadingRow, type ProposalDecisionRow, type ReviewRow, type ReviewerRow, type ChecklistRow, type ClaimRow, type CutRow, type DerivationVersions,
  type DocumentRow, type DossierRow, type FindingRow, type InvoiceRow, type OcrPageRow, type PageRow, type ReadingRow, type ScoreRow,
} from './schema';
import type { PageOutcome } from '../core/extract/pipeline';
import type { DocumentReading } from '../core/prereview/classify';
import {
  ensureSpaceFor, estimateSpace, isQuotaError, requestPersistentStorage, StorageFullError, type SpaceEstimate, type StorageManagerLike,
} from './storage';
import { originalMediaType } from './original-media-type';
import { dossierIdInSlices } from './json-slices';
import { rowsOfDossier } from './paged-reads';
import { checkStoreContinuity, type LostStore, type StoreNoteKeeper } from './store-continuity';
import type { AuditEntry, ChecklistEntry, ClassificationCorrection, EvidenceRef, FileExtraction, InvoiceFields, ReviewCut } from './types';

/** Where one change of a review is stored: its tables, the value held now, and the write of the value after. */
interface ReviewSlot {
  tables: Dexie.Table[];
  before: unknown;
  write: () => Promise<void>;
}

export interface DossierStoreOptions {
  hasher: Hasher;
  clock: Clock;
  name?: string;
  storage?: StorageManagerLike;
  /** For tests and workers: a specific IndexedDB implementation. */
  indexedDB?: IDBFactory;
  IDBKeyRange?: typeof IDBKeyRange;
  /** The note outside IndexedDB that tells a store created anew from a store lost (db/store-continuity). */
  continuity?: StoreNoteKeeper;
}


/** Rows written or read this many at a time: each batch is one task of the window's thread, not all 10,000 rows in one. */
const WRITE_BATCH = 500;

function inBatches<T>(rows: readonly T[]): T[][] {
  const batches: T[][] = [];
  for (let start = 0; start < rows.length; start += WRITE_BATCH) batches.push(rows.slice(start, start + WRITE_BATCH));
  return batches;
}

export interface FileOutcome {
  path: string;
  status: 'imported' | 'warning' | 'refused';
  kind: DocumentRow['kind'] | null;
  sha256?: string;
  problems: ImportProblem[];
}

/** A signed review is locked: its reviewer's cuts, scores, checklist and details no longer change. */
export class ReviewSignedError extends Error {
  constructor(reviewerId: string, signedAt: string) {
    super(`the review by ${reviewerId} was signed at ${signedAt} and is locked`);
    this.name = 'ReviewSignedError';
  }
}

/**
 * An edit made on an older version of the review than the store holds: another window (or tab) on
 * the same dossier stored a change after this edit's author last saw the review. Nothing is written;
 * the author has to look at the stored review first.
 */
export class StaleEditError extends Error {
  constructor(readonly dossierId: string, readonly basedOn: number, readonly stored: number) {
    super(`dossier ${dossierId} was changed elsewhere: this edit was made on review version ${basedOn}, the store holds version ${stored}`);
    this.name = 'StaleEditError';
  }
}

/** The reviewer cancelled an import while it was being stored; the transaction was rolled back. */
export class ImportCancelledError extends Error {
  constructor() {
    super('the import was cancelled; nothing of it is kept');
    this.name = 'ImportCancelledError';
  }
}

/**
 * How an edit is written. `basedOn` is the review version (the seq of the audit chain's head, 0 for
 * none) that the edit's author saw; the edit is refused with StaleEditError when the store has moved on.
 */
export interface EditOptions {
  basedOn?: number;
}

/** Another window or worker appended to the same audit chain first; the edit is retried. */
class ChainMovedError extends Error {}

const EDIT_ATTEMPTS = 5;

export class DossierStore {
  readonly db: DossierDatabase;
  private readonly hasher: Hasher;
  private readonly clock: Clock;
  private readonly storage: StorageManagerLike | undefined;

  constructor(options: DossierStoreOptions) {
    const dbOptions: { indexedDB?: IDBFactory; IDBKeyRange?: typeof IDBKeyRange } = {};
    if (options.indexedDB) dbOptions.indexedDB = options.indexedDB;
    if (options.IDBKeyRange) dbOptions.IDBKeyRange = options.IDBKeyRange;
    this.db = new DossierDatabase(options.name, dbOptions);
    this.hasher = options.hasher;
    this.clock = options.clock;
    this.storage = options.storage ?? (typeof navigator !== 'undefined' ? navigator.storage : undefined);
    this.continuity = options.continuity;
  }

  private readonly continuity: StoreNoteKeeper | undefined;

  /**
   * Set when this open created the database anew although the note outside IndexedDB says this
   * workstation had a store before: the browser deleted it (Chromium does, when it finds an origin's
   * IndexedDB corrupt on opening, e.g. after a crash). The app tells the reviewer.
   */
  lostStore: LostStore | null = null;

  private readonly auditListeners = new Set<(dossierId: string) => void>();

  /** Calls `listener` with the dossier id after every committed audit entry (edit, import, mapping); returns the unsubscribe. */
  onAuditAppend(listener: (dossierId: string) => void): () => void {
    this.auditListeners.add(listener);
    return () => this.auditListeners.delete(listener);
  }

  /** Whether the browser granted persistent storage (asked once, when the store opens). */
  persisted = false;

  async open(): Promise<this> {
    let created = false;
    const markCreated = () => {
      created = true;
    };
    this.db.on('populate', markCreated);
    try {
      await this.db.open();
    } finally {
      this.db.on('populate').unsubscribe(markCreated);
    }
    this.lostStore = await checkStoreContinuity(created, this.continuity, this.clock.now());
    this.persisted = await requestPersistentStorage(this.storage).catch(() => false);
    return this;
  }

  /** Usage and quota, to show before a large import; null where the browser does not say. */
  spaceEstimate(): Promise<SpaceEstimate | null> {
    return estimateSpace(this.storage);
  }

  close(): void {
    this.db.close();
  }

  // ---- import ------------------------------------------------------------------------------

  /**
   * Stores an import: the dossier, its documents, each original once (by hash) and its claims,
   * with an audit entry, in one transaction. Refuses a cancelled report. When space runs out
   * (by estimate beforehand, or QuotaExceededError while writing) it throws StorageFullError and
   * nothing of this import is written. A signal that aborts while it writes throws
   * ImportCancelledError and rolls the whole transaction back: nothing of the import is kept.
   */
  /**
   * Stores an import: the dossier, its documents, originals and declared rows, in one transaction
   * written in batches (a 10,000-file dossier in one batch held the window for seconds). `originals`:
   * the files' Blobs made by the import worker, by sha256; without them they are made here.
   */
  async saveImport(report: ImportReport, actor: string, options: { signal?: { readonly aborted: boolean }; originals?: ReadonlyMap<string, Blob> } = {}): Promise<DossierRow> {
    if (report.cancelled) throw new Error('a cancelled import is not stored');
    const newBlobs = new Map<string, ImportReport['documents'][number]>();
    for (const document of report.documents) if (!newBlobs.has(document.sha256)) newBlobs.set(document.sha256, document);
    for (const sha of await this.storedOriginalKeys([...newBlobs.keys()])) newBlobs.delete(sha);
    const bytes = [...newBlobs.values()].reduce((sum, document) => sum + document.size, 0);
    const what = `this dossier's ${report.documents.length} files`;
    await ensureSpaceFor(bytes, what, this.storage);

    const now = this.clock.now();
    const row: DossierRow = {
      id: report.dossierId,
      program: report.manifest.program,
      applicantName: report.manifest.applicant.name,
      manifest: report.manifest,
      manifestSource: report.manifestSource,
      claimTable: report.claimTable,
      importedAt: now,
      importedBy: actor,
      fileCount: report.stats.files,
      rejected: report.rejected,
      problems: report.problems,
      auditHead: null,
    };
    const documents: DocumentRow[] = report.documents.map((document) => {
      const documentRow: DocumentRow = {
        id: `${report.dossierId}:${document.path}`, dossierId: report.dossierId, path: document.path, sha256: document.sha256,
        size: document.size, type: document.type, kind: document.kind, kindSource: document.kindSource, problems: document.problems,
      };
      if (document.fromArchive) documentRow.fromArchive = document.fromArchive;
      if (document.duplicateOf) documentRow.duplicateOf = document.duplicateOf;
      if (document.image) documentRow.image = document.image;
      if (document.encrypted) documentRow.encrypted = true;
      return documentRow;
    });
    const claims: ClaimRow[] = report.manifest.claims.map((claim, order) => ({
      id: `${report.dossierId}:${claim.id}`, dossierId: report.dossierId, claimId: claim.id, order, claim,
    }));
    const blobs = [...newBlobs.values()].map((document) => ({
      sha256: document.sha256, size: document.size, mime: originalMediaType(document.type),
      data: options.originals?.get(document.sha256) ?? new Blob([document.bytes as Uint8Array<ArrayBuffer>], { type: originalMediaType(document.type) }), storedAt: now,
    }));
    const event: AuditEvent = {
      actor, action: 'dossier.import', target: `dossier:${report.dossierId}`, before: null,
      after: { files: report.documents.map((d) => [d.path, d.sha256]), rejected: report.rejected.map((r) => r.path), claims: claims.length },
    };
    let imported: AuditEntry | undefined;
    try {
      const stopIfCancelled = (): void => {
        if (options.signal?.aborted) throw new ImportCancelledError();
      };
      [imported] = await this.appendWithEdit(report.dossierId, [event], [this.db.dossiers, this.db.documents, this.db.blobs, this.db.claims], async () => {
        stopIfCancelled();
        // The audit head is not in the row (auditHeads): the row is replaced whole.
        await this.db.dossiers.put(row);
        for (const batch of inBatches(documents)) {
          await this.db.documents.bulkPut(batch);
          stopIfCancelled();
        }
        const storedMeanwhile = new Set(await this.storedOriginalKeys(blobs.map((blob) => blob.sha256)));
        for (const batch of inBatches(blobs.filter((blob) => !storedMeanwhile.has(blob.sha256)))) {
          await this.db.blobs.bulkAdd(batch);
          stopIfCancelled();
        }
        for (const batch of inBatches(claims)) {
          await this.db.claims.bulkPut(batch);
          stopIfCancelled();
        }
      });
    } catch (error) {
      if (isQuotaError(error)) throw new StorageFullError(bytes, null, what);
      throw error;
    }
    // The row as stored, with the head the import's entry made: not read back (a 10,000-row manifest).
    return { ...row, auditHead: { seq: imported!.seq, hash: imported!.hash } };
  }

  /**
   * Stores extracted invoices, contracts, bank receipts and page text for one document, with the
   * versions that produced them. Returns the stored reading's digest, for the witness kept outside
   * the store (core/audit/readings).
   */
  async saveExtraction(dossierId: string, path: string, extraction: FileExtraction, versions: DerivationVersions,
    pages: Omit<PageRow, 'id' | 'dossierId' | 'documentId' | 'sourceHash' | 'versions'>[] = []): Promise<StoredReading> {
    const documentId = `${dossierId}:${path}`;
    const document = await this.db.documents.get(documentId);
    if (!document) throw new Error(`${path}: no such document in dossier ${dossierId}`);
    if (document.sha256 !== extraction.sha256) throw new Error(`${path}: the extraction was made from other bytes than the stored original`);
    const invoices: InvoiceRow[] = extraction.invoices.map((invoice) => {
      const invoiceRow: InvoiceRow = {
        id: `${documentId}#${invoice.page}`, dossierId, documentId, file: path, page: invoice.page, sourceHash: document.sha256,
        method: invoice.method, extracted: invoice.fields, confirmed: {}, confidence: invoice.confidence, boxes: invoice.boxes,
        checks: invoice.checks, versions, ...(invoice.kind ? { kind: invoice.kind } : {}),
      };
      invoiceRow.invoiceKey = invoiceKeyOf(invoiceRow);
      return invoiceRow;
    });
    const pageRows: PageRow[] = pages.map((page) => ({
      ...page, id: `${documentId}#${page.page}`, dossierId, documentId, sourceHash: document.sha256, versions,
    }));
    const contracts = extraction.contracts ?? [];
    const payments = extraction.payments ?? [];
    const evidence: EvidenceReadingRow | null = contracts.length > 0 || payments.length > 0
      ? { id: documentId, dossierId, file: path, sourceHash: document.sha256, contracts, payments, versions }
      : null;
    await this.db.transaction('rw!', [this.db.invoices, this.db.pages, this.db.evidenceReadings, this.db.ocrPages], async () => {
      if (evidence) await this.db.evidenceReadings.put(evidence);
      // The finished reading holds everything its unfinished pages held.
      await this.db.ocrPages.where('documentId').equals(documentId).delete();
      // Keep what the reviewer already confirmed when the same page is extracted again.
      for (const invoice of invoices) {
        const previous = await this.db.invoices.get(invoice.id);
        if (previous) {
          invoice.confirmed = previous.confirmed;
          invoice.invoiceKey = invoiceKeyOf(invoice);
        }
      }
      await this.db.invoices.bulkPut(invoices);
      await this.db.pages.bulkPut(pageRows);
    });
    const [storedInvoices, storedPages, storedEvidence] = await this.db.transaction('r', [this.db.invoices, this.db.pages, this.db.evidenceReadings], () => Promise.all([
      this.db.invoices.where('documentId').equals(documentId).toArray(), this.db.pages.where('documentId').equals(documentId).toArray(), this.db.evidenceReadings.get(documentId),
    ]));
    return { path, sourceHash: document.sha256, storeVersion: this.db.verno, digest: await readingDigest(this.hasher, readingContent(storedInvoices, storedPages, storedEvidence)) };
  }

  /** Every stored reading of the dossier's documents with its digest, by path (see saveExtraction). */
  async storedReadings(dossierId: string): Promise<Map<string, StoredReading>> {
    const [documents, invoices, pages, evidence] = await this.db.transaction('r', [this.db.documents, this.db.invoices, this.db.pages, this.db.evidenceReadings], () => Promise.all([
      this.documents(dossierId), this.invoices(dossierId), this.db.pages.where('dossierId').equals(dossierId).toArray(), this.evidenceReadings(dossierId),
    ]));
    const invoicesOf = groupBy(invoices, (invoice) => invoice.documentId);
    const pagesOf = groupBy(pages, (page) => page.documentId);
    const evidenceOf = new Map(evidence.map((reading) => [reading.id, reading]));
    const readings = new Map<string, StoredReading>();
    for (const document of documents) {
      const documentInvoices = invoicesOf.get(document.id) ?? [];
      const documentPages = pagesOf.get(document.id) ?? [];
      const documentEvidence = evidenceOf.get(document.id);
      if (documentInvoices.length === 0 && documentPages.length === 0 && !documentEvidence) continue;
      readings.set(document.path, {
        path: document.path, sourceHash: document.sha256, storeVersion: this.db.verno,
        digest: await readingDigest(this.hasher, readingContent(documentInvoices, documentPages, documentEvidence)),
      });
    }
    return readings;
  }

  // ---- reviewer edits (each with its audit entry, one transaction) ---------------------------

  /**
   * Persists one change of a review, as core/review/edits (reduceEdit) decided it, with its audit
   * entry in one transaction: the row under the change's key (core/audit/replay's keys) takes the
   * value after, and the entry records the value the store held before. What the edit means is not
   * decided here; a signed review refuses cuts, scores, checklist entries and its own parts.
   */
  async recordReviewChange(dossierId: string, reviewerId: string, change: ReviewChange, actor: string, options: EditOptions = {}): Promise<AuditEntry> {
    return (await this.recordReviewChanges(dossierId, reviewerId, [change], actor, options))[0]!;
  }

  /**
   * Persists the changes of one edit (core/review/edits changesOf: a sign-off with the reviewer it
   * records first) in ONE transaction, an audit entry each, in order: all are stored or none. The
   * changes must be on different keys (each entry records the value held before the whole write).
   */
  async recordReviewChanges(dossierId: string, reviewerId: string, changes: readonly ReviewChange[], actor: string, options: EditOptions = {}): Promise<AuditEntry[]> {
    if (changes.length === 0) throw new Error('no change to record');
    const keys = new Set<string>();
    const slots: { change: ReviewChange; slot: ReviewSlot }[] = [];
    for (const change of changes) {
      const keyed = auditedChanges(change);
      if (keyed.length === 0) throw new Error(`${change.action} is not a change of a review`);
      const key = change.target.startsWith('proposal:') ? change.target : keyed[0]!.key;
      if (keys.has(key)) throw new Error(`${key} is changed twice in one write`);
      keys.add(key);
      const slot = change.target.startsWith('proposal:')
        ? await this.proposalSlot(dossierId, reviewerId, change)
        : await this.reviewSlot(dossierId, reviewerId, keyed[0]!.key, keyed[0]!.value, change.unsetBefore);
      slots.push({ change, slot });
    }
    return this.editMany(
      dossierId,
      slots.map(({ change, slot }) => ({ actor, action: change.action, target: change.target, before: slot.before, after: change.after })),
      slots.flatMap(({ slot }) => slot.tables),
      options,
      async () => {
        for (const { slot } of slots) await slot.write();
      },
    );
  }

  async confirmInvoiceField<F extends keyof InvoiceFields>(dossierId: string, invoiceId: string, field: F, value: InvoiceFields[F], actor: string, options: EditOptions = {}): Promise<AuditEntry> {
    return this.recordReviewChange(dossierId, '', { action: 'invoice.confirm', target: `invoice:${invoiceId}:${String(field)}`, after: value ?? null }, actor, options);
  }

  async setCut(dossierId: string, reviewerId: string, cutId: string, cut: ReviewCut, actor: string, options: EditOptions = {}): Promise<AuditEntry> {
    return this.recordReviewChange(dossierId, reviewerId, { action: 'cut.set', target: `cut:${cutId}`, after: cut }, actor, options);
  }

  async removeCut(dossierId: string, cutId: string, actor: string, options: EditOptions = {}): Promise<AuditEntry> {
    return this.recordReviewChange(dossierId, '', { action: 'cut.remove', target: `cut:${cutId}`, after: null }, actor, options);
  }

  /**
   * The reviewer's decision on a reconciliation proposal, with one audit entry (proposal.accept,
   * proposal.reject or proposal.reopen): accepting stores the cut under the proposal's id, rejecting
   * stores the rejection with its note; each removes the other, reopening removes both.
   */
  async decideProposal(dossierId: string, reviewerId: string, proposalId: string, claimId: string, decision: ProposalEdit, actor: string, options: EditOptions = {}): Promise<AuditEntry> {
    return this.recordReviewChange(dossierId, reviewerId, proposalChange({ type: 'proposal', proposalId, claimId, decision }), actor, options);
  }

  /** Where a proposal decision is stored: the cut accepting it and its rejection, both under the proposal's id. */
  private async proposalSlot(dossierId: string, reviewerId: string, change: ReviewChange): Promise<ReviewSlot> {
    await this.assertUnsigned(dossierId, reviewerId);
    const proposalId = change.target.slice('proposal:'.length);
    const claimId = change.claimId ?? '';
    if (!(await this.db.claims.get(`${dossierId}:${claimId}`))) throw new Error(`claim ${claimId} is not in dossier ${dossierId}`);
    const after = change.after as { status: 'accepted'; cut: ReviewCut } | { status: 'rejected'; note: string } | { status: 'open' };
    if (after.status === 'accepted' && after.cut.claimId !== claimId) throw new Error(`the cut accepting ${proposalId} names claim ${after.cut.claimId}, not ${claimId}`);
    const id = `${dossierId}:${proposalId}`;
    return {
      tables: [this.db.cuts, this.db.proposalDecisions], before: await this.proposalDecision(id),
      write: async () => {
        await this.db.cuts.delete(id);
        await this.db.proposalDecisions.delete(id);
        if (after.status === 'accepted') await this.db.cuts.put({ id, dossierId, reviewerId, claimId, cut: after.cut });
        if (after.status === 'rejected') {
          await this.db.proposalDecisions.put({ id, dossierId, reviewerId, claimId, proposalId, status: 'rejected', note: after.note } satisfies ProposalDecisionRow);
        }
      },
    };
  }

  /** A proposal's decision as stored: the cut that accepts it, its rejection, or open. */
  private async proposalDecision(id: string): Promise<{ status: 'accepted'; cut: ReviewCut } | { status: 'rejected'; note: string } | { status: 'open' }> {
    const [cut, rejection] = await Promise.all([this.db.cuts.get(id), this.db.proposalDecisions.get(id)]);
    if (cut) return { status: 'accepted', cut: cut.cut };
    if (rejection) return { status: 'rejected', note: rejection.note };
    return { status: 'open' };
  }

  proposalDecisions(dossierId: string): Promise<ProposalDecisionRow[]> {
    return this.db.proposalDecisions.where('dossierId').equals(dossierId).toArray();
  }

  evidenceReadings(dossierId: string): Promise<EvidenceReadingRow[]> {
    return this.db.evidenceReadings.where('dossierId').equals(dossierId).toArray();
  }

  async setScore(dossierId: string, reviewerId: string, criterionId: string, value: string | null, actor: string, options: EditOptions = {}): Promise<AuditEntry> {
    return this.recordReviewChange(dossierId, reviewerId, { action: 'score.set', target: `score:${reviewerId}:${criterionId}`, after: value }, actor, options);
  }

  async setChecklist(dossierId: string, reviewerId: string, itemId: string, entry: ChecklistEntry, actor: string, options: EditOptions = {}): Promise<AuditEntry> {
    return this.recordReviewChange(dossierId, reviewerId, { action: 'checklist.set', target: `checklist:${reviewerId}:${itemId}`, after: entry }, actor, options);
  }

  async setFindingStatus(dossierId: string, findingId: string, status: FindingRow['status'], note: string | undefined, actor: string, options: EditOptions = {}): Promise<AuditEntry> {
    return this.recordReviewChange(dossierId, '', { action: 'finding.status', target: `finding:${findingId}`, after: { status, note: note ?? null } }, actor, options);
  }

  /**
   * Where a review change is stored: the table, the value held now under its key, and the write of
   * the value after. Throws for a row that does not exist (an invoice, a finding, a claim, a cut to
   * remove) or a signed review.
   */
  private async reviewSlot(dossierId: string, reviewerId: string, key: string, value: unknown, unsetBefore: unknown): Promise<ReviewSlot> {
    const rest = key.slice(key.indexOf(':') + 1);
    const ofReviewer = (prefix: string) => {
      if (!key.startsWith(`${prefix}:${reviewerId}:`)) throw new Error(`${key} is not a change of reviewer ${reviewerId}'s review`);
      return key.slice(prefix.length + reviewerId.length + 2);
    };
    switch (kindOfKey(key)) {
      case 'cut': {
        const id = `${dossierId}:${rest}`;
        const row = await this.db.cuts.get(id);
        if (value === undefined) {
          if (!row) throw new Error(`cut ${rest} is not in dossier ${dossierId}`);
          await this.assertUnsigned(dossierId, row.reviewerId);
          return { tables: [this.db.cuts], before: row.cut, write: async () => { await this.db.cuts.delete(id); } };
        }
        await this.assertUnsigned(dossierId, reviewerId);
        const cut = value as ReviewCut;
        if (!(await this.db.claims.get(`${dossierId}:${cut.claimId}`))) throw new Error(`claim ${cut.claimId} is not in dossier ${dossierId}`);
        return { tables: [this.db.cuts], before: row?.cut ?? null, write: async () => { await this.db.cuts.put({ id, dossierId, reviewerId, claimId: cut.claimId, cut }); } };
      }
      case 'score': {
        const criterionId = ofReviewer('score');
        await this.assertUnsigned(dossierId, reviewerId);
        const id = `${dossierId}:${reviewerId}:${criterionId}`;
        return {
          tables: [this.db.scores], before: (await this.db.scores.get(id))?.value ?? null,
          write: async () => {
            if (value === undefined) await this.db.scores.delete(id);
            else await this.db.scores.put({ id, dossierId, reviewerId, criterionId, value: value as string } satisfies ScoreRow);
          },
        };
      }
      case 'checklist': {
        const itemId = ofReviewer('checklist');
        await this.assertUnsigned(dossierId, reviewerId);
        const id = `${dossierId}:${reviewerId}:${itemId}`;
        return {
          tables: [this.db.checklists], before: (await this.db.checklists.get(id))?.entry ?? null,
          write: async () => { await this.db.checklists.put({ id, dossierId, reviewerId, itemId, entry: value as ChecklistEntry } satisfies ChecklistRow); },
        };
      }
      case 'invoice': {
        const invoiceId = rest.slice(0, rest.lastIndexOf(':'));
        const field = rest.slice(rest.lastIndexOf(':') + 1) as keyof InvoiceFields;
        const current = await this.db.invoices.get(invoiceId);
        if (!current || current.dossierId !== dossierId) throw new Error(`invoice ${invoiceId} is not in dossier ${dossierId}`);
        const before = field in current.confirmed ? current.confirmed[field] : current.extracted[field];
        return {
          tables: [this.db.invoices], before: before ?? null,
          write: async () => {
            const row = (await this.db.invoices.get(invoiceId))!;
            row.confirmed = { ...row.confirmed, [field]: value };
            row.invoiceKey = invoiceKeyOf(row);
            await this.db.invoices.put(row);
          },
        };
      }
      case 'finding': {
        const id = `${dossierId}:${rest}`;
        const current = await this.db.findings.get(id);
        if (!current) throw new Error(`finding ${rest} is not in dossier ${dossierId}`);
        const after = value as { status: FindingRow['status']; note: string | null };
        return {
          tables: [this.db.findings], before: { status: current.status, note: current.note ?? null },
          write: async () => {
            const row = (await this.db.findings.get(id))!;
            row.status = after.status;
            if (after.note === null) delete row.note;
            else row.note = after.note;
            await this.db.findings.put(row);
          },
        };
      }
      case 'comment': {
        const criterionId = ofReviewer('comment');
        await this.assertUnsigned(dossierId, reviewerId);
        return {
          tables: [this.db.reviews], before: (await this.review(dossierId, reviewerId)).comments?.[criterionId] ?? null,
          write: async () => {
            const review = await this.review(dossierId, reviewerId);
            const comments = { ...review.comments };
            if (value === undefined) delete comments[criterionId];
            else comments[criterionId] = value as string;
            await this.db.reviews.put({ ...review, comments });
          },
        };
      }
      case 'review': {
        const part = ofReviewer('review') as 'reviewer' | 'conflictOfInterest' | 'decision' | 'opinion' | 'sample';
        await this.assertUnsigned(dossierId, reviewerId);
        return {
          tables: [this.db.reviews], before: (await this.review(dossierId, reviewerId))[part] ?? null,
          write: async () => {
            const { [part]: _replaced, ...review } = await this.review(dossierId, reviewerId);
            await this.db.reviews.put({ ...review, ...(value === undefined ? {} : { [part]: value }) } as ReviewRow);
          },
        };
      }
      case 'classification': {
        const file = ofReviewer('classification');
        await this.assertUnsigned(dossierId, reviewerId);
        if (!(await this.db.documents.get(`${dossierId}:${file}`))) throw new Error(`${file}: no such document in dossier ${dossierId}`);
        return {
          tables: [this.db.reviews], before: (await this.review(dossierId, reviewerId)).classifications?.[file] ?? unsetBefore ?? null,
          write: async () => {
            const review = await this.review(dossierId, reviewerId);
            const classifications = { ...(review.classifications ?? {}) };
            if (value === undefined) delete classifications[file];
            else classifications[file] = value as ClassificationCorrection;
            await this.db.reviews.put({ ...review, classifications });
          },
        };
      }
      case 'link': {
        // link:<reviewerId>:<claimId>:<kind>
        const claimAndKind = ofReviewer('link');
        const claimId = claimAndKind.slice(0, claimAndKind.lastIndexOf(':'));
        const kind = claimAndKind.slice(claimAndKind.lastIndexOf(':') + 1) as LinkKind;
        if (!['invoices', 'contracts', 'payments'].includes(kind)) throw new Error(`${key}: ${kind} is not a kind of evidence`);
        await this.assertUnsigned(dossierId, reviewerId);
        if (!(await this.db.claims.get(`${dossierId}:${claimId}`))) throw new Error(`claim ${claimId} is not in dossier ${dossierId}`);
        return {
          tables: [this.db.reviews], before: (await this.review(dossierId, reviewerId)).links?.[claimId]?.[kind] ?? null,
          write: async () => {
            const review = await this.review(dossierId, reviewerId);
            const links = { ...(review.links ?? {}) };
            const row = { ...(links[claimId] ?? {}) };
            if (value === undefined) delete row[kind];
            else row[kind] = value as EvidenceRef[];
            if (Object.keys(row).length > 0) links[claimId] = row;
            else delete links[claimId];
            await this.db.reviews.put({ ...review, links });
          },
        };
      }
      case 'proposal':
      case null:
        throw new Error(`${key} names no single row of a review`);
    }
  }

  /**
   * The reviewer corrected the claim-list column mapping: the claims read again with it (see
   * readClaimTable in core/import) replace the dossier's claims, with the old and new mapping in
   * the audit log. Cuts keep pointing at claim ids; a cut whose claim disappears is refused.
   */
  async setClaimMapping(dossierId: string, mapping: ClaimColumnMapping, headerRow: number, actor: string, options: EditOptions = {}): Promise<AuditEntry> {
    const dossier = await this.db.dossiers.get(dossierId);
    if (!dossier?.claimTable) throw new Error(`dossier ${dossierId} has no claim list read from a table`);
    const table = dossier.claimTable;
    const read = readClaimTable(table.rows, headerRow, mapping, table.file);
    const ids = new Set(read.claims.map((claim) => claim.id));
    const orphaned = (await this.cuts(dossierId)).filter((cut) => !ids.has(cut.claimId));
    if (orphaned.length > 0) throw new Error(`with this mapping claim ${orphaned[0]!.claimId} would disappear but has a cut; remove the cut first`);
    const nextTable: ClaimTableInfo = {
      ...table, headerRow, mapping, headers: table.rows[headerRow] ?? [], amountColumn: read.amountColumn, unmappedHeaders: read.unmappedHeaders,
    };
    const rows: ClaimRow[] = read.claims.map((claim, order) => ({ id: `${dossierId}:${claim.id}`, dossierId, claimId: claim.id, order, claim }));
    return this.edit(dossierId, {
      actor, action: 'claims.mapping', target: `claims:${table.file}`,
      before: { headerRow: table.headerRow, mapping: table.mapping, claims: dossier.manifest.claims.length },
      after: { headerRow, mapping, claims: rows.length },
    }, [this.db.claims, this.db.dossiers], options, async () => {
      await this.db.claims.where('dossierId').equals(dossierId).delete();
      await this.db.claims.bulkPut(rows);
      const current = (await this.db.dossiers.get(dossierId))!;
      await this.db.dossiers.put({
        ...current, claimTable: nextTable, manifest: { ...current.manifest, claims: read.claims },
        problems: [...current.problems.filter((p) => p.file !== table.file || (p.code !== 'claims-row' && p.code !== 'claims-invalid')), ...read.problems],
      });
    });
  }

  /** The reviewer's review of the dossier (defaults until something is recorded). */
  async review(dossierId: string, reviewerId: string): Promise<ReviewRow> {
    const row = (await this.db.reviews.get([dossierId, reviewerId])) ?? defaultReview(dossierId, reviewerId);
    return { ...row, opinion: row.opinion ?? '' };
  }

  /** The workstation's reviewer profile (an empty one until the reviewer names themselves). */
  async reviewerProfile(reviewerId: string): Promise<ReviewerRow> {
    const row = await this.db.reviewers.get(reviewerId);
    return row ? { ...emptyReviewerProfile(reviewerId), ...row } : emptyReviewerProfile(reviewerId);
  }

  /** Keeps the reviewer profile (who signs; the relations screened for conflicts of interest). */
  async saveReviewerProfile(profile: ReviewerRow): Promise<void> {
    await this.db.reviewers.put(profile);
  }


  async setReviewer(dossierId: string, reviewerId: string, reviewer: ReviewRow['reviewer'], actor: string, options: EditOptions = {}): Promise<AuditEntry> {
    return this.recordReviewChange(dossierId, reviewerId, { action: 'review.reviewer', target: `review:${reviewerId}`, after: reviewer }, actor, options);
  }

  async declareConflictOfInterest(dossierId: string, reviewerId: string, declaration: ReviewRow['conflictOfInterest'], actor: string, options: EditOptions = {}): Promise<AuditEntry> {
    return this.recordReviewChange(dossierId, reviewerId, { action: 'review.conflict-of-interest', target: `review:${reviewerId}`, after: declaration }, actor, options);
  }

  /**
   * The reviewer moves a file to another material item of the pre-review (material null: not a
   * material), or gives it back to its content's classification (correction null). `placedBefore`
   * is where the pre-review had it, recorded as the entry's before when there was no correction.
   */
  async setClassification(dossierId: string, reviewerId: string, file: string, correction: ClassificationCorrection | null, placedBefore: { material: string | null; source: string } | null, actor: string, options: EditOptions = {}): Promise<AuditEntry> {
    return this.recordReviewChange(dossierId, reviewerId, {
      action: 'classification.set', target: `classification:${reviewerId}:${file}`, after: correction, ...(placedBefore ? { unsetBefore: placedBefore } : {}),
    }, actor, options);
  }

  /** The pre-review's stored readings of a dossier's documents (only those read from the stored originals' bytes). */
  async readings(dossierId: string): Promise<ReadingRow[]> {
    const [rows, documents] = await Promise.all([rowsOfDossier(this.db.readings, dossierId), this.documents(dossierId)]);
    const hashes = new Map(documents.map((document) => [document.id, document.sha256]));
    return rows.filter((row) => hashes.get(row.id) === row.sourceHash);
  }

  /**
   * Keeps one OCR'd page of a document whose reading is under way (committed at once, so that a
   * crash loses at most the pages being read), for the bytes `sourceHash` names.
   */
  async saveOcrPage(dossierId: string, path: string, sourceHash: string, outcome: PageOutcome, versions: DerivationVersions): Promise<void> {
    const documentId = `${dossierId}:${path}`;
    const document = await this.db.documents.get(documentId);
    if (!document) throw new Error(`${path}: no such document in dossier ${dossierId}`);
    if (document.sha256 !== sourceHash) throw new Error(`${path}: the page was read from other bytes than the stored original`);
    await this.db.ocrPages.put({ documentId, page: outcome.page, dossierId, sourceHash, versions, outcome } satisfies OcrPageRow);
  }

  /**
   * The pages of a document an unfinished reading already read, in page order: only those read from
   * the stored original's bytes by these versions (any others are stale and deleted).
   */
  async ocrPages(dossierId: string, path: string, versions: DerivationVersions): Promise<PageOutcome[]> {
    const documentId = `${dossierId}:${path}`;
    return this.db.transaction('rw', [this.db.documents, this.db.ocrPages], async () => {
      const document = await this.db.documents.get(documentId);
      const rows = await this.db.ocrPages.where('documentId').equals(documentId).sortBy('page');
      const current = (row: OcrPageRow) => row.sourceHash === document?.sha256 && canonicalJson(row.versions) === canonicalJson(versions);
      const stale = rows.filter((row) => !current(row));
      if (stale.length > 0) await this.db.ocrPages.bulkDelete(stale.map((row) => [row.documentId, row.page] as [string, number]));
      return rows.filter(current).map((row) => row.outcome);
    });
  }

  /** Stores what the pre-review read of one document. */
  async saveReading(dossierId: string, path: string, reading: DocumentReading, versions: DerivationVersions): Promise<void> {
    const documentId = `${dossierId}:${path}`;
    const document = await this.db.documents.get(documentId);
    if (!document) throw new Error(`${path}: no such document in dossier ${dossierId}`);
    await this.db.readings.put({ id: documentId, dossierId, sourceHash: document.sha256, versions, reading });
  }

  /** Signs the review off; afterwards this reviewer's cuts, scores and checklist are locked. */
  async signOff(dossierId: string, reviewerId: string, signedAt: string, actor: string, options: EditOptions = {}): Promise<AuditEntry> {
    const decision = { ...(await this.review(dossierId, reviewerId)).decision, signedAt };
    return this.recordReviewChange(dossierId, reviewerId, { action: 'review.sign-off', target: `review:${reviewerId}`, after: decision }, actor, options);
  }

  private async assertUnsigned(dossierId: string, reviewerId: string): Promise<void> {
    const signedAt = (await this.db.reviews.get([dossierId, reviewerId]))?.decision.signedAt;
    if (signedAt) throw new ReviewSignedError(reviewerId, signedAt);
  }

  /**
   * Replaces the engine's findings for a dossier, keeping the reviewer's status and note on those that
   * remain. Only the findings that changed are written and only those gone are deleted: rewriting them
   * all after every evaluation (a delete and a put of every row of a 10,000-row dossier) held the
   * window after each cut, and every live query watching the table was told of every row.
   */
  async saveFindings(dossierId: string, findings: FindingRow['finding'][]): Promise<void> {
    await this.db.transaction('rw!', [this.db.findings], async () => {
      const previous = new Map((await this.db.findings.where('dossierId').equals(dossierId).toArray()).map((row) => [row.id, row]));
      const changed: FindingRow[] = [];
      const kept = new Set<string>();
      for (const finding of findings) {
        const id = `${dossierId}:${finding.id}`;
        kept.add(id);
        const before = previous.get(id);
        if (before && before.rule === finding.rule && sameFinding(before.finding, finding)) continue;
        const row: FindingRow = { id, dossierId, rule: finding.rule, finding, status: before?.status ?? 'open' };
        if (before?.note !== undefined) row.note = before.note;
        changed.push(row);
      }
      const gone = [...previous.keys()].filter((id) => !kept.has(id));
      if (gone.length > 0) await this.db.findings.bulkDelete(gone);
      if (changed.length > 0) await this.db.findings.bulkPut(changed);
    });
  }

  // ---- reading --------------------------------------------------------------------------------

  listDossiers(): Promise<DossierRow[]> {
    return this.db.dossiers.orderBy('importedAt').reverse().toArray();
  }

  /** The dossier's row, with the audit head the store records for it (kept apart: auditHeads). */
  async getDossier(dossierId: string): Promise<DossierRow | undefined> {
    const [row, auditHead] = await Promise.all([this.db.dossiers.get(dossierId), this.recordedHead(dossierId)]);
    return row && { ...row, auditHead };
  }

  /** The head of the dossier's audit chain as the store records it apart from the log; null: none recorded. */
  async recordedHead(dossierId: string): Promise<{ seq: number; hash: string } | null> {
    const row = await this.db.auditHeads.get(dossierId);
    return row ? { seq: row.seq, hash: row.hash } : null;
  }

  /** Whether the store holds the dossier (its key only: the row, a 10,000-row manifest, is not read). */
  async hasDossier(dossierId: string): Promise<boolean> {
    return (await this.db.dossiers.where('id').equals(dossierId).primaryKeys()).length > 0;
  }

  /** In path order, read in bounded pages (db/paged-reads): one read of 10,000 rows held the browser's IndexedDB for seconds. */
  documents(dossierId: string): Promise<DocumentRow[]> {
    return rowsOfDossier(this.db.documents, dossierId);
  }

  /**
   * Every file of the import with its outcome — imported, imported with warnings, or refused —
   * and its messages, in path order: what the UI lists so that each file has its message.
   */
  async fileOutcomes(dossierId: string): Promise<FileOutcome[]> {
    const [dossier, documents] = await Promise.all([this.db.dossiers.get(dossierId), this.documents(dossierId)]);
    return dossier ? fileOutcomesOf(dossier, documents) : [];
  }

  async original(sha256: string): Promise<Blob | undefined> {
    return (await this.db.blobs.get(sha256))?.data;
  }

  /** In the manifest's order; read in bounded pages (db/paged-reads: the whole check read 10,000 claims in one request of 1.5 s). */
  async claims(dossierId: string): Promise<ClaimRow[]> {
    return (await rowsOfDossier(this.db.claims, dossierId)).sort((a, b) => a.order - b.order);
  }

  cuts(dossierId: string): Promise<CutRow[]> {
    return this.db.cuts.where('dossierId').equals(dossierId).toArray();
  }

  /** Read in bounded pages (db/paged-reads), in the order of their ids. */
  invoices(dossierId: string): Promise<InvoiceRow[]> {
    return rowsOfDossier(this.db.invoices, dossierId);
  }

  auditLog(dossierId: string): Promise<AuditRow[]> {
    return this.db.auditLog.where('[dossierId+seq]').between([dossierId, Dexie.minKey], [dossierId, Dexie.maxKey]).toArray();
  }

  /** The version of the dossier's review: the seq of its audit chain's head, 0 before any entry. */
  async reviewVersion(dossierId: string): Promise<number> {
    return (await this.chainHead(dossierId))?.seq ?? 0;
  }

  /** Recomputes the dossier's chain against the head recorded on the dossier. */
  async verifyAudit(dossierId: string): Promise<AuditVerification> {
    const [rows, head] = await Promise.all([this.auditLog(dossierId), this.recordedHead(dossierId)]);
    const entries: AuditEntry[] = rows.map(({ dossierId: _dossierId, ...entry }) => entry);
    return verifyAuditChain(entries, this.hasher, head?.hash);
  }

  /**
   * The reviewer's work as stored, keyed as the audit log keys it (see core/audit/replay): every
   * cut, score, checklist entry, confirmed invoice field, finding disposition and review part.
   */
  async storedAuditedState(dossierId: string, rowIds?: MirrorRowIds): Promise<Map<string, unknown>> {
    // With rowIds, the invoice and finding rows those ids name (of this dossier) only.
    const ofDossier = <T extends { dossierId: string }>(rows: (T | undefined)[]): T[] => rows.filter((row): row is T => row !== undefined && row.dossierId === dossierId);
    const [cuts, scores, checklists, invoices, findings, reviews, proposalDecisions] = await Promise.all([
      this.cuts(dossierId), this.db.scores.where('dossierId').equals(dossierId).toArray(), this.db.checklists.where('dossierId').equals(dossierId).toArray(),
      rowIds ? (rowIds.invoices.length > 0 ? this.db.invoices.bulkGet([...rowIds.invoices]).then(ofDossier) : []) : this.invoices(dossierId),
      rowIds ? (rowIds.findings.length > 0 ? this.db.findings.bulkGet([...rowIds.findings]).then(ofDossier) : []) : this.db.findings.where('dossierId').equals(dossierId).toArray(),
      this.db.reviews.where('dossierId').equals(dossierId).toArray(),
      this.proposalDecisions(dossierId),
    ]);
    return auditedStateOf(dossierId, { cuts, scores, checklists, invoices, findings, reviews, proposalDecisions });
  }

  /**
   * Checks a dossier as stored: its audit chain from the first entry to the head recorded on the
   * dossier (and to the head a witness kept outside the store, when given), every stored row of
   * the reviewer's work against the state the log leaves, the stored readings against the digests
   * kept outside the store (when given), and (unless left out) the claims against the manifest and
   * the manifest and file hashes against the dossier id. Every problem names the entry, the row or the file.
   */
  async checkIntegrity(dossierId: string, witness?: AuditWitness | null, options: IntegrityCheckOptions = {}): Promise<IntegrityReport> {
    const { witnessedReadings, manifest = true, loggedRowsOnly } = options;
    // One read transaction: an edit committed between two reads would look like a row without its entry.
    const db = this.db;
    // Without the manifest check, neither the dossier's row (its manifest: every declared row) nor its
    // documents and claims are read: the check after each edit of a 10,000-row dossier read them all.
    // With loggedRowsOnly (the check after an edit), the invoice and finding rows are read by id, those
    // an entry of the log touched, once the log is read: a cut on a 10,000-row dossier read every invoice row.
    const { rows, held, auditHead, dossier, documents, claims, stored, rowIds } = await db.transaction('r',
      [db.auditLog, db.auditHeads, db.dossiers, db.documents, db.claims, db.cuts, db.scores, db.checklists, db.invoices, db.findings, db.reviews, db.proposalDecisions],
      async () => {
        const [rows, held, auditHead, dossier, documents, claims, whole] = await Promise.all([
          this.auditLog(dossierId), this.hasDossier(dossierId), this.recordedHead(dossierId),
          manifest ? db.dossiers.get(dossierId) : undefined, manifest ? this.documents(dossierId) : [], manifest ? this.claims(dossierId) : [],
          loggedRowsOnly ? null : this.storedAuditedState(dossierId),
        ]);
        const rowIds = loggedRowsOnly ? loggedRowIds(dossierId, rows) : null;
        const stored = whole ?? await this.storedAuditedState(dossierId, rowIds!);
        return { rows, held, auditHead, dossier, documents, claims, stored, rowIds };
      });
    if (!held) throw new Error(`dossier ${dossierId} is not in the store`);
    const log: AuditEntry[] = rows.map(({ dossierId: _dossierId, ...entry }) => entry);
    const problems: IntegrityProblem[] = [];
    const last = log.at(-1);
    if (log.length > 0 && !auditHead) {
      problems.push({ kind: 'head-missing', seq: last!.seq, message: `the dossier records no head for its audit chain of ${log.length} entries: the recorded head was removed` });
    }
    const chain = await verifyAuditChain(log, this.hasher, auditHead?.hash);
    if (!chain.ok) problems.push({ kind: 'chain', problem: chain.problem, seq: chain.seq, message: chain.message });
    if (witness) {
      const outside = checkAuditWitness(log, witness);
      if (outside) problems.push({ kind: 'witness', problem: outside.problem, seq: outside.seq, source: witness.source, recordedAt: witness.recordedAt, message: outside.message });
    }
    // Every row the log touched was read: its state is compared in full.
    problems.push(...reviewStateProblems(dossierId, log, stored));
    // The rows not read: what the last whole check found on them still stands.
    if (rowIds) problems.push(...loggedRowsOnly!.earlier.filter((problem) => problem.kind === 'state' && !rowOfKeyRead(dossierId, problem.mismatch.key, rowIds)));
    if (witnessedReadings) {
      for (const problem of compareReadings(await this.storedReadings(dossierId), witnessedReadings)) problems.push({ kind: 'reading', ...problem });
    }
    if (!manifest || !dossier) return integrityReport(log.length, last ? { seq: last.seq, hash: last.hash } : null, problems);
    const manifestClaims = new Map(dossier.manifest.claims.map((claim) => [claim.id, canonicalJson(claim)]));
    for (const row of claims) {
      if (manifestClaims.get(row.claimId) !== canonicalJson(row.claim)) {
        problems.push({ kind: 'dossier-id', claimId: row.claimId, message: `claim ${row.claimId}: the stored claim does not match the dossier's manifest (changed outside the log)` });
      }
    }
    if (!log.some((entry) => entry.action === 'claims.mapping')) {
      // In slices: the canonical JSON of a 10,000-row manifest held the window 0.7 s in one task.
      const recomputed = await dossierIdInSlices(this.hasher, dossier.manifest, documents.map((document) => ({ path: document.path, sha256: document.sha256 })));
      if (recomputed !== dossierId) {
        problems.push({ kind: 'dossier-id', message: `the dossier's manifest or file hashes were changed after import: they no longer give its id ${dossierId.slice(0, 12)}… (they give ${recomputed.slice(0, 12)}…)` });
      }
    }
    return integrityReport(log.length, last ? { seq: last.seq, hash: last.hash } : null, problems);
  }

  /**
   * The same invoice in two dossiers, or twice in one: from stored invoices (confirmed fields
   * first) and from invoice numbers that claims list without a matching invoice document.
   */
  async duplicateInvoiceFindings(): Promise<DuplicateInvoiceFinding[]> {
    const [invoices, claims, dossiers] = await Promise.all([this.db.invoices.toArray(), this.db.claims.toArray(), this.db.dossiers.toArray()]);
    const labels = new Map(dossiers.map((d) => [d.id, d.applicantName || d.id.slice(0, 12)]));
    const occurrences: InvoiceOccurrence[] = [];
    const seen = new Set<string>();
    for (const invoice of invoices) {
      const fields = { ...invoice.extracted, ...invoice.confirmed };
      const claim = claims.find((c) => c.dossierId === invoice.dossierId && fields.invoiceNumber && c.claim.invoiceNumbers?.includes(fields.invoiceNumber));
      const occurrence: InvoiceOccurrence = {
        dossierId: invoice.dossierId, file: invoice.file, page: invoice.page, invoiceCode: fields.invoiceCode, invoiceNumber: fields.invoiceNumber,
      };
      const label = labels.get(invoice.dossierId);
      if (label) occurrence.dossierLabel = label;
      if (claim) occurrence.claimId = claim.claimId;
      occurrences.push(occurrence);
      if (invoice.invoiceKey) seen.add(`${invoice.dossierId}|${invoice.invoiceKey}`);
    }
    for (const claim of claims) {
      for (const number of claim.claim.invoiceNumbers ?? []) {
        const occurrence: InvoiceOccurrence = {
          dossierId: claim.dossierId, file: claimSourceFile(claim), claimId: claim.claimId,
          invoiceCode: typeof claim.claim.invoiceCode === 'string' ? claim.claim.invoiceCode : null, invoiceNumber: number,
        };
        const key = invoiceKeyOf({ extracted: { invoiceCode: occurrence.invoiceCode, invoiceNumber: number } as InvoiceFields, confirmed: {} });
        if (!key || seen.has(`${claim.dossierId}|${key}`)) continue;
        const label = labels.get(claim.dossierId);
        if (label) occurrence.dossierLabel = label;
        occurrences.push(occurrence);
      }
    }
    return findDuplicateInvoices(occurrences);
  }

  // ---- the mirror outside IndexedDB (db/audit-mirror) ------------------------------------------

  /**
   * What the mirror keeps of a dossier, read in one transaction: its audit log from entry `fromSeq` on,
   * every row of the review the log accounts for (invoices only with a confirmed field, findings only
   * with the reviewer's disposition), with the reviewer profiles, and, when `withImport` says so for the
   * entries read, what only an import or a claim mapping changes: the dossier with its documents and
   * claims. Derived rows (pages, readings, extracted invoices) are left out: they are read again from the originals.
   *
   * With `only`, the invoices and findings are read by id, those `only` names for the entries read (the
   * rows those entries changed; the mirror has the others), and the transaction takes the invoice and
   * finding tables only when it reads from them: a scan of 10,000 invoices is not made for a cut, and
   * the read does not wait behind the engine rewriting the findings (saveFindings) or a reading being
   * stored. `only` answering null reads them all, as without it. The read is made first without the
   * invoice, finding and import tables, and made again with those the entries read need.
   */
  async mirrorSnapshot(dossierId: string, { fromSeq = 1, withImport = () => true, only }: {
    fromSeq?: number;
    withImport?: (entries: readonly AuditEntry[]) => boolean;
    only?: (entries: readonly AuditEntry[]) => MirrorRowIds | null;
  } = {}): Promise<MirrorSnapshot | null> {
    const db = this.db;
    const logFrom = async () => (await db.auditLog.where('[dossierId+seq]').between([dossierId, Math.max(1, fromSeq)], [dossierId, Dexie.maxKey]).toArray())
      .map(({ dossierId: _dossierId, ...entry }) => entry);
    interface Plan { ids: MirrorRowIds | null; imported: boolean }
    const planOf = (log: readonly AuditEntry[]): Plan => ({ ids: only ? only(log) : null, imported: withImport(log) });
    const covers = (scope: Plan, needed: Plan): boolean => (scope.imported || !needed.imported) && (scope.ids === null
      || (needed.ids !== null && (scope.ids.invoices.length > 0 || needed.ids.invoices.length === 0) && (scope.ids.findings.length > 0 || needed.ids.findings.length === 0)));
    // First without the invoices, findings and import rows (an edit's flush mostly needs none of them);
    // read again with them when the entries read say so.
    let scope: Plan = only ? { ids: { invoices: [], findings: [] }, imported: false } : { ids: null, imported: true };
    for (;;) {
      const tables: Dexie.Table[] = [db.auditLog, db.dossiers, db.cuts, db.scores, db.checklists, db.reviews, db.proposalDecisions, db.reviewers];
      if (!scope.ids || scope.ids.invoices.length > 0) tables.push(db.invoices);
      if (!scope.ids || scope.ids.findings.length > 0) tables.push(db.findings);
      if (scope.imported) tables.push(db.documents, db.claims);
      const read = await db.transaction('r', tables, async (): Promise<MirrorSnapshot | null | Plan> => {
        // One round of requests for what every flush reads (each round waits for the window's thread).
        // The dossier's row (its manifest: every declared row, several MB at 10,000 rows) only when the import rows are written; else its key.
        const [dossier, log, cuts, scores, checklists, reviews, proposalDecisions, profiles] = await Promise.all([
          scope.imported ? db.dossiers.get(dossierId) : this.hasDossier(dossierId), logFrom(), this.cuts(dossierId), db.scores.where('dossierId').equals(dossierId).toArray(),
          db.checklists.where('dossierId').equals(dossierId).toArray(), db.reviews.where('dossierId').equals(dossierId).toArray(), this.proposalDecisions(dossierId),
          db.reviewers.toArray(),
        ]);
        if (!dossier) return null;
        const needed = planOf(log);
        if (!covers(scope, needed) || (needed.imported && typeof dossier !== 'object')) return needed;
        const { ids } = needed;
        const [invoices, findings, imported] = await Promise.all([
          ids ? (ids.invoices.length > 0 ? db.invoices.bulkGet([...ids.invoices]) : []) : db.invoices.where('dossierId').equals(dossierId).toArray(),
          ids ? (ids.findings.length > 0 ? db.findings.bulkGet([...ids.findings]) : []) : db.findings.where('dossierId').equals(dossierId).toArray(),
          needed.imported && typeof dossier === 'object' ? Promise.all([this.documents(dossierId), this.claims(dossierId)]).then(([documents, claims]) => ({ dossier, documents, claims })) : null,
        ]);
        const profileOf = new Map(profiles.map((profile) => [profile.id, profile]));
        const reviewers = [...new Set(reviews.map((review) => review.reviewerId))].map((id) => profileOf.get(id)).filter((row): row is ReviewerRow => row !== undefined);
        const review = {
          cuts, scores, checklists, reviews, proposalDecisions, reviewers,
          invoices: (invoices as (InvoiceRow | undefined)[]).filter((row): row is InvoiceRow => row !== undefined && row.dossierId === dossierId && Object.keys(row.confirmed).length > 0),
          findings: (findings as (FindingRow | undefined)[]).filter((row): row is FindingRow => row !== undefined && row.dossierId === dossierId && (row.status !== 'open' || row.note !== undefined)),
        };
        return { log, review, imported, readOnly: ids };
      });
      if (read === null || 'log' in read) return read;
      scope = read;
    }
  }

  /**
   * Puts a dossier back from its mirror (checked by db/audit-mirror before): the dossier, documents
   * and claims, the audit log up to the mirror's head and every review row, in one transaction, over
   * whatever the store holds of it, which must be a start of the same chain (else nothing is written).
   * Extracted invoices the store still holds keep their reading and take the mirrored confirmations.
   */
  async restoreDossier(rows: MirroredRows, log: readonly AuditEntry[]): Promise<void> {
    const db = this.db;
    const dossierId = rows.dossier.id;
    const head = log.at(-1);
    await db.transaction('rw!', [db.auditLog, db.auditHeads, db.dossiers, db.documents, db.claims, db.cuts, db.scores, db.checklists, db.invoices, db.findings, db.reviews, db.proposalDecisions, db.reviewers], async () => {
      const stored = await this.auditLog(dossierId);
      const last = stored.at(-1);
      if (stored.length > log.length || (last && log[last.seq - 1]?.hash !== last.hash)) {
        throw new Error(`dossier ${dossierId} holds an audit chain that the mirror does not continue; nothing was restored`);
      }
      await db.dossiers.put({ ...rows.dossier, auditHead: null });
      if (head) await db.auditHeads.put({ dossierId, seq: head.seq, hash: head.hash });
      else await db.auditHeads.delete(dossierId);
      await db.documents.bulkPut(rows.documents);
      await db.claims.where('dossierId').equals(dossierId).delete();
      await db.claims.bulkPut(rows.claims);
      for (const table of [db.cuts, db.scores, db.checklists, db.reviews, db.proposalDecisions] as Dexie.Table[]) await table.where('dossierId').equals(dossierId).delete();
      await db.cuts.bulkPut(rows.cuts);
      await db.scores.bulkPut(rows.scores);
      await db.checklists.bulkPut(rows.checklists);
      await db.reviews.bulkPut(rows.reviews);
      await db.proposalDecisions.bulkPut(rows.proposalDecisions);
      for (const finding of rows.findings) {
        const current = await db.findings.get(finding.id);
        if (!current) await db.findings.put(finding);
        else {
          const next: FindingRow = { ...current, status: finding.status };
          if (finding.note === undefined) delete next.note;
          else next.note = finding.note;
          await db.findings.put(next);
        }
      }
      for (const invoice of rows.invoices) {
        const current = await db.invoices.get(invoice.id);
        const next = current ? { ...current, confirmed: invoice.confirmed } : invoice;
        next.invoiceKey = invoiceKeyOf(next);
        await db.invoices.put(next);
      }
      for (const reviewer of rows.reviewers) if (!(await db.reviewers.get(reviewer.id))) await db.reviewers.put(reviewer);
      await db.auditLog.bulkPut(log.slice(stored.length).map((entry) => ({ ...entry, dossierId })));
    });
  }

  /**
   * Which of these SHA-256s the store holds an original for: one walk of the blobs' keys, no stored
   * original read (a get per key, 10,000 of them, held the window for seconds during an import).
   */
  private async storedOriginalKeys(sha256s: readonly string[]): Promise<string[]> {
    if (sha256s.length === 0) return [];
    return (await this.db.blobs.where(':id').anyOf([...sha256s]).primaryKeys()) as string[];
  }

  /** The sizes of the stored originals with these SHA-256s (undefined for one not stored). */
  async originalSizes(sha256s: readonly string[]): Promise<(number | undefined)[]> {
    return (await this.db.blobs.bulkGet([...sha256s])).map((row) => row?.size);
  }

  /**
   * Puts an original back (a restore from outside the store): stored under its SHA-256 as an import
   * stores it, unless the store has it already. The caller has checked that the bytes give the SHA-256.
   */
  async putOriginal(sha256: string, bytes: Uint8Array, type: string): Promise<void> {
    const mime = originalMediaType(type);
    await this.db.transaction('rw!', [this.db.blobs], async () => {
      if (await this.db.blobs.get(sha256)) return;
      await this.db.blobs.add({ sha256, size: bytes.byteLength, mime, data: new Blob([bytes as Uint8Array<ArrayBuffer>], { type: mime }), storedAt: this.clock.now() });
    });
  }

  /** The dossier's documents whose original is not in the store (to be imported again), in path order. */
  async missingOriginals(dossierId: string): Promise<string[]> {
    const documents = await this.documents(dossierId);
    const present = new Set(await this.storedOriginalKeys(documents.map((document) => document.sha256)));
    return documents.filter((document) => !present.has(document.sha256)).map((document) => document.path);
  }

  // ---- internals --------------------------------------------------------------------------------

  private async edit(dossierId: string, event: AuditEvent, tables: Dexie.Table[], options: EditOptions, apply: () => Promise<void>): Promise<AuditEntry> {
    return (await this.editMany(dossierId, [event], tables, options, apply))[0]!;
  }

  private async editMany(dossierId: string, events: readonly AuditEvent[], tables: Dexie.Table[], options: EditOptions, apply: () => Promise<void>): Promise<AuditEntry[]> {
    try {
      return await this.appendWithEdit(dossierId, events, tables, apply, options.basedOn);
    } catch (error) {
      if (isQuotaError(error)) throw new StorageFullError(0, null, 'this change');
      throw error;
    }
  }

  /**
   * Hashing (WebCrypto) cannot run inside an IndexedDB transaction (the transaction would commit
   * while it waits), so the entry is built against the chain head read first, and the transaction
   * checks that head is still the head before writing the edit and the entry together. With
   * `basedOn`, the head must also still be the version the edit was made on.
   */
  private async appendWithEdit(dossierId: string, events: readonly AuditEvent[], tables: Dexie.Table[], apply: () => Promise<void>, basedOn?: number): Promise<AuditEntry[]> {
    for (let attempt = 1; ; attempt++) {
      const head = await this.chainHead(dossierId);
      if (basedOn !== undefined && (head?.seq ?? 0) !== basedOn) throw new StaleEditError(dossierId, basedOn, head?.seq ?? 0);
      const entries: AuditEntry[] = [];
      for (const event of events) entries.push(await nextAuditEntry(entries.at(-1) ?? head, event, this.clock, this.hasher));
      const last = entries.at(-1)!;
      try {
        await this.db.transaction('rw!', [...new Set([...tables, this.db.auditLog, this.db.auditHeads])], async () => {
          const current = await this.chainHead(dossierId);
          if (basedOn !== undefined && (current?.seq ?? 0) !== basedOn) throw new StaleEditError(dossierId, basedOn, current?.seq ?? 0);
          if ((current?.hash ?? null) !== (head?.hash ?? null)) throw new ChainMovedError();
          await apply();
          await this.db.auditLog.bulkAdd(entries.map((entry) => ({ ...entry, dossierId })));
          // Its own small row (not the dossier's row, a 10,000-row manifest rewritten by every edit).
          await this.db.auditHeads.put({ dossierId, seq: last.seq, hash: last.hash });
        });
        for (const listener of this.auditListeners) listener(dossierId);
        return entries;
      } catch (error) {
        if (!(error instanceof ChainMovedError) || attempt >= EDIT_ATTEMPTS) throw error;
      }
    }
  }

  private async chainHead(dossierId: string): Promise<AuditEntry | undefined> {
    const row = await this.db.auditLog.where('[dossierId+seq]').between([dossierId, Dexie.minKey], [dossierId, Dexie.maxKey]).last();
    if (!row) return undefined;
    const { dossierId: _dossierId, ...entry } = row;
    return entry;
  }
}

/**
 * The invoice and finding rows (by id) some entry of `log` touched: those whose confirmed fields or
 * disposition the log accounts for. The other rows hold nothing the log set; a value stored on them
 * (changed outside the log) is what the whole check reads every row for.
 */
export function loggedRowIds(dossierId: string, log: readonly Pick<AuditEntry, 'action' | 'target' | 'after'>[]): MirrorRowIds {
  const invoices = new Set<string>();
  const findings = new Set<string>();
  for (const entry of log) {
    for (const { key } of auditedChanges(entry)) {
      const rest = key.slice(key.indexOf(':') + 1);
      // invoice:<invoiceId>:<field> (the row's id is the invoice id); finding:<findingId> (the row's id is <dossierId>:<findingId>)
      if (kindOfKey(key) === 'invoice') invoices.add(rest.slice(0, rest.lastIndexOf(':')));
      else if (kindOfKey(key) === 'finding') findings.add(`${dossierId}:${rest}`);
    }
  }
  return { invoices: [...invoices], findings: [...findings] };
}

/** Whether the stored-state key names a row a check limited to `rowIds` read (every key of the other tables: they are read whole). */
function rowOfKeyRead(dossierId: string, key: string, rowIds: MirrorRowIds): boolean {
  const rest = key.slice(key.indexOf(':') + 1);
  switch (kindOfKey(key)) {
    case 'invoice':
      return rowIds.invoices.includes(rest.slice(0, rest.lastIndexOf(':')));
    case 'finding':
      return rowIds.findings.includes(`${dossierId}:${rest}`);
    default:
      return true;
  }
}

/** Whether two engine findings are the same value (canonical JSON; a value it cannot hold counts as changed). */
function sameFinding(a: FindingRow['finding'], b: FindingRow['finding']): boolean {
  try {
    return canonicalJson(a) === canonicalJson(b);
  } catch {
    return false;
  }
}

/** The rows of a dossier's review that the audit log accounts for (as stored, or as a mirror keeps them). */
export interface AuditedRows {
  cuts: CutRow[];
  scores: ScoreRow[];
  checklists: ChecklistRow[];
  invoices: Pick<InvoiceRow, 'id' | 'confirmed'>[];
  findings: FindingRow[];
  reviews: ReviewRow[];
  proposalDecisions: ProposalDecisionRow[];
}

/** The reviewer's work in `rows`, keyed as the audit log keys it (see core/audit/replay). */
export function auditedStateOf(dossierId: string, rows: AuditedRows): Map<string, unknown> {
  const state = new Map<string, unknown>();
  for (const row of rows.cuts) state.set(`cut:${row.id.slice(dossierId.length + 1)}`, row.cut);
  for (const row of rows.scores) state.set(`score:${row.reviewerId}:${row.criterionId}`, row.value);
  for (const row of rows.checklists) state.set(`checklist:${row.reviewerId}:${row.itemId}`, row.entry);
  for (const row of rows.invoices) {
    for (const [field, value] of Object.entries(row.confirmed)) state.set(`invoice:${row.id}:${field}`, value ?? null);
  }
  for (const row of rows.findings) state.set(`finding:${row.finding.id}`, { status: row.status, note: row.note ?? null });
  for (const row of rows.proposalDecisions) state.set(`proposal:${row.proposalId}`, { status: row.status, note: row.note });
  for (const row of rows.reviews) {
    state.set(`review:${row.reviewerId}:reviewer`, row.reviewer);
    state.set(`review:${row.reviewerId}:conflictOfInterest`, row.conflictOfInterest);
    state.set(`review:${row.reviewerId}:decision`, row.decision);
    for (const [file, correction] of Object.entries(row.classifications ?? {})) state.set(`classification:${row.reviewerId}:${file}`, correction);
    for (const [claimId, links] of Object.entries(row.links ?? {})) {
      for (const kind of ['invoices', 'contracts', 'payments'] as const) if (links[kind]) state.set(linkTarget(row.reviewerId, claimId, kind), links[kind]);
    }
    state.set(`review:${row.reviewerId}:opinion`, row.opinion ?? '');
    for (const [criterionId, text] of Object.entries(row.comments ?? {})) state.set(`comment:${row.reviewerId}:${criterionId}`, text);
    if (row.sample) state.set(`review:${row.reviewerId}:sample`, row.sample);
  }
  return state;
}

/** Every row of `stored` that differs from the state `log` leaves (a review's defaults allowed), named with its entry. */
export function reviewStateProblems(dossierId: string, log: readonly AuditEntry[], stored: ReadonlyMap<string, unknown>, holder?: string): IntegrityProblem[] {
  const reviewDefaults = new Map<string, unknown>();
  return compareWithAuditLog(log, stored, {
    ...(holder ? { holder } : {}),
    defaultOf: (key) => {
      if (key.startsWith('finding:')) return { status: 'open', note: null };
      const review = /^review:(.*):(reviewer|conflictOfInterest|decision|opinion)$/.exec(key);
      if (!review) return undefined;
      if (!reviewDefaults.has(key)) reviewDefaults.set(key, defaultReview(dossierId, review[1]!)[review[2] as 'reviewer' | 'conflictOfInterest' | 'decision' | 'opinion']);
      return reviewDefaults.get(key);
    },
    // A review row may not exist yet; a sample plan the log drew must still be stored.
    mayBeAbsent: (key) => key.startsWith('finding:') || (key.startsWith('review:') && !key.endsWith(':sample')),
  }).map((mismatch): IntegrityProblem => ({ kind: 'state', mismatch, message: mismatch.message }));
}

/** What the mirror keeps of a dossier besides its log (DossierStore.mirrorSnapshot). */
export interface MirroredRows extends AuditedRows {
  dossier: DossierRow;
  documents: DocumentRow[];
  claims: ClaimRow[];
  invoices: InvoiceRow[];
  reviewers: ReviewerRow[];
}

/** What only an import or a claim mapping changes: the mirror keeps it in a file of its own. */
export type MirroredImportRows = Pick<MirroredRows, 'dossier' | 'documents' | 'claims'>;
/** The review rows: what an edit changes. */
export type MirroredReviewRows = Omit<MirroredRows, 'dossier' | 'documents' | 'claims'>;

/** A dossier as the mirror reads it (DossierStore.mirrorSnapshot): the import rows only when asked for. */
export interface MirrorSnapshot {
  /** The audit log from the entry asked for on. */
  log: AuditEntry[];
  review: MirroredReviewRows;
  imported: MirroredImportRows | null;
  /** The invoices and findings read by id (review.invoices and review.findings hold those of them still confirmed or disposed); null: all were read. */
  readOnly: MirrorRowIds | null;
}

/** Invoice and finding row ids (the rows' primary keys) for DossierStore.mirrorSnapshot to read. */
export interface MirrorRowIds {
  invoices: readonly string[];
  findings: readonly string[];
}

function claimSourceFile(claim: ClaimRow): string {
  const source = claim.claim.source as { file?: unknown } | undefined;
  return typeof source?.file === 'string' ? source.file : 'dossier.json';
}

/**
 * The outcomes of a dossier's import from its row and its documents as read already (fileOutcomes
 * reads them; opening a dossier has them in hand and must not read 10,000 rows twice).
 */
export function fileOutcomesOf(dossier: DossierRow, documents: readonly DocumentRow[]): FileOutcome[] {
  const outcomes: FileOutcome[] = documents.map((document) => ({
    path: document.path, status: document.problems.length > 0 ? 'warning' : 'imported', kind: document.kind, sha256: document.sha256,
    problems: document.problems,
  }));
  for (const rejected of dossier.rejected) {
    const outcome: FileOutcome = { path: rejected.path, status: 'refused', kind: null, problems: rejected.problems };
    if (rejected.sha256) outcome.sha256 = rejected.sha256;
    outcomes.push(outcome);
  }
  const byFile = new Set(outcomes.map((outcome) => outcome.path));
  for (const problem of dossier.problems) {
    if (byFile.has(problem.file)) continue;
    outcomes.push({ path: problem.file || '(import)', status: problem.severity === 'error' ? 'refused' : 'warning', kind: null, problems: [problem] });
    byFile.add(problem.file);
  }
  return outcomes.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

export interface IntegrityCheckOptions {
  /** The readings' digests kept outside the store: every stored reading is hashed and compared (too much after each edit of a large dossier). */
  witnessedReadings?: ReadonlyMap<string, ReadingRecord>;
  /** Whether the claims are checked against the manifest and the manifest and file hashes against the dossier id (default yes; seconds at 10,000 files). */
  manifest?: boolean;
  /**
   * The check after an edit: of the invoice and finding rows, only those an entry of the log touched are
   * read (loggedRowIds), not every row of the dossier; the problems `earlier` (the last whole check's)
   * names on the rows not read are repeated in the report.
   */
  loggedRowsOnly?: { earlier: readonly IntegrityProblem[] };
}

/** A document's stored reading as its digest sees it (core/audit/readings). */
export type StoredReading = Omit<ReadingRecord, 'recordedAt'>;

/**
 * What a document's reading is, as plain data in a fixed order: its invoice rows without the
 * reviewer's confirmations (the audit log accounts for those) and the index derived from them, its
 * page text and its contract and receipt readings.
 */
function readingContent(invoices: readonly InvoiceRow[], pages: readonly PageRow[], evidence: EvidenceReadingRow | undefined): unknown {
  const byId = <T extends { id: string }>(rows: readonly T[]): T[] => [...rows].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return {
    invoices: byId(invoices).map(({ confirmed: _confirmed, invoiceKey: _invoiceKey, ...reading }) => reading),
    pages: byId(pages),
    evidence: evidence ?? null,
  };
}

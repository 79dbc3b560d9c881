// The IndexedDB schema (Dexie). Every version is declared with its stores and, where data has to
// change shape, an upgrade function; each upgrade has a test on fake-indexeddb (test/db).
// Originals live in `blobs`, keyed by SHA-256, stored once and never changed; the binary is a
// value, never an index.
import Dexie, { type EntityTable, type Transaction } from 'dexie';
import type { ClaimTableInfo, ImportProblem, RejectedFile } from '../core/import';
import type { FileType } from '../core/import/sniff';
import type { KindSource } from '../core/import/classify';
import { invoiceKey } from '../core/invoice-index';
import type { DocumentReading } from '../core/prereview/classify';
import type { PageOutcome } from '../core/extract/pipeline';
import type { SamplePlan } from '../core/sampling/plan';
import type {
  AuditEntry, ChecklistEntry, CheckOutcome, ClassificationCorrection, DeclaredRelation, DocumentKind, DossierManifest, ExtractedContract, ExtractedPayment, ExtractionMethod, Finding,
  InvoiceFieldName, InvoiceFields, ManifestClaim, OcrWordLike, ReviewCut, ReviewLinks,
} from './types';

export const DATABASE_NAME = 'dossier-desk';

/** Versions of whatever produced a derived record, so stale results can be found and redone. */
export interface DerivationVersions {
  engine: string;
  ocrModel: string | null;
  settings: string;
}

export interface DossierRow {
  id: string;
  program: string;
  applicantName: string;
  manifest: DossierManifest;
  manifestSource: 'dossier.json' | 'inferred';
  /** Where the claims of a manifest-less dossier came from, rows included, so the mapping can be corrected later. */
  claimTable: ClaimTableInfo | null;
  importedAt: string;
  importedBy: string;
  fileCount: number;
  rejected: Omit<RejectedFile, never>[];
  problems: ImportProblem[];
  /**
   * Head of this dossier's audit chain, kept apart from the log so a rewritten tail is caught. Since
   * version 9 it is stored in its own table (auditHeads), not in this row (several MB at 10,000
   * declared rows, which every edit rewrote for it): null in the stored row, filled in by
   * DossierStore.getDossier.
   */
  auditHead: { seq: number; hash: string } | null;
}

/** The head of a dossier's audit chain as the store records it (DossierRow.auditHead), one small row a dossier. */
export interface AuditHeadRow {
  dossierId: string;
  seq: number;
  hash: string;
}

export interface DocumentRow {
  /** `${dossierId}:${path}` */
  id: string;
  dossierId: string;
  path: string;
  sha256: string;
  size: number;
  type: FileType;
  kind: DocumentKind;
  kindSource: KindSource;
  fromArchive?: string;
  duplicateOf?: string;
  image?: { width: number; height: number };
  encrypted?: boolean;
  problems: ImportProblem[];
}

export interface BlobRow {
  sha256: string;
  size: number;
  mime: string;
  data: Blob;
  storedAt: string;
}

export interface PageRow {
  /** `${documentId}#${page}` */
  id: string;
  dossierId: string;
  documentId: string;
  page: number;
  sourceHash: string;
  method: ExtractionMethod;
  width: number;
  height: number;
  text: string;
  words: OcrWordLike[];
  versions: DerivationVersions;
}

export interface InvoiceRow {
  /** `${documentId}#${page}` */
  id: string;
  dossierId: string;
  documentId: string;
  file: string;
  page: number;
  sourceHash: string;
  method: ExtractionMethod;
  extracted: InvoiceFields;
  /** Fields the reviewer confirmed or corrected; a field absent here is still as extracted. */
  confirmed: Partial<InvoiceFields>;
  confidence: Partial<Record<InvoiceFieldName, number>>;
  boxes: Partial<Record<InvoiceFieldName, [number, number, number, number]>>;
  checks: CheckOutcome[];
  versions: DerivationVersions;
  /** Since version 2: 'sd:<number>' or 'vat:<code>:<number>' for the duplicate-invoice index. */
  invoiceKey?: string | null;
  /** A passenger ticket or receipt invoice (ExtractedInvoice.kind); absent for a VAT invoice and on rows stored before it was read. */
  kind?: 'ticket';
}

/** Since version 4: the contract key pages and bank receipts read from one document. */
export interface EvidenceReadingRow {
  /** The document id, `${dossierId}:${path}`. */
  id: string;
  dossierId: string;
  file: string;
  sourceHash: string;
  contracts: ExtractedContract[];
  payments: ExtractedPayment[];
  versions: DerivationVersions;
}

/**
 * Since version 4: a reconciliation proposal the reviewer rejected, with the note. (An accepted
 * proposal is a cut, stored in `cuts` under the proposal's id.)
 */
export interface ProposalDecisionRow {
  /** `${dossierId}:${proposalId}` */
  id: string;
  dossierId: string;
  reviewerId: string;
  claimId: string;
  proposalId: string;
  status: 'rejected';
  note: string;
}

/**
 * What the formal pre-review read of one document (core/prereview readForPrereview: the text layer
 * of its pages, OCR of a scan's first pages, a list's rows), with the versions that read it. The
 * app's pre-review classifies by these exactly as the command line does by its own reading.
 */
export interface ReadingRow {
  /** The document id, `${dossierId}:${path}`. */
  id: string;
  dossierId: string;
  sourceHash: string;
  versions: DerivationVersions;
  reading: DocumentReading;
}

/**
 * Since version 7: one OCR'd page of a document whose reading has not finished yet (cancelled,
 * cut short by a crash or a closed window), so that the reading resumes at the pages not read. Rows
 * are used only for the content they were read from (`sourceHash`) and by the same versions; the
 * document's finished reading replaces them (saveExtraction deletes them).
 */
export interface OcrPageRow {
  /** The document id, `${dossierId}:${path}`. */
  documentId: string;
  page: number;
  dossierId: string;
  sourceHash: string;
  versions: DerivationVersions;
  outcome: PageOutcome;
}

export interface ClaimRow {
  /** `${dossierId}:${claimId}` */
  id: string;
  dossierId: string;
  claimId: string;
  order: number;
  claim: ManifestClaim;
}

export interface CutRow {
  id: string;
  dossierId: string;
  reviewerId: string;
  claimId: string;
  cut: ReviewCut;
}

export interface FindingRow {
  /** `${dossierId}:${finding.id}` */
  id: string;
  dossierId: string;
  rule: string;
  finding: Finding;
  status: 'open' | 'accepted' | 'dismissed';
  note?: string;
}

export interface ScoreRow {
  /** `${dossierId}:${reviewerId}:${criterionId}` */
  id: string;
  dossierId: string;
  reviewerId: string;
  criterionId: string;
  value: string;
}

export interface ChecklistRow {
  /** `${dossierId}:${reviewerId}:${itemId}` */
  id: string;
  dossierId: string;
  reviewerId: string;
  itemId: string;
  entry: ChecklistEntry;
}

/**
 * The reviewer profile of this workstation (keyed by the reviewer id of its review rows): who signs,
 * and the employers and clients of the last three years declared for conflict-of-interest screening.
 * Since version 4 it holds `organisation` and `relations`; an empty name means nobody named yet.
 */
export interface ReviewerRow {
  id: string;
  name: string;
  role: string;
  organisation: string;
  relations: DeclaredRelation[];
  updatedAt?: string;
}

/**
 * One reviewer's review of one dossier: who, conflict-of-interest declaration, comments per
 * criterion and the overall opinion (since version 4), sign-off.
 */
export interface ReviewRow {
  dossierId: string;
  reviewerId: string;
  reviewer: { name: string; role: string; organisation?: string };
  conflictOfInterest: { declared: boolean; note: string; relations?: DeclaredRelation[] };
  comments?: Record<string, string>;
  opinion?: string;
  decision: { signedAt?: string };
  /** The reviewer's corrections of the pre-review's classification, by file (absent: none). */
  classifications?: Record<string, ClassificationCorrection>;
  /** The documented audit sample the review works through (core/sampling), absent when none was drawn. */
  sample?: SamplePlan;
  /** The evidence the reviewer linked to declared rows by hand, by claim id (absent: the automatic links). */
  links?: Record<string, ReviewLinks>;
}

/**
 * What the dossier list shows of a dossier, kept apart from its row (whose manifest holds every
 * declared row: several MB at 10,000 rows) so that the list reads only this. `standing` is the
 * verdict and score of the stored review as of the audit entry `head` (the review's last entry: each
 * edit appends one), null until computed; a summary whose head is not the chain's head is out of date.
 */
export interface DossierSummaryRow {
  id: string;
  program: string;
  applicantName: string;
  importedAt: string;
  standing: {
    head: { seq: number; hash: string } | null;
    signed: boolean;
    verdict: 'pass' | 'fail' | null;
    score: string | null;
  } | null;
}

export interface AuditRow extends AuditEntry {
  dossierId: string;
}

export interface SchemaVersion {
  version: number;
  stores: Record<string, string | null>;
  upgrade?: (tx: Transaction) => Promise<void>;
}

export const SCHEMA_VERSIONS: SchemaVersion[] = [
  {
    version: 1,
    stores: {
      dossiers: 'id, importedAt, program',
      documents: 'id, dossierId, sha256, [dossierId+kind]',
      blobs: 'sha256',
      pages: 'id, dossierId, documentId, sourceHash',
      invoices: 'id, dossierId, documentId, sourceHash',
      claims: 'id, dossierId',
      cuts: 'id, dossierId, [dossierId+claimId]',
      findings: 'id, dossierId, rule',
      scores: 'id, dossierId',
      checklists: 'id, dossierId',
      reviewers: 'id',
      auditLog: '[dossierId+seq], dossierId',
    },
  },
  {
    // Version 2 indexes every invoice by its identity (数电 number, or code + number), confirmed
    // fields taking precedence, for the cross-dossier duplicate-invoice index.
    version: 2,
    stores: { invoices: 'id, dossierId, documentId, sourceHash, invoiceKey' },
    upgrade: async (tx) => {
      await tx.table<InvoiceRow>('invoices').toCollection().modify((row) => {
        row.invoiceKey = invoiceKeyOf(row);
      });
    },
  },
  {
    // Version 3 keeps each reviewer's review of a dossier (name, role, conflict-of-interest
    // declaration, sign-off); every reviewer who already scored, cut or ticked gets one.
    version: 3,
    stores: { reviews: '[dossierId+reviewerId], dossierId' },
    upgrade: async (tx) => {
      const pairs = new Set<string>();
      for (const table of ['scores', 'checklists', 'cuts']) {
        await tx.table<{ dossierId: string; reviewerId: string }>(table).each((row) => { pairs.add(JSON.stringify([row.dossierId, row.reviewerId])); });
      }
      const reviews = [...pairs].map((pair) => {
        const [dossierId, reviewerId] = JSON.parse(pair) as [string, string];
        return defaultReview(dossierId, reviewerId);
      });
      await tx.table<ReviewRow>('reviews').bulkPut(reviews);
    },
  },
  {
    // Version 4 keeps the contract and bank-receipt readings of each document and the reviewer's
    // rejections of reconciliation proposals. Both tables start empty: no earlier version stored
    // either (contract and receipt documents are read again by the extraction scheduler), so there
    // is no data to move and no upgrade function.
    version: 4,
    stores: { evidenceReadings: 'id, dossierId', proposalDecisions: 'id, dossierId' },
  },
  {
    // Version 5 keeps the formal pre-review's reading of each document (page text by text layer or
    // OCR, a list's rows), so that a dossier opened again is classified without reading it again.
    // A new store: nothing existing changes shape, so there is no upgrade function.
    version: 5,
    stores: { readings: 'id, dossierId, sourceHash' },
  },
  {
    // Version 6: reviewers name themselves (a profile with organisation and declared relations);
    // reviews hold comments and an opinion. A review whose reviewer was only ever the workstation's
    // row key (the old default name, never recorded in the audit log) gets an empty name, which is
    // what a review of nobody named holds from now on.
    version: 6,
    stores: {},
    upgrade: async (tx) => {
      await tx.table<ReviewerRow>('reviewers').toCollection().modify((row) => {
        row.organisation ??= '';
        row.relations ??= [];
      });
      const named = new Set<string>();
      await tx.table<AuditRow>('auditLog').each((entry) => {
        if (entry.action === 'review.reviewer') named.add(`${entry.dossierId}|${entry.target}`);
      });
      await tx.table<ReviewRow>('reviews').toCollection().modify((row) => {
        if (row.reviewer.name === row.reviewerId && !named.has(`${row.dossierId}|review:${row.reviewerId}`)) row.reviewer = { ...row.reviewer, name: '' };
      });
    },
  },
  {
    // Version 7 keeps the OCR'd pages of a reading that has not finished, page by page, so that a
    // long scan resumes where it stopped. A new store: no earlier version kept unfinished pages
    // (they were lost with the reading), so nothing moves and there is no upgrade function.
    version: 7,
    stores: { ocrPages: '[documentId+page], dossierId, documentId' },
  },
  {
    // Version 8 keeps what the dossier list shows of each dossier (DossierSummaryRow), so that the
    // list at start-up no longer reads every dossier's row and review whole. Each existing dossier
    // gets its summary, its standing left to be computed at the next listing.
    version: 8,
    stores: { dossierSummaries: 'id' },
    upgrade: async (tx) => {
      const summaries: DossierSummaryRow[] = [];
      await tx.table<DossierRow>('dossiers').each((row) => {
        summaries.push({ id: row.id, program: row.program, applicantName: row.applicantName, importedAt: row.importedAt, standing: null });
      });
      await tx.table<DossierSummaryRow>('dossierSummaries').bulkPut(summaries);
    },
  },
  {
    // Version 9 keeps each dossier's audit head in a table of its own (AuditHeadRow): every edit
    // records the head, and in the dossier's row that rewrote the whole row (its manifest holds every
    // declared row) inside the edit's transaction. The heads move out of the rows, which keep null.
    version: 9,
    stores: { auditHeads: 'dossierId' },
    upgrade: async (tx) => {
      const heads: AuditHeadRow[] = [];
      await tx.table<DossierRow>('dossiers').toCollection().modify((row) => {
        if (row.auditHead) heads.push({ dossierId: row.id, seq: row.auditHead.seq, hash: row.auditHead.hash });
        row.auditHead = null;
      });
      await tx.table<AuditHeadRow>('auditHeads').bulkPut(heads);
    },
  },
];

export function defaultReview(dossierId: string, reviewerId: string): ReviewRow {
  return { dossierId, reviewerId, reviewer: { name: '', role: 'auditor' }, conflictOfInterest: { declared: false, note: '' }, opinion: '', decision: {} };
}

/** The profile of a reviewer who has not named themselves yet. */
export function emptyReviewerProfile(id: string): ReviewerRow {
  return { id, name: '', role: 'auditor', organisation: '', relations: [] };
}

export function invoiceKeyOf(row: Pick<InvoiceRow, 'extracted' | 'confirmed'>): string | null {
  const code = row.confirmed.invoiceCode !== undefined ? row.confirmed.invoiceCode : row.extracted.invoiceCode;
  const number = row.confirmed.invoiceNumber !== undefined ? row.confirmed.invoiceNumber : row.extracted.invoiceNumber;
  return invoiceKey(code ?? null, number ?? null);
}

/** Declares the schema on `db` up to and including `upTo` (tests open older versions with this). */
export function declareSchema(db: Dexie, upTo = SCHEMA_VERSIONS[SCHEMA_VERSIONS.length - 1]!.version): void {
  for (const step of SCHEMA_VERSIONS) {
    if (step.version > upTo) break;
    const version = db.version(step.version).stores(step.stores);
    if (step.upgrade) version.upgrade(step.upgrade);
  }
}

export class DossierDatabase extends Dexie {
  dossiers!: EntityTable<DossierRow, 'id'>;
  documents!: EntityTable<DocumentRow, 'id'>;
  blobs!: EntityTable<BlobRow, 'sha256'>;
  pages!: EntityTable<PageRow, 'id'>;
  invoices!: EntityTable<InvoiceRow, 'id'>;
  claims!: EntityTable<ClaimRow, 'id'>;
  cuts!: EntityTable<CutRow, 'id'>;
  findings!: EntityTable<FindingRow, 'id'>;
  scores!: EntityTable<ScoreRow, 'id'>;
  checklists!: EntityTable<ChecklistRow, 'id'>;
  reviewers!: EntityTable<ReviewerRow, 'id'>;
  reviews!: Dexie.Table<ReviewRow, [string, string]>;
  evidenceReadings!: EntityTable<EvidenceReadingRow, 'id'>;
  proposalDecisions!: EntityTable<ProposalDecisionRow, 'id'>;
  readings!: EntityTable<ReadingRow, 'id'>;
  ocrPages!: Dexie.Table<OcrPageRow, [string, number]>;
  dossierSummaries!: EntityTable<DossierSummaryRow, 'id'>;
  auditHeads!: EntityTable<AuditHeadRow, 'dossierId'>;
  auditLog!: Dexie.Table<AuditRow, [string, number]>;

  constructor(name = DATABASE_NAME, options: { indexedDB?: IDBFactory; IDBKeyRange?: typeof IDBKeyRange } = {}) {
    // Strict durability: a committed edit has reached the disk, not only the OS cache (Chromium).
    super(name, { chromeTransactionDurability: 'strict', ...options });
    declareSchema(this);
    // Originals are immutable: any attempt to change a stored blob aborts its transaction.
    this.blobs.hook('updating', () => {
      throw new Error('stored originals are immutable');
    });
  }
}

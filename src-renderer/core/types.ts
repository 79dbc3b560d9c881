// The contracts of ../shared/DESIGN.md as types: the dossier manifest, extracted invoices, the
// review file and the check report. Money crosses these boundaries as decimal yuan strings
// ("12720.00") in files and as integer fen (number, safe integer) inside the engine.

import type { SamplePlan } from './sampling/plan';

import type { Fen } from './money/fen';

export type { Fen };

export const PROGRAM_IDS = [
  'shenzhen-2024-dsp',
  'guangzhou-2020-voucher',
  'shandong-2022-voucher',
  'shandong-2023-voucher',
  'shanxi-2024-voucher',
] as const;
export type ProgramId = (typeof PROGRAM_IDS)[number] | (string & {});

export const DOCUMENT_KINDS = [
  'application', 'invoice', 'contract', 'payment', 'audit-report', 'certificate',
  'credit-report', 'revenue-list', 'customer-list', 'other',
] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export const CUT_REASONS = [
  'missing-invoice', 'amount-mismatch', 'out-of-period', 'party-mismatch', 'related-party',
  'duplicate', 'ineligible-service', 'missing-payment', 'missing-contract', 'customer-not-eligible', 'other',
] as const;
export type CutReason = (typeof CUT_REASONS)[number];

export interface Applicant {
  name: string;
  creditCode?: string;
  category: string;
  contact?: { name?: string; phone?: string };
  registeredIn?: string;
  [unknown: string]: unknown;
}

export interface ManifestDocument {
  file: string;
  kind: DocumentKind;
}

export interface ManifestClaim {
  id: string;
  description?: string;
  counterparty?: string;
  contractNo?: string;
  invoiceNumbers?: string[];
  /** Decimal yuan string. */
  amount: string;
  /** Paid amount, decimal yuan, when the dossier states it. */
  paidAmount?: string;
  serviceType?: string;
  invoiceDate?: string;
  [unknown: string]: unknown;
}

export interface DossierManifest {
  schema: 'dossier-desk/dossier@1';
  program: ProgramId;
  applicant: Applicant;
  documents: ManifestDocument[];
  claims: ManifestClaim[];
  [unknown: string]: unknown;
}

export const INVOICE_FIELD_NAMES = [
  'invoiceCode', 'invoiceNumber', 'issueDate', 'buyerName', 'buyerTaxId', 'sellerName',
  'sellerTaxId', 'items', 'amountExclTax', 'taxAmount', 'totalAmount', 'totalInWords', 'remarks',
] as const;
export type InvoiceFieldName = (typeof INVOICE_FIELD_NAMES)[number];

export interface InvoiceItem {
  name: string;
  amount: string | null;
  rate?: string | null;
  tax?: string | null;
}

export interface InvoiceFields {
  invoiceCode: string | null;
  invoiceNumber: string | null;
  issueDate: string | null;
  buyerName: string | null;
  buyerTaxId: string | null;
  sellerName: string | null;
  sellerTaxId: string | null;
  items: InvoiceItem[];
  amountExclTax: string | null;
  taxAmount: string | null;
  totalAmount: string | null;
  totalInWords: string | null;
  remarks: string | null;
}

export type ExtractionMethod = 'text' | 'ocr' | 'ofd' | 'xml';

export interface CheckOutcome {
  id: string;
  ok: boolean;
  /** English detail (the CLI's language). */
  message: string;
  /** The same detail in Chinese, for the zh-CN UI and the bureau's workbook; absent in files read before it existed. */
  messageZh?: string;
  severity?: 'error' | 'warning' | 'info';
}

export interface ExtractedInvoice {
  page: number;
  method: ExtractionMethod;
  fields: InvoiceFields;
  confidence: Partial<Record<InvoiceFieldName, number>>;
  boxes: Partial<Record<InvoiceFieldName, [number, number, number, number]>>;
  checks: CheckOutcome[];
  /**
   * 'ticket': a passenger ticket or receipt invoice (客票, 船票, a taxi receipt, 定额发票) with a code,
   * a number, a date and a total, and no parties or tax to ask for; absent for a VAT invoice.
   */
  kind?: 'ticket';
}

export const CONTRACT_FIELD_NAMES = [
  'contractNo', 'partyA', 'partyB', 'partyATaxId', 'partyBTaxId', 'signDate', 'periodFrom', 'periodTo',
  'amount', 'subject',
] as const;
export type ContractFieldName = (typeof CONTRACT_FIELD_NAMES)[number];

/** The key pages of a contract (合同关键页): dates YYYY-MM-DD, amount a decimal yuan string; null when not found. */
export type ContractFields = Record<ContractFieldName, string | null>;

export interface ExtractedContract {
  page: number;
  method: ExtractionMethod;
  fields: ContractFields;
  confidence: Partial<Record<ContractFieldName, number>>;
  boxes: Partial<Record<ContractFieldName, [number, number, number, number]>>;
  /** Page of a field read from another key page than `page` (a contract's parties on page 1, its amount on page 3). */
  pages?: Partial<Record<ContractFieldName, number>>;
  /** Cross-checks of the reading, e.g. the amount in figures against the amount in words (大写). */
  checks?: CheckOutcome[];
}

export const PAYMENT_FIELD_NAMES = [
  'payerName', 'payerAccount', 'payeeName', 'payeeAccount', 'amount', 'date', 'serial', 'purpose', 'bank', 'payerBank', 'payeeBank',
] as const;
export type PaymentFieldName = (typeof PAYMENT_FIELD_NAMES)[number];

/** A bank receipt (银行回单 / 电子回单 / 付款凭证): date YYYY-MM-DD, amount a decimal yuan string; null when not found. */
export type PaymentFields = Record<PaymentFieldName, string | null>;

export interface ExtractedPayment {
  page: number;
  method: ExtractionMethod;
  fields: PaymentFields;
  confidence: Partial<Record<PaymentFieldName, number>>;
  boxes: Partial<Record<PaymentFieldName, [number, number, number, number]>>;
  /** Cross-checks of the reading, e.g. the amount in figures against the amount in words (大写). */
  checks?: CheckOutcome[];
}

export interface FileExtraction {
  file: string;
  sha256: string;
  invoices: ExtractedInvoice[];
  /** Contract key pages read from the file (absent where the reader does not look for them). */
  contracts?: ExtractedContract[];
  /** Bank receipts read from the file (absent where the reader does not look for them). */
  payments?: ExtractedPayment[];
  errors: { code: string; message: string }[];
}

export interface ReviewCut {
  claimId: string;
  amount: string;
  reason: CutReason;
  note?: string;
  /** The reconciliation proposal this cut accepts ("R001:amount-mismatch"). */
  proposal?: string;
  [unknown: string]: unknown;
}

/** A page of a dossier file that a reviewer links to a declared row. */
export interface EvidenceRef {
  file: string;
  page: number;
}

/** The reviewer's decision on a reconciliation proposal that was not accepted as a cut. */
export interface ProposalDecision {
  status: 'rejected';
  note?: string;
  [unknown: string]: unknown;
}

/** Links the reviewer set for a declared row; a list given replaces the automatic links of that kind. */
export interface ReviewLinks {
  invoices?: EvidenceRef[];
  contracts?: EvidenceRef[];
  payments?: EvidenceRef[];
  [unknown: string]: unknown;
}

/** The reviewer's word on a counterparty (e.g. a Shenzhen SME whose credit code does not say so). */
export interface CounterpartyDecision {
  eligible: boolean;
  note?: string;
  [unknown: string]: unknown;
}

export interface ChecklistEntry {
  state: 'met' | 'not-met' | 'not-applicable' | 'unchecked';
  evidence?: { file: string; page?: number }[];
  note?: string;
  [unknown: string]: unknown;
}

export interface AuditEntry {
  seq: number;
  time: string;
  actor: string;
  action: string;
  target: string;
  before: unknown;
  after: unknown;
  prevHash: string;
  hash: string;
}

export interface Reviewer {
  name: string;
  role: 'auditor' | 'expert' | 'chair' | (string & {});
  /** The reviewer's organisation (employer), printed with the name on signature lines. */
  organisation?: string;
  [unknown: string]: unknown;
}

/** An employer or client of the last three years an expert declares for conflict-of-interest screening. */
export interface DeclaredRelation {
  name: string;
  creditCode?: string;
  relation: 'employer' | 'client';
  from?: string;
  to?: string;
  [unknown: string]: unknown;
}

export interface ReviewFile {
  schema: 'dossier-desk/review@1';
  dossierId?: string;
  program: ProgramId;
  reviewer: Reviewer;
  conflictOfInterest?: { declared: boolean; note?: string; relations?: DeclaredRelation[] };
  cuts: ReviewCut[];
  scores: Record<string, string>;
  /** The reviewer's comment per rubric criterion (criterion id → text). */
  comments?: Record<string, string>;
  /** The reviewer's overall opinion on the application. */
  opinion?: string;
  fields: { file: string; page: number; field: string; value: string | null }[];
  findings: { id: string; status: 'open' | 'accepted' | 'dismissed'; note?: string }[];
  checklists: Record<string, ChecklistEntry>;
  decision?: { signedAt?: string; [unknown: string]: unknown };
  /** The documented audit sample the review works through (DESIGN.md "Sampling a large declared list"). */
  sample?: SamplePlan;
  auditLog: AuditEntry[];
  /** Decisions on reconciliation proposals by proposal id (accepted ones are cuts naming the proposal). */
  proposals?: Record<string, ProposalDecision>;
  /** Reviewer-corrected evidence links by claim id. */
  links?: Record<string, ReviewLinks>;
  /** Reviewer decisions on counterparties, keyed by the counterparty's name. */
  counterparties?: Record<string, CounterpartyDecision>;
  /** The reviewer's corrections of the formal pre-review's classification, by file. */
  classifications?: Record<string, ClassificationCorrection>;
  [unknown: string]: unknown;
}

/** A reviewer's placement of a file: a material item (and its recognition type), or null for "not a material". */
export interface ClassificationCorrection {
  material: string | null;
  type?: string | null;
}

export type Severity = 'error' | 'warning' | 'info';

export interface Finding {
  id: string;
  rule: string;
  severity: Severity;
  message: string;
  claimId?: string;
  clause?: string;
  evidence?: { file: string; page?: number };
  /** The same message in English (message is zh-CN first). */
  messageEn?: string;
  /** The reviewer's disposition from the review file's findings list, when recorded. */
  status?: 'open' | 'accepted' | 'dismissed';
}

export interface CheckReport {
  program: ProgramId;
  profileVersion: string;
  claimedFen: Fen;
  cutFen: Fen;
  approvedFen: Fen;
  cutRatio: string;
  threshold: string;
  verdict: 'pass' | 'fail';
  headroomFen: Fen;
  subsidy: {
    baseFen: Fen;
    subsidyFen: Fen;
    /** subsidyFen after the per-contract cap; payableFen its share after the firm's yearly cap; deferred: moved to the next round. */
    perClaim?: { claimId: string; baseFen: Fen; subsidyFen: Fen; payableFen?: Fen; deferred?: boolean }[];
    rate?: string;
    capPerContractFen?: Fen | null;
    capPerFirmPerYearFen?: Fen | null;
    firmCapped?: boolean;
  } | null;
  score: { total: string; band: string | null; awardCapFen: Fen | null; rubricOfficial?: boolean; missingCriteria?: string[] } | null;
  findings: Finding[];
  /** The formal pre-review: each material item of the profile, where it was found and its status. */
  materials?: { item: string; files: string[]; status: 'present' | 'missing' | 'doubtful' | 'not-required'; clause: string; checks: { id: string; ok: boolean | null; message: string }[] }[];
  /** Each file of the dossier and the material item it was placed in. */
  documents?: { file: string; kind: DocumentKind; material: string | null; type: string | null; source: 'content' | 'manifest' | 'reviewer' | 'none' }[];
  /** The 补正通知: what the applicant must supply or correct, each with its clause. */
  supplementNotice?: { item: string; clause: string; action: 'supply' | 'correct'; message: string; messageEn: string }[];
  /** Every declared row reconciled with its evidence; null when no evidence was read (no extractions). */
  reconciliation?: ReconciledRow[] | null;
  /** The open proposals (neither accepted nor rejected), capped per claim by what is left to cut. */
  proposedCutFen?: Fen;
  /** The verdict if every open proposal were accepted on top of the reviewer's cuts. */
  verdictIfAccepted?: 'pass' | 'fail';
}

export interface ReconciledInvoice {
  file: string;
  page: number;
  invoiceNumber: string | null;
  totalFen: Fen | null;
  issueDate: string | null;
  /** A passenger ticket or receipt invoice linked to the row: it names no parties and is not counted as the row's invoice. */
  kind?: 'ticket';
}

export interface ReconciledContract {
  file: string;
  page: number;
  contractNo: string | null;
  amountFen: Fen | null;
}

export interface ReconciledPayment {
  file: string;
  page: number;
  amountFen: Fen | null;
  date: string | null;
}

export interface Proposal {
  /** "<claimId>:<reason>", stable across runs. */
  id: string;
  reason: CutReason;
  amountFen: Fen;
  /** zh-CN. */
  message: string;
  messageEn: string;
  clause?: string;
  evidence: EvidenceRef[];
  /** open until the reviewer accepts it (a cut naming it) or rejects it. */
  status: 'open' | 'accepted' | 'rejected';
  note?: string;
}

/** A read invoice number near one a row lists but no file holds (a slip or an OCR misread), offered to the reviewer to link. */
export interface InvoiceNearMatch {
  /** The number the row lists. */
  listed: string;
  /** The number read from the file. */
  invoiceNumber: string;
  file: string;
  page: number;
  /** The reader's confidence in the number read; null when certain (text layer, XML). */
  confidence: number | null;
  /** Edit distance between the two numbers. */
  distance: number;
}

export interface ReconciledRow {
  claimId: string;
  declaredFen: Fen;
  supportedFen: Fen;
  counterparty: { name: string | null; creditCode: string | null; eligible: boolean | null };
  /** Which links the reviewer set by hand (the others were found automatically). */
  reviewerLinked: ('invoices' | 'contracts' | 'payments')[];
  invoices: ReconciledInvoice[];
  contracts: ReconciledContract[];
  payments: ReconciledPayment[];
  proposals: Proposal[];
  /**
   * Set when every invoice of the row is dated after the window and the program moves such rows to
   * the next round (Shanxi 二(一)): the row is not cut and gets no proposal; it is not paid this round.
   */
  deferredToNextRound?: { clause: string; message: string; messageEn: string };
  /** Listed invoice numbers not found, each with the nearest number read (absent when none is near). */
  nearMatches?: InvoiceNearMatch[];
}

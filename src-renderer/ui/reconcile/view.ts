// What the reconciliation view shows, as plain functions of the engine's rows: which rows a filter
// lists, which proposal the keyboard acts on, where the selection goes after a decision, and which
// fields of each evidence page are marked (matched, or the field a proposal is about).
import type { EvidenceRef, Proposal, ReconciledRow } from '../../core/types';
import type { ReconcileFilter } from '../../state/ui';

export interface ProposalAt {
  row: ReconciledRow;
  proposal: Proposal;
}

export function hasOpenProposal(row: ReconciledRow): boolean {
  return row.proposals.some((proposal) => proposal.status === 'open');
}

/** The claim ids of the review's audit sample; null when none is drawn. */
export type SampledClaims = ReadonlySet<string> | ReadonlyMap<string, unknown> | null;

/** Whether the filter lists the row; 'sampled' lists every row while no sample is drawn. */
export function rowMatches(row: ReconciledRow, filter: ReconcileFilter, sampled: SampledClaims = null): boolean {
  switch (filter) {
    case 'sampled':
      return sampled === null || sampled.has(row.claimId);
    case 'all':
      return true;
    case 'proposals':
      return row.proposals.length > 0;
    case 'open':
      return hasOpenProposal(row);
    case 'decided':
      return row.proposals.length > 0 && !hasOpenProposal(row);
  }
}

export function filterCounts(rows: readonly ReconciledRow[], sampled: SampledClaims = null): Record<ReconcileFilter, number> {
  return {
    sampled: rows.filter((row) => rowMatches(row, 'sampled', sampled)).length,
    all: rows.length,
    proposals: rows.filter((row) => rowMatches(row, 'proposals')).length,
    open: rows.filter((row) => rowMatches(row, 'open')).length,
    decided: rows.filter((row) => rowMatches(row, 'decided')).length,
  };
}

/**
 * The proposal accept / reject act on: the selected one when it belongs to the selected row, else the
 * row's first open proposal, else its first one; null when the row has none.
 */
export function currentProposal(rows: readonly ReconciledRow[], claimId: string | null, proposalId: string | null): ProposalAt | null {
  const row = rows.find((candidate) => candidate.claimId === claimId);
  if (!row || row.proposals.length === 0) return null;
  const proposal = row.proposals.find((candidate) => candidate.id === proposalId)
    ?? row.proposals.find((candidate) => candidate.status === 'open')
    ?? row.proposals[0]!;
  return { row, proposal };
}

/**
 * The next open proposal after `after` in the order of the rows (the same row's later proposals
 * first), wrapping round; rows the filter hides are skipped. Null when none is open.
 */
export function nextOpenProposal(rows: readonly ReconciledRow[], after: { claimId: string | null; proposalId: string | null }, filter: ReconcileFilter = 'all', sampled: SampledClaims = null): ProposalAt | null {
  const listed = rows.filter((row) => rowMatches(row, filter, sampled));
  const flat: ProposalAt[] = listed.flatMap((row) => row.proposals.map((proposal) => ({ row, proposal })));
  if (flat.length === 0) return null;
  let start = flat.findIndex((entry) => entry.proposal.id === after.proposalId);
  if (start < 0) {
    const rowAt = rows.findIndex((row) => row.claimId === after.claimId);
    // Before the first proposal of the selected row (or of the first row after it).
    const firstAfter = flat.findIndex((entry) => rows.indexOf(entry.row) >= rowAt);
    start = (firstAfter < 0 ? 0 : firstAfter) - 1;
  }
  for (let step = 1; step <= flat.length; step++) {
    const entry = flat[(start + step + flat.length) % flat.length]!;
    if (entry.proposal.status === 'open') return entry;
  }
  return null;
}

/** The row after (or before) the selected one among the rows the filter lists. */
export function stepRow(rows: readonly ReconciledRow[], claimId: string | null, direction: 1 | -1, filter: ReconcileFilter, sampled: SampledClaims = null): ReconciledRow | null {
  const listed = rows.filter((row) => rowMatches(row, filter, sampled));
  if (listed.length === 0) return null;
  const at = listed.findIndex((row) => row.claimId === claimId);
  if (at < 0) return direction > 0 ? listed[0]! : listed[listed.length - 1]!;
  return listed[Math.min(listed.length - 1, Math.max(0, at + direction))]!;
}

export type EvidenceKind = 'invoice' | 'contract' | 'payment';

/** The fields by which a row is matched to each kind of evidence (marked on the page). */
export const MATCHED_FIELDS: Record<EvidenceKind, readonly string[]> = {
  invoice: ['invoiceNumber', 'issueDate', 'buyerName', 'buyerTaxId', 'sellerName', 'sellerTaxId', 'totalAmount'],
  contract: ['contractNo', 'partyA', 'partyATaxId', 'partyB', 'partyBTaxId', 'signDate', 'amount'],
  payment: ['payerName', 'payeeName', 'amount', 'date', 'serial'],
};

/** The fields a proposal's reason is about, per kind of evidence. */
const REASON_FIELDS: Record<string, Partial<Record<EvidenceKind, readonly string[]>>> = {
  'amount-mismatch': { invoice: ['totalAmount'], contract: ['amount'] },
  'missing-payment': { payment: ['amount'] },
  'out-of-period': { invoice: ['issueDate'] },
  'party-mismatch': { invoice: ['buyerName', 'sellerName'] },
  'related-party': { invoice: ['buyerTaxId', 'sellerTaxId'], contract: ['partyATaxId', 'partyBTaxId'] },
  'customer-not-eligible': { invoice: ['buyerTaxId', 'sellerTaxId'], contract: ['partyATaxId', 'partyBTaxId'] },
  duplicate: { invoice: ['invoiceNumber'] },
  'ineligible-service': { contract: ['subject'] },
};

export type FieldMark = 'match' | 'failed';

/** The party fields a ticket or receipt invoice does not print: it cannot show the row's parties. */
const TICKET_MISSING_FIELDS: readonly string[] = ['buyerName', 'buyerTaxId', 'sellerName', 'sellerTaxId'];

/** Whether the row's invoice on this page is a ticket or receipt invoice (not counted as its invoice). */
export function isTicketPage(row: ReconciledRow, page: EvidenceRef): boolean {
  return row.invoices.some((invoice) => invoice.kind === 'ticket' && invoice.file === page.file && invoice.page === page.page);
}

/**
 * The marks on one evidence page: every matched field, and the fields an open or accepted proposal
 * of the row is about marked as failed (on the pages that proposal names, or on every page of the
 * kind when it names none); on a ticket the parties it does not print are failed.
 */
export function fieldMarks(row: ReconciledRow, kind: EvidenceKind, page: EvidenceRef): Map<string, FieldMark> {
  const marks = new Map<string, FieldMark>(MATCHED_FIELDS[kind].map((field) => [field, 'match']));
  for (const proposal of row.proposals) {
    if (proposal.status === 'rejected') continue;
    const fields = REASON_FIELDS[proposal.reason]?.[kind];
    if (!fields) continue;
    const onPage = proposal.evidence.length === 0 || proposal.evidence.some((ref) => ref.file === page.file && ref.page === page.page);
    if (!onPage) continue;
    for (const field of fields) marks.set(field, 'failed');
  }
  if (kind === 'invoice' && isTicketPage(row, page)) for (const field of TICKET_MISSING_FIELDS) marks.set(field, 'failed');
  return marks;
}

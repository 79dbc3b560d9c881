// The reviewer's review as the store keeps it, in rows, read back as a review@1 file. Edits are
// interpreted once, by core/review/edits.ts (reduceEdit); the store persists the change it returns
// with its audit entry (DossierStore.recordReviewChange).
import { reduceEdit, type ReviewEdit } from '../core/review/edits';
import type { AuditEntry, ReviewFile } from '../core/types';
import { rowsOfDossier, type PagedReadOptions } from './paged-reads';
import type { DossierRow, InvoiceRow, ReviewerRow, ReviewRow } from './schema';
import { loggedRowIds, type DossierStore, type EditOptions } from './store';

/**
 * Who the review names: what its row recorded (through the log: named on this dossier, or at
 * sign-off), else the workstation's reviewer profile, else the placeholder 审查员, which sign-off
 * refuses (core/panel/sign-off.ts): a review file must name someone.
 */
export function reviewerOf(row: ReviewRow, profile: ReviewerRow): ReviewFile['reviewer'] {
  if (row.reviewer.name) {
    return { name: row.reviewer.name, role: row.reviewer.role || 'auditor', ...(row.reviewer.organisation !== undefined ? { organisation: row.reviewer.organisation } : {}) };
  }
  if (profile.name) return { name: profile.name, role: profile.role || 'auditor', organisation: profile.organisation };
  return { name: '审查员', role: row.reviewer.role || 'auditor' };
}

/**
 * The reviewer's review of a dossier as a review@1 file, from the rows the store holds, read in one
 * transaction so that another window's edit is either wholly in it (rows and audit entry) or not at all.
 */
export async function readStoredReview(store: DossierStore, row: Pick<DossierRow, 'id' | 'program'>, reviewerId: string, options: { loggedRowsOnly?: boolean } = {}): Promise<ReviewFile> {
  return (await readStoredReviewWithInvoices(store, row, reviewerId, options)).review;
}

/**
 * The stored review and the invoice rows it was read from (in the same transaction): opening a
 * dossier needs both, and reading 10,000 invoice rows twice cost the reopen a second read. The invoice
 * rows are read in pages (db/paged-reads), which `paged.stopped` may stop (the page going away).
 */
export async function readStoredReviewWithInvoices(store: DossierStore, row: Pick<DossierRow, 'id' | 'program'>, reviewerId: string, { loggedRowsOnly = false, ...paged }: PagedReadOptions & { loggedRowsOnly?: boolean } = {}): Promise<{ review: ReviewFile; invoiceRows: InvoiceRow[] }> {
  const dossierId = row.id;
  const { db } = store;
  // With loggedRowsOnly (the read back after an edit), of the invoice and finding rows only those an entry
  // of the log touched are read, in key order as the whole read gives them: the review holds their confirmed
  // fields and dispositions, which the log accounts for (a value set outside it is the integrity check's
  // finding); reading every invoice row of a 10,000-row dossier after each cut held the window.
  const ofDossier = <T extends { dossierId: string }>(rows: (T | undefined)[]): T[] => rows.filter((row): row is T => row !== undefined && row.dossierId === dossierId);
  const [reviewRow, profile, invoiceRows, cutRows, auditRows, scoreRows, checklistRows, findingRows, rejectionRows] = await db.transaction('r',
    [db.reviews, db.reviewers, db.invoices, db.cuts, db.auditLog, db.scores, db.checklists, db.findings, db.proposalDecisions], async () => {
      const logRead = store.auditLog(dossierId);
      const touched = loggedRowsOnly ? logRead.then((log) => loggedRowIds(dossierId, log)) : null;
      return Promise.all([
        store.review(dossierId, reviewerId), store.reviewerProfile(reviewerId),
        touched ? touched.then(({ invoices }) => (invoices.length > 0 ? db.invoices.bulkGet([...invoices].sort()).then(ofDossier) : [])) : rowsOfDossier(db.invoices, dossierId, paged),
        store.cuts(dossierId), logRead,
        db.scores.where('dossierId').equals(dossierId).toArray(), db.checklists.where('dossierId').equals(dossierId).toArray(),
        touched ? touched.then(({ findings }) => (findings.length > 0 ? db.findings.bulkGet([...findings].sort()).then(ofDossier) : [])) : db.findings.where('dossierId').equals(dossierId).toArray(),
        store.proposalDecisions(dossierId),
      ]);
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
    reviewer: reviewerOf(reviewRow, profile),
    conflictOfInterest: {
      ...reviewRow.conflictOfInterest,
      ...(!reviewRow.conflictOfInterest.relations && profile.relations.length > 0 ? { relations: profile.relations } : {}),
    },
    ...(Object.keys(reviewRow.comments ?? {}).length > 0 ? { comments: { ...reviewRow.comments } } : {}),
    ...(reviewRow.opinion ? { opinion: reviewRow.opinion } : {}),
    ...(reviewRow.decision.signedAt ? { decision: { signedAt: reviewRow.decision.signedAt } } : {}),
    cuts: cutRows.map((cut) => cut.cut),
    scores: Object.fromEntries(scoreRows.map((score) => [score.criterionId, score.value])),
    fields,
    findings: findingRows.filter((finding) => finding.status !== 'open' || finding.note).map((finding) => ({ id: finding.finding.id, status: finding.status, ...(finding.note ? { note: finding.note } : {}) })),
    checklists: Object.fromEntries(checklistRows.map((entry) => [entry.itemId, entry.entry])),
    ...(reviewRow.classifications && Object.keys(reviewRow.classifications).length > 0 ? { classifications: reviewRow.classifications } : {}),
    ...(reviewRow.sample ? { sample: reviewRow.sample } : {}),
    ...(reviewRow.links && Object.keys(reviewRow.links).length > 0 ? { links: reviewRow.links } : {}),
    auditLog,
  };
  if (rejectionRows.length > 0) review.proposals = Object.fromEntries(rejectionRows.map((row) => [row.proposalId, { status: row.status, note: row.note }]));
  return { review, invoiceRows };
}

/**
 * One edit on the review as stored, for callers that hold no review in memory: the reducer decides
 * the review after it and the change (core/review/edits reduceEdit), the store persists the change
 * with its audit entry; with `options.basedOn`, only while the stored review is still the version
 * the edit was made on. Gives the entry written, null when there was nothing to change (removing a
 * cut that is not stored).
 */
export async function writeReviewEdit(store: DossierStore, dossierId: string, reviewerId: string, edit: ReviewEdit, actor: string, options: EditOptions = {}): Promise<AuditEntry | null> {
  const row = await store.getDossier(dossierId);
  if (!row) throw new Error(`dossier ${dossierId} is not in the store`);
  const { change } = reduceEdit(await readStoredReview(store, row, reviewerId), edit, { dossierId, reviewerId });
  return change ? store.recordReviewChange(dossierId, reviewerId, change, actor, options) : null;
}

// The reviewer's review as the store keeps it, in rows: read back as a review@1 file, and written one
// edit at a time, each edit with its audit entry in one transaction (DossierStore's edit methods).
// The pure meaning of an edit on a review file is core/review/edits.ts (applyEdit).
import type { ReviewEdit } from '../core/review/edits';
import type { AuditEntry, ReviewFile } from '../core/types';
import type { DossierRow } from './schema';
import type { DossierStore } from './store';

/** The reviewer's review of a dossier as a review@1 file, from the rows the store holds. */
export async function readStoredReview(store: DossierStore, row: DossierRow, reviewerId: string): Promise<ReviewFile> {
  const dossierId = row.id;
  const [reviewRow, invoiceRows, cutRows, auditRows, scoreRows, checklistRows, findingRows, rejectionRows] = await Promise.all([
    store.review(dossierId, reviewerId), store.invoices(dossierId), store.cuts(dossierId), store.auditLog(dossierId),
    store.db.scores.where('dossierId').equals(dossierId).toArray(), store.db.checklists.where('dossierId').equals(dossierId).toArray(),
    store.db.findings.where('dossierId').equals(dossierId).toArray(), store.proposalDecisions(dossierId),
  ]);
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
    ...(reviewRow.classifications && Object.keys(reviewRow.classifications).length > 0 ? { classifications: reviewRow.classifications } : {}),
    auditLog,
  };
  if (rejectionRows.length > 0) review.proposals = Object.fromEntries(rejectionRows.map((row) => [row.proposalId, { status: row.status, note: row.note }]));
  return review;
}

/** Writes one edit of the reviewer to the store, with its audit entry, in one transaction. */
export async function writeReviewEdit(store: DossierStore, dossierId: string, reviewerId: string, edit: ReviewEdit, actor: string): Promise<void> {
  switch (edit.type) {
    case 'cut':
      if (edit.cut) await store.setCut(dossierId, reviewerId, edit.claimId, edit.cut, actor);
      else if ((await store.cuts(dossierId)).some((row) => row.id === `${dossierId}:${edit.claimId}`)) await store.removeCut(dossierId, edit.claimId, actor);
      return;
    case 'proposal':
      await store.decideProposal(dossierId, reviewerId, edit.proposalId, edit.claimId, edit.decision, actor);
      return;
    case 'field':
      await store.confirmInvoiceField(dossierId, `${dossierId}:${edit.file}#${edit.page}`, edit.field as never, edit.value as never, actor);
      return;
    case 'finding':
      await store.setFindingStatus(dossierId, edit.findingId, edit.status, edit.note || undefined, actor);
      return;
    case 'score':
      await store.setScore(dossierId, reviewerId, edit.criterionId, edit.value, actor);
      return;
    case 'checklist':
      await store.setChecklist(dossierId, reviewerId, edit.itemId, edit.entry, actor);
      return;
    case 'conflict-of-interest':
      await store.declareConflictOfInterest(dossierId, reviewerId, { declared: edit.declared, note: edit.note }, actor);
      return;
    case 'reviewer':
      await store.setReviewer(dossierId, reviewerId, { ...(await store.review(dossierId, reviewerId)).reviewer, name: edit.name }, actor);
      return;
    case 'sign-off':
      await store.signOff(dossierId, reviewerId, edit.signedAt, actor);
      return;
    case 'classification':
      await store.setClassification(dossierId, reviewerId, edit.file, edit.correction, edit.placedBefore ?? null, actor);
      return;
  }
}

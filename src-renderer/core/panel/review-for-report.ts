// The one review the exported check report is computed from, when a dossier has several reviewers'
// files (the engine's mergeReviews compares them but yields a panel result, not a review):
// - cuts: every claim's cuts from the first reviewer (auditors first) who cut that claim, so that
//   two auditors' identical cuts are not counted twice; differing cuts are flagged by mergeReviews;
// - scores: the chair's resolved scores when a chair review is present, else the only scoring
//   expert's, else none (the panel outcome then carries the score);
// - findings, checklists, field corrections: later files override earlier ones, auditors first.
// The export and `verify` use the same function, so a package recomputes to the same report.
import type { ReviewFile } from '../types';

const ROLE_ORDER: Record<string, number> = { auditor: 0, expert: 1, chair: 2 };

export function reviewForReport(reviews: readonly ReviewFile[]): ReviewFile | null {
  if (reviews.length === 0) return null;
  if (reviews.length === 1) return reviews[0]!;
  const ordered = [...reviews].sort((a, b) => (ROLE_ORDER[a.reviewer.role] ?? 1) - (ROLE_ORDER[b.reviewer.role] ?? 1));
  const base = ordered[0]!;
  const cutClaims = new Set<string>();
  const cuts: ReviewFile['cuts'] = [];
  for (const review of ordered) {
    const claims = new Set(review.cuts.map((cut) => cut.claimId).filter((claimId) => !cutClaims.has(claimId)));
    for (const cut of review.cuts) if (claims.has(cut.claimId)) cuts.push(cut);
    for (const claimId of claims) cutClaims.add(claimId);
  }
  const chair = ordered.find((review) => review.reviewer.role === 'chair');
  const scorers = ordered.filter((review) => review.reviewer.role !== 'chair' && Object.keys(review.scores).length > 0);
  const scores = chair ? chair.scores : scorers.length === 1 ? scorers[0]!.scores : {};
  const findings = new Map<string, ReviewFile['findings'][number]>();
  for (const review of ordered) for (const finding of review.findings) findings.set(finding.id, finding);
  const checklists: ReviewFile['checklists'] = {};
  for (const review of ordered) Object.assign(checklists, review.checklists);
  const fields = new Map<string, ReviewFile['fields'][number]>();
  for (const review of ordered) for (const field of review.fields) fields.set(`${field.file}#${field.page}#${field.field}`, field);
  return {
    schema: 'dossier-desk/review@1',
    ...(base.dossierId ? { dossierId: base.dossierId } : {}),
    program: base.program,
    reviewer: chair?.reviewer ?? base.reviewer,
    conflictOfInterest: { declared: false, note: '' },
    cuts,
    scores,
    fields: [...fields.values()],
    findings: [...findings.values()],
    checklists,
    auditLog: [],
  };
}

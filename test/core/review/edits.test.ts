// An edit is interpreted once, by reduceEdit: the review after it and the audited change the store
// persists (action, target keyed as core/audit/replay keys the stored state, value after).
import { describe, expect, it } from 'vitest';
import { auditedChanges } from '../../../src-renderer/core/audit';
import { reduceEdit, ReviewLockedError, type ReviewChange, type ReviewEdit } from '../../../src-renderer/core/review/edits';
import type { ReviewFile } from '../../../src-renderer/core/types';

const scope = { dossierId: 'd1', reviewerId: 'local' };
const review: ReviewFile = {
  schema: 'dossier-desk/review@1', program: 'shenzhen-2024-dsp', reviewer: { name: '王审', role: 'auditor' },
  conflictOfInterest: { declared: false, note: '' }, cuts: [], scores: {}, fields: [], findings: [], checklists: {}, auditLog: [],
};

describe('reduceEdit', () => {
  it('gives the review after each kind of edit and the change its audit entry records', () => {
    const cut = { claimId: 'C1', amount: '10.00', reason: 'duplicate' as const };
    const cases: [ReviewEdit, Partial<ReviewFile>, ReviewChange][] = [
      [{ type: 'cut', claimId: 'C1', cut }, { cuts: [cut] }, { action: 'cut.set', target: 'cut:C1', after: cut }],
      [{ type: 'field', file: 'inv/1.pdf', page: 2, field: 'totalAmount', value: '12700.00' },
        { fields: [{ file: 'inv/1.pdf', page: 2, field: 'totalAmount', value: '12700.00' }] },
        { action: 'invoice.confirm', target: 'invoice:d1:inv/1.pdf#2:totalAmount', after: '12700.00' }],
      [{ type: 'finding', findingId: 'F1', status: 'dismissed', note: '' }, { findings: [{ id: 'F1', status: 'dismissed' }] },
        { action: 'finding.status', target: 'finding:F1', after: { status: 'dismissed', note: null } }],
      [{ type: 'score', criterionId: 'innovation', value: '18.5' }, { scores: { innovation: '18.5' } },
        { action: 'score.set', target: 'score:local:innovation', after: '18.5' }],
      [{ type: 'checklist', itemId: 'license', entry: { state: 'met' } }, { checklists: { license: { state: 'met' } } },
        { action: 'checklist.set', target: 'checklist:local:license', after: { state: 'met' } }],
      [{ type: 'conflict-of-interest', declared: true, note: '曾任顾问' }, { conflictOfInterest: { declared: true, note: '曾任顾问' } },
        { action: 'review.conflict-of-interest', target: 'review:local', after: { declared: true, note: '曾任顾问' } }],
      [{ type: 'reviewer', name: '张三' }, { reviewer: { name: '张三', role: 'auditor' } },
        { action: 'review.reviewer', target: 'review:local', after: { name: '张三', role: 'auditor' } }],
      [{ type: 'sign-off', signedAt: '2024-10-20T10:00:00+08:00' }, { decision: { signedAt: '2024-10-20T10:00:00+08:00' } },
        { action: 'review.sign-off', target: 'review:local', after: { signedAt: '2024-10-20T10:00:00+08:00' } }],
      [{ type: 'proposal', proposalId: 'R1:amount-mismatch', claimId: 'R1', decision: { status: 'rejected', note: '合同已补' } },
        { proposals: { 'R1:amount-mismatch': { status: 'rejected', note: '合同已补' } } },
        { action: 'proposal.reject', target: 'proposal:R1:amount-mismatch', after: { status: 'rejected', note: '合同已补' }, claimId: 'R1' }],
    ];
    for (const [edit, changed, change] of cases) {
      const effect = reduceEdit(review, edit, scope);
      expect(effect.review).toEqual({ ...review, ...changed });
      expect(effect.change).toEqual(change);
      expect(auditedChanges(effect.change!)).not.toEqual([]);
    }
  });

  it('removes a cut with cut.remove, changes nothing for a cut that is not there, and clears an empty score', () => {
    const cut = { claimId: 'C1', amount: '10.00', reason: 'duplicate' as const };
    const withCut = reduceEdit(review, { type: 'cut', claimId: 'C1', cut }, scope).review;
    expect(reduceEdit(withCut, { type: 'cut', claimId: 'C1', cut: null }, scope)).toEqual({ review: { ...withCut, cuts: [] }, change: { action: 'cut.remove', target: 'cut:C1', after: null } });
    expect(reduceEdit(review, { type: 'cut', claimId: 'C2', cut: null }, scope)).toEqual({ review, change: null });
    const scored = reduceEdit(review, { type: 'score', criterionId: 'a', value: '8' }, scope).review;
    expect(reduceEdit(scored, { type: 'score', criterionId: 'a', value: '' }, scope)).toEqual({ review: { ...scored, scores: {} }, change: { action: 'score.set', target: 'score:local:a', after: null } });
  });

  it('refuses every edit of a signed review', () => {
    const signed = reduceEdit(review, { type: 'sign-off', signedAt: '2024-10-20T10:00:00+08:00' }, scope).review;
    expect(() => reduceEdit(signed, { type: 'finding', findingId: 'F1', status: 'accepted', note: '' }, scope)).toThrow(ReviewLockedError);
  });
});

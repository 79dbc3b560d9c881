// Comments per criterion, the overall opinion and the reviewer profile as the store keeps them:
// each comment and opinion written with its audit entry, read back into the review file, replayed
// by the integrity check (a comment changed behind the log's back is named), and the profile kept
// for the next session.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { compareReviewWithAuditLog } from '../../src-renderer/core/audit';
import { describeAuditEntry, type AuditVocabulary } from '../../src-renderer/core/audit/describe';
import { applyEdit } from '../../src-renderer/core/review/edits';
import { DossierStore } from '../../src-renderer/db';
import { readStoredReview, writeReviewEdit } from '../../src-renderer/db/review-rows';
import { storedDossier } from './stored-dossier';

const zh: AuditVocabulary = { language: 'zh', field: (name) => name, reason: (code) => code, item: (id) => (id === 'innovation' ? '创新能力' : id), state: (code) => code };
const en: AuditVocabulary = { ...zh, language: 'en', item: (id) => (id === 'innovation' ? 'Innovation' : id) };

describe('comments, opinion and the reviewer profile in the store', () => {
  let store: DossierStore;
  let id: string;
  beforeEach(async () => {
    ({ store, id } = await storedDossier('review-comments', { importedBy: '张三' }));
  });
  afterEach(() => store.close());

  it('writes each comment and the opinion with an audit entry that reads as a sentence, and reads them back', async () => {
    await writeReviewEdit(store, id, 'local', { type: 'reviewer', name: '张三', role: 'expert', organisation: '某大学' }, '张三');
    await writeReviewEdit(store, id, 'local', { type: 'comment', criterionId: 'innovation', text: '研发投入占比高' }, '张三');
    await writeReviewEdit(store, id, 'local', { type: 'comment', criterionId: 'innovation', text: '研发投入占比高，专利 12 项' }, '张三');
    await writeReviewEdit(store, id, 'local', { type: 'comment', criterionId: 'staff', text: '待删' }, '张三');
    await writeReviewEdit(store, id, 'local', { type: 'comment', criterionId: 'staff', text: '' }, '张三');
    await writeReviewEdit(store, id, 'local', { type: 'opinion', text: '建议资助' }, '张三');
    const review = await readStoredReview(store, (await store.getDossier(id))!, 'local');
    expect(review.reviewer).toEqual({ name: '张三', role: 'expert', organisation: '某大学' });
    expect(review.comments).toEqual({ innovation: '研发投入占比高，专利 12 项' });
    expect(review.opinion).toBe('建议资助');
    const log = review.auditLog;
    expect(log.map((entry) => entry.actor)).not.toContain('local');
    expect(log.map((entry) => describeAuditEntry(entry, zh)).slice(1)).toEqual([
      '评审人登记为 张三（评审专家，某大学）',
      '评语“创新能力”：无 → “研发投入占比高”',
      '评语“创新能力”：“研发投入占比高” → “研发投入占比高，专利 12 项”',
      '评语“staff”：无 → “待删”',
      '评语“staff”：“待删” → 无',
      '总体评审意见：无 → “建议资助”',
    ]);
    expect(describeAuditEntry(log.at(-1)!, en)).toBe('Overall opinion: none → "建议资助"');
    expect((await store.checkIntegrity(id)).problems).toEqual([]);
    // The review file with its log agrees with itself (what verify checks in a package).
    expect(compareReviewWithAuditLog(review, log)).toEqual([]);
  });

  it('applies the same edits to a review file as the store writes them', async () => {
    const base = await readStoredReview(store, (await store.getDossier(id))!, 'local');
    const next = applyEdit(applyEdit(applyEdit(base, { type: 'comment', criterionId: 'a', text: '好' }), { type: 'comment', criterionId: 'a', text: ' ' }), { type: 'opinion', text: '同意' });
    expect(next.comments).toEqual({});
    expect(next.opinion).toBe('同意');
  });

  it('names a comment or an opinion changed behind the log', async () => {
    await writeReviewEdit(store, id, 'local', { type: 'comment', criterionId: 'innovation', text: '研发投入占比高' }, '张三');
    await writeReviewEdit(store, id, 'local', { type: 'opinion', text: '建议资助' }, '张三');
    const row = (await store.db.reviews.get([id, 'local']))!;
    await store.db.reviews.put({ ...row, comments: { innovation: '一般', growth: '没有记录的评语' }, opinion: '不予资助' });
    const report = await store.checkIntegrity(id);
    expect(report.ok).toBe(false);
    expect(report.problems.map((problem) => problem.message)).toEqual([
      'comment growth: the store holds "没有记录的评语" but no audit entry ever set it',
      'comment innovation: the store holds "一般", but audit entry 2 (comment.set by 张三 at 2024-10-20T10:00:00+08:00) left "研发投入占比高"',
      'review local:opinion: the store holds "不予资助", but audit entry 3 (review.opinion by 张三 at 2024-10-20T10:00:00+08:00) left "建议资助"',
    ]);
  });

  it('keeps declared relations on the review when only the declaration changes, and lists them in the log', async () => {
    const relations = [{ name: '深圳市乙科技有限公司', creditCode: '91440300MA5XXXXX1X', relation: 'client' as const }];
    await writeReviewEdit(store, id, 'local', { type: 'conflict-of-interest', declared: false, note: '', relations }, '张三');
    await writeReviewEdit(store, id, 'local', { type: 'conflict-of-interest', declared: true, note: '曾为其客户' }, '张三');
    const review = await readStoredReview(store, (await store.getDossier(id))!, 'local');
    expect(review.conflictOfInterest).toEqual({ declared: true, note: '曾为其客户', relations });
    expect(describeAuditEntry(review.auditLog.at(-1)!, zh)).toBe('申报存在利益冲突：“曾为其客户”；近三年任职及服务单位：深圳市乙科技有限公司（客户，91440300MA5XXXXX1X）');
    expect((await store.checkIntegrity(id)).problems).toEqual([]);
    expect(compareReviewWithAuditLog(review, review.auditLog)).toEqual([]);
  });

  it('keeps the reviewer profile, empty until the reviewer names themselves; a review that recorded nobody reads it', async () => {
    expect(await store.reviewerProfile('local')).toEqual({ id: 'local', name: '', role: 'auditor', organisation: '', relations: [] });
    const unnamed = await readStoredReview(store, (await store.getDossier(id))!, 'local');
    expect(unnamed.reviewer).toEqual({ name: '审查员', role: 'auditor' });
    await store.saveReviewerProfile({ id: 'local', name: '张三', role: 'expert', organisation: '某大学', relations: [{ name: '丙公司', relation: 'employer' }], updatedAt: '2024-10-20T10:00:00+08:00' });
    expect(await store.reviewerProfile('local')).toMatchObject({ name: '张三', organisation: '某大学', relations: [{ name: '丙公司' }] });
    const named = await readStoredReview(store, (await store.getDossier(id))!, 'local');
    expect(named.reviewer).toEqual({ name: '张三', role: 'expert', organisation: '某大学' });
    expect(named.conflictOfInterest).toEqual({ declared: false, note: '', relations: [{ name: '丙公司', relation: 'employer' }] });
    // What the review recorded (at sign-off, say) stays, whatever the profile says later.
    await writeReviewEdit(store, id, 'local', { type: 'reviewer', name: '张三', role: 'expert', organisation: '某大学' }, '张三');
    await store.saveReviewerProfile({ id: 'local', name: '李四', role: 'chair', organisation: '某研究院', relations: [] });
    const recorded = await readStoredReview(store, (await store.getDossier(id))!, 'local');
    expect(recorded.reviewer).toEqual({ name: '张三', role: 'expert', organisation: '某大学' });
    expect(compareReviewWithAuditLog(recorded, recorded.auditLog)).toEqual([]);
  });
});

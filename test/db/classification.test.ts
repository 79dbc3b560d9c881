// The reviewer's correction of the pre-review's classification: written through the one write path
// (writeReviewEdit) with its audit entry, read back into the review file, replayed by the integrity
// check (a row changed behind the log's back is named), and the pre-review's stored readings.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describeAuditEntry } from '../../src-renderer/core/audit/describe';
import { compareReviewWithAuditLog } from '../../src-renderer/core/audit/replay';
import { correctionsOf } from '../../src-renderer/core/prereview';
import { DossierStore } from '../../src-renderer/db';
import { readStoredReview, writeReviewEdit } from '../../src-renderer/db/review-rows';
import { storedDossier } from './stored-dossier';
import { plainPdf } from '../fixtures/hostile/builders';


const vocabulary = (language: 'zh' | 'en') => ({
  language, field: (name: string) => name, reason: (code: string) => code, state: (code: string) => code,
  item: (id: string) => ({ 'm05-listing-investment': { zh: '上市情况、VC/PE投资佐证材料', en: 'Listing or VC/PE investment evidence' }, 'm06-honours': { zh: '荣誉资质证明材料', en: 'Honours and qualifications' } } as Record<string, { zh: string; en: string }>)[id]?.[language] ?? id,
});

describe('correcting a classification', () => {
  let store: DossierStore;
  let id: string;
  beforeEach(async () => {
    ({ store, id } = await storedDossier('classification-test', { documents: [{ file: 'scan0002.pdf' }], claims: [], files: [{ path: 'scan0002.pdf', bytes: plainPdf('增资协议') }] }));
  });
  afterEach(() => store.close());

  it('is stored with an audit entry that reads as a sentence, read back as the review file\'s classifications and replayed clean', async () => {
    await writeReviewEdit(store, id, 'local', {
      type: 'classification', file: 'scan0002.pdf', correction: { material: 'm05-listing-investment', type: 'listing-investment' },
      placedBefore: { material: 'm06-honours', source: 'content' },
    }, '张三');
    const row = (await store.getDossier(id))!;
    const review = await readStoredReview(store, row, 'local');
    expect(correctionsOf(review)).toEqual({ 'scan0002.pdf': { material: 'm05-listing-investment', type: 'listing-investment' } });
    const entry = review.auditLog.at(-1)!;
    expect(entry).toMatchObject({ action: 'classification.set', target: 'classification:local:scan0002.pdf', before: { material: 'm06-honours', source: 'content' } });
    expect(describeAuditEntry(entry, vocabulary('zh'))).toBe('将文件 scan0002.pdf 归入的申报材料：“荣誉资质证明材料”（按内容归类） → “上市情况、VC/PE投资佐证材料”');
    expect(describeAuditEntry(entry, vocabulary('en'))).toBe('Material item of file scan0002.pdf: "Honours and qualifications" (by its content) → "Listing or VC/PE investment evidence"');
    expect((await store.checkIntegrity(id)).problems).toEqual([]);
    expect(compareReviewWithAuditLog(review, review.auditLog)).toEqual([]);

    // Given back to its content: the correction is gone, and the log agrees.
    await writeReviewEdit(store, id, 'local', { type: 'classification', file: 'scan0002.pdf', correction: null }, '张三');
    const after = await readStoredReview(store, row, 'local');
    expect(after.classifications).toBeUndefined();
    expect(describeAuditEntry(after.auditLog.at(-1)!, vocabulary('zh'))).toBe('将文件 scan0002.pdf 归入的申报材料：“上市情况、VC/PE投资佐证材料” → 按内容归类');
    expect((await store.checkIntegrity(id)).problems).toEqual([]);
  });

  it('a correction changed in IndexedDB behind the log is named by the integrity check, and in an exported review', async () => {
    await writeReviewEdit(store, id, 'local', { type: 'classification', file: 'scan0002.pdf', correction: { material: null } }, '张三');
    const row = (await store.getDossier(id))!;
    const review = await readStoredReview(store, row, 'local');
    await store.db.reviews.update([id, 'local'], { classifications: { 'scan0002.pdf': { material: 'm06-honours' } } });
    const report = await store.checkIntegrity(id);
    expect(report.ok).toBe(false);
    expect(report.problems).toMatchObject([{ kind: 'state', mismatch: { kind: 'classification', subject: 'scan0002.pdf', entry: { action: 'classification.set' } } }]);
    const tampered = { ...review, classifications: { 'scan0002.pdf': { material: 'm06-honours' } } };
    expect(compareReviewWithAuditLog(tampered, review.auditLog).map((mismatch) => mismatch.key)).toEqual(['classification:scan0002.pdf']);
  });

  it('refuses a file the dossier does not hold, and a signed review', async () => {
    await expect(store.setClassification(id, 'local', 'nope.pdf', { material: null }, null, '张三')).rejects.toThrow('nope.pdf: no such document');
    await store.signOff(id, 'local', '2024-10-21T09:00:00+08:00', '张三');
    await expect(store.setClassification(id, 'local', 'scan0002.pdf', { material: null }, null, '张三')).rejects.toThrow('locked');
  });

  it('keeps the pre-review reading of a document only while it is of the stored bytes', async () => {
    const reading = { file: 'scan0002.pdf', type: 'pdf', size: 10, pageCount: 1, pages: [{ page: 1, text: '增资协议', method: 'text' as const }], table: null, error: null };
    await store.saveReading(id, 'scan0002.pdf', reading, { engine: 'dossier-desk prereview', ocrModel: null, settings: 'x' });
    expect((await store.readings(id)).map((row) => row.reading)).toEqual([reading]);
    await store.db.readings.update(`${id}:scan0002.pdf`, { sourceHash: 'other' });
    expect(await store.readings(id)).toEqual([]);
    await expect(store.saveReading(id, 'nope.pdf', reading, { engine: 'x', ocrModel: null, settings: 'x' })).rejects.toThrow('nope.pdf');
  });
});

// The store persists exactly the change reduceEdit decided, with its audit entry: the review read back
// from the rows is the reducer's review, each entry carries the reducer's action, target and value
// after (and the value the store held before), and the stored state agrees with the log.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { reduceEdit, type ReviewEdit } from '../../src-renderer/core/review/edits';
import { drawSample } from '../../src-renderer/core/sampling';
import type { ReviewFile } from '../../src-renderer/core/types';
import { DossierStore, ReviewSignedError } from '../../src-renderer/db';
import { readStoredReview } from '../../src-renderer/db/review-rows';
import { testHasher } from '../core/import/hasher';
import { storedDossier } from './stored-dossier';


describe('writing the reducer\'s change', () => {
  let store: DossierStore;
  let id: string;
  beforeEach(async () => {
    const stored = await storedDossier('review-edits');
    ({ store, id } = stored);
    const { report } = stored;
    await store.saveExtraction(id, 'invoices/001.xml', {
      file: 'invoices/001.xml', sha256: report.documents.find((d) => d.path === 'invoices/001.xml')!.sha256, errors: [],
      invoices: [{ page: 1, method: 'xml', fields: { invoiceCode: null, invoiceNumber: '24442000000123456789', issueDate: null, buyerName: null, buyerTaxId: null, sellerName: null, sellerTaxId: null, items: [], amountExclTax: null, taxAmount: null, totalAmount: '12720.00', totalInWords: null, remarks: null }, confidence: {}, boxes: {}, checks: [] }],
    }, { engine: 'test', ocrModel: null, settings: 'default' });
    await store.saveFindings(id, [{ id: 'F1', rule: 'r', severity: 'warning', message: 'm' }]);
  });
  afterEach(() => store.close());

  const stored = async () => readStoredReview(store, (await store.getDossier(id))!, 'local');
  const withoutLog = (review: ReviewFile) => ({ ...review, auditLog: [] });

  it('records each edit\'s audit head in its own row, never writing the dossier\'s row (a 10,000-row manifest)', async () => {
    let rowWrites = 0;
    const count = () => { rowWrites++; };
    store.db.dossiers.hook('creating', count);
    store.db.dossiers.hook('updating', count);
    store.db.dossiers.hook('deleting', count);
    await store.recordReviewChange(id, 'local', { action: 'cut.set', target: 'cut:C01', after: { claimId: 'C01', amount: '1000.00', reason: 'amount-mismatch' } }, '张三');
    await store.recordReviewChanges(id, 'local', [{ action: 'score.set', target: 'score:local:innovation', after: '18.5' }, { action: 'comment.set', target: 'comment:local:innovation', after: '好' }], '张三');
    expect(rowWrites).toBe(0);
    const log = await store.auditLog(id);
    expect(await store.db.auditHeads.get(id)).toEqual({ dossierId: id, seq: log.length, hash: log.at(-1)!.hash });
    expect((await store.getDossier(id))?.auditHead).toEqual({ seq: log.length, hash: log.at(-1)!.hash });
    expect((await store.checkIntegrity(id)).problems).toEqual([]);
  });

  it('reads back the reducer\'s review after every kind of edit, each entry as the reducer said', async () => {
    const edits: ReviewEdit[] = [
      { type: 'reviewer', name: '张三' },
      { type: 'cut', claimId: 'C01', cut: { claimId: 'C01', amount: '1000.00', reason: 'amount-mismatch' } },
      { type: 'field', file: 'invoices/001.xml', page: 1, field: 'totalAmount', value: '12000.00' },
      { type: 'finding', findingId: 'F1', status: 'dismissed', note: '已核实' },
      { type: 'score', criterionId: 'innovation', value: '18.5' },
      { type: 'checklist', itemId: 'license', entry: { state: 'met' } },
      { type: 'conflict-of-interest', declared: true, note: '曾任顾问' },
      { type: 'score', criterionId: 'innovation', value: '' },
      { type: 'cut', claimId: 'C01', cut: null },
      { type: 'sign-off', signedAt: '2024-10-20T10:00:00+08:00' },
    ];
    let review = await stored();
    for (const edit of edits) {
      const effect = reduceEdit(review, edit, { dossierId: id, reviewerId: 'local' });
      const entry = await store.recordReviewChange(id, 'local', effect.change!, '张三');
      expect(entry).toMatchObject({ action: effect.change!.action, target: effect.change!.target, after: effect.change!.after });
      review = await stored();
      expect(withoutLog(review)).toEqual(withoutLog(effect.review));
    }
    const log = await store.auditLog(id);
    expect(log.slice(1).map((entry) => [entry.action, entry.before])).toEqual([
      ['review.reviewer', { name: '', role: 'auditor' }],
      ['cut.set', null],
      ['invoice.confirm', '12720.00'],
      ['finding.status', { status: 'open', note: null }],
      ['score.set', null],
      ['checklist.set', null],
      ['review.conflict-of-interest', { declared: false, note: '' }],
      ['score.set', '18.5'],
      ['cut.remove', { claimId: 'C01', amount: '1000.00', reason: 'amount-mismatch' }],
      ['review.sign-off', {}],
    ]);
    expect((await store.checkIntegrity(id)).problems).toEqual([]);
  });

  it('stores a sample plan drawn in the review and its withdrawal, each logged and replayed; a plan changed behind the log is named', async () => {
    const plan = await drawSample([{ claimId: 'C01', amountFen: 1_272_000 }], { method: 'random', seed: 'audit-2024', size: 1 }, testHasher);
    let review = await stored();
    const draw = reduceEdit(review, { type: 'sample', plan }, { dossierId: id, reviewerId: 'local' });
    expect(draw.change).toEqual({ action: 'sample.draw', target: 'review:local', after: plan });
    await store.recordReviewChange(id, 'local', draw.change!, '张三');
    review = await stored();
    expect(review.sample).toEqual(plan);
    expect((await store.checkIntegrity(id)).problems).toEqual([]);

    const row = (await store.db.reviews.get([id, 'local']))!;
    await store.db.reviews.put({ ...row, sample: { ...plan, seed: 'chosen-afterwards' } });
    expect((await store.checkIntegrity(id)).problems.map((problem) => problem.message)).toEqual([
      expect.stringMatching(/^review local:sample: the store holds .* but audit entry 2 \(sample.draw by 张三/),
    ]);
    await store.db.reviews.put({ ...row, sample: undefined });
    expect((await store.checkIntegrity(id)).problems.map((problem) => problem.message)).toEqual([expect.stringMatching(/^review local:sample: .*holds nothing/)]);
    await store.db.reviews.put(row);

    const clear = reduceEdit(review, { type: 'sample', plan: null }, { dossierId: id, reviewerId: 'local' });
    expect(clear.review.sample).toBeUndefined();
    const entry = await store.recordReviewChange(id, 'local', clear.change!, '张三');
    expect(entry).toMatchObject({ action: 'sample.clear', before: plan, after: null });
    expect((await stored()).sample).toBeUndefined();
    expect((await store.checkIntegrity(id)).problems).toEqual([]);
    expect(reduceEdit(await stored(), { type: 'sample', plan: null }, { dossierId: id, reviewerId: 'local' }).change).toBeNull();
  });

  it('refuses a change of a signed review, of a claim or finding that is not there, writing nothing', async () => {
    await expect(store.recordReviewChange(id, 'local', { action: 'cut.set', target: 'cut:C99', after: { claimId: 'C99', amount: '1.00', reason: 'other' } }, 'x')).rejects.toThrow(/claim C99 is not in dossier/);
    await expect(store.recordReviewChange(id, 'local', { action: 'finding.status', target: 'finding:F9', after: { status: 'accepted', note: null } }, 'x')).rejects.toThrow(/finding F9 is not in dossier/);
    await store.recordReviewChange(id, 'local', { action: 'review.sign-off', target: 'review:local', after: { signedAt: '2024-10-20T10:00:00+08:00' } }, 'x');
    await expect(store.recordReviewChange(id, 'local', { action: 'score.set', target: 'score:local:a', after: '1' }, 'x')).rejects.toBeInstanceOf(ReviewSignedError);
    expect((await store.auditLog(id)).map((entry) => entry.action)).toEqual(['dossier.import', 'review.sign-off']);
  });
});

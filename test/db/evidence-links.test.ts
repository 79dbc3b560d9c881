// The reviewer's evidence link (a near match taken as a row's invoice, or any link set by hand):
// one reducer edit written through the one write path with its audit entry, read back as the review
// file's links, replayed clean, told as a sentence in both languages, and named when changed behind the log.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describeAuditEntry } from '../../src-renderer/core/audit/describe';
import { compareReviewWithAuditLog } from '../../src-renderer/core/audit/replay';
import { importDossier } from '../../src-renderer/core/import';
import { DossierStore } from '../../src-renderer/db';
import { readStoredReview, writeReviewEdit } from '../../src-renderer/db/review-rows';
import { einvoiceXml } from '../fixtures/hostile/builders';
import { testHasher } from '../core/import/hasher';

const clock = { now: () => '2024-10-20T10:00:00+08:00' };
let counter = 0;
const vocabulary = (language: 'zh' | 'en') => ({
  language, field: (name: string) => name, reason: (code: string) => code, item: (id: string) => id, state: (code: string) => code,
});

describe('linking evidence to a declared row by hand', () => {
  let store: DossierStore;
  let id: string;
  beforeEach(async () => {
    store = await new DossierStore({ hasher: testHasher, clock, name: `evidence-links-${counter++}`, storage: {} }).open();
    const manifest = {
      schema: 'dossier-desk/dossier@1', program: 'shenzhen-2024-dsp', applicant: { name: '甲公司', category: 'comprehensive' },
      documents: [{ file: 'invoices/001.xml', kind: 'invoice' }], claims: [{ id: 'C01', amount: '12720.00', invoiceNumbers: ['24442000000123456780'] }],
    };
    const report = await importDossier([
      { path: 'dossier.json', bytes: new TextEncoder().encode(JSON.stringify(manifest)) },
      { path: 'invoices/001.xml', bytes: einvoiceXml('24442000000123456789') },
    ], { hasher: testHasher });
    id = report.dossierId;
    await store.saveImport(report, '审查员');
  });
  afterEach(() => store.close());

  it('is stored with its audit entry, read back as the review\'s links, replayed clean; null gives the row back to the automatic links', async () => {
    const row = (await store.getDossier(id))!;
    await writeReviewEdit(store, id, 'local', { type: 'link', claimId: 'C01', kind: 'invoices', refs: [{ file: 'invoices/001.xml', page: 1 }] }, '张三');
    const review = await readStoredReview(store, row, 'local');
    expect(review.links).toEqual({ C01: { invoices: [{ file: 'invoices/001.xml', page: 1 }] } });
    const entry = review.auditLog.at(-1)!;
    expect(entry).toMatchObject({ action: 'link.set', target: 'link:local:C01:invoices', before: null, after: [{ file: 'invoices/001.xml', page: 1 }] });
    expect(describeAuditEntry(entry, vocabulary('zh'))).toBe('申报行 C01 关联的发票：自动关联 → invoices/001.xml 第 1 页');
    expect(describeAuditEntry(entry, vocabulary('en'))).toBe('Invoices linked to row C01: automatic links → invoices/001.xml p.1');
    expect((await store.checkIntegrity(id)).problems).toEqual([]);
    expect(compareReviewWithAuditLog(review, review.auditLog)).toEqual([]);

    await writeReviewEdit(store, id, 'local', { type: 'link', claimId: 'C01', kind: 'invoices', refs: null }, '张三');
    const after = await readStoredReview(store, row, 'local');
    expect(after.links).toBeUndefined();
    expect(after.auditLog.at(-1)).toMatchObject({ action: 'link.set', before: [{ file: 'invoices/001.xml', page: 1 }], after: null });
    expect((await store.checkIntegrity(id)).problems).toEqual([]);
  });

  it('a link changed in IndexedDB behind the log is named; a claim not in the dossier and a signed review are refused', async () => {
    await writeReviewEdit(store, id, 'local', { type: 'link', claimId: 'C01', kind: 'invoices', refs: [{ file: 'invoices/001.xml', page: 1 }] }, '张三');
    await store.db.reviews.update([id, 'local'], { links: { C01: { invoices: [{ file: 'invoices/001.xml', page: 2 }] } } });
    const report = await store.checkIntegrity(id);
    expect(report.problems).toMatchObject([{ kind: 'state', mismatch: { kind: 'link', subject: 'C01/invoices', entry: { action: 'link.set' } } }]);
    await expect(writeReviewEdit(store, id, 'local', { type: 'link', claimId: 'C99', kind: 'invoices', refs: [] }, '张三')).rejects.toThrow('claim C99 is not in dossier');
    await store.signOff(id, 'local', '2024-10-21T09:00:00+08:00', '张三');
    await expect(writeReviewEdit(store, id, 'local', { type: 'link', claimId: 'C01', kind: 'invoices', refs: null }, '张三')).rejects.toThrow('locked');
  });
});

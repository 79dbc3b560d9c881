import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { DossierDatabase, DossierStore, SCHEMA_VERSIONS, declareSchema, type InvoiceRow } from '../../src-renderer/db';
import { testHasher } from '../core/import/hasher';

function invoiceV1(id: string, code: string | null, number: string | null, confirmed: Partial<InvoiceRow['confirmed']> = {}): Omit<InvoiceRow, 'invoiceKey'> {
  return {
    id, dossierId: 'D1', documentId: 'D1:a.pdf', file: 'a.pdf', page: 1, sourceHash: 'h', method: 'text',
    extracted: {
      invoiceCode: code, invoiceNumber: number, issueDate: null, buyerName: null, buyerTaxId: null, sellerName: null, sellerTaxId: null,
      items: [], amountExclTax: null, taxAmount: null, totalAmount: '100.00', totalInWords: null, remarks: null,
    },
    confirmed, confidence: {}, boxes: {}, checks: [], versions: { engine: '0.1.0', ocrModel: null, settings: 'default' },
  };
}

describe('schema versions', () => {
  it('are numbered 1, 2, … without gaps', () => {
    expect(SCHEMA_VERSIONS.map((v) => v.version)).toEqual(SCHEMA_VERSIONS.map((_, i) => i + 1));
  });

  it('version 1 → 2 adds the invoice identity index, confirmed fields first', async () => {
    const name = 'migration-1-2';
    const v1 = new Dexie(name);
    declareSchema(v1, 1);
    await v1.open();
    await v1.table('invoices').bulkAdd([
      invoiceV1('i1', null, '24442000000123456789'),
      invoiceV1('i2', '044031900111', '12345678'),
      invoiceV1('i3', null, '99999999', { invoiceCode: '044031900111' }),
      invoiceV1('i4', null, null),
    ]);
    await v1.table('dossiers').add({ id: 'D1', importedAt: '2024-10-20T10:00:00+08:00', program: 'shenzhen-2024-dsp' });
    v1.close();

    const v2 = new Dexie(name);
    declareSchema(v2, 2);
    await v2.open();
    expect(v2.verno).toBe(2);
    const rows = await v2.table<InvoiceRow>('invoices').orderBy('id').toArray();
    expect(rows.map((r) => r.invoiceKey)).toEqual(['sd:24442000000123456789', 'vat:044031900111:12345678', 'vat:044031900111:99999999', null]);
    expect(await v2.table('invoices').where('invoiceKey').equals('sd:24442000000123456789').count()).toBe(1);
    expect(await v2.table('dossiers').get('D1')).toMatchObject({ program: 'shenzhen-2024-dsp' });
    v2.close();
  });

  it('version 2 → 3 gives every reviewer who already worked on a dossier a review record', async () => {
    const name = 'migration-2-3';
    const v2 = new Dexie(name);
    declareSchema(v2, 2);
    await v2.open();
    await v2.table('scores').bulkAdd([
      { id: 'D1:e1:c1', dossierId: 'D1', reviewerId: 'e1', criterionId: 'c1', value: '10' },
      { id: 'D1:e1:c2', dossierId: 'D1', reviewerId: 'e1', criterionId: 'c2', value: '8' },
    ]);
    await v2.table('cuts').add({ id: 'D2:x', dossierId: 'D2', reviewerId: 'a1', claimId: 'C1', cut: { claimId: 'C1', amount: '1.00', reason: 'other' } });
    v2.close();

    const latest = new DossierDatabase(name);
    await latest.open();
    expect(latest.verno).toBe(SCHEMA_VERSIONS.length);
    const reviews = await latest.reviews.toArray();
    expect(reviews.map((r) => [r.dossierId, r.reviewerId, r.decision])).toEqual([['D1', 'e1', {}], ['D2', 'a1', {}]]);
    expect(await latest.scores.count()).toBe(2);
    latest.close();
  });

  it('version 4 → 5 adds the pre-review readings store and keeps every review', async () => {
    const name = 'migration-4-5';
    const v4 = new Dexie(name);
    declareSchema(v4, 4);
    await v4.open();
    await v4.table('reviews').add({ dossierId: 'D1', reviewerId: 'local', reviewer: { name: '张三', role: 'auditor' }, conflictOfInterest: { declared: false, note: '' }, decision: {} });
    v4.close();
    const latest = new DossierDatabase(name);
    await latest.open();
    expect(latest.verno).toBe(SCHEMA_VERSIONS.length);
    expect(await latest.reviews.get(['D1', 'local'])).toMatchObject({ reviewer: { name: '张三' } });
    await latest.readings.put({ id: 'D1:scan0001.pdf', dossierId: 'D1', sourceHash: 'h', versions: { engine: 'x', ocrModel: null, settings: 's' }, reading: { file: 'scan0001.pdf', type: 'pdf', size: 3, pageCount: 1, pages: [{ page: 1, text: '营业执照', method: 'text' }], table: null, error: null } });
    expect((await latest.readings.where('dossierId').equals('D1').toArray()).map((row) => row.reading.pages[0]!.text)).toEqual(['营业执照']);
    latest.close();
  });

  it('a version 1 database opens at the latest version with every upgrade applied in order', async () => {
    const name = 'migration-1-latest';
    const v1 = new Dexie(name);
    declareSchema(v1, 1);
    await v1.open();
    await v1.table('invoices').add(invoiceV1('i1', null, '24442000000123456789'));
    await v1.table('checklists').add({ id: 'D1:e1:i1', dossierId: 'D1', reviewerId: 'e1', itemId: 'i1', entry: { state: 'met' } });
    v1.close();
    const latest = new DossierDatabase(name);
    await latest.open();
    expect((await latest.invoices.get('i1'))!.invoiceKey).toBe('sd:24442000000123456789');
    expect(await latest.reviews.get(['D1', 'e1'])).toMatchObject({ reviewer: { name: '', role: 'auditor' } });
    latest.close();
  });

  it('version 5 → 6 gives the reviewer profile an organisation and relations, and takes the row key off unnamed reviews', async () => {
    const name = 'migration-5-6';
    const v3 = new Dexie(name);
    declareSchema(v3, 5);
    await v3.open();
    await v3.table('reviewers').add({ id: 'local', name: '周审计', role: 'auditor' });
    await v3.table('reviews').bulkAdd([
      // The old default: the row key as the name, never recorded in the log.
      { dossierId: 'D1', reviewerId: 'local', reviewer: { name: 'local', role: 'auditor' }, conflictOfInterest: { declared: false, note: '' }, decision: {} },
      // Named through the log: kept as it is, even where the name was the row key.
      { dossierId: 'D2', reviewerId: 'local', reviewer: { name: 'local', role: 'auditor' }, conflictOfInterest: { declared: false, note: '' }, decision: {} },
      { dossierId: 'D3', reviewerId: 'e1', reviewer: { name: '王专家', role: 'expert' }, conflictOfInterest: { declared: true, note: '曾任职' }, decision: { signedAt: '2024-10-20T10:00:00+08:00' } },
    ]);
    await v3.table('auditLog').add({
      dossierId: 'D2', seq: 1, time: '2024-10-20T10:00:00+08:00', actor: 'local', action: 'review.reviewer', target: 'review:local',
      before: { name: '', role: 'auditor' }, after: { name: 'local', role: 'auditor' }, prevHash: '0', hash: 'h1',
    });
    v3.close();

    const latest = new DossierDatabase(name);
    await latest.open();
    expect(latest.verno).toBe(SCHEMA_VERSIONS.length);
    expect(await latest.reviewers.get('local')).toEqual({ id: 'local', name: '周审计', role: 'auditor', organisation: '', relations: [] });
    expect((await latest.reviews.get(['D1', 'local']))!.reviewer).toEqual({ name: '', role: 'auditor' });
    expect((await latest.reviews.get(['D2', 'local']))!.reviewer).toEqual({ name: 'local', role: 'auditor' });
    expect(await latest.reviews.get(['D3', 'e1'])).toMatchObject({ reviewer: { name: '王专家' }, conflictOfInterest: { declared: true }, decision: { signedAt: '2024-10-20T10:00:00+08:00' } });
    expect(await latest.auditLog.count()).toBe(1);
    latest.close();
  });

  it('version 6 → 7 adds the store of unfinished OCR pages, keyed by document and page, and keeps the readings done', async () => {
    const name = 'migration-6-7';
    const v6 = new Dexie(name);
    declareSchema(v6, 6);
    await v6.open();
    await v6.table('pages').add({ id: 'D1:scan.pdf#1', dossierId: 'D1', documentId: 'D1:scan.pdf', page: 1, sourceHash: 'h', method: 'ocr', width: 595, height: 842, text: '发票', words: [], versions: { engine: 'x', ocrModel: 'm', settings: 's' } });
    v6.close();
    const latest = new DossierDatabase(name);
    await latest.open();
    expect(latest.verno).toBe(SCHEMA_VERSIONS.length);
    expect(await latest.pages.get('D1:scan.pdf#1')).toMatchObject({ text: '发票' });
    expect(await latest.ocrPages.count()).toBe(0);
    const versions = { engine: 'x', ocrModel: 'm', settings: 's' };
    for (const page of [2, 1]) await latest.ocrPages.put({ documentId: 'D1:scan.pdf', page, dossierId: 'D1', sourceHash: 'h', versions, outcome: { page, result: null, evidence: null, preview: false, ocrText: [] } });
    await latest.ocrPages.put({ documentId: 'D1:scan.pdf', page: 1, dossierId: 'D1', sourceHash: 'h', versions, outcome: { page: 1, result: null, evidence: null, preview: true, ocrText: [] } });
    expect((await latest.ocrPages.where('documentId').equals('D1:scan.pdf').sortBy('page')).map((row) => [row.page, row.outcome.preview])).toEqual([[1, true], [2, false]]);
    latest.close();
  });
  it('version 7 → 8 gives every dossier the summary the list reads, its standing left to be computed', async () => {
    const name = 'migration-7-8';
    const v7 = new Dexie(name);
    declareSchema(v7, 7);
    await v7.open();
    const dossier = (id: string, applicantName: string, importedAt: string) => ({
      id, program: 'shenzhen-2024-dsp', applicantName, importedAt, manifest: { claims: [] }, manifestSource: 'dossier.json', claimTable: null, importedBy: '审查员', fileCount: 0, rejected: [], problems: [], auditHead: null,
    });
    await v7.table('dossiers').bulkAdd([dossier('D1', '甲公司', '2026-12-01T09:00:00+08:00'), dossier('D2', '乙公司', '2026-12-02T09:00:00+08:00')]);
    v7.close();
    const latest = new DossierDatabase(name);
    await latest.open();
    expect(latest.verno).toBe(SCHEMA_VERSIONS.length);
    expect(await latest.dossierSummaries.toArray()).toEqual([
      { id: 'D1', program: 'shenzhen-2024-dsp', applicantName: '甲公司', importedAt: '2026-12-01T09:00:00+08:00', standing: null },
      { id: 'D2', program: 'shenzhen-2024-dsp', applicantName: '乙公司', importedAt: '2026-12-02T09:00:00+08:00', standing: null },
    ]);
    expect((await latest.dossiers.get('D2'))?.applicantName).toBe('乙公司');
    latest.close();
  });
  it('version 8 → 9 moves every audit head out of the dossier rows into auditHeads, the rows otherwise as they were', async () => {
    const name = 'migration-8-9';
    const v8 = new Dexie(name);
    declareSchema(v8, 8);
    await v8.open();
    const dossier = (id: string, auditHead: { seq: number; hash: string } | null) => ({
      id, program: 'shenzhen-2024-dsp', applicantName: id, importedAt: '2026-12-01T09:00:00+08:00', manifest: { claims: [] }, manifestSource: 'dossier.json', claimTable: null, importedBy: '审查员', fileCount: 0, rejected: [], problems: [], auditHead,
    });
    await v8.table('dossiers').bulkAdd([dossier('D1', { seq: 7, hash: 'a'.repeat(64) }), dossier('D2', null)]);
    v8.close();
    const latest = new DossierDatabase(name);
    await latest.open();
    expect(latest.verno).toBe(9);
    expect(await latest.auditHeads.toArray()).toEqual([{ dossierId: 'D1', seq: 7, hash: 'a'.repeat(64) }]);
    expect(await latest.dossiers.toArray()).toEqual([dossier('D1', null), dossier('D2', null)]);
    latest.close();
    // The store gives the head with the row, as before.
    const store = await new DossierStore({ hasher: testHasher, clock: { now: () => '2026-12-05T10:00:00+08:00' }, name, storage: {} }).open();
    try {
      expect((await store.getDossier('D1'))?.auditHead).toEqual({ seq: 7, hash: 'a'.repeat(64) });
      expect((await store.getDossier('D2'))?.auditHead).toBeNull();
    } finally {
      store.close();
    }
  });
});

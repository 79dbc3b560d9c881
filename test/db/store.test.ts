import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importDossier, type ImportReport } from '../../src-renderer/core/import';
import { DossierStore, ImportCancelledError, ReviewSignedError, StorageFullError } from '../../src-renderer/db';
import { einvoiceXml, plainPdf } from '../fixtures/hostile/builders';
import { buildHostileCorpus, corpusAsInput, HOSTILE_LIMITS } from '../fixtures/hostile/corpus';
import { testHasher } from '../core/import/hasher';
import type { FileExtraction, InvoiceFields } from '../../src-renderer/core/types';

const clock = { now: () => '2024-10-20T10:00:00+08:00' };
let counter = 0;

function fields(overrides: Partial<InvoiceFields>): InvoiceFields {
  return {
    invoiceCode: null, invoiceNumber: null, issueDate: null, buyerName: null, buyerTaxId: null, sellerName: null, sellerTaxId: null,
    items: [], amountExclTax: null, taxAmount: null, totalAmount: null, totalInWords: null, remarks: null, ...overrides,
  };
}

async function smallDossier(name: string, invoiceNumber: string): Promise<ImportReport> {
  const manifest = {
    schema: 'dossier-desk/dossier@1', program: 'shenzhen-2024-dsp', applicant: { name, category: 'comprehensive' },
    documents: [{ file: 'invoices/001.xml', kind: 'invoice' }],
    claims: [{ id: 'C1', amount: '12720.00', invoiceNumbers: [invoiceNumber] }, { id: 'C2', amount: '500.00' }],
  };
  return importDossier([
    { path: 'dossier.json', bytes: new TextEncoder().encode(JSON.stringify(manifest)) },
    { path: 'invoices/001.xml', bytes: einvoiceXml(invoiceNumber) },
    { path: 'contract.pdf', bytes: plainPdf(name) },
  ], { hasher: testHasher });
}

function extractionFor(report: ImportReport, path: string, invoiceNumber: string): FileExtraction {
  const document = report.documents.find((d) => d.path === path)!;
  return {
    file: path, sha256: document.sha256, errors: [],
    invoices: [{ page: 1, method: 'xml', fields: fields({ invoiceNumber, totalAmount: '12720.00' }), confidence: {}, boxes: {}, checks: [] }],
  };
}

describe('DossierStore', () => {
  let store: DossierStore;
  beforeEach(async () => {
    store = await new DossierStore({ hasher: testHasher, clock, name: `store-test-${counter++}`, storage: {} }).open();
  });
  afterEach(() => store.close());

  it('stores a hostile import: good files with their originals once, rejected files reported, nothing else', async () => {
    const report = await importDossier(corpusAsInput(buildHostileCorpus()), { hasher: testHasher, limits: HOSTILE_LIMITS });
    const dossier = await store.saveImport(report, 'auditor-1');
    expect(dossier.rejected.length).toBe(report.rejected.length);
    const documents = await store.documents(report.dossierId);
    expect(documents.map((d) => d.path)).toEqual(report.documents.map((d) => d.path).sort());
    const hashes = new Set(documents.map((d) => d.sha256));
    expect(await store.db.blobs.count()).toBe(hashes.size);
    expect(hashes.size).toBe(documents.length - 1);
    const original = await store.original(documents.find((d) => d.path === '发票/002.pdf')!.sha256);
    const source = report.documents.find((d) => d.path === '发票/002.pdf')!.bytes;
    expect(new Uint8Array(await original!.arrayBuffer())).toEqual(source);
    expect(await store.claims(report.dossierId)).toHaveLength(3);
    expect(await store.verifyAudit(report.dossierId)).toMatchObject({ ok: true, count: 1 });
    const outcomes = await store.fileOutcomes(report.dossierId);
    expect(outcomes.find((o) => o.path === 'truncated.pdf')).toMatchObject({ status: 'refused', problems: [{ code: 'pdf-truncated' }] });
    expect(outcomes.find((o) => o.path === 'encrypted.pdf')).toMatchObject({ status: 'warning', kind: 'other', problems: [{ code: 'pdf-encrypted' }] });
    expect(outcomes.find((o) => o.path === '合同/contract.pdf')).toMatchObject({ status: 'imported', kind: 'contract', problems: [] });
    expect(outcomes).toHaveLength(report.documents.length + report.rejected.length);
  }, 30_000);

  it('keeps originals immutable', async () => {
    const report = await smallDossier('甲公司', '24442000000123456789');
    await store.saveImport(report, 'auditor-1');
    const sha = report.documents[0]!.sha256;
    await expect(store.db.blobs.update(sha, { size: 1 })).rejects.toThrow(/immutable/);
    await expect(store.db.blobs.put({ ...(await store.db.blobs.get(sha))!, size: 1 })).rejects.toThrow(/immutable/);
  });

  it('writes each edit with its audit entry, and catches an altered stored entry by name', async () => {
    const report = await smallDossier('甲公司', '24442000000123456789');
    const id = report.dossierId;
    await store.saveImport(report, 'auditor-1');
    await store.saveExtraction(id, 'invoices/001.xml', extractionFor(report, 'invoices/001.xml', '24442000000123456789'), { engine: '0.1.0', ocrModel: null, settings: 'default' });
    const [invoice] = await store.invoices(id);
    expect(invoice!.sourceHash).toBe(report.documents.find((d) => d.path === 'invoices/001.xml')!.sha256);
    await store.confirmInvoiceField(id, invoice!.id, 'totalAmount', '12700.00', 'auditor-1');
    await store.setCut(id, 'auditor-1', 'cut-1', { claimId: 'C1', amount: '1000.00', reason: 'amount-mismatch' }, 'auditor-1');
    await store.setScore(id, 'expert-1', 'innovation', '18.5', 'expert-1');
    await store.setChecklist(id, 'expert-1', 'license', { state: 'met', evidence: [{ file: 'contract.pdf', page: 1 }] }, 'expert-1');
    await store.removeCut(id, 'cut-1', 'auditor-1');
    const log = await store.auditLog(id);
    expect(log.map((e) => e.action)).toEqual(['dossier.import', 'invoice.confirm', 'cut.set', 'score.set', 'checklist.set', 'cut.remove']);
    expect(log[1]).toMatchObject({ before: '12720.00', after: '12700.00', target: `invoice:${invoice!.id}:totalAmount` });
    expect((await store.invoices(id))[0]!.confirmed).toEqual({ totalAmount: '12700.00' });
    expect(await store.verifyAudit(id)).toMatchObject({ ok: true, count: 6 });

    await store.db.auditLog.update([id, 3], { after: { claimId: 'C1', amount: '1.00', reason: 'amount-mismatch' } });
    const verdict = await store.verifyAudit(id);
    expect(verdict).toMatchObject({ ok: false, seq: 3, problem: 'hash-mismatch' });
    expect(!verdict.ok && verdict.message).toContain('entry 3 (cut.set cut:cut-1');
  });

  it('catches a deleted last entry against the head kept on the dossier', async () => {
    const report = await smallDossier('甲公司', '24442000000123456789');
    await store.saveImport(report, 'a');
    await store.setScore(report.dossierId, 'e', 'c1', '10', 'e');
    await store.db.auditLog.delete([report.dossierId, 2]);
    expect(await store.verifyAudit(report.dossierId)).toMatchObject({ ok: false, problem: 'head-mismatch' });
  });

  it('an import cancelled while it is being stored leaves nothing of it, at whichever step the cancel comes', async () => {
    const first = await smallDossier('甲公司', '24442000000123456789');
    await store.saveImport(first, 'a');
    const before = { dossiers: await store.db.dossiers.count(), docs: await store.db.documents.count(), blobs: await store.db.blobs.count(), claims: await store.db.claims.count(), log: await store.db.auditLog.count() };
    const second = await smallDossier('乙公司', '24442000000999999999');
    for (const checksBeforeCancel of [0, 1, 2, 3]) {
      let checks = 0;
      const signal = { get aborted() { return checks++ >= checksBeforeCancel; } };
      await expect(store.saveImport(second, 'a', { signal })).rejects.toBeInstanceOf(ImportCancelledError);
      expect({ dossiers: await store.db.dossiers.count(), docs: await store.db.documents.count(), blobs: await store.db.blobs.count(), claims: await store.db.claims.count(), log: await store.db.auditLog.count() }).toEqual(before);
      expect(await store.getDossier(second.dossierId)).toBeUndefined();
    }
    await store.saveImport(second, 'a', { signal: { aborted: false } });
    expect(await store.documents(second.dossierId)).toHaveLength(2);
  });

  it('rolls back the edit when its audit entry cannot be written', async () => {
    const report = await smallDossier('甲公司', '24442000000123456789');
    await store.saveImport(report, 'a');
    store.db.auditLog.hook('creating', () => { throw new Error('disk gone'); });
    await expect(store.setScore(report.dossierId, 'e', 'c1', '10', 'e')).rejects.toThrow('disk gone');
    expect(await store.db.scores.count()).toBe(0);
  });

  it('refuses cleanly when space runs out, by estimate or by QuotaExceededError, losing nothing', async () => {
    const first = await smallDossier('甲公司', '24442000000123456789');
    await store.saveImport(first, 'a');
    const before = { docs: await store.db.documents.count(), blobs: await store.db.blobs.count(), log: await store.db.auditLog.count() };
    const second = await smallDossier('乙公司', '24442000000999999999');

    const tight = await new DossierStore({ hasher: testHasher, clock, name: store.db.name, storage: { estimate: async () => ({ usage: 1000, quota: 1100 }) } }).open();
    await expect(tight.saveImport(second, 'a')).rejects.toThrow(/not enough storage space.*nothing was written/);
    tight.close();

    store.db.blobs.hook('creating', () => { throw new DOMException('The quota has been exceeded.', 'QuotaExceededError'); });
    const error = await store.saveImport(second, 'a').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StorageFullError);
    expect(await store.getDossier(second.dossierId)).toBeUndefined();
    expect({ docs: await store.db.documents.count(), blobs: await store.db.blobs.count(), log: await store.db.auditLog.count() }).toEqual(before);
    expect(await store.verifyAudit(first.dossierId)).toMatchObject({ ok: true });
  });

  it('refuses a re-import that runs out of space, keeping the stored dossier, its review and its audit chain', async () => {
    const report = await smallDossier('甲公司', '24442000000123456789');
    await store.saveImport(report, 'a');
    await store.setCut(report.dossierId, 'e1', 'C1', { claimId: 'C1', amount: '100.00', reason: 'missing-invoice' }, 'a');
    const stored = await store.getDossier(report.dossierId);
    const counts = async () => ({ docs: await store.db.documents.count(), blobs: await store.db.blobs.count(), log: await store.db.auditLog.count(), cuts: await store.db.cuts.count() });
    const before = await counts();
    store.db.auditLog.hook('creating', () => { throw new DOMException('The quota has been exceeded.', 'QuotaExceededError'); });
    const error = await store.saveImport(report, 'b').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StorageFullError);
    expect((error as Error).message).toContain('nothing was written, and everything stored before is intact');
    expect(await counts()).toEqual(before);
    expect(await store.getDossier(report.dossierId)).toEqual(stored);
    expect(await store.verifyAudit(report.dossierId)).toMatchObject({ ok: true, count: 2 });
  });

  it('finds the same invoice claimed in two dossiers, on both', async () => {
    const a = await smallDossier('甲公司', '24442000000123456789');
    const b = await smallDossier('乙公司', '24442000000123456789');
    await store.saveImport(a, 'x');
    await store.saveImport(b, 'x');
    await store.saveExtraction(a.dossierId, 'invoices/001.xml', extractionFor(a, 'invoices/001.xml', '24442000000123456789'), { engine: '1', ocrModel: null, settings: 's' });
    const findings = await store.duplicateInvoiceFindings();
    expect(new Set(findings.map((f) => f.dossierId))).toEqual(new Set([a.dossierId, b.dossierId]));
    const onA = findings.find((f) => f.dossierId === a.dossierId)!.finding;
    expect(onA.message).toContain('乙公司');
    expect(onA.claimId).toBe('C1');
  });

  it('records reviewer details, conflict of interest and sign-off, then locks the signed review', async () => {
    const report = await smallDossier('甲公司', '24442000000123456789');
    const id = report.dossierId;
    await store.saveImport(report, 'a');
    await store.setReviewer(id, 'e1', { name: '张三', role: 'expert' }, '张三');
    await store.declareConflictOfInterest(id, 'e1', { declared: false, note: '无关联' }, '张三');
    await store.setScore(id, 'e1', 'c1', '18.5', '张三');
    await store.signOff(id, 'e1', '2024-10-20T10:00:00+08:00', '张三');
    expect(await store.review(id, 'e1')).toMatchObject({ reviewer: { name: '张三', role: 'expert' }, conflictOfInterest: { note: '无关联' }, decision: { signedAt: '2024-10-20T10:00:00+08:00' } });
    await expect(store.setScore(id, 'e1', 'c1', '20', '张三')).rejects.toBeInstanceOf(ReviewSignedError);
    await expect(store.signOff(id, 'e1', '2024-10-21T10:00:00+08:00', '张三')).rejects.toThrow(/signed at 2024-10-20/);
    await store.setScore(id, 'e2', 'c1', '12', '李四');
    const log = await store.auditLog(id);
    expect(log.map((e) => e.action)).toEqual(['dossier.import', 'review.reviewer', 'review.conflict-of-interest', 'score.set', 'review.sign-off', 'score.set']);
    expect(log[4]).toMatchObject({ before: {}, after: { signedAt: '2024-10-20T10:00:00+08:00' }, target: 'review:e1' });
    expect(await store.verifyAudit(id)).toMatchObject({ ok: true, count: 6 });
  });

  it('re-reads the claims with a corrected column mapping, with an audit entry', async () => {
    const csv = '编号,单位,费用,备注\nA1,甲公司,100,见合同\nA2,乙公司,200,\n';
    const report = await importDossier([{ path: 'claims.csv', bytes: new TextEncoder().encode(csv) }, { path: 'a.xml', bytes: einvoiceXml('1') }], { hasher: testHasher });
    expect(report.manifest.claims).toEqual([]);
    const id = report.dossierId;
    await store.saveImport(report, 'a');
    await store.setClaimMapping(id, { id: 0, counterparty: 1, claimedAmount: 2 }, 0, 'auditor-1');
    expect((await store.claims(id)).map((c) => [c.claimId, c.claim.amount, c.claim.counterparty])).toEqual([['A1', '100.00', '甲公司'], ['A2', '200.00', '乙公司']]);
    const dossier = (await store.getDossier(id))!;
    expect(dossier.manifest.claims).toHaveLength(2);
    expect(dossier.claimTable).toMatchObject({ mapping: { id: 0, counterparty: 1, claimedAmount: 2 }, unmappedHeaders: ['备注'] });
    expect((await store.auditLog(id)).at(-1)).toMatchObject({ action: 'claims.mapping', after: { claims: 2 } });
    await store.setCut(id, 'a1', 'cut-A2', { claimId: 'A2', amount: '10.00', reason: 'other' }, 'a1');
    await expect(store.setClaimMapping(id, { claimedAmount: 2 }, 0, 'a1')).rejects.toThrow(/claim A2 would disappear/);
  });

  it('does not store a cancelled import', async () => {
    const controller = new AbortController();
    controller.abort();
    const report = await importDossier([{ path: 'a.xml', bytes: einvoiceXml('1') }], { hasher: testHasher, signal: controller.signal });
    expect(report.cancelled).toBe(true);
    await expect(store.saveImport(report, 'a')).rejects.toThrow(/cancelled/);
  });
});

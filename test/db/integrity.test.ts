// Tampering with the stored dossier outside the store's API (as anyone with the browser profile
// can, through IndexedDB) is found by checkIntegrity, and each finding names the row and the entry.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashAuditEntry, type AuditWitness } from '../../src-renderer/core/audit';
import { DossierStore } from '../../src-renderer/db';
import type { AuditRow } from '../../src-renderer/db/schema';
import { testHasher } from '../core/import/hasher';
import { smallDossier } from './small-dossier';

const clock = { now: () => '2024-10-20T10:00:00+08:00' };
let counter = 0;


describe('checkIntegrity', () => {
  let store: DossierStore;
  let id: string;
  beforeEach(async () => {
    store = await new DossierStore({ hasher: testHasher, clock, name: `integrity-test-${counter++}`, storage: {} }).open();
    const report = await smallDossier();
    id = report.dossierId;
    await store.saveImport(report, '审查员');
    await store.setCut(id, 'local', 'C01', { claimId: 'C01', amount: '1000.00', reason: 'amount-mismatch', note: '' }, '审查员');
    await store.setScore(id, 'local', 'innovation', '18.5', '审查员');
    await store.setChecklist(id, 'local', 'license', { state: 'met' }, '审查员');
    await store.setReviewer(id, 'local', { name: '张三', role: 'auditor' }, '审查员');
  });
  afterEach(() => store.close());

  it('finds nothing wrong in a dossier written through the store', async () => {
    const report = await store.checkIntegrity(id);
    expect(report.problems).toEqual([]);
    expect(report).toMatchObject({ ok: true, entries: 5, head: { seq: 5 } });
  });

  it('after an edit (no manifest check) reads neither the dossier\'s row nor its documents and claims, and still finds a removed head', async () => {
    const read: string[] = [];
    for (const table of [store.db.dossiers, store.db.documents, store.db.claims]) {
      table.hook('reading', (row) => {
        read.push(table.name);
        return row;
      });
    }
    expect((await store.checkIntegrity(id, null, { manifest: false })).problems).toEqual([]);
    expect(read).toEqual([]);
    await store.db.auditHeads.delete(id);
    expect((await store.checkIntegrity(id, null, { manifest: false })).problems[0]).toMatchObject({ kind: 'head-missing', seq: 5 });
    await expect(store.checkIntegrity('f'.repeat(64), null, { manifest: false })).rejects.toThrow(/not in the store/);
    // The whole check reads them (the hook sees them).
    await store.checkIntegrity(id);
    expect(new Set(read)).toEqual(new Set(['dossiers', 'documents', 'claims']));
  });

  it('names the cut changed directly in the database and the entry that set it', async () => {
    await store.db.cuts.update(`${id}:C01`, { cut: { claimId: 'C01', amount: '5.00', reason: 'amount-mismatch', note: '' } });
    const report = await store.checkIntegrity(id);
    expect(report.ok).toBe(false);
    expect(report.problems).toHaveLength(1);
    const [problem] = report.problems;
    expect(problem).toMatchObject({ kind: 'state', mismatch: { kind: 'cut', subject: 'C01', entry: { seq: 2, action: 'cut.set' } } });
    expect(problem!.message).toBe('cut C01: the store holds 5.00, but audit entry 2 (cut.set by 审查员 at 2024-10-20T10:00:00+08:00) left 1000.00');
  });

  it('names a deleted row, a row no entry set and a changed review', async () => {
    await store.db.scores.delete(`${id}:local:innovation`);
    await store.db.cuts.put({ id: `${id}:C02`, dossierId: id, reviewerId: 'local', claimId: 'C02', cut: { claimId: 'C02', amount: '500.00', reason: 'other' } });
    await store.db.reviews.update([id, 'local'], { reviewer: { name: '李四', role: 'auditor' } });
    const messages = (await store.checkIntegrity(id)).problems.map((problem) => problem.message);
    expect(messages).toEqual([
      'cut C02: the store holds 500.00 but no audit entry ever set it',
      'review local:reviewer: the store holds {"name":"李四","role":"auditor"}, but audit entry 5 (review.reviewer by 审查员 at 2024-10-20T10:00:00+08:00) left {"name":"张三","role":"auditor"}',
      'score innovation: audit entry 3 (score.set by 审查员 at 2024-10-20T10:00:00+08:00) left "18.5", but the store holds nothing (the row was deleted outside the log)',
    ]);
  });

  it('names the last entry deleted, with or without the recorded head moved back', async () => {
    await store.db.auditLog.delete([id, 5]);
    const withHead = await store.checkIntegrity(id);
    expect(withHead.problems.map((problem) => problem.kind)).toEqual(['chain', 'state']);
    expect(withHead.problems[0]).toMatchObject({ kind: 'chain', problem: 'head-mismatch', seq: 4 });
    expect(withHead.problems[1]!.message).toMatch(/^review local:reviewer: the store holds .*张三.* but no audit entry ever set it/);

    const fourth = (await store.db.auditLog.get([id, 4]))!;
    await store.db.auditHeads.put({ dossierId: id, seq: 4, hash: fourth.hash });
    const witness: AuditWitness = { seq: 5, hash: 'f'.repeat(64), recordedAt: '2024-10-20T11:00:00+08:00', source: 'data-folder' };
    const withWitness = await store.checkIntegrity(id, witness);
    expect(withWitness.problems.find((problem) => problem.kind === 'witness')).toMatchObject({ problem: 'witness-missing', seq: 5 });
  });

  it('finds the record of the head removed', async () => {
    await store.db.auditHeads.delete(id);
    expect((await store.checkIntegrity(id)).problems[0]).toMatchObject({ kind: 'head-missing', seq: 5 });
  });

  it('names a chain rewritten and re-hashed (with its head) through the witness kept outside the store', async () => {
    const before = await store.checkIntegrity(id);
    const witness: AuditWitness = { ...before.head!, recordedAt: '2024-10-20T11:00:00+08:00', source: 'data-folder' };
    // Rewrite entry 2 to a cut of 5.00, re-hash it and everything after it, move the head, change the row.
    const rows = await store.auditLog(id);
    let previous = rows[0]!.hash;
    for (const row of rows.slice(1)) {
      const { dossierId: _dossierId, hash: _hash, ...body } = row;
      if (row.seq === 2) body.after = { claimId: 'C01', amount: '5.00', reason: 'amount-mismatch', note: '' };
      body.prevHash = previous;
      const hash = await hashAuditEntry(body, testHasher);
      await store.db.auditLog.put({ ...body, hash, dossierId: id } satisfies AuditRow);
      previous = hash;
    }
    await store.db.auditHeads.put({ dossierId: id, seq: 5, hash: previous });
    await store.db.cuts.update(`${id}:C01`, { cut: { claimId: 'C01', amount: '5.00', reason: 'amount-mismatch', note: '' } });
    expect((await store.checkIntegrity(id)).ok).toBe(true);
    const report = await store.checkIntegrity(id, witness);
    expect(report.problems).toHaveLength(1);
    expect(report.problems[0]).toMatchObject({ kind: 'witness', problem: 'witness-differs', seq: 5, source: 'data-folder' });
    expect(report.problems[0]!.message).toMatch(/^audit entry 5 \(review.reviewer review:local\) is not the entry of the chain head recorded at 2024-10-20T11:00:00\+08:00 \(data-folder: entry 5/);
  });

  it('names an altered entry in the middle of the chain', async () => {
    await store.db.auditLog.update([id, 3], { after: '20' });
    expect((await store.checkIntegrity(id)).problems[0]).toMatchObject({ kind: 'chain', problem: 'hash-mismatch', seq: 3 });
  });

  it('names a manifest or claim changed after import', async () => {
    const row = (await store.getDossier(id))!;
    await store.db.claims.update(`${id}:C02`, { claim: { id: 'C02', amount: '50000.00' } });
    await store.db.dossiers.update(id, { manifest: { ...row.manifest, claims: [row.manifest.claims[0]!, { id: 'C02', amount: '50000.00' }] } });
    const messages = (await store.checkIntegrity(id)).problems.map((problem) => problem.message);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/^the dossier's manifest or file hashes were changed after import/);
    // The check after an edit leaves the manifest out; the whole check at opening and export finds it.
    expect((await store.checkIntegrity(id, null, { manifest: false })).problems).toEqual([]);
  });

  it('keeps a confirmed invoice field and a finding disposition in step with the log', async () => {
    const report = await smallDossier();
    const document = report.documents.find((d) => d.path === 'invoices/001.xml')!;
    await store.saveExtraction(id, 'invoices/001.xml', {
      file: 'invoices/001.xml', sha256: document.sha256, errors: [],
      invoices: [{ page: 1, method: 'xml', fields: { invoiceCode: null, invoiceNumber: '24442000000123456789', issueDate: null, buyerName: null, buyerTaxId: null, sellerName: null, sellerTaxId: null, items: [], amountExclTax: null, taxAmount: null, totalAmount: '12720.00', totalInWords: null, remarks: null }, confidence: {}, boxes: {}, checks: [] }],
    }, { engine: 'test', ocrModel: null, settings: 'default' });
    await store.confirmInvoiceField(id, `${id}:invoices/001.xml#1`, 'totalAmount', '12000.00', '审查员');
    await store.saveFindings(id, [{ id: 'F1', rule: 'r', severity: 'warning', message: 'm' }]);
    await store.setFindingStatus(id, 'F1', 'dismissed', '已核实', '审查员');
    expect((await store.checkIntegrity(id)).ok).toBe(true);
    await store.db.invoices.update(`${id}:invoices/001.xml#1`, { confirmed: { totalAmount: '99999.00' } });
    await store.db.findings.update(`${id}:F1`, { status: 'accepted' });
    const problems = (await store.checkIntegrity(id)).problems;
    expect(problems.map((problem) => problem.kind === 'state' && [problem.mismatch.kind, problem.mismatch.subject, problem.mismatch.entry?.seq])).toEqual([
      ['finding', 'F1', 7],
      ['invoice', 'invoices/001.xml#1/totalAmount', 6],
    ]);
  });
});

// What was read from an original (an invoice's fields, OCR text) changed directly in IndexedDB is
// named by the integrity check against the digests kept outside the store; a reading stored through
// the app, read again, or confirmed by the reviewer through the edit path is not.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DossierStore } from '../../src-renderer/db';
import type { FileExtraction } from '../../src-renderer/db/types';
import { AuditMirror, restoreFromMirrors } from '../../src-renderer/db/audit-mirror';
import { readingWitnessName, saveWitnessedReading, witnessedReadings, witnessRestoredReadings } from '../../src-renderer/state/reading-witness';
import { memorySideStore } from '../fixtures/memory-side-store';
import { testHasher } from '../core/import/hasher';
import { smallDossier } from './small-dossier';

const clock = { now: () => '2024-10-20T10:00:00+08:00' };
const INVOICE = 'invoices/001.xml';
let counter = 0;

function extractionOf(sha256: string, totalAmount: string): FileExtraction {
  return {
    file: INVOICE, sha256, errors: [],
    invoices: [{
      page: 1, method: 'xml', confidence: {}, boxes: {}, checks: [],
      fields: { invoiceCode: null, invoiceNumber: '24442000000123456789', issueDate: '2023-06-30', buyerName: '乙公司', buyerTaxId: null, sellerName: '甲公司', sellerTaxId: null, items: [], amountExclTax: null, taxAmount: null, totalAmount, totalInWords: null, remarks: null },
    }],
  };
}

describe('the readings witness', () => {
  let store: DossierStore;
  let id: string;
  let sha256: string;
  let files: ReturnType<typeof memorySideStore>;
  const save = (totalAmount: string) => saveWitnessedReading(id, () => store.saveExtraction(id, INVOICE, extractionOf(sha256, totalAmount), { engine: 'test', ocrModel: null, settings: 'default' }, [
    { page: 1, method: 'xml', width: 210, height: 297, text: '电子发票 价税合计 12720.00', words: [] },
  ]), { files, now: () => '2024-10-20T10:05:00+08:00' });
  const check = async () => {
    const witnessed = await witnessedReadings(id, files);
    return store.checkIntegrity(id, null, witnessed ? { witnessedReadings: witnessed } : {});
  };

  beforeEach(async () => {
    store = await new DossierStore({ hasher: testHasher, clock, name: `reading-witness-${counter++}`, storage: {} }).open();
    const report = await smallDossier();
    id = report.dossierId;
    sha256 = report.documents.find((document) => document.path === INVOICE)!.sha256;
    files = memorySideStore();
    await store.saveImport(report, '审查员');
    await save('12720.00');
  });
  afterEach(() => store.close());

  it('keeps one line per stored reading outside the store, and finds a reading stored through the app intact', async () => {
    const lines = files.files.get(readingWitnessName(id))!.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toEqual([expect.objectContaining({ path: INVOICE, sourceHash: sha256, storeVersion: store.db.verno, recordedAt: '2024-10-20T10:05:00+08:00' })]);
    expect(lines[0]!.digest).toMatch(/^[0-9a-f]{64}$/);
    expect((await check()).problems).toEqual([]);
  });

  it("names the file whose invoice total was changed in IndexedDB", async () => {
    const row = (await store.db.invoices.where('documentId').equals(`${id}:${INVOICE}`).first())!;
    await store.db.invoices.update(row.id, { extracted: { ...row.extracted, totalAmount: '1272000.00' } });
    const report = await check();
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual([expect.objectContaining({ kind: 'reading', path: INVOICE, sourceHash: sha256, recordedAt: '2024-10-20T10:05:00+08:00' })]);
    expect(report.problems[0]!.message).toMatch(/^invoices\/001\.xml: what was read from it was changed in the store after it was read/);
  });

  it('names OCR page text changed in IndexedDB, and a reading row added for the document', async () => {
    await store.db.pages.update(`${id}:${INVOICE}#1`, { text: '电子发票 价税合计 99999.00' });
    expect((await check()).problems.map((problem) => problem.kind)).toEqual(['reading']);
    await store.db.pages.update(`${id}:${INVOICE}#1`, { text: '电子发票 价税合计 12720.00' });
    expect((await check()).problems).toEqual([]);
    const row = (await store.db.invoices.where('documentId').equals(`${id}:${INVOICE}`).first())!;
    await store.db.invoices.put({ ...row, id: `${id}:${INVOICE}#2`, page: 2 });
    expect((await check()).problems.map((problem) => problem.kind)).toEqual(['reading']);
  });

  it('is intact after the document is read again with another result (its new line counts), and after a confirmation through the edit path', async () => {
    await save('12000.00');
    expect((await check()).problems).toEqual([]);
    const row = (await store.db.invoices.where('documentId').equals(`${id}:${INVOICE}`).first())!;
    await store.confirmInvoiceField(id, row.id, 'totalAmount', '12720.00', '审查员');
    expect((await check()).problems).toEqual([]);
  });

  it('does not judge a reading it holds no line for, a line for other bytes, or a line of another store version', async () => {
    files.files.set(readingWitnessName(id), '');
    const row = (await store.db.invoices.where('documentId').equals(`${id}:${INVOICE}`).first())!;
    await store.db.invoices.update(row.id, { extracted: { ...row.extracted, totalAmount: '1.00' } });
    expect((await check()).problems).toEqual([]);
    const line = (fields: Record<string, unknown>) => `${JSON.stringify({ path: INVOICE, sourceHash: sha256, digest: 'f'.repeat(64), storeVersion: store.db.verno, recordedAt: '2024-10-20T10:05:00+08:00', ...fields })}\n`;
    files.files.set(readingWitnessName(id), line({ sourceHash: 'e'.repeat(64) }) + line({ path: 'other.pdf' }));
    expect((await check()).problems).toEqual([]);
    files.files.set(readingWitnessName(id), line({ storeVersion: store.db.verno - 1 }));
    expect((await check()).problems).toEqual([]);
    files.files.set(readingWitnessName(id), line({}));
    expect((await check()).problems.map((problem) => problem.kind)).toEqual(['reading']);
  });

  it('skips a last line cut short by a crash and still judges by the lines before it', async () => {
    const row = (await store.db.invoices.where('documentId').equals(`${id}:${INVOICE}`).first())!;
    await store.db.invoices.update(row.id, { extracted: { ...row.extracted, totalAmount: '1.00' } });
    await files.appendSideFile(readingWitnessName(id), '{"path":"invoices/001.xml","sourceHash":"ab');
    expect((await check()).problems.map((problem) => problem.kind)).toEqual(['reading']);
  });

  it('stores the reading when the witness cannot be written, and tells it', async () => {
    const failing = { ...files, appendSideFile: async () => { throw new Error('disk full'); } };
    const warnings: string[] = [];
    const warn = console.warn;
    console.warn = (message: string) => warnings.push(message);
    try {
      await saveWitnessedReading(id, () => store.saveExtraction(id, INVOICE, extractionOf(sha256, '500.00'), { engine: 'test', ocrModel: null, settings: 'default' }), { files: failing });
    } finally {
      console.warn = warn;
    }
    expect((await store.db.invoices.where('documentId').equals(`${id}:${INVOICE}`).first())!.extracted.totalAmount).toBe('500.00');
    expect(warnings).toEqual([expect.stringMatching(/^invoices\/001\.xml: the digest of its reading could not be kept outside the store \(disk full\)/)]);
  });

  it('does not take the readings a restore from the mirror put back for readings changed outside the app', async () => {
    const row = (await store.db.invoices.where('documentId').equals(`${id}:${INVOICE}`).first())!;
    await store.confirmInvoiceField(id, row.id, 'totalAmount', '12720.00', '审查员');
    const mirror = new AuditMirror(store, files, testHasher, { delayMs: 5, now: clock.now });
    mirror.schedule(id);
    await mirror.flush();
    const fresh = await new DossierStore({ hasher: testHasher, clock, name: `reading-witness-${counter++}`, storage: {} }).open();
    try {
      expect((await restoreFromMirrors(fresh, files, testHasher, async () => null)).restored).toHaveLength(1);
      const check = async () => fresh.checkIntegrity(id, null, { witnessedReadings: (await witnessedReadings(id, files))! });
      // The mirror puts back the confirmed invoice's row, not the page text read with it: unlike what the line recorded.
      expect((await check()).problems.map((problem) => problem.kind)).toEqual(['reading']);
      await witnessRestoredReadings(fresh, id, { files, now: () => '2024-10-20T12:00:00+08:00' });
      expect((await check()).problems).toEqual([]);
    } finally {
      fresh.close();
    }
  });
});

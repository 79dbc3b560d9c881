// saveImport at scale: a dossier of more files and declared rows than one write batch is stored whole
// in one transaction (every document, original and row; a cancel part-way leaves nothing), and the
// originals the import worker made as Blobs are the ones stored. Which originals the store holds
// already is looked up by key, never one request per file nor by reading the stored originals.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { importDossier, type ImportReport } from '../../src-renderer/core/import';
import { DossierStore, ImportCancelledError } from '../../src-renderer/db';
import { einvoiceXml } from '../fixtures/hostile/builders';
import { testHasher } from '../core/import/hasher';

const clock = { now: () => '2024-10-20T10:00:00+08:00' };
const ROWS = 1_100;
let counter = 0;

async function largeDossier(): Promise<ImportReport> {
  const numbers = Array.from({ length: ROWS }, (_, i) => `2444200000${String(1_000_000_000 + i)}`);
  const manifest = {
    schema: 'dossier-desk/dossier@1', program: 'shenzhen-2024-dsp', applicant: { name: '甲公司', category: 'comprehensive' },
    documents: numbers.map((_, i) => ({ file: `invoices/${i}.xml`, kind: 'invoice' })),
    claims: numbers.map((number, i) => ({ id: `C${i}`, amount: '12720.00', invoiceNumbers: [number] })),
  };
  return importDossier([
    { path: 'dossier.json', bytes: new TextEncoder().encode(JSON.stringify(manifest)) },
    ...numbers.map((number, i) => ({ path: `invoices/${i}.xml`, bytes: einvoiceXml(number) })),
  ], { hasher: testHasher });
}

describe('storing an import larger than one write batch', () => {
  let store: DossierStore;
  let report: ImportReport;
  beforeEach(async () => {
    store = await new DossierStore({ hasher: testHasher, clock, name: `import-batches-${counter++}`, storage: {} }).open();
    report = await largeDossier();
  });
  afterEach(() => store.close());

  it('stores every document, original and declared row, and the originals given as Blobs', async () => {
    const originals = new Map(report.documents.map((document) => [document.sha256, new Blob([`blob of ${document.path}`], { type: 'application/xml' })]));
    const returned = await store.saveImport(report, '审查员', { originals });
    expect(returned).toEqual(await store.getDossier(report.dossierId));
    expect(returned.auditHead).toEqual(await store.recordedHead(report.dossierId));
    expect(await store.db.documents.where('dossierId').equals(report.dossierId).count()).toBe(ROWS);
    expect(await store.db.claims.where('dossierId').equals(report.dossierId).count()).toBe(ROWS);
    expect(await store.db.blobs.count()).toBe(ROWS);
    const last = report.documents.at(-1)!;
    expect(await (await store.original(last.sha256))!.text()).toBe(`blob of ${last.path}`);
  });

  it('makes the Blobs from the bytes where none are given', async () => {
    await store.saveImport(report, '审查员');
    const last = report.documents.at(-1)!;
    expect(new Uint8Array(await (await store.original(last.sha256))!.arrayBuffer())).toEqual(last.bytes);
  });

  it('looks up the originals it holds already by key, with no read of each original, and stores only the new ones', async () => {
    const half = { ...report, documents: report.documents.slice(0, ROWS / 2) };
    await store.saveImport(half, '审查员');
    const gets = vi.spyOn(IDBObjectStore.prototype, 'get');
    const getAlls = vi.spyOn(IDBObjectStore.prototype, 'getAll');
    let originalsRead = 0;
    const countRead = (row: unknown): unknown => { originalsRead++; return row; };
    store.db.blobs.hook('reading', countRead);
    try {
      await store.saveImport(report, '审查员');
      const blobGets = gets.mock.contexts.filter((context) => (context as IDBObjectStore).name === 'blobs').length;
      const blobGetAlls = getAlls.mock.contexts.filter((context) => (context as IDBObjectStore).name === 'blobs').length;
      expect({ blobGets, blobGetAlls, originalsRead }).toEqual({ blobGets: 0, blobGetAlls: 0, originalsRead: 0 });
    } finally {
      store.db.blobs.hook('reading').unsubscribe(countRead);
      gets.mockRestore();
      getAlls.mockRestore();
    }
    expect(await store.db.blobs.count()).toBe(ROWS);
    expect(await store.missingOriginals(report.dossierId)).toEqual([]);
  });

  it('names the documents whose original the store does not hold', async () => {
    await store.saveImport(report, '审查员');
    const gone = report.documents.slice(0, 3);
    await store.db.blobs.bulkDelete(gone.map((document) => document.sha256));
    expect(await store.missingOriginals(report.dossierId)).toEqual(gone.map((document) => document.path).sort());
  });

  it('leaves nothing when cancelled after some batches were written', async () => {
    let checks = 0;
    const signal = { get aborted() { return checks++ >= 3; } };
    await expect(store.saveImport(report, '审查员', { signal })).rejects.toBeInstanceOf(ImportCancelledError);
    expect({ dossiers: await store.db.dossiers.count(), documents: await store.db.documents.count(), blobs: await store.db.blobs.count(), claims: await store.db.claims.count() })
      .toEqual({ dossiers: 0, documents: 0, blobs: 0, claims: 0 });
  });
});

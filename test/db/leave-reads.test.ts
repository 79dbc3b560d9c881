// A page going away drops its reads (#15: on a reload, the reads the page before had queued in the
// browser's IndexedDB ran before the new page's database opened), and a dossier's rows are read in
// bounded pages that stop then (db/paged-reads).
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { dropReadsOnPageHide, leaveReads, PageLeavingError } from '../../src-renderer/db/leave-reads';
import { rowsOfDossier } from '../../src-renderer/db/paged-reads';
import { DossierDatabase, type DocumentRow } from '../../src-renderer/db/schema';
import { stopWatchingReview } from '../../src-renderer/state/review-sync';
import { loadDossier } from '../../src-renderer/state/session';
import { getStore } from '../../src-renderer/state/store';
import { useWorkspace } from '../../src-renderer/state/workspace';
import { importSampleDossier, sampleManifest } from './app/sample';
import { storedDossier } from './stored-dossier';

vi.mock('../../src-renderer/state/profiles', () => import('./app/profiles-on-disk'));
vi.mock('../../src-renderer/platform/extract-client', () => import('./app/no-extraction-worker'));

let databases = 0;
function database(): DossierDatabase {
  return new DossierDatabase(`leave-reads-${++databases}`);
}

function documentRow(dossierId: string, path: string): DocumentRow {
  return { id: `${dossierId}:${path}`, dossierId, path, sha256: 'a'.repeat(64), size: 1, type: 'pdf', kind: 'invoice', kindSource: 'manifest', problems: [] };
}

afterEach(() => {
  vi.unstubAllGlobals();
  stopWatchingReview();
});

describe("a dossier's rows read in pages", () => {
  it('gives the rows the dossierId index gives, in path order, page after page, and no other dossier\'s', async () => {
    const db = database();
    await db.open();
    const paths = Array.from({ length: 11 }, (_, index) => `发票/${String(10 - index).padStart(2, '0')}.pdf`);
    await db.documents.bulkPut([...paths.map((path) => documentRow('d1', path)), documentRow('d10', 'a.pdf'), documentRow('d', 'b.pdf'), documentRow('d2', 'c.pdf')]);
    const pages: number[] = [];
    const spied = vi.spyOn(db.documents, 'where');
    const rows = await rowsOfDossier(db.documents, 'd1', { pageRows: 4 });
    pages.push(spied.mock.calls.length);
    expect(rows.map((row) => row.path)).toEqual(await db.documents.where('dossierId').equals('d1').sortBy('path').then((all) => all.map((row) => row.path)));
    expect(rows.map((row) => row.path)).toEqual([...paths].sort());
    // 11 rows, 4 a page: three reads.
    expect(pages).toEqual([3]);
    expect(await rowsOfDossier(db.documents, 'd1', { pageRows: 11 })).toHaveLength(11);
    expect(await rowsOfDossier(db.documents, 'none')).toEqual([]);
    db.close();
  });

  it('stops before its next page once told to', async () => {
    const db = database();
    await db.open();
    await db.documents.bulkPut(Array.from({ length: 10 }, (_, index) => documentRow('d1', `${index}.pdf`)));
    let pagesRead = 0;
    const read = rowsOfDossier(db.documents, 'd1', { pageRows: 3, stopped: () => pagesRead++ >= 2 });
    await expect(read).rejects.toBeInstanceOf(PageLeavingError);
    expect(pagesRead).toBe(3);
    db.close();
  });
});

describe("the store's reads of a dossier's rows", () => {
  it('read its documents, invoice rows, claims and readings as ranges of the primary key; claims in the manifest\'s order', async () => {
    const claims = ['C10', 'C02', 'C30', 'C01'].map((id, index) => ({ id, amount: `${index + 1}00.00` }));
    const { store, id } = await storedDossier('leave-reads-ranges', { claims });
    const tables = [store.db.documents, store.db.invoices, store.db.claims, store.db.readings] as const;
    const spies = tables.map((table) => vi.spyOn(table, 'where'));
    expect((await store.claims(id)).map((row) => row.claimId)).toEqual(['C10', 'C02', 'C30', 'C01']);
    expect((await store.documents(id)).map((row) => row.path)).toEqual(['invoices/001.xml']);
    await store.invoices(id);
    await store.readings(id);
    for (const spy of spies) expect(spy.mock.calls.map(([index]) => index)).toEqual(spy === spies[0] ? [':id', ':id'] : [':id']);
    store.close();
  });
});

describe('the reads of a page going away', () => {
  it('aborts the read-only transactions under way and refuses later ones; writes commit', async () => {
    const db = database();
    const reads = leaveReads(db);
    await db.open();
    await db.documents.bulkPut(Array.from({ length: 50 }, (_, index) => documentRow('d1', `${index}.pdf`)));
    let gotten = 0;
    const reading = db.transaction('r', db.documents, async () => {
      // Reads on until aborted (a bounded number, so that a read never aborted ends the test).
      for (let index = 0; index < 100_000; index++) {
        await db.documents.get(`d1:${index % 50}.pdf`);
        gotten++;
      }
    });
    const writing = db.transaction('rw', db.documents, async () => {
      await db.documents.put(documentRow('d1', 'written.pdf'));
    });
    await vi.waitFor(() => expect(gotten).toBeGreaterThan(0));
    expect(reads.open).toBeGreaterThan(0);
    reads.drop();
    await expect(reading).rejects.toThrow();
    expect(gotten).toBeLessThan(100_000);
    await writing;
    expect(reads.dropped).toBe(true);
    await expect(db.documents.get('d1:0.pdf')).rejects.toThrow(/going away/);
    await expect(db.transaction('r', db.documents, () => db.documents.count())).rejects.toThrow(/going away/);
    await db.transaction('rw', db.documents, async () => {
      await db.documents.put(documentRow('d1', 'after.pdf'));
    });
    db.close();
    const again = new DossierDatabase(db.name);
    expect((await again.documents.bulkGet(['d1:written.pdf', 'd1:after.pdf'])).map((row) => row?.path)).toEqual(['written.pdf', 'after.pdf']);
    again.close();
    await Dexie.delete(db.name);
  });

  it('are dropped at pagehide, not when the page is kept in the back-forward cache', () => {
    const target = new EventTarget();
    const handle = { drop: vi.fn() };
    dropReadsOnPageHide(target, handle);
    target.dispatchEvent(Object.assign(new Event('pagehide'), { persisted: true }));
    expect(handle.drop).not.toHaveBeenCalled();
    target.dispatchEvent(Object.assign(new Event('pagehide'), { persisted: false }));
    expect(handle.drop).toHaveBeenCalledTimes(1);
  });

  it("stop the opening of a dossier when the window's page goes", async () => {
    const window = new EventTarget();
    vi.stubGlobal('window', window);
    const id = (await importSampleDossier({ claims: sampleManifest.claims.slice(0, 2), documents: sampleManifest.documents.slice(0, 3) })).row.id;
    await getStore();
    window.dispatchEvent(new Event('pagehide'));
    await expect(loadDossier(id)).rejects.toThrow(/going away/);
    expect(useWorkspace.getState().open).toBeNull();
  });
});

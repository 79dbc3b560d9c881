// The mirror's write path kept short (#20: a kill a second after an edit loses nothing even when the
// browser deletes IndexedDB): a flush after an edit reads only the invoice and finding rows its entries
// changed (not the whole tables, and not waiting behind the engine rewriting the findings), what is
// committed while a flush writes is written as soon as it ends, and what is written is what a whole
// read of the store gives.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../src-renderer/core/types';
import { DossierStore } from '../../src-renderer/db';
import { AuditMirror, checkMirrors, mirrorFoundStateName, mirrorLogName, mirrorStateName, restoreFromMirrors, rowIdsChanged } from '../../src-renderer/db/audit-mirror';
import type { SideStore } from '../../src-renderer/platform/side-store';
import { memorySideStore } from '../fixtures/memory-side-store';
import { testHasher } from '../core/import/hasher';
import { smallDossier } from './small-dossier';

const clock = { now: () => '2024-10-20T10:00:00+08:00' };
let counter = 0;
const openStore = () => new DossierStore({ hasher: testHasher, clock, name: `mirror-latency-test-${counter++}`, storage: {} }).open();
const INVOICE_FIELDS = { invoiceCode: null, invoiceNumber: '24442000000123456789', issueDate: null, buyerName: null, buyerTaxId: null, sellerName: null, sellerTaxId: null, items: [], amountExclTax: null, taxAmount: null, totalAmount: '12720.00', totalInWords: null, remarks: null };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the mirror after an edit', () => {
  let store: DossierStore;
  let files: ReturnType<typeof memorySideStore>;
  let mirror: AuditMirror;
  let id: string;
  let invoiceId: string;
  let unfollow: () => void;
  beforeEach(async () => {
    store = await openStore();
    files = memorySideStore();
    mirror = new AuditMirror(store, files, testHasher, { delayMs: 5, now: clock.now, onError: (_, error) => { throw error; } });
    unfollow = mirror.follow();
    const report = await smallDossier();
    id = report.dossierId;
    invoiceId = `${id}:invoices/001.xml#1`;
    await store.saveImport(report, '审查员');
    const document = report.documents.find((d) => d.path === 'invoices/001.xml')!;
    await store.saveExtraction(id, 'invoices/001.xml', {
      file: 'invoices/001.xml', sha256: document.sha256, errors: [],
      invoices: [{ page: 1, method: 'xml', fields: INVOICE_FIELDS, confidence: {}, boxes: {}, checks: [] }],
    }, { engine: 'test', ocrModel: null, settings: 'default' });
    await store.saveFindings(id, [{ id: 'F1', rule: 'r', severity: 'warning', message: 'm' }, { id: 'F2', rule: 'r', severity: 'warning', message: 'n' }]);
    await store.confirmInvoiceField(id, invoiceId, 'totalAmount', '12000.00', '审查员');
    await store.setFindingStatus(id, 'F1', 'dismissed', '已核实', '审查员');
    await mirror.flush();
  });
  afterEach(() => store.close());

  const mirroredRows = () => (JSON.parse(files.files.get(mirrorStateName(id))!) as { rows: unknown }).rows;
  const wholeRead = async () => (await store.mirrorSnapshot(id, { withImport: () => false }))!.review;

  it('reaches the mirror while the engine rewrites the findings and a reading is being stored', async () => {
    // A read-write transaction on the findings and invoices held open (another connection, as the
    // engine's saveFindings and a stored reading hold them), kept alive by one request after another.
    const connection = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(store.db.name);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    let done = false;
    const holder = new Promise<void>((resolve, reject) => {
      const transaction = connection.transaction(['findings', 'invoices'], 'readwrite');
      const keepAlive = () => {
        if (!done) transaction.objectStore('findings').get(`${id}:F1`).onsuccess = keepAlive;
      };
      keepAlive();
      transaction.oncomplete = () => resolve();
      transaction.onerror = () => reject(transaction.error);
    });
    const release = () => { done = true; };
    await store.setCut(id, 'local', 'C01', { claimId: 'C01', amount: '1000.00', reason: 'amount-mismatch', note: '' }, '审查员');
    const mirrored = mirror.flush().then(() => 'mirrored');
    const outcome = await Promise.race([mirrored, sleep(2000).then(() => 'waited behind the transaction')]);
    release();
    await holder;
    connection.close();
    await mirrored;
    expect(outcome).toBe('mirrored');
    expect(JSON.stringify(mirroredRows())).toContain('"amount":"1000.00"');
    // What was written is what a whole read of the store gives.
    expect(mirroredRows()).toEqual(await wholeRead());
  });

  it('takes in the invoice fields and finding dispositions its new entries changed, and nothing else changes', async () => {
    const scanned: string[] = [];
    const where = store.db.invoices.where.bind(store.db.invoices);
    store.db.invoices.where = ((index: string) => {
      scanned.push(index);
      return where(index);
    }) as typeof store.db.invoices.where;
    const findingsWhere = store.db.findings.where.bind(store.db.findings);
    store.db.findings.where = ((index: string) => {
      scanned.push(`findings ${index}`);
      return findingsWhere(index);
    }) as typeof store.db.findings.where;
    await store.confirmInvoiceField(id, invoiceId, 'invoiceNumber', '24442000000123456780', '审查员');
    await mirror.flush();
    await store.setFindingStatus(id, 'F2', 'accepted', undefined, '审查员');
    await mirror.flush();
    await store.setFindingStatus(id, 'F1', 'accepted', '复核后接受', '审查员');
    await mirror.flush();
    await store.setCut(id, 'local', 'C02', { claimId: 'C02', amount: '50.00', reason: 'amount-mismatch', note: '' }, '审查员');
    await mirror.flush();
    // No flush scanned the invoices or the findings of the dossier: they were read by id.
    expect(scanned).toEqual([]);
    const rows = mirroredRows() as { invoices: { id: string; confirmed: Record<string, string> }[]; findings: { id: string; status: string }[] };
    expect(rows.invoices.map((row) => [row.id, row.confirmed])).toEqual([[invoiceId, { totalAmount: '12000.00', invoiceNumber: '24442000000123456780' }]]);
    expect(rows.findings.map((row) => [row.id, row.status])).toEqual([[`${id}:F1`, 'accepted'], [`${id}:F2`, 'accepted']]);
    expect(rows).toEqual(await wholeRead());
    // And it restores into a store the browser deleted, its check passing.
    const fresh = await openStore();
    try {
      const outcome = await restoreFromMirrors(fresh, files, testHasher, async () => null);
      expect(outcome.refused).toEqual([]);
      expect(await fresh.storedAuditedState(id)).toEqual(await store.storedAuditedState(id));
    } finally {
      fresh.close();
    }
  });

  it('reads the dossier\'s row (its manifest: every declared row) only when it writes the import rows, not after an edit', async () => {
    let rowReads = 0;
    store.db.dossiers.hook('reading', (row) => {
      rowReads++;
      return row;
    });
    await store.setCut(id, 'local', 'C01', { claimId: 'C01', amount: '900.00', reason: 'amount-mismatch', note: '' }, '审查员');
    await mirror.flush();
    expect(files.files.get(mirrorStateName(id))).toContain('"amount":"900.00"');
    expect(rowReads).toBe(0);
    // A new session writes the import rows once: the row is read then.
    unfollow();
    const session = new AuditMirror(store, files, testHasher, { delayMs: 5, now: clock.now, onError: (_, error) => { throw error; } });
    session.schedule(id);
    await session.flush();
    expect(rowReads).toBe(1);
    expect(await checkMirrors(files, testHasher, [id], async () => null)).toEqual([]);
  });

  it('writes what is committed during a flush as soon as that flush ends, all of it in one write', async () => {
    unfollow();
    const slow = slowStore(files);
    const slowMirror = new AuditMirror(store, slow, testHasher, { delayMs: 60_000, now: clock.now, onError: (_, error) => { throw error; } });
    slowMirror.schedule(id);
    const first = slowMirror.flush();
    await slow.started(1);
    // Three edits while the first write waits on the side store.
    await store.setCut(id, 'local', 'C01', { claimId: 'C01', amount: '1.00', reason: 'amount-mismatch', note: '' }, '审查员');
    slowMirror.schedule(id);
    await store.setCut(id, 'local', 'C01', { claimId: 'C01', amount: '2.00', reason: 'amount-mismatch', note: '' }, '审查员');
    slowMirror.schedule(id);
    await store.setCut(id, 'local', 'C02', { claimId: 'C02', amount: '3.00', reason: 'amount-mismatch', note: '' }, '审查员');
    slowMirror.schedule(id);
    slow.release();
    await first;
    // The next write starts at once (not after the 60 s delay) and takes in the three edits together.
    await slow.started(2);
    slow.release();
    await expect.poll(() => files.files.get(mirrorStateName(id)), { timeout: 2000 }).toContain('"amount":"3.00"');
    expect(slow.appends.at(-1)!.trimEnd().split('\n')).toHaveLength(3);
    expect(slow.writes).toBe(2);
    const log = await store.auditLog(id);
    expect(files.files.get(mirrorLogName(id))!.trimEnd().split('\n')).toHaveLength(1 + log.length);
  });

  describe('at a start that left the check of the mirror for later (held)', () => {
    const cut = (amount: string, claimId = 'C01') => store.setCut(id, 'local', claimId, { claimId, amount, reason: 'amount-mismatch', note: '' }, '审查员');
    /** A new session on the same store and side store: the restore leaves the mirror held, and a new mirror holds it. */
    const restart = async () => {
      unfollow();
      const outcome = await restoreFromMirrors(store, files, testHasher, async () => null, { checkHeldLater: true });
      expect(outcome.held).toEqual([id]);
      const session = new AuditMirror(store, files, testHasher, { delayMs: 5, now: clock.now, onError: (_, error) => { throw error; } });
      session.follow();
      session.hold(outcome.held!);
      return session;
    };

    it('mirrors an edit made before the check at once, restorable after a lost store, and the check then takes it in', async () => {
      const session = await restart();
      // Nothing is written before an entry comes.
      const before = new Map(files.files);
      await sleep(30);
      expect(files.files).toEqual(before);
      await cut('700.00');
      // The check has not run: the edit is in the mirror all the same, within the flush delay.
      await expect.poll(() => files.files.get(mirrorStateName(id)), { timeout: 1000, interval: 10 }).toContain('"amount":"700.00"');
      const log = await store.auditLog(id);
      expect(files.files.get(mirrorLogName(id))!.trimEnd().split('\n')).toHaveLength(1 + log.length);
      // Appended to: the lines found at the start are as they were.
      expect(files.files.get(mirrorLogName(id))!.startsWith(before.get(mirrorLogName(id))!)).toBe(true);
      // The state found is kept for the check.
      expect(files.files.get(mirrorFoundStateName(id))).toBe(before.get(mirrorStateName(id)));
      // A kill now, with a store the browser deleted: the restore checks the mirror and brings the edit back.
      const fresh = await openStore();
      try {
        const outcome = await restoreFromMirrors(fresh, files, testHasher, async () => null, { checkHeldLater: true });
        expect(outcome.refused).toEqual([]);
        expect((await fresh.cuts(id)).map((row) => row.cut.amount)).toEqual(['700.00']);
      } finally {
        fresh.close();
      }
      // The check (held back until now) finds the mirror whole, removes the state found, and mirroring goes on.
      expect(await session.checkHeld([id], async () => null)).toEqual([]);
      expect(files.files.has(mirrorFoundStateName(id))).toBe(false);
      await cut('800.00', 'C02');
      await expect.poll(() => files.files.get(mirrorStateName(id)), { timeout: 1000, interval: 10 }).toContain('"amount":"800.00"');
      expect(mirroredRows()).toEqual(await wholeRead());
      expect(await checkMirrors(files, testHasher, [id], async () => null)).toEqual([]);
    });

    it('still refuses a state tampered before the start once an edit has replaced it, and writes the mirror anew', async () => {
      const state = JSON.parse(files.files.get(mirrorStateName(id))!) as { rows: { findings: { status: string }[] } };
      state.rows.findings[0]!.status = 'accepted';
      files.files.set(mirrorStateName(id), JSON.stringify(state));
      const session = await restart();
      await cut('700.00');
      await expect.poll(() => files.files.get(mirrorStateName(id)), { timeout: 1000, interval: 10 }).toContain('"amount":"700.00"');
      // The state written since is whole; the one found is not, and the check names it.
      const refused = await session.checkHeld([id], async () => null);
      expect(refused).toEqual([{ dossierId: id, file: mirrorStateName(id), reason: expect.stringMatching(/as found when the app opened.*finding F1/) as unknown as string }]);
      expect(files.files.has(`refused-${mirrorFoundStateName(id)}`)).toBe(true);
      // Written anew from the store, and whole.
      await expect.poll(() => files.files.has(mirrorStateName(id)), { timeout: 1000, interval: 10 }).toBe(true);
      await session.flush();
      expect(await checkMirrors(files, testHasher, [id], async () => null)).toEqual([]);
      expect(mirroredRows()).toEqual(await wholeRead());
      // A restore after a kill in between refuses the tampered state too (tested without the check): see below.
    });

    it('refuses at the next start a tampered state found before a kill that came before the check', async () => {
      const state = JSON.parse(files.files.get(mirrorStateName(id))!) as { rows: { findings: { status: string }[] } };
      state.rows.findings[0]!.status = 'accepted';
      files.files.set(mirrorStateName(id), JSON.stringify(state));
      await restart();
      await cut('700.00');
      await expect.poll(() => files.files.get(mirrorStateName(id)), { timeout: 1000, interval: 10 }).toContain('"amount":"700.00"');
      // Killed before the check; the browser deleted the store.
      const fresh = await openStore();
      try {
        const outcome = await restoreFromMirrors(fresh, files, testHasher, async () => null, { checkHeldLater: true });
        expect(outcome.restored).toEqual([]);
        expect(outcome.refused.map((refused) => [refused.file, refused.reason.includes('as found when the app opened')])).toEqual([[mirrorStateName(id), true]]);
      } finally {
        fresh.close();
      }
    });
  });

  it('names the invoice and finding rows the entries changed; none after an import', () => {
    const entry = (action: string, target: string, after: unknown = null) => ({ seq: 1, time: '', actor: '', action, target, before: null, after, prevHash: '', hash: '' }) as AuditEntry;
    expect(rowIdsChanged(id, [
      entry('cut.set', 'cut:C01', { claimId: 'C01' }), entry('invoice.confirm', `invoice:${id}:a/b:c.xml#2:totalAmount`, '1.00'),
      entry('finding.status', 'finding:F9', { status: 'dismissed', note: null }), entry('invoice.confirm', `invoice:${id}:a/b:c.xml#2:invoiceNumber`, '1'),
    ])).toEqual({ invoices: [`${id}:a/b:c.xml#2`], findings: [`${id}:F9`] });
    expect(rowIdsChanged(id, [entry('cut.set', 'cut:C01', { claimId: 'C01' }), entry('dossier.import', `dossier:${id}`)])).toBeNull();
  });
});

/** The side store whose state-file writes wait until released, counting them and keeping each append. */
function slowStore(files: SideStore): SideStore & { started(count: number): Promise<void>; release(): void; writes: number; appends: string[] } {
  let writes = 0;
  const waiting: (() => void)[] = [];
  const appends: string[] = [];
  const slow = {
    ...files,
    get writes() { return writes; },
    appends,
    async started(count: number) {
      const by = Date.now() + 5000;
      while (writes < count) {
        if (Date.now() > by) throw new Error(`state write ${count} did not start within 5 s`);
        await sleep(1);
      }
    },
    release() {
      waiting.shift()?.();
    },
    appendSideFile: async (name: string, text: string) => {
      appends.push(text);
      return files.appendSideFile(name, text);
    },
    writeSideFile: async (name: string, text: string) => {
      if (name.endsWith('.state.json')) {
        writes++;
        await new Promise<void>((resolve) => waiting.push(resolve));
      }
      return files.writeSideFile(name, text);
    },
  };
  return slow;
}

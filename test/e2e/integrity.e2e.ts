// Tampering through IndexedDB in the page, as anyone with the browser profile can: a cut changed
// directly, the audit chain rewritten and re-hashed with its recorded head, and what was read from
// an invoice changed. After a reload the
// `integrity-status` element says broken and names the row and the entry (in both languages), and
// the export is refused with the same names.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { fillReviewerDialog } from './reviewer';
import { openSession, type E2eSession } from './browser';

const CLAIM = 'R0001';

/** Sets the stored amount of a claim's cut directly in IndexedDB, in the page (the app's CSP allows no eval). */
async function setStoredCut(page: Page, claimId: string, amount: string): Promise<number> {
  return page.evaluate(async ({ claimId, amount }) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('dossier-desk');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const changed = await new Promise<number>((resolve, reject) => {
      const transaction = db.transaction('cuts', 'readwrite');
      let count = 0;
      transaction.objectStore('cuts').openCursor().onsuccess = (event) => {
        const cursor = (event.target as IDBRequest<IDBCursorWithValue | null>).result;
        if (!cursor) return;
        const row = cursor.value as { claimId: string; cut: { amount: string } };
        if (row.claimId === claimId) {
          cursor.update({ ...row, cut: { ...row.cut, amount } });
          count++;
        }
        cursor.continue();
      };
      transaction.oncomplete = () => resolve(count);
      transaction.onerror = () => reject(transaction.error);
    });
    db.close();
    return changed;
  }, { claimId, amount });
}

/** Rewrites the amount of every cut entry and re-hashes the whole chain, moving the recorded head, all in the page. */
async function rewriteChain(page: Page, amount: string): Promise<void> {
  await page.evaluate(async (amount) => {
    const canonical = (value: unknown): string => {
      if (value === null || typeof value !== 'object') return JSON.stringify(value);
      if (Array.isArray(value)) return `[${value.map((item) => canonical(item === undefined ? null : item)).join(',')}]`;
      const record = value as Record<string, unknown>;
      return `{${Object.keys(record).filter((key) => record[key] !== undefined).sort().map((key) => `${JSON.stringify(key)}:${canonical(record[key])}`).join(',')}}`;
    };
    const sha256 = async (text: string) => [...new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)))]
      .map((byte) => byte.toString(16).padStart(2, '0')).join('');
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('dossier-desk');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const read = <T,>(table: string) => new Promise<T[]>((resolve, reject) => {
      const request = db.transaction(table).objectStore(table).getAll();
      request.onsuccess = () => resolve(request.result as T[]);
      request.onerror = () => reject(request.error);
    });
    type Entry = { dossierId: string; seq: number; time: string; actor: string; action: string; target: string; before: unknown; after: unknown; prevHash: string; hash: string };
    const entries = (await read<Entry>('auditLog')).sort((a, b) => a.seq - b.seq);
    let previous = '0'.repeat(64);
    for (const entry of entries) {
      if (entry.action === 'cut.set') entry.after = { ...(entry.after as object), amount };
      entry.prevHash = previous;
      const { seq, time, actor, action, target, before, after, prevHash } = entry;
      entry.hash = await sha256(canonical({ seq, time, actor, action, target, before: before ?? null, after: after ?? null, prevHash }));
      previous = entry.hash;
    }
    const dossiers = await read<{ id: string; auditHead: unknown }>('dossiers');
    const cuts = await read<{ cut: { amount: string } }>('cuts');
    // The head where the store records it: its own table since schema version 9 (auditHeads), the dossier's row before.
    const headsApart = db.objectStoreNames.contains('auditHeads');
    await new Promise<void>((resolve, reject) => {
      const transaction = db.transaction(['auditLog', 'dossiers', 'cuts', ...(headsApart ? ['auditHeads'] : [])], 'readwrite');
      for (const entry of entries) transaction.objectStore('auditLog').put(entry);
      const last = entries.at(-1)!;
      for (const dossier of dossiers) {
        if (headsApart) transaction.objectStore('auditHeads').put({ dossierId: dossier.id, seq: last.seq, hash: last.hash });
        else transaction.objectStore('dossiers').put({ ...dossier, auditHead: { seq: last.seq, hash: last.hash } });
      }
      for (const cut of cuts) transaction.objectStore('cuts').put({ ...cut, cut: { ...cut.cut, amount } });
      transaction.oncomplete = () => resolve();
      transaction.onerror = () => reject(transaction.error);
    });
    db.close();
  }, amount);
}

/**
 * Waits until a reading of an invoice read without OCR is stored and its digest kept outside the store
 * (the origin private file system), then changes that invoice's total directly in IndexedDB; returns its file.
 */
async function tamperWitnessedInvoiceReading(page: Page, totalAmount: string): Promise<string | null> {
  return page.evaluate(async (totalAmount) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('dossier-desk');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    type InvoiceRow = { id: string; dossierId: string; file: string; method: string; extracted: { totalAmount: string | null } };
    const invoices = await new Promise<InvoiceRow[]>((resolve, reject) => {
      const request = db.transaction('invoices').objectStore('invoices').getAll();
      request.onsuccess = () => resolve(request.result as InvoiceRow[]);
      request.onerror = () => reject(request.error);
    });
    const folder = await (await navigator.storage.getDirectory()).getDirectoryHandle('side-files').catch(() => null);
    for (const invoice of invoices.filter((row) => row.method !== 'ocr' && row.extracted.totalAmount)) {
      const witness = await folder?.getFileHandle(`readings-${invoice.dossierId}.jsonl`).then((handle) => handle.getFile()).then((file) => file.text()).catch(() => '');
      if (!witness?.includes(JSON.stringify(invoice.file))) continue;
      await new Promise<void>((resolve, reject) => {
        const transaction = db.transaction('invoices', 'readwrite');
        transaction.objectStore('invoices').put({ ...invoice, extracted: { ...invoice.extracted, totalAmount } });
        transaction.oncomplete = () => resolve();
        transaction.onerror = () => reject(transaction.error);
      });
      db.close();
      return invoice.file;
    }
    db.close();
    return null;
  }, totalAmount);
}

describe('tampering through IndexedDB is caught and named', () => {
  let session: E2eSession;
  beforeAll(async () => {
    session = await openSession();
  });
  afterAll(async () => {
    await session?.close();
  });

  it('opens the sample intact and keeps a cut', async () => {
    const { page } = session;
    await page.goto(session.baseUrl);
    await page.getByTestId('open-sample').click();
    await page.getByTestId('document-tree').waitFor({ timeout: 60_000 });
    const status = page.getByTestId('integrity-status');
    await expect.poll(() => status.getAttribute('data-status'), { timeout: 30_000 }).toBe('ok');
    await page.getByTestId('tab-claims').click();
    await page.getByTestId(`cut-amount-${CLAIM}`).fill('1000.00');
    await page.getByTestId(`cut-amount-${CLAIM}`).press('Enter');
    await fillReviewerDialog(page, { name: '周审计', organisation: '深圳市某会计师事务所' });
    await expect.poll(() => status.textContent(), { timeout: 30_000 }).toMatch(/2 条，链头第 2 条/);
    expect(await status.getAttribute('data-status')).toBe('ok');
  });

  it('names a cut changed directly in IndexedDB, after a reload, in both languages, and refuses the export', async () => {
    const { page } = session;
    expect(await setStoredCut(page, CLAIM, '5.00')).toBe(1);
    await page.reload();
    const status = page.getByTestId('integrity-status');
    await expect.poll(() => status.getAttribute('data-status'), { timeout: 30_000 }).toBe('broken');
    expect(await status.textContent()).toMatch(/核减 R0001：存储值为 5\.00，但审计日志第 2 条（cut\.set，.*）记录为 1000\.00/);
    await page.screenshot({ path: '/tmp/integrity-broken-zh.png' });
    await page.getByTestId('language').selectOption('en');
    await expect.poll(() => status.textContent(), { timeout: 30_000 }).toMatch(/Cut R0001: the store holds 5\.00, but audit entry 2 \(cut\.set by .*\) left 1000\.00/);
    await page.screenshot({ path: '/tmp/integrity-broken-en.png' });
    await page.getByTestId('language').selectOption('zh-CN');
    await page.getByTestId('export-json').click();
    await expect.poll(() => page.getByRole('alert').allTextContents(), { timeout: 30_000 }).toEqual(expect.arrayContaining([expect.stringMatching(/无法导出：存储数据与审计日志不一致。核减 R0001/)]));
  });

  it('is intact again once the row agrees with the log', async () => {
    const { page } = session;
    await setStoredCut(page, CLAIM, '1000.00');
    await page.reload();
    await expect.poll(() => page.getByTestId('integrity-status').getAttribute('data-status'), { timeout: 30_000 }).toBe('ok');
  });

  it('names the entry of a chain rewritten and re-hashed with its head, against the head kept outside IndexedDB', async () => {
    const { page } = session;
    await rewriteChain(page, '5.00');
    await page.reload();
    const status = page.getByTestId('integrity-status');
    await expect.poll(() => status.getAttribute('data-status'), { timeout: 30_000 }).toBe('broken');
    expect(await status.textContent()).toMatch(/审计日志第 2 条与 .* 保存在浏览器本地存储的链头不符：日志此后被改写并重新计算哈希/);
    expect(await status.textContent()).not.toMatch(/核减 R0001/);
    expect(session.outsideRequests).toEqual([]);
  });

  it("names the file whose invoice reading was changed in IndexedDB, and still names it after the next edit's check", async () => {
    const { page } = session;
    let file: string | null = null;
    await expect.poll(async () => (file = await tamperWitnessedInvoiceReading(page, '9999999.00')), { timeout: 180_000, interval: 2_000 }).not.toBeNull();
    await page.reload();
    const status = page.getByTestId('integrity-status');
    await expect.poll(() => status.textContent(), { timeout: 60_000 }).toContain(`从材料 ${file!} 读取的内容在存储中被改动`);
    expect(await status.getAttribute('data-status')).toBe('broken');
    await page.screenshot({ path: '/tmp/integrity-reading-zh.png' });
    await page.getByTestId('language').selectOption('en');
    await expect.poll(() => status.textContent(), { timeout: 30_000 }).toContain(`What was read from ${file!} was changed in the store`);
    await page.screenshot({ path: '/tmp/integrity-reading-en.png' });
    await page.getByTestId('language').selectOption('zh-CN');
    await page.getByTestId('tab-claims').click();
    await page.getByTestId(`cut-amount-${CLAIM}`).fill('6.00');
    await page.getByTestId(`cut-amount-${CLAIM}`).press('Enter');
    await expect.poll(() => page.getByTestId('total-cut').textContent(), { timeout: 30_000 }).toBe('¥6.00');
    await expect.poll(() => status.getAttribute('data-head'), { timeout: 30_000 }).toBe('3');
    expect(await status.textContent()).toContain(`从材料 ${file!} 读取的内容在存储中被改动`);
  }, 300_000);
});

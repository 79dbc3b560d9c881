// Importing a generated audit dossier of a few hundred rows (invoices as XML and text PDFs, bank
// receipt and contract PDFs, the declared list) as one zip through the web app in Chromium: the
// import runs in its own worker, its progress counts move (entries inflated, files checked), a
// cancel mid-way leaves nothing of it in IndexedDB, and the same zip then imports to completion.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateAuditDossier } from '../fixtures/audit-dossier';
import { zipFolder } from '../fixtures/files-on-disk';
import { einvoiceXml } from '../fixtures/hostile/builders';
import { openSession, type E2eSession } from './browser';

const ROWS = 300;

/** Counts of the app's IndexedDB stores, read in the page. */
function storedCounts(session: E2eSession): Promise<Record<string, number>> {
  return session.page.evaluate(() => new Promise<Record<string, number>>((resolve, reject) => {
    const open = indexedDB.open('dossier-desk');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const names = ['dossiers', 'documents', 'blobs', 'claims', 'auditLog'].filter((name) => db.objectStoreNames.contains(name));
      const transaction = db.transaction(names, 'readonly');
      const counts: Record<string, number> = {};
      for (const name of names) {
        const request = transaction.objectStore(name).count();
        request.onsuccess = () => { counts[name] = request.result; };
      }
      transaction.oncomplete = () => { db.close(); resolve(counts); };
      transaction.onerror = () => reject(transaction.error);
    };
  }));
}

describe('importing a generated dossier of a few hundred rows, cancelling it, importing it again', () => {
  let session: E2eSession;
  let scratch: string;
  let zip: Buffer;
  let documentCount: number;
  beforeAll(async () => {
    scratch = mkdtempSync(join(tmpdir(), 'dossier-desk-import-cancel-'));
    const { manifest } = await generateAuditDossier(join(scratch, 'dossier'), {
      seed: 'e2e-import-cancel', rows: ROWS, program: 'shenzhen-2024-dsp', scannedReceipts: 0, receiptsPerFile: 50, contractsPerFile: 10,
    });
    documentCount = (manifest.documents as unknown[]).length;
    zip = zipFolder(join(scratch, 'dossier'), 'dossier');
    session = await openSession();
  }, 300_000);
  afterAll(async () => {
    await session?.close();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  async function chooseZip() {
    const chooser = session.page.waitForEvent('filechooser');
    await session.page.getByTestId('import-dossier').click();
    await (await chooser).setFiles([{ name: 'audit-dossier.zip', mimeType: 'application/zip', buffer: zip }]);
  }

  it('shows the counts moving and cancels mid-way: nothing of the import is stored', async () => {
    const { page } = session;
    await page.goto(session.baseUrl);
    await page.getByTestId('import-dossier').waitFor({ timeout: 30_000 });
    // Watches the progress bar from inside the page (every change, not by polling) and presses its
    // cancel button once the files being checked have moved twice.
    const watched = page.evaluate(() => new Promise<{ stage: string; done: number; total: number; label: string }[]>((resolve) => {
      const seen: { stage: string; done: number; total: number; label: string }[] = [];
      const look = (): void => {
        const bar = document.querySelector<HTMLElement>('[data-testid="ocr-progress"][data-kind="import"]');
        if (!bar) return;
        const step = { stage: bar.dataset.stage ?? '', done: Number(bar.dataset.done), total: Number(bar.dataset.total), label: bar.querySelector('.progress-label')?.textContent ?? '' };
        const last = seen.at(-1);
        if (!last || last.stage !== step.stage || last.done !== step.done) seen.push(step);
        if (seen.filter((s) => s.stage === 'files' && s.done > 0).length >= 2) {
          observer.disconnect();
          bar.querySelector('button')!.click();
          resolve(seen);
        }
      };
      const observer = new MutationObserver(look);
      observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
    }));
    await chooseZip();
    const seen = await watched;
    const inflating = seen.filter((step) => step.stage === 'inflate');
    const checking = seen.filter((step) => step.stage === 'files');
    expect(inflating.length).toBeGreaterThan(0);
    expect(inflating[0]!.label).toMatch(/^解压 \d+\/\d+ 个文件：audit-dossier\.zip$/);
    expect(checking.length).toBeGreaterThanOrEqual(2);
    expect(checking.at(-1)!.done).toBeLessThan(checking.at(-1)!.total);
    expect(checking.at(-1)!.total).toBe(documentCount + 1);
    expect(checking.at(-1)!.label).toMatch(/^导入 \d+\/\d+：/);
    await expect.poll(() => page.getByTestId('app-notice').textContent()).toContain('已取消导入，未写入任何内容');
    await expect.poll(() => page.getByTestId('ocr-progress').count()).toBe(0);
    expect(await page.locator('.dossier-item').count()).toBe(0);
    const counts = await storedCounts(session);
    expect(counts).toEqual({ dossiers: 0, documents: 0, blobs: 0, claims: 0, auditLog: 0 });
  });

  it('imports the same zip to completion afterwards', async () => {
    const { page } = session;
    await chooseZip();
    await expect.poll(() => page.locator('.dossier-item').count(), { timeout: 120_000 }).toBe(1);
    await expect.poll(() => page.locator('#tree-heading + .muted').textContent(), { timeout: 60_000 }).toBe(String(documentCount));
    const counts = await storedCounts(session);
    expect(counts).toMatchObject({ dossiers: 1, documents: documentCount, claims: ROWS });
    expect(counts.blobs).toBe(documentCount);
    expect(session.outsideRequests).toEqual([]);
  }, 180_000);

  it('reads a declared list given as XLSX in the worker, with its rows counted', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('营业收入明细表');
    sheet.addRow(['序号', '客户名称', '发票号码', '金额（元）']);
    const entries: Record<string, Uint8Array> = {};
    for (let i = 0; i < 25; i++) {
      const number = `2444200000${String(7_000_000_000 + i).slice(0, 10)}`;
      sheet.addRow([i + 1, `客户${i}`, number, 12720]);
      entries[`xlsx-dossier/发票/${i}.xml`] = einvoiceXml(number);
    }
    entries['xlsx-dossier/claims.xlsx'] = new Uint8Array(await workbook.xlsx.writeBuffer() as ArrayBuffer);
    const { page } = session;
    const rowsShown = page.evaluate(() => new Promise<string>((resolve) => {
      const observer = new MutationObserver(() => {
        const bar = document.querySelector<HTMLElement>('[data-testid="ocr-progress"][data-stage="claims"]');
        if (bar && bar.dataset.done === bar.dataset.total) {
          observer.disconnect();
          resolve(bar.querySelector('.progress-label')?.textContent ?? '');
        }
      });
      observer.observe(document.body, { subtree: true, childList: true, attributes: true });
    }));
    const chooser = page.waitForEvent('filechooser');
    await page.getByTestId('import-zip-sidebar').click();
    await (await chooser).setFiles([{ name: 'xlsx-dossier.zip', mimeType: 'application/zip', buffer: Buffer.from(zipSync(entries)) }]);
    expect(await rowsShown).toBe('读取申报清单 25/25 行：claims.xlsx');
    await expect.poll(() => page.locator('.dossier-item').count(), { timeout: 60_000 }).toBe(2);
    await expect.poll(async () => (await storedCounts(session)).claims, { timeout: 30_000 }).toBe(ROWS + 25);
  }, 120_000);
});

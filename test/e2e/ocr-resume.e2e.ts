// SIGKILL during the OCR of a long scan, with a persistent profile: every page read before the kill
// is stored as it is read; started again on the same profile, the app resumes the reading after the
// stored pages (the progress says how many it kept, data-pages-resumed) and reads none of them again,
// and the finished reading has the words of every page.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type PersistentBrowser, killHard, launchOnProfile, openAfterKill, closeProfile } from './persistent-browser';
import { longImagePdf, scanOptionsFor } from '../fixtures/invoices/generate-invoices';
import { syntheticInvoice } from '../fixtures/invoices/invoice-data';

const profile = mkdtempSync(join(tmpdir(), 'ocr-resume-profile-'));
const FILE = 'long-scan.pdf';
/** The scan as a file on disk, handed to the file chooser by path (a buffer goes through CDP in pieces). */
const scanPath = join(mkdtempSync(join(tmpdir(), 'ocr-resume-scan-')), FILE);
const PAGES = 6;
/** Pages stored before the kill: at least this many. */
const BEFORE_KILL = 2;

/** Rows of a store of the app's database, counted in the page (what survived is what IndexedDB holds). */
function storedRows(page: Page, store: 'ocrPages' | 'pages'): Promise<number> {
  return page.evaluate(async (name) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('dossier-desk');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    try {
      if (!db.objectStoreNames.contains(name)) return 0;
      return await new Promise<number>((resolve, reject) => {
        const request = db.transaction(name).objectStore(name).count();
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
    } finally {
      db.close();
    }
  }, store);
}

describe('OCR of a long scan survives a SIGKILL and resumes after the pages it stored', () => {
  let running: PersistentBrowser | null = null;
  let storedBeforeKill = 0;
  beforeAll(async () => {
    writeFileSync(scanPath, await longImagePdf([syntheticInvoice(61, 'digital'), syntheticInvoice(62, 'old'), syntheticInvoice(63, 'digital')], PAGES, { ...scanOptionsFor(2), seal: false }));
  }, 120_000);
  afterAll(async () => {
    await closeProfile(running, profile);
    rmSync(join(scanPath, '..'), { recursive: true, force: true });
  });

  it('stores each page as it is read and is killed after some pages, before the last', async () => {
    running = await launchOnProfile(profile);
    const { page } = running;
    await page.goto(inject('baseUrl'));
    await page.getByTestId('import-files').waitFor({ timeout: 60_000 });
    const chooser = page.waitForEvent('filechooser');
    await page.getByTestId('import-files').click();
    await (await chooser).setFiles(scanPath, { timeout: 120_000 });
    const progress = page.locator('[data-testid="ocr-progress"][data-kind="ocr"]');
    await expect.poll(async () => Number(await progress.getAttribute('data-pages-read', { timeout: 1_000 }).catch(() => null) ?? 0), { timeout: 240_000 }).toBeGreaterThanOrEqual(BEFORE_KILL);
    storedBeforeKill = await storedRows(page, 'ocrPages');
    expect(storedBeforeKill).toBeGreaterThanOrEqual(BEFORE_KILL);
    expect(storedBeforeKill).toBeLessThan(PAGES);
    // Still reading: the kill comes in the middle of the file.
    expect(await progress.count()).toBe(1);
    await killHard(running);
    running = null;
  }, 420_000);

  it('started again on the same profile, reads on after the stored pages and none of them again', async () => {
    expect(storedBeforeKill).toBeGreaterThanOrEqual(BEFORE_KILL);
    running = await launchOnProfile(profile);
    const { page } = running;
    // Chromium sometimes deletes the store it finds corrupt after the kill (openAfterKill).
    const opened = await openAfterKill(page, inject('baseUrl'), '[data-testid="document-tree"]');
    // The dossier comes back from the mirror; its scan's original does not (not mirrored): nothing to read on.
    expect(opened, 'the imported dossier was lost with the store: nothing was restored').not.toBe('store-lost');
    if (opened === 'restored') return;
    await page.getByTestId(`doc-${FILE}`).waitFor({ timeout: 60_000 });
    const progress = page.locator('[data-testid="ocr-progress"][data-kind="ocr"]');
    // The reading resumes by itself, with the pages stored before the kill (and any whose write
    // committed as the browser died) taken as they were.
    await expect.poll(async () => Number(await progress.getAttribute('data-pages-resumed', { timeout: 1_000 }).catch(() => null) ?? -1), { timeout: 120_000 }).toBeGreaterThanOrEqual(storedBeforeKill);
    const resumed = Number(await progress.getAttribute('data-pages-resumed'));
    expect(resumed).toBeLessThan(PAGES);
    expect(await progress.textContent()).toContain(`接续上次读取：${resumed} 页已读过，不再重读`);
    // Pages OCR'd by this run: never more than those not stored.
    let mostRead = 0;
    await expect.poll(async () => {
      const read = await progress.getAttribute('data-pages-read', { timeout: 1_000 }).catch(() => null);
      if (read !== null) mostRead = Math.max(mostRead, Number(read));
      return page.getByTestId(`doc-${FILE}`).locator('.doc-state').getAttribute('data-state');
    }, { timeout: 400_000, interval: 500 }).toBe('ocr');
    expect(mostRead).toBeLessThanOrEqual(PAGES - resumed);
    // The finished reading holds the words of every page and replaces the unfinished pages.
    await expect.poll(() => storedRows(page, 'pages'), { timeout: 30_000 }).toBe(PAGES);
    expect(await storedRows(page, 'ocrPages')).toBe(0);
  }, 600_000);
});

// SIGKILL of the browser in the middle of an import, with a persistent profile: the store saves a
// dossier in one transaction, so nothing half-imported can be left; what the reviewer must not meet
// is silence. Started again on the same profile, the app says that the import did not finish, which
// files it was and when (startup.importInterrupted), holds no dossier of it, and the same zip then
// imports to completion.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { generateAuditDossier } from '../fixtures/audit-dossier';
import { zipFolder } from '../fixtures/files-on-disk';
import { type PersistentBrowser, killHard, launchOnProfile, openAfterKill, uiDatabaseRow, closeProfile } from './persistent-browser';

const ROWS = 300;
const profile = mkdtempSync(join(tmpdir(), 'import-kill-profile-'));
const scratch = mkdtempSync(join(tmpdir(), 'import-kill-'));
/** The zip as a file on disk, handed to the file chooser by path. */
const zipPath = join(scratch, 'audit-dossier.zip');

function storedDossiers(page: Page): Promise<number> {
  return page.evaluate(() => new Promise<number>((resolve, reject) => {
    const open = indexedDB.open('dossier-desk');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      if (!db.objectStoreNames.contains('dossiers')) {
        db.close();
        resolve(0);
        return;
      }
      const request = db.transaction('dossiers').objectStore('dossiers').count();
      request.onsuccess = () => { db.close(); resolve(request.result); };
      request.onerror = () => reject(request.error);
    };
  }));
}

async function chooseZip(page: Page): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId('import-dossier').click();
  await (await chooser).setFiles(zipPath, { timeout: 120_000 });
}

describe('a browser killed with SIGKILL during an import', () => {
  let running: PersistentBrowser | null = null;
  beforeAll(async () => {
    await generateAuditDossier(join(scratch, 'dossier'), {
      seed: 'e2e-import-kill', rows: ROWS, program: 'shenzhen-2024-dsp', scannedReceipts: 0, receiptsPerFile: 50, contractsPerFile: 10,
    });
    writeFileSync(zipPath, zipFolder(join(scratch, 'dossier'), 'dossier'));
  }, 300_000);
  afterAll(async () => {
    await closeProfile(running, profile);
    rmSync(scratch, { recursive: true, force: true });
  });

  it('is killed while the import checks the files', async () => {
    running = await launchOnProfile(profile);
    const { page } = running;
    await page.goto(inject('baseUrl'));
    await page.getByTestId('import-dossier').waitFor({ timeout: 60_000 });
    await chooseZip(page);
    const checking = page.locator('[data-testid="ocr-progress"][data-kind="import"][data-stage="files"]');
    await expect.poll(async () => Number(await checking.getAttribute('data-done', { timeout: 1_000 }).catch(() => null) ?? 0), { timeout: 120_000, interval: 100 }).toBeGreaterThan(0);
    // The note is on disk before the import reads its first file: a strict-durability IndexedDB write,
    // and a side file in the origin private file system (which outlives Chromium deleting the IndexedDB).
    expect(await uiDatabaseRow(page, 'import-in-progress')).toContain('audit-dossier.zip');
    expect(await page.evaluate(async () => {
      const folder = await (await navigator.storage.getDirectory()).getDirectoryHandle('side-files');
      return (await (await folder.getFileHandle('import-in-progress.json')).getFile()).text();
    })).toContain('audit-dossier.zip');
    await killHard(running);
    running = null;
  }, 420_000);

  it('started again, says the import did not finish and holds nothing of it; the zip then imports', async () => {
    running = await launchOnProfile(profile);
    const { page } = running;
    // The note is told once it is older than an import's heartbeat allows (15 s): a fresh one could be
    // another window's import still running.
    await new Promise((resolve) => setTimeout(resolve, 16_000));
    if (await openAfterKill(page, inject('baseUrl'), '[data-testid="import-dossier"]') !== 'ready') return;
    const notice = page.locator('[data-testid="app-notice"][data-code="startup.importInterrupted"]');
    await expect.poll(() => notice.textContent(), { timeout: 30_000 }).toMatch(/上次的导入没有完成：.* 开始导入的 1 个文件（第一个为 audit-dossier\.zip）在保存前被中断/);
    expect(await storedDossiers(page)).toBe(0);
    expect(await page.locator('.dossier-item').count()).toBe(0);
    await chooseZip(page);
    await expect.poll(() => page.locator('.dossier-item').count(), { timeout: 180_000 }).toBe(1);
    expect(await storedDossiers(page)).toBe(1);
    // Told once: a reload after the import that finished says nothing of it.
    await page.reload();
    await page.getByTestId('document-tree').waitFor({ timeout: 60_000 });
    expect(await page.locator('[data-code="startup.importInterrupted"]').count()).toBe(0);
  }, 420_000);
});

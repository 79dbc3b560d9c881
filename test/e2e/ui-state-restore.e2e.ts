// After a store the browser deleted (#20), the reviewer comes back where they were, and is told the
// store was lost even when the kill came right after the first start. Chromium deletes an origin's
// whole IndexedDB it finds corrupt after a kill (scripts/crash-probe.mjs); the store of record comes
// back from its mirror outside IndexedDB, and the UI state (language, dossier, tab, document, page),
// kept in its own IndexedDB database, is gone with it unless it is kept outside too (ui-state.json
// in the side store). Here the deletion is made every time, as in store-restore.e2e: Chromium is
// killed with SIGKILL and the profile's IndexedDB folder removed before the restart. The note that a
// store existed was kept in localStorage, which Chromium writes to disk seconds later: removing the
// profile's Local Storage folder too is the kill that came before it was written.
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { type PersistentBrowser, committedUiState, deleteProfileFolders, killAndLoseTheStore, killHard, launchOnProfile, mirroredState, openAfterKill, RESTORED_NOTICE, sideFileText, closeProfile } from './persistent-browser';

const CONTRACT = '合同/ZL-2023-00001.pdf';
const PAGE = 2;
const TAB = 'checks';
const SCREENSHOTS = join(process.cwd(), 'out', 'screenshots');

describe('after a store the browser deleted, the UI comes back with the restored dossier', () => {
  const profile = mkdtempSync(join(tmpdir(), 'ui-restore-profile-'));
  let running: PersistentBrowser | null = null;
  let dossierId: unknown = null;
  afterAll(async () => {
    await closeProfile(running, profile);
  });

  it('is killed with the sample open in English on the checks tab, a contract on its second page', async () => {
    running = await launchOnProfile(profile);
    const { page } = running;
    await page.goto(inject('baseUrl'));
    await page.getByTestId('open-sample').click();
    await page.getByTestId('document-tree').waitFor({ timeout: 60_000 });
    await page.getByTestId('language').selectOption('en');
    await page.getByTestId(`doc-${CONTRACT}`).click();
    await page.waitForSelector(`.viewer[data-file="${CONTRACT}"] [data-testid="pdf-page-1"][data-state="done"]`, { timeout: 60_000 });
    await page.getByTestId('go-to-page').fill(String(PAGE));
    await page.getByTestId('go-to-page').press('Enter');
    await page.getByTestId(`tab-${TAB}`).click();
    const expected = { language: 'en', activeTab: TAB, activeFile: CONTRACT, currentPage: PAGE };
    await expect.poll(async () => {
      const state = await committedUiState(page);
      return { language: state?.language, activeTab: state?.activeTab, activeFile: state?.activeFile, currentPage: state?.currentPage };
    }, { timeout: 30_000, interval: 50 }).toEqual(expected);
    dossierId = (await committedUiState(page))?.activeDossierId;
    expect(typeof dossierId).toBe('string');
    // The same state in the side store, where the kill and the deletion leave it.
    await expect.poll(async () => {
      const kept = JSON.parse((await sideFileText(page, 'ui-state.json')) ?? '{}') as { state?: Record<string, unknown> };
      return { language: kept.state?.language, activeTab: kept.state?.activeTab, activeFile: kept.state?.activeFile, currentPage: kept.state?.currentPage, activeDossierId: kept.state?.activeDossierId };
    }, { timeout: 30_000, interval: 50 }).toEqual({ ...expected, activeDossierId: dossierId });
    await expect.poll(() => mirroredState(page), { timeout: 30_000, interval: 100 }).not.toBeNull();
    await killAndLoseTheStore(running, profile);
    running = null;
  }, 240_000);

  it('started again, restores the dossier and opens it in English on the same tab, document and page', async () => {
    running = await launchOnProfile(profile);
    const { page } = running;
    expect(await openAfterKill(page, inject('baseUrl'), '[data-testid="document-tree"]')).toBe('restored');
    const notice = page.locator(RESTORED_NOTICE);
    expect(await notice.getAttribute('data-code')).toBe('startup.restored');
    expect(await notice.textContent()).toMatch(/^Review records the local database had lost were restored from the copy kept outside it: 1 dossier/);
    expect(await page.getByTestId('language').inputValue()).toBe('en');
    await expect.poll(() => page.getByTestId(`tab-${TAB}`).getAttribute('aria-selected'), { timeout: 30_000 }).toBe('true');
    await page.waitForSelector(`.viewer[data-file="${CONTRACT}"] [data-testid="pdf-page-${PAGE}"][data-state="done"]`, { timeout: 60_000 });
    await expect.poll(() => page.getByTestId('go-to-page').inputValue(), { timeout: 30_000 }).toBe(String(PAGE));
    expect((await committedUiState(page))?.activeDossierId).toBe(dossierId);
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOTS, 'restore-ui-state-en.png') });
  }, 240_000);
});

describe('a store lost by a kill right after the first start, before localStorage reached the disk', () => {
  const profile = mkdtempSync(join(tmpdir(), 'store-note-profile-'));
  let running: PersistentBrowser | null = null;
  afterAll(async () => {
    await closeProfile(running, profile);
  });

  it('is told at the next start', async () => {
    running = await launchOnProfile(profile);
    await running.page.goto(inject('baseUrl'));
    // The first start is done (its store open, its note kept): killed at once.
    await running.page.getByTestId('open-sample').waitFor({ timeout: 60_000 });
    await killHard(running);
    running = null;
    deleteProfileFolders(profile, 'IndexedDB');
    deleteProfileFolders(profile, 'Local Storage');
    running = await launchOnProfile(profile);
    const { page } = running;
    expect(await openAfterKill(page, inject('baseUrl'), '[data-testid="open-sample"]')).toBe('store-lost');
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOTS, 'store-lost-zh-CN.png') });
    await page.getByTestId('language').selectOption('en');
    await expect.poll(() => page.locator('[data-testid="app-notice"][data-code="startup.storeLost"]').textContent()).toMatch(/^The local database was deleted by the browser/);
    await page.screenshot({ path: join(SCREENSHOTS, 'store-lost-en.png') });
  }, 240_000);
});

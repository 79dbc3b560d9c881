// The kill e2e tests' browser (scripts/persistent-chromium.mjs, shared with scripts/crash-probe.mjs),
// typed, and the start after a kill.
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { nameTheReviewer } from './reviewer';

import { killHard, type PersistentBrowser } from '../../scripts/persistent-chromium.mjs';

export { killHard, launchOnProfile, type PersistentBrowser } from '../../scripts/persistent-chromium.mjs';

/** The notices of a start that found the store lost and brought the review back from the mirror outside IndexedDB. */
export const RESTORED_NOTICE = '[data-testid="app-notice"][data-code^="startup.restored"]';

/**
 * Opens the app after a kill and waits until `ready` shows, or until the app says that Chromium
 * deleted its store: killed in the middle of IndexedDB writes, Chromium sometimes finds the profile's
 * IndexedDB corrupt on the next start and deletes it whole ("IndexedDB recovering from a corrupted (and
 * deleted) database"; scripts/crash-probe.mjs, about 1 start in 12 here). The app then restores every
 * dossier from its mirror outside IndexedDB (db/audit-mirror) and says so (startup.restored, or
 * startup.restoredFilesMissing naming the originals to import again): 'restored', after which the caller
 * checks that its confirmed edit is back. 'store-lost' (startup.storeLost) is a store lost with nothing
 * mirrored to bring back: right only for a profile that had no dossier yet. The app never shows an
 * empty first screen as if nothing had happened and never hangs.
 */
export async function openAfterKill(page: Page, baseUrl: string, ready: string): Promise<'ready' | 'restored' | 'store-lost'> {
  await page.goto(baseUrl);
  const shown = page.locator(ready).first();
  const lost = page.locator('[data-testid="app-notice"][data-code="startup.storeLost"]');
  const restored = page.locator(RESTORED_NOTICE);
  const failed = page.locator('[data-testid="app-notice"][data-code="startup.restoreFailed"], [data-testid="app-notice"][data-code="startup.mirrorRefused"]');
  await shown.or(lost).or(restored).or(failed).first().waitFor({ timeout: 90_000 });
  if (await failed.count() > 0) throw new Error(`the restore after the kill failed: ${await failed.first().textContent()}`);
  const restoredOutcome = async (): Promise<'restored'> => {
    const notice = await restored.textContent();
    // In the language the reviewer was using: the UI state comes back with the store (ui-state.json).
    if (!notice?.includes('已从数据库之外的备份恢复') && !notice?.includes('restored from the copy kept outside it')) throw new Error(`the restore notice does not say what happened: ${notice}`);
    console.warn('Chromium deleted the IndexedDB it found corrupt after the kill; the app restored it from the mirror');
    return 'restored';
  };
  if (await restored.count() > 0) return restoredOutcome();
  if (await lost.count() === 0) return 'ready';
  // The first notice that settles is the outcome: a store-lost notice that gives way to another one
  // is a reviewer told "store lost" although the work came back, and fails here.
  const notice = await lost.textContent({ timeout: 5_000 }).catch(() => null);
  if (notice === null) {
    const now = await page.locator('[data-testid="app-notice"]').getAttribute('data-code', { timeout: 5_000 }).catch(() => null);
    throw new Error(`the app said startup.storeLost, then ${now ?? 'nothing'}: the first notice after a kill must be the right one`);
  }
  if (!notice?.includes('本机数据库已被浏览器删除')) throw new Error(`the store-lost notice does not say what happened: ${notice}`);
  await page.getByTestId('open-sample').waitFor({ timeout: 30_000 });
  console.warn('Chromium deleted the IndexedDB it found corrupt after the kill; nothing was mirrored; the app said so');
  return 'store-lost';
}

/** Opens the first dossier of the list (after a kill that lost the UI state with the store, or to be sure it is the one open). */
export async function openFirstDossier(page: Page): Promise<void> {
  await page.locator('[data-testid="dossier-list"] [data-testid^="dossier-"]').first().click({ timeout: 60_000 });
  await page.getByTestId('document-tree').waitFor({ timeout: 60_000 });
}

/** A side file of the page's origin private file system (side-files/name), null when there is none. */
export function sideFileText(page: Page, name: string): Promise<string | null> {
  return page.evaluate(async (file) => {
    try {
      const folder = await (await navigator.storage.getDirectory()).getDirectoryHandle('side-files');
      return await (await (await folder.getFileHandle(file)).getFile()).text();
    } catch {
      return null;
    }
  }, name);
}

/** The folders named `name` in a Chromium profile (Default/IndexedDB, Default/Local Storage, wherever this Chromium puts them). */
export function profileFolders(folder: string, name: string, depth = 0): string[] {
  if (depth > 3) return [];
  return readdirSync(folder, { withFileTypes: true }).filter((entry) => entry.isDirectory()).flatMap((entry) =>
    entry.name === name ? [join(folder, entry.name)] : profileFolders(join(folder, entry.name), name, depth + 1));
}

/** The text of the first mirrored review state in the origin private file system (null before the first mirror write). */
export function mirroredState(page: Page): Promise<string | null> {
  return page.evaluate(async () => {
    interface Entry { kind: string; name: string; getFile(): Promise<File> }
    const root = await navigator.storage.getDirectory();
    let folder: FileSystemDirectoryHandle;
    try {
      folder = await root.getDirectoryHandle('side-files');
    } catch {
      return null;
    }
    for await (const entry of (folder as unknown as { values(): AsyncIterable<Entry> }).values()) {
      if (entry.kind === 'file' && entry.name.startsWith('mirror-') && entry.name.endsWith('.state.json')) return (await entry.getFile()).text();
    }
    return null;
  });
}

/** How many originals the page keeps outside IndexedDB (original-<sha256> side files) and how many its store holds. */
export function originalsKept(page: Page): Promise<{ kept: number; stored: number }> {
  return page.evaluate(async () => {
    interface Entry { kind: string; name: string; getFile?(): Promise<{ size: number }> }
    let kept = 0;
    try {
      const folder = await (await navigator.storage.getDirectory()).getDirectoryHandle('side-files');
      // An original being written is listed from the start, empty until its write is closed: only a written one counts.
      for await (const entry of (folder as unknown as { values(): AsyncIterable<Entry> }).values()) {
        if (entry.kind === 'file' && entry.name.startsWith('original-') && ((await entry.getFile?.())?.size ?? 0) > 0) kept++;
      }
    } catch {
      kept = 0;
    }
    const stored = await new Promise<number>((resolve, reject) => {
      const open = indexedDB.open('dossier-desk');
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const request = open.result.transaction('blobs').objectStore('blobs').count();
        request.onsuccess = () => { open.result.close(); resolve(request.result); };
        request.onerror = () => reject(request.error);
      };
    });
    return { kept, stored };
  });
}

/** A row of the UI state database, as a page of the app reads it (null when there is none). */
export function uiDatabaseRow(page: Page, name: string): Promise<string | null> {
  return page.evaluate((rowName) => new Promise<string | null>((resolve, reject) => {
    const open = indexedDB.open('dossier-desk-ui');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      if (!db.objectStoreNames.contains('state')) {
        db.close();
        resolve(null);
        return;
      }
      const request = db.transaction('state').objectStore('state').get(rowName);
      request.onsuccess = () => { db.close(); resolve((request.result as { value?: string } | undefined)?.value ?? null); };
      request.onerror = () => reject(request.error);
    };
  }), name);
}

/** The UI state the page has committed to its IndexedDB (what a crash must not lose; null before the first write). */
export async function committedUiState(page: Page): Promise<Record<string, unknown> | null> {
  const row = await uiDatabaseRow(page, 'dossier-desk-ui');
  return row ? (JSON.parse(row) as { state: Record<string, unknown> }).state : null;
}

/**
 * Opens the bundled Shenzhen sample on the claims tab with the reviewer named (周审计) and waits until
 * the integrity check is green: where each kill test begins before its confirmed edit.
 */
export async function openSampleAsReviewer(page: Page, baseUrl: string): Promise<void> {
  await page.goto(baseUrl);
  await page.getByTestId('open-sample').click();
  await page.getByTestId('document-tree').waitFor({ timeout: 60_000 });
  await page.getByTestId('tab-claims').click();
  await nameTheReviewer(page, { name: '周审计', organisation: '深圳市某会计师事务所' });
  await expect.poll(() => page.getByTestId('integrity-status').getAttribute('data-status'), { timeout: 60_000 }).toBe('ok');
}

/** Removes the profile's folders named `name` (IndexedDB, Local Storage) as Chromium removes a store it finds corrupt; there must be one. */
export function deleteProfileFolders(profile: string, name: string): void {
  const folders = profileFolders(profile, name);
  console.info(`deleting ${folders.join(', ')}`);
  expect(folders.length).toBeGreaterThan(0);
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
}

/**
 * Waits until every original the store holds is also kept outside it (in the background after an
 * import), then kills the browser and deletes the profile's IndexedDB: the store lost after a kill,
 * with what the app keeps outside it left as it was.
 */
export async function killAndLoseTheStore(running: PersistentBrowser, profile: string): Promise<void> {
  await expect.poll(async () => {
    const { kept, stored } = await originalsKept(running.page);
    return stored > 0 && kept === stored;
  }, { timeout: 120_000, interval: 250 }).toBe(true);
  await killHard(running);
  deleteProfileFolders(profile, 'IndexedDB');
}

/** After a describe on a profile: the browser still running is killed and the profile removed. */
export async function closeProfile(running: PersistentBrowser | null, profile: string): Promise<void> {
  if (running) await killHard(running).catch(() => undefined);
  rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
}

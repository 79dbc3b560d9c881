// The kill e2e tests' browser (scripts/persistent-chromium.mjs, shared with scripts/crash-probe.mjs),
// typed, and the start after a kill.
import type { Page } from 'playwright-core';

export { killHard, launchOnProfile, type PersistentBrowser } from '../../scripts/persistent-chromium.mjs';

/**
 * Opens the app after a kill and waits until `ready` shows, or until the app says that Chromium
 * deleted its store: killed in the middle of IndexedDB writes, Chromium sometimes finds the profile's
 * IndexedDB corrupt on the next start and deletes it whole ("IndexedDB recovering from a corrupted (and
 * deleted) database"; scripts/crash-probe.mjs, about 1 start in 12 here). Nothing a page does keeps
 * what the browser deletes; the app must then start and say so (startup.storeLost), never show an
 * empty first screen as if nothing had happened and never hang. Returns which of the two it found.
 */
export async function openAfterKill(page: Page, baseUrl: string, ready: string): Promise<'ready' | 'store-lost'> {
  await page.goto(baseUrl);
  const shown = page.locator(ready).first();
  const lost = page.locator('[data-testid="app-notice"][data-code="startup.storeLost"]');
  await shown.or(lost).first().waitFor({ timeout: 90_000 });
  if (await lost.count() === 0) return 'ready';
  const notice = await lost.textContent();
  if (!notice?.includes('本机数据库已被浏览器删除')) throw new Error(`the store-lost notice does not say what happened: ${notice}`);
  await page.getByTestId('open-sample').waitFor({ timeout: 30_000 });
  console.warn('Chromium deleted the IndexedDB it found corrupt after the kill; the app said so');
  return 'store-lost';
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

// SIGKILL of the browser with a persistent profile: Debian's Chromium is started by hand on a
// user-data-dir and killed with kill -9 while the sample's scans are being read (OCR), a moment after
// a stored edit and a change of tab and document. Started again on the same profile, the app comes
// back where the reviewer was (dossier, tab, document) with every confirmed edit, and reads on.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { CHROMIUM_PATH } from './browser';
import { nameTheReviewer } from './reviewer';

const profile = mkdtempSync(join(tmpdir(), 'crash-profile-'));
const CLAIM = 'R0001';
/** The sample's scanned invoice (read by OCR). */
const DOCUMENT = '发票/23442000001510000005.png';

interface Running {
  process: ChildProcess;
  browser: Browser;
  page: Page;
}

async function launch(): Promise<Running> {
  rmSync(join(profile, 'DevToolsActivePort'), { force: true });
  const process = spawn(CHROMIUM_PATH, [
    '--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--remote-debugging-port=0', `--user-data-dir=${profile}`, '--lang=zh-CN', '--window-size=1440,900', 'about:blank',
  ], { stdio: 'ignore', detached: true });
  const portFile = join(profile, 'DevToolsActivePort');
  const started = Date.now();
  while (!existsSync(portFile) || readFileSync(portFile, 'utf8').split('\n').length < 2) {
    if (Date.now() - started > 60_000) throw new Error('Chromium did not start');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const port = readFileSync(portFile, 'utf8').split('\n')[0]!.trim();
  const browser = await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
  const context = browser.contexts()[0]!;
  await context.route((url) => !/^(http:\/\/127\.0\.0\.1|data:|blob:|about:)/.test(url.toString()), (route) => route.abort('blockedbyclient'));
  const page = context.pages()[0] ?? (await context.newPage());
  await page.setViewportSize({ width: 1440, height: 900 });
  return { process, browser, page };
}

/** kill -9 of the browser process, as a power cut or the OOM killer would. */
/**
 * Kills Chromium with SIGKILL, the browser and every process it started (its own process group), as
 * a crash of the whole application does, and waits until none of them is left: a renderer or storage
 * process outliving its browser for a moment still holds the profile's IndexedDB files, and a browser
 * started on the profile then could not open them.
 */
async function killHard(running: Running): Promise<void> {
  const exited = new Promise((resolve) => running.process.once('exit', resolve));
  process.kill(-running.process.pid!, 'SIGKILL');
  await exited;
  const started = Date.now();
  while (profileProcesses() > 0) {
    if (Date.now() - started > 30_000) throw new Error('Chromium processes on the test profile outlived SIGKILL');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** How many processes still run on the test profile (read from /proc: their command lines name it). */
function profileProcesses(): number {
  const flag = `--user-data-dir=${profile}`;
  return readdirSync('/proc').filter((entry) => /^\d+$/.test(entry)).filter((pid) => {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').includes(flag);
    } catch {
      return false;
    }
  }).length;
}

/** The UI state the page has committed to its IndexedDB (what a crash must not lose). */
function committedUiState(page: Page): Promise<Record<string, unknown> | null> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('dossier-desk-ui');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    if (!db.objectStoreNames.contains('state')) {
      db.close();
      return null;
    }
    const row = await new Promise<{ value: string } | undefined>((resolve, reject) => {
      const request = db.transaction('state').objectStore('state').get('dossier-desk-ui');
      request.onsuccess = () => resolve(request.result as { value: string } | undefined);
      request.onerror = () => reject(request.error);
    });
    db.close();
    return row ? (JSON.parse(row.value) as { state: Record<string, unknown> }).state : null;
  });
}

describe('a browser killed with SIGKILL comes back where it was, with every confirmed edit', () => {
  let running: Running | null = null;
  /** Whether the kill came while the scans were being read (on a fast machine they may be done first). */
  let killedWhileReading = false;
  afterAll(async () => {
    if (running) await killHard(running).catch(() => undefined);
    rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
  });

  it('is killed during OCR, right after a stored cut and a change of document and tab', async () => {
    running = await launch();
    const { page } = running;
    await page.goto(inject('baseUrl'));
    await page.getByTestId('open-sample').click();
    await page.getByTestId('document-tree').waitFor({ timeout: 60_000 });
    await page.getByTestId('tab-claims').click();
    await nameTheReviewer(page, { name: '周审计', organisation: '深圳市某会计师事务所' });
    await expect.poll(() => page.getByTestId('integrity-status').getAttribute('data-status'), { timeout: 60_000 }).toBe('ok');
    const before = await page.getByTestId('integrity-status').textContent();
    await page.getByTestId(`cut-amount-${CLAIM}`).fill('1000.00');
    await page.getByTestId(`cut-amount-${CLAIM}`).press('Enter');
    // Confirmed: stored, and the integrity check has seen its audit entry.
    await expect.poll(() => page.getByTestId('total-cut').textContent(), { timeout: 60_000 }).toBe('¥1,000.00');
    await expect.poll(async () => [await page.getByTestId('integrity-status').getAttribute('data-status'), await page.getByTestId('integrity-status').textContent()], { timeout: 60_000 })
      .toEqual(['ok', expect.not.stringContaining(before ?? '')]);
    await page.getByTestId(`doc-${DOCUMENT}`).click();
    await page.getByTestId('tab-checks').click();
    await expect.poll(async () => (await committedUiState(page))?.activeTab, { timeout: 30_000 }).toBe('checks');
    expect((await committedUiState(page))?.activeFile).toBe(DOCUMENT);
    killedWhileReading = (await page.locator('[data-testid="ocr-progress"][data-kind="ocr"]').count()) === 1;
    await killHard(running);
    running = null;
  }, 240_000);

  // Chromium itself sometimes deletes the profile's whole IndexedDB on this start: killed in the middle
  // of IndexedDB writes, it finds the store corrupt when it opens it again ("IndexedDB recovering from a
  // corrupted (and deleted) database"; scripts/crash-probe.mjs, about 1 start in 12 here). Nothing
  // the page does can keep what the browser deletes; what the app must do then is start, and say so
  // (startup.storeLost), never show an empty first screen as if nothing had happened, never hang.
  it('comes back on the same profile with the dossier, tab, document and cut, and reads on', async () => {
    running = await launch();
    const { page } = running;
    await page.goto(inject('baseUrl'));
    const tree = page.getByTestId('document-tree');
    const lost = page.locator('[data-testid="app-notice"][data-code="startup.storeLost"]');
    await tree.or(lost).first().waitFor({ timeout: 90_000 });
    if (await lost.count() > 0) {
      console.warn('crash.e2e: Chromium deleted the IndexedDB it found corrupt after the kill; the app said so');
      await expect.poll(() => lost.textContent()).toContain('本机数据库已被浏览器删除');
      await page.getByTestId('open-sample').waitFor({ timeout: 30_000 });
      return;
    }
    await expect.poll(() => page.getByTestId('tab-checks').getAttribute('aria-selected'), { timeout: 30_000 }).toBe('true');
    expect(await page.getByTestId(`doc-${DOCUMENT}`).getAttribute('aria-current')).toBe('true');
    await expect.poll(() => page.getByTestId('integrity-status').getAttribute('data-status'), { timeout: 60_000 }).toBe('ok');
    await page.getByTestId('tab-claims').click();
    expect(await page.getByTestId(`cut-amount-${CLAIM}`).inputValue()).toBe('1000.00');
    expect(await page.getByTestId('total-cut').textContent()).toBe('¥1,000.00');
    if (killedWhileReading) await page.locator('[data-testid="ocr-progress"][data-kind="ocr"]').waitFor({ timeout: 60_000 });
  }, 240_000);
});

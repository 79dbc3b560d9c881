// Debian's Chromium started by hand on a persistent user-data-dir, so that it can be killed with
// SIGKILL (browser and every process it started) and started again on the same profile, as a crash
// of the application and a restart would.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_PATH } from './browser';

export interface PersistentBrowser {
  profile: string;
  process: ChildProcess;
  browser: Browser;
  page: Page;
}

/** Starts Chromium on `profile` (1440x900, zh-CN), every request off 127.0.0.1 refused. */
export async function launchOnProfile(profile: string): Promise<PersistentBrowser> {
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
  return { profile, process, browser, page };
}

/**
 * Kills Chromium with SIGKILL, the browser and every process it started (its own process group), and
 * waits until none of them is left: a renderer or storage process outliving its browser for a moment
 * still holds the profile's IndexedDB files.
 */
export async function killHard(running: PersistentBrowser): Promise<void> {
  const exited = new Promise((resolve) => running.process.once('exit', resolve));
  process.kill(-running.process.pid!, 'SIGKILL');
  await exited;
  const started = Date.now();
  while (profileProcesses(running.profile) > 0) {
    if (Date.now() - started > 30_000) throw new Error('Chromium processes on the test profile outlived SIGKILL');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** How many processes still run on the profile (read from /proc: their command lines name it). */
function profileProcesses(profile: string): number {
  const flag = `--user-data-dir=${profile}`;
  return readdirSync('/proc').filter((entry) => /^\d+$/.test(entry)).filter((pid) => {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').includes(flag);
    } catch {
      return false;
    }
  }).length;
}

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

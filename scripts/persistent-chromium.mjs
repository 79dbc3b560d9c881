// Debian's Chromium started by hand on a persistent user-data-dir, so that it can be killed with
// SIGKILL (browser and every process it started) and started again on the same profile, as a crash
// of the application and a restart would. Shared by the kill e2e tests (test/e2e/persistent-browser.ts)
// and scripts/crash-probe.mjs.
import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Starts Chromium on `profile` (1440x900, zh-CN), every request off 127.0.0.1 refused unless
 * `allowNetwork`. With `logFile`, Chromium's own log (console messages included) is appended to it.
 * @param {string} profile
 * @param {{ logFile?: string, allowNetwork?: boolean }} [options]
 */
export async function launchOnProfile(profile, { logFile, allowNetwork = false } = {}) {
  rmSync(join(profile, 'DevToolsActivePort'), { force: true });
  const log = logFile ? openSync(logFile, 'a') : 'ignore';
  const child = spawn(CHROMIUM_PATH, [
    '--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--remote-debugging-port=0', `--user-data-dir=${profile}`, '--lang=zh-CN', '--window-size=1440,900',
    ...(logFile ? ['--enable-logging=stderr', '--v=0'] : []), 'about:blank',
  ], { stdio: ['ignore', log, log], detached: true });
  if (typeof log === 'number') closeSync(log);
  const portFile = join(profile, 'DevToolsActivePort');
  const started = Date.now();
  while (!existsSync(portFile) || readFileSync(portFile, 'utf8').split('\n').length < 2) {
    if (Date.now() - started > 60_000) throw new Error(`Chromium did not start on the profile ${profile}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const port = readFileSync(portFile, 'utf8').split('\n')[0].trim();
  const browser = await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
  const context = browser.contexts()[0];
  if (!allowNetwork) {
    await context.route((url) => !/^(http:\/\/127\.0\.0\.1|data:|blob:|about:)/.test(url.toString()), (route) => route.abort('blockedbyclient'));
  }
  const page = context.pages()[0] ?? (await context.newPage());
  await page.setViewportSize({ width: 1440, height: 900 });
  return { profile, process: child, browser, page };
}

/**
 * Kills Chromium with SIGKILL, the browser and every process it started (its own process group), and
 * waits until none of them is left: a renderer or storage process outliving its browser for a moment
 * still holds the profile's IndexedDB files.
 * @param {{ profile: string, process: import('node:child_process').ChildProcess }} running
 */
export async function killHard(running) {
  const exited = new Promise((resolve) => running.process.once('exit', resolve));
  process.kill(-(running.process.pid ?? 0), 'SIGKILL');
  await exited;
  const started = Date.now();
  while (profileProcesses(running.profile) > 0) {
    if (Date.now() - started > 30_000) throw new Error(`Chromium processes on the profile ${running.profile} outlived SIGKILL`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * How many processes still run on the profile (read from /proc: their command lines name it).
 * @param {string} profile
 */
function profileProcesses(profile) {
  const flag = `--user-data-dir=${profile}`;
  return readdirSync('/proc').filter((entry) => /^\d+$/.test(entry)).filter((pid) => {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').includes(flag);
    } catch {
      return false;
    }
  }).length;
}

/** The probes' start: the bundled sample opened on the claims tab, the reviewer named (周审计). */
export async function openSampleAsNamedReviewer(page, baseUrl) {
  await page.goto(baseUrl);
  await page.getByTestId('open-sample').click();
  await page.getByTestId('document-tree').waitFor({ timeout: 90_000 });
  await page.getByTestId('tab-claims').click();
  await page.getByTestId('reviewer-profile').click();
  await page.getByTestId('reviewer-name').fill('周审计');
  await page.getByTestId('reviewer-organisation').fill('深圳市某会计师事务所');
  await page.getByTestId('reviewer-save').click();
  await page.getByTestId('reviewer-dialog').waitFor({ state: 'detached' });
}

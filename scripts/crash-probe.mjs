// A probe for the start after a crash (#20): Debian's Chromium on a persistent profile opens the
// sample, stores a cut, moves to a scanned document (OCR starts) and is killed with SIGKILL (its whole
// process group); started again on the same profile, does the app become ready? Run it N times; for
// each start that does not become ready it prints what the page shows and which storage calls settle.
// Chromium's own log (console messages included) goes to out/crash-probe/run-N.log: nothing is
// attached to the page over DevTools, so the probe does not change the timing it looks at.
//
//   WEB_OUT_DIR=out/web-mine node scripts/build-web.mjs
//   WEB_OUT_DIR=out/web-mine node_modules/.bin/node scripts/crash-probe.mjs 20
/* global document, indexedDB -- read inside page.evaluate, in the browser */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { serveStatic } from './serve.mjs';

const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const runs = Number(process.argv[2] ?? 20);
const readyTimeout = Number(process.env.PROBE_READY_MS ?? 45_000);
const logDir = resolve('out/crash-probe');
mkdirSync(logDir, { recursive: true });

async function launch(profile, logFile) {
  rmSync(join(profile, 'DevToolsActivePort'), { force: true });
  const log = openSync(logFile, 'a');
  const child = spawn(CHROMIUM_PATH, [
    '--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--remote-debugging-port=0', `--user-data-dir=${profile}`, '--lang=zh-CN', '--window-size=1440,900',
    '--enable-logging=stderr', '--v=0', 'about:blank',
  ], { stdio: ['ignore', log, log], detached: true });
  closeSync(log);
  const portFile = join(profile, 'DevToolsActivePort');
  const started = Date.now();
  while (!existsSync(portFile) || readFileSync(portFile, 'utf8').split('\n').length < 2) {
    if (Date.now() - started > 60_000) throw new Error('Chromium did not start');
    await new Promise((r) => setTimeout(r, 100));
  }
  const port = readFileSync(portFile, 'utf8').split('\n')[0].trim();
  const browser = await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
  const context = browser.contexts()[0];
  // As the e2e does: requests that leave 127.0.0.1 are refused (PROBE_NO_ROUTE=1 leaves them alone).
  if (!process.env.PROBE_NO_ROUTE) {
    await context.route((url) => !/^(http:\/\/127\.0\.0\.1|data:|blob:|about:)/.test(url.toString()), (route) => route.abort('blockedbyclient'));
  }
  const page = context.pages()[0] ?? (await context.newPage());
  await page.setViewportSize({ width: 1440, height: 900 });
  return { child, browser, page };
}

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

async function killHard(running, profile) {
  const exited = new Promise((r) => running.child.once('exit', r));
  process.kill(-running.child.pid, 'SIGKILL');
  await exited;
  const started = Date.now();
  while (profileProcesses(profile) > 0) {
    if (Date.now() - started > 30_000) throw new Error('processes outlived SIGKILL');
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** What the page shows and whether each storage call settles within 5 s. */
function diagnose(page) {
  return page.evaluate(async () => {
    const within = (promise, ms = 5000) => Promise.race([
      promise.then((value) => ({ ok: value }), (error) => ({ error: String(error) })),
      new Promise((r) => setTimeout(() => r('PENDING'), ms)),
    ]);
    const openDb = (name) => new Promise((resolveOpen, rejectOpen) => {
      const request = indexedDB.open(name);
      request.onsuccess = () => {
        const db = request.result;
        const answer = { version: db.version, stores: db.objectStoreNames.length };
        db.close();
        resolveOpen(answer);
      };
      request.onerror = () => rejectOpen(request.error);
      request.onblocked = () => resolveOpen('blocked');
    });
    return {
      testids: [...document.querySelectorAll('[data-testid]')].map((element) => element.getAttribute('data-testid')).slice(0, 30),
      text: document.body.innerText.slice(0, 300),
      startup: globalThis.__startupProbe ?? null,
      databases: await within(indexedDB.databases()),
      uiDatabase: await within(openDb('dossier-desk-ui')),
      mainDatabase: await within(openDb('dossier-desk')),
      persisted: await within(navigator.storage.persisted()),
      persist: await within(navigator.storage.persist()),
      log: globalThis.__storageLog ?? null,
      estimate: await within(navigator.storage.estimate()),
    };
  });
}

async function once(baseUrl, index) {
  const profile = mkdtempSync(join(tmpdir(), 'crash-probe-'));
  const logFile = join(logDir, `run-${index}.log`);
  rmSync(logFile, { force: true });
  try {
    let running = await launch(profile, logFile);
    const { page } = running;
    await page.goto(baseUrl);
    await page.getByTestId('open-sample').click();
    await page.getByTestId('document-tree').waitFor({ timeout: 90_000 });
    await page.getByTestId('tab-claims').click();
    await page.getByTestId('reviewer-profile').click();
    await page.getByTestId('reviewer-name').fill('周审计');
    await page.getByTestId('reviewer-organisation').fill('深圳市某会计师事务所');
    await page.getByTestId('reviewer-save').click();
    await page.getByTestId('reviewer-dialog').waitFor({ state: 'detached' });
    await page.getByTestId('cut-amount-R0001').fill('1000.00');
    await page.getByTestId('cut-amount-R0001').press('Enter');
    await page.waitForFunction(() => document.querySelector('[data-testid="total-cut"]')?.textContent === '¥1,000.00', null, { timeout: 60_000 });
    await page.getByTestId('doc-发票/23442000001510000005.png').click();
    await page.getByTestId('tab-checks').click();
    await new Promise((r) => setTimeout(r, Number(process.env.PROBE_KILL_DELAY_MS ?? 1500)));
    await killHard(running, profile);
    // The profile as the kill left it, kept when the start after it fails (to be started again by hand).
    const kept = join(logDir, `profile-${index}`);
    rmSync(kept, { recursive: true, force: true });
    cpSync(profile, kept, { recursive: true });

    const second = Date.now();
    running = await launch(profile, logFile);
    await running.page.goto(baseUrl);
    let ready = true;
    try {
      await running.page.getByTestId('document-tree').waitFor({ timeout: readyTimeout });
    } catch {
      ready = false;
    }
    const result = { run: index, ready, ms: Date.now() - second };
    if (!ready) result.diagnosis = await diagnose(running.page).catch((error) => ({ error: String(error) }));
    await killHard(running, profile);
    if (ready) rmSync(kept, { recursive: true, force: true });
    return result;
  } finally {
    rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
  }
}

const { server, url } = await serveStatic(process.env.WEB_OUT_DIR ?? 'out/web', 0);
let failures = 0;
for (let index = 1; index <= runs; index++) {
  const result = await once(url, index).catch((error) => ({ run: index, error: String(error) }));
  if (!result.ready) failures++;
  console.log(JSON.stringify(result));
}
console.log(JSON.stringify({ runs, notReady: failures }));
server.close();

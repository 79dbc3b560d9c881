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
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { killHard, launchOnProfile, openSampleAsNamedReviewer } from './persistent-chromium.mjs';
import { serveStatic } from './serve.mjs';

const runs = Number(process.argv[2] ?? 20);
const readyTimeout = Number(process.env.PROBE_READY_MS ?? 45_000);
const logDir = resolve('out/crash-probe');
mkdirSync(logDir, { recursive: true });

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
    let running = await launchOnProfile(profile, { logFile, allowNetwork: Boolean(process.env.PROBE_NO_ROUTE) });
    const { page } = running;
    await openSampleAsNamedReviewer(page, baseUrl);
    await page.getByTestId('cut-amount-R0001').fill('1000.00');
    await page.getByTestId('cut-amount-R0001').press('Enter');
    await page.waitForFunction(() => document.querySelector('[data-testid="total-cut"]')?.textContent === '¥1,000.00', null, { timeout: 60_000 });
    await page.getByTestId('doc-发票/23442000001510000005.png').click();
    await page.getByTestId('tab-checks').click();
    await new Promise((r) => setTimeout(r, Number(process.env.PROBE_KILL_DELAY_MS ?? 1500)));
    await killHard(running);
    // The profile as the kill left it, kept when the start after it fails (to be started again by hand).
    const kept = join(logDir, `profile-${index}`);
    rmSync(kept, { recursive: true, force: true });
    cpSync(profile, kept, { recursive: true });

    const second = Date.now();
    running = await launchOnProfile(profile, { logFile, allowNetwork: Boolean(process.env.PROBE_NO_ROUTE) });
    await running.page.goto(baseUrl);
    let ready = true;
    try {
      await running.page.getByTestId('document-tree').waitFor({ timeout: readyTimeout });
    } catch {
      ready = false;
    }
    const result = { run: index, ready, ms: Date.now() - second };
    if (!ready) result.diagnosis = await diagnose(running.page).catch((error) => ({ error: String(error) }));
    await killHard(running);
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

// A fault run of kills at random moments (#20): Debian's Chromium on one persistent profile opens the
// sample as a named reviewer, then N cycles of: a cut of a random amount on a random claim, Enter, a
// SIGKILL of the browser 0-1500 ms later, and every third cycle the profile's IndexedDB deleted too (as
// Chromium deletes a store it finds corrupt after a kill); started again on the profile, the cut is
// looked up. An edit that showed as saved before the kill (save-state went "saving", then "saved") must
// be back, and so must every edit kept by an earlier cycle. One JSON line a cycle (the notices the
// start gave, the originals kept outside the store before the cut), then a summary; exit code 1 when a
// saved edit was lost.
//
//   WEB_OUT_DIR=out/web-mine node scripts/build-web.mjs
//   WEB_OUT_DIR=out/web-mine node_modules/.bin/node scripts/kill-probe.mjs 15
/* global document, MutationObserver -- used inside page.evaluate, in the browser */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { killHard, launchOnProfile, openSampleAsNamedReviewer } from './persistent-chromium.mjs';
import { serveStatic } from './serve.mjs';

const cycles = Number(process.argv[2] ?? 15);
const { server, url } = await serveStatic(process.env.WEB_OUT_DIR ?? 'out/web', 0);
const profile = mkdtempSync(join(tmpdir(), 'kill-probe-'));

function folders(dir, name, depth = 0) {
  if (depth > 3) return [];
  return readdirSync(dir, { withFileTypes: true }).filter((entry) => entry.isDirectory())
    .flatMap((entry) => (entry.name === name ? [join(dir, entry.name)] : folders(join(dir, entry.name), name, depth + 1)));
}

/** Opens the app after a start and the dossier if the list shows; gives the notices shown (code: text). */
async function openAfterStart(page) {
  await page.goto(url);
  const tree = page.locator('[data-testid="document-tree"]');
  const notice = page.locator('[data-testid="app-notice"]');
  await tree.or(page.locator('[data-testid="open-sample"]')).or(notice).first().waitFor({ timeout: 90_000 });
  const notices = await notice.evaluateAll((elements) => elements.map((element) => `${element.getAttribute('data-code')}: ${element.textContent.slice(0, 400)}`));
  if (await tree.count() === 0) {
    const listed = page.locator('[data-testid="dossier-list"] [data-testid^="dossier-"]').first();
    if (await listed.count() > 0) {
      await listed.click();
      await tree.waitFor({ timeout: 60_000 });
    }
  }
  return notices;
}

/** The originals kept in the origin private file system, with content and empty. */
function originalsKept(page) {
  return page.evaluate(async () => {
    let kept = 0;
    let empty = 0;
    try {
      const folder = await (await navigator.storage.getDirectory()).getDirectoryHandle('side-files');
      for await (const entry of folder.values()) {
        if (entry.kind === 'file' && entry.name.startsWith('original-')) {
          if ((await entry.getFile()).size > 0) kept++;
          else empty++;
        }
      }
    } catch {
      // no side files yet
    }
    return { kept, empty };
  }).catch(() => null);
}

const keptEdits = new Map();
const totals = { savedLost: 0, unsavedLost: 0, unsavedKept: 0, earlierLost: 0 };
let running = await launchOnProfile(profile);
try {
  await openSampleAsNamedReviewer(running.page, url);
  for (let cycle = 1; cycle <= cycles; cycle++) {
    const { page } = running;
    await page.getByTestId('tab-claims').click();
    const originals = await originalsKept(page);
    const claims = await page.locator('[data-testid^="cut-amount-"]').evaluateAll((elements) => elements.map((element) => element.getAttribute('data-testid').slice('cut-amount-'.length)));
    const claim = claims[Math.floor(Math.random() * claims.length)];
    const amount = `${100 + Math.floor(Math.random() * 900)}.${String(Math.floor(Math.random() * 100)).padStart(2, '0')}`;
    const delay = Math.floor(Math.random() * 1500);
    await page.getByTestId(`cut-amount-${claim}`).fill(amount);
    await page.evaluate(() => {
      const element = document.querySelector('[data-testid="save-state"]');
      globalThis.saveLog = [];
      globalThis.saveObserver?.disconnect();
      globalThis.saveObserver = new MutationObserver(() => globalThis.saveLog.push([performance.now(), element.getAttribute('data-state')]));
      globalThis.saveObserver.observe(element, { attributes: true, attributeFilter: ['data-state'] });
      globalThis.enteredAt = performance.now();
    });
    await page.getByTestId(`cut-amount-${claim}`).press('Enter');
    await new Promise((resolve) => setTimeout(resolve, delay));
    const log = await page.evaluate(() => globalThis.saveLog.map(([at, state]) => [Math.round(at - globalThis.enteredAt), state]));
    const saving = log.findIndex(([, state]) => state === 'saving');
    const saved = saving >= 0 ? log.slice(saving).find(([, state]) => state === 'saved') : undefined;
    const savedAt = saved ? saved[0] : null;
    await killHard(running);
    running = null;
    const storeDeleted = cycle % 3 === 0;
    if (storeDeleted) for (const folder of folders(profile, 'IndexedDB')) rmSync(folder, { recursive: true, force: true });
    running = await launchOnProfile(profile);
    const notices = await openAfterStart(running.page);
    await running.page.getByTestId('tab-claims').click();
    await running.page.getByTestId(`cut-amount-${claim}`).waitFor({ timeout: 60_000 });
    const now = await running.page.getByTestId(`cut-amount-${claim}`).inputValue();
    const kept = now === amount;
    if (savedAt !== null && !kept) totals.savedLost++;
    if (savedAt === null) totals[kept ? 'unsavedKept' : 'unsavedLost']++;
    const earlierLost = [];
    for (const [earlierClaim, earlierAmount] of keptEdits) {
      if (earlierClaim === claim) continue;
      const value = await running.page.getByTestId(`cut-amount-${earlierClaim}`).inputValue().catch(() => '?');
      if (value !== earlierAmount) earlierLost.push(`${earlierClaim}: ${value} instead of ${earlierAmount}`);
    }
    totals.earlierLost += earlierLost.length;
    if (kept) keptEdits.set(claim, amount);
    const integrity = await running.page.getByTestId('integrity-status').getAttribute('data-status').catch(() => null);
    console.log(JSON.stringify({ cycle, claim, amount, killedAfterMs: delay, savedAt, storeDeleted, originals, notices, now, kept, earlierLost, integrity }));
  }
} finally {
  if (running) await killHard(running).catch(() => undefined);
  rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
  server.close();
}
console.log(JSON.stringify({ cycles, ...totals }));
process.exit(totals.savedLost + totals.earlierLost > 0 ? 1 : 0);

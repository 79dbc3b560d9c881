// The store Chromium deletes after a crash, brought back from the mirror outside IndexedDB. Chromium
// deletes a profile's IndexedDB it finds corrupt on opening (about 1 start in 12 after a SIGKILL in the
// middle of writes, scripts/crash-probe.mjs); here the deletion is made every time: the browser is
// killed a moment after a confirmed cut, and the profile's IndexedDB folder is removed before the
// restart, as Chromium removes it. The origin private file system (the mirror) and local storage (the
// note that a store existed, the chain head kept outside the store) stay, as they do then. The app
// must restore the review (the cut is back, the audit chain verifies), say so in both languages, and
// name the files to import again; importing the sample again brings the originals back under the
// same dossier with the review kept.
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { type PersistentBrowser, killHard, launchOnProfile, mirroredState, openAfterKill, openFirstDossier, openSampleAsReviewer, RESTORED_NOTICE } from './persistent-browser';

const profile = mkdtempSync(join(tmpdir(), 'restore-profile-'));
const CLAIM = 'R0001';
const SCREENSHOTS = join(process.cwd(), 'out', 'screenshots');

/** The profile's IndexedDB folders (Default/IndexedDB, wherever this Chromium puts it). */
function indexedDbFolders(folder: string, depth = 0): string[] {
  if (depth > 3) return [];
  return readdirSync(folder, { withFileTypes: true }).filter((entry) => entry.isDirectory()).flatMap((entry) =>
    entry.name === 'IndexedDB' ? [join(folder, entry.name)] : indexedDbFolders(join(folder, entry.name), depth + 1));
}

describe('a store the browser deleted comes back from the mirror, with every confirmed edit', () => {
  let running: PersistentBrowser | null = null;
  afterAll(async () => {
    if (running) await killHard(running).catch(() => undefined);
    rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
  });

  it('is killed a moment after a confirmed cut, once the cut is in the mirror', async () => {
    running = await launchOnProfile(profile);
    const { page } = running;
    await openSampleAsReviewer(page, inject('baseUrl'));
    await page.getByTestId(`cut-amount-${CLAIM}`).fill('1000.00');
    await page.getByTestId(`cut-amount-${CLAIM}`).press('Enter');
    await expect.poll(() => page.getByTestId('total-cut').textContent(), { timeout: 60_000 }).toBe('¥1,000.00');
    // The mirror follows the stored edit within a second (written after the commit, off the edit path).
    const confirmedAt = Date.now();
    await expect.poll(() => mirroredState(page), { timeout: 30_000, interval: 100 }).toContain('"amount":"1000.00"');
    console.info(`the cut reached the mirror ${Date.now() - confirmedAt} ms after it showed as stored`);
    await killHard(running);
    running = null;
    // What Chromium does with a profile's IndexedDB it finds corrupt: deleted whole.
    const deleted = indexedDbFolders(profile);
    console.info(`deleting ${deleted.join(', ')}`);
    expect(deleted.length).toBeGreaterThan(0);
    for (const folder of deleted) rmSync(folder, { recursive: true, force: true });
  }, 240_000);

  it('started again, restores the review, says so in both languages and names the files to import again', async () => {
    running = await launchOnProfile(profile);
    const { page } = running;
    expect(await openAfterKill(page, inject('baseUrl'), '[data-testid="document-tree"]')).toBe('restored');
    const notice = page.locator(RESTORED_NOTICE);
    expect(await notice.getAttribute('data-code')).toBe('startup.restoredFilesMissing');
    expect(await notice.textContent()).toMatch(/1 个卷宗.*条审计记录.*个原始文件（第一个为 .+）已不在本机：请重新导入该卷宗的文件/);
    // The reviewer's profile came back with the store: the top bar names the reviewer without a reload.
    await expect.poll(() => page.getByTestId('reviewer-profile').textContent(), { timeout: 30_000 }).toContain('周审计');
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOTS, 'restore-notice-zh-CN.png') });
    await page.getByTestId('language').selectOption('en');
    await expect.poll(() => notice.textContent(), { timeout: 30_000 }).toMatch(/restored from the copy kept outside it: 1 dossier .* audit entries\..* original files are no longer here/);
    await page.screenshot({ path: join(SCREENSHOTS, 'restore-notice-en.png') });
    await page.getByTestId('language').selectOption('zh-CN');
    await openFirstDossier(page);
    await page.getByTestId('tab-claims').click();
    await expect.poll(() => page.getByTestId(`cut-amount-${CLAIM}`).inputValue(), { timeout: 30_000 }).toBe('1000.00');
    expect(await page.getByTestId('total-cut').textContent()).toBe('¥1,000.00');
    // The restored log verifies, up to the head kept outside the store.
    await expect.poll(() => page.getByTestId('integrity-status').getAttribute('data-status'), { timeout: 60_000 }).toBe('ok');
  }, 240_000);
});

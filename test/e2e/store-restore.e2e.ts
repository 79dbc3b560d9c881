// The store Chromium deletes after a crash, brought back from the mirror outside IndexedDB. Chromium
// deletes a profile's IndexedDB it finds corrupt on opening (about 1 start in 12 after a SIGKILL in the
// middle of writes, scripts/crash-probe.mjs); here the deletion is made every time: the browser is
// killed a moment after a confirmed cut, and the profile's IndexedDB folder is removed before the
// restart, as Chromium removes it. The origin private file system (the mirror) and local storage (the
// note that a store existed, the chain head kept outside the store) stay, as they do then. The app
// must restore the review (the cut is back, the audit chain verifies) and the originals kept outside
// IndexedDB with it (each checked against its SHA-256), say so in both languages, and open an
// evidence page without the files being imported again.
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { type PersistentBrowser, killAndLoseTheStore, launchOnProfile, mirroredState, openAfterKill, openFirstDossier, openSampleAsReviewer, RESTORED_NOTICE, closeProfile } from './persistent-browser';

const profile = mkdtempSync(join(tmpdir(), 'restore-profile-'));
const CLAIM = 'R0001';
const APPLICATION = '申报材料/01-申请书.pdf';
const SCREENSHOTS = join(process.cwd(), 'out', 'screenshots');

describe('a store the browser deleted comes back from the mirror, with every confirmed edit', () => {
  let running: PersistentBrowser | null = null;
  afterAll(async () => {
    await closeProfile(running, profile);
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
    // The originals are kept outside IndexedDB too, in the background after the import; what Chromium
    // does with a profile's IndexedDB it finds corrupt: deleted whole.
    await killAndLoseTheStore(running, profile);
    running = null;
  }, 240_000);

  it('started again, restores the review and the originals, says so in both languages, and opens an evidence page with no import', async () => {
    running = await launchOnProfile(profile);
    const { page } = running;
    expect(await openAfterKill(page, inject('baseUrl'), '[data-testid="document-tree"]')).toBe('restored');
    const notice = page.locator(RESTORED_NOTICE);
    expect(await notice.getAttribute('data-code')).toBe('startup.restored');
    expect(await notice.textContent()).toMatch(/1 个卷宗.*条审计记录；已确认的审查内容.*全部恢复，审计链校验通过。×?$/);
    // The reviewer's profile came back with the store: the top bar names the reviewer without a reload.
    await expect.poll(() => page.getByTestId('reviewer-profile').textContent(), { timeout: 30_000 }).toContain('周审计');
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOTS, 'restore-notice-zh-CN.png') });
    await page.getByTestId('language').selectOption('en');
    await expect.poll(() => notice.textContent(), { timeout: 30_000 }).toMatch(/restored from the copy kept outside it: 1 dossier .* audit entries\..*the audit chain verifies\.×?$/);
    await page.screenshot({ path: join(SCREENSHOTS, 'restore-notice-en.png') });
    await page.getByTestId('language').selectOption('zh-CN');
    await openFirstDossier(page);
    await page.getByTestId('tab-claims').click();
    await expect.poll(() => page.getByTestId(`cut-amount-${CLAIM}`).inputValue(), { timeout: 30_000 }).toBe('1000.00');
    expect(await page.getByTestId('total-cut').textContent()).toBe('¥1,000.00');
    // The restored log verifies, up to the head kept outside the store.
    await expect.poll(() => page.getByTestId('integrity-status').getAttribute('data-status'), { timeout: 60_000 }).toBe('ok');
    // The evidence opens from the originals put back: a page of the application renders, nothing imported again.
    await page.getByTestId(`doc-${APPLICATION}`).click();
    await page.waitForSelector(`.viewer[data-file="${APPLICATION}"] [data-testid="pdf-page-1"][data-state="done"]`, { timeout: 60_000 });
    expect(await page.locator('[data-testid="dossier-list"] [data-testid^="dossier-"]').count()).toBe(1);
  }, 240_000);
});

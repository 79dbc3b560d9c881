// The UI state through SIGKILLs (#20: kept in localStorage, it was lost in 5 of 14 crashes, Chromium
// writing localStorage to disk seconds later). Chromium on a persistent profile, killed with SIGKILL
// three times, each time a moment after the reviewer switched the language and the tab: as soon as the
// change is committed to the UI state database (strict durability, asked to commit at once), the kill
// comes; started again on the same profile, the app comes back in that language on that tab.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { generateAuditDossier } from '../fixtures/audit-dossier';
import { zipFolder } from '../fixtures/files-on-disk';
import { type PersistentBrowser, committedUiState, killHard, launchOnProfile, openAfterKill, closeProfile } from './persistent-browser';

const profile = mkdtempSync(join(tmpdir(), 'ui-state-kill-profile-'));
const scratch = mkdtempSync(join(tmpdir(), 'ui-state-kill-'));
const zipPath = join(scratch, 'dossier.zip');

/** What each round switches to just before its kill: the language and the tab both change every time. */
const ROUNDS = [
  { language: 'en', tab: 'reconcile' },
  { language: 'zh-CN', tab: 'log' },
  { language: 'en', tab: 'checks' },
] as const;

describe('the UI state through SIGKILLs of the browser', () => {
  let running: PersistentBrowser | null = null;
  beforeAll(async () => {
    await generateAuditDossier(join(scratch, 'dossier'), { seed: 'e2e-ui-state-kill', rows: 8, program: 'shenzhen-2024-dsp', scannedReceipts: 0 });
    writeFileSync(zipPath, zipFolder(join(scratch, 'dossier'), 'dossier'));
  }, 120_000);
  afterAll(async () => {
    await closeProfile(running, profile);
    rmSync(scratch, { recursive: true, force: true });
  });

  it('comes back in the language and on the tab switched to a moment before each kill', async () => {
    running = await launchOnProfile(profile);
    let { page } = running;
    await page.goto(inject('baseUrl'));
    const chooser = page.waitForEvent('filechooser');
    await page.getByTestId('import-dossier').click();
    await (await chooser).setFiles(zipPath);
    await page.getByTestId('document-tree').waitFor({ timeout: 120_000 });
    for (const [index, round] of ROUNDS.entries()) {
      await page.getByTestId('language').selectOption(round.language);
      await page.getByTestId(`tab-${round.tab}`).click();
      const changedAt = Date.now();
      await expect.poll(async () => {
        const state = await committedUiState(page);
        return [state?.language, state?.activeTab];
      }, { timeout: 30_000, interval: 20 }).toEqual([round.language, round.tab]);
      console.info(`round ${index + 1}: the change was on disk ${Date.now() - changedAt} ms after the click; killed now`);
      await killHard(running);
      running = await launchOnProfile(profile);
      ({ page } = running);
      // Chromium sometimes deletes the IndexedDB it finds corrupt after a kill (openAfterKill): the
      // app says so; what it kept is gone with it, the UI state too, and the rounds cannot go on.
      if (await openAfterKill(page, inject('baseUrl'), '[data-testid="document-tree"]') !== 'ready') return;
      // The workspace shows once the kept UI state is read: the language menu shows Chinese before that too.
      expect(await page.getByTestId('language').inputValue()).toBe(round.language);
      await expect.poll(() => page.getByTestId(`tab-${round.tab}`).getAttribute('aria-selected'), { timeout: 30_000 }).toBe('true');
      expect(await page.getByTestId('app-notice').count()).toBe(0);
    }
  }, 600_000);
});

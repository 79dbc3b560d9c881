// An edit made in the first moments after a start is mirrored at once (#20). When the store holds the
// whole mirror at a start, the mirror's full check (seconds for a 10,000-row dossier) waits until the
// dossier is shown and the browser is idle; an edit made before the check ends must not wait for it to
// reach the mirror outside IndexedDB, or a kill that makes Chromium delete the store loses it. Here the
// check is held back for good (the second start's page never gets an idle callback, which the check
// waits for), a cut is made, and the browser is killed once the cut is in the mirror; the profile's
// IndexedDB folder is removed before the restart, as Chromium removes one it finds corrupt. The cut
// must come back.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { type PersistentBrowser, closeProfile, killAndLoseTheStore, killHard, launchOnProfile, mirroredState, openAfterKill, openFirstDossier, openSampleAsReviewer, originalsKept, sideFileText } from './persistent-browser';

const profile = mkdtempSync(join(tmpdir(), 'mirror-before-check-profile-'));
const CLAIM = 'R0001';

describe('an edit made before the start has checked the mirror reaches the mirror at once', () => {
  let running: PersistentBrowser | null = null;
  let dossierId = '';
  afterAll(async () => {
    await closeProfile(running, profile);
  });

  it('first start: the sample imported, a cut made and mirrored, the originals kept', async () => {
    running = await launchOnProfile(profile);
    const { page } = running;
    await openSampleAsReviewer(page, inject('baseUrl'));
    await page.getByTestId(`cut-amount-${CLAIM}`).fill('1000.00');
    await page.getByTestId(`cut-amount-${CLAIM}`).press('Enter');
    await expect.poll(() => mirroredState(page), { timeout: 60_000, interval: 100 }).toContain('"amount":"1000.00"');
    dossierId = (JSON.parse((await mirroredState(page))!) as { dossierId: string }).dossierId;
    await expect.poll(async () => {
      const { kept, stored } = await originalsKept(page);
      return stored > 0 && kept === stored;
    }, { timeout: 120_000, interval: 250 }).toBe(true);
    // Quiet: nothing is being written when it is killed (the store stays, and the next start finds the mirror held whole).
    await page.waitForTimeout(2_000);
    await killHard(running);
    running = null;
  }, 240_000);

  it('second start, the check held back: a cut is in the mirror within seconds, and comes back after a kill that deleted the store', async () => {
    running = await launchOnProfile(profile);
    const { page } = running;
    // The check of the mirror waits for the browser to be idle after the dossier is shown: never, here.
    await page.addInitScript(() => {
      window.requestIdleCallback = () => 0;
    });
    expect(await openAfterKill(page, inject('baseUrl'), '[data-testid="document-tree"]')).toBe('ready');
    await page.getByTestId('tab-claims').click();
    await page.getByTestId(`cut-amount-${CLAIM}`).fill('2000.00');
    await page.getByTestId(`cut-amount-${CLAIM}`).press('Enter');
    await expect.poll(() => page.getByTestId('total-cut').textContent(), { timeout: 60_000 }).toBe('¥2,000.00');
    const storedAt = Date.now();
    await expect.poll(() => mirroredState(page), { timeout: 10_000, interval: 50 }).toContain('"amount":"2000.00"');
    console.info(`the cut reached the mirror ${Date.now() - storedAt} ms after it showed as stored, the check not yet run`);
    // The check has not run: the state the start found is still kept for it.
    expect(await sideFileText(page, `mirror-${dossierId}.state-found.json`)).toContain('"amount":"1000.00"');
    await killAndLoseTheStore(running, profile);
    running = null;

    running = await launchOnProfile(profile);
    const restarted = running.page;
    expect(await openAfterKill(restarted, inject('baseUrl'), '[data-testid="document-tree"]')).toBe('restored');
    await openFirstDossier(restarted);
    await restarted.getByTestId('tab-claims').click();
    await expect.poll(() => restarted.getByTestId(`cut-amount-${CLAIM}`).inputValue(), { timeout: 30_000 }).toBe('2000.00');
    await expect.poll(() => restarted.getByTestId('integrity-status').getAttribute('data-status'), { timeout: 60_000 }).toBe('ok');
  }, 300_000);
});

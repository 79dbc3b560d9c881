// Two tabs on one dossier in the same Chromium profile: what one stores, the other shows at once; an
// edit the other tab began before that change (a draft typed on the older review) is refused with a
// notice instead of silently overwriting it; and the other tab's export carries what is stored, which
// `verify` (the CLI, in process) finds intact.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src-main/cli/main';
import { parseDossierPackage } from '../../src-renderer/core/export/package';
import { openSession, type E2eSession } from './browser';
import { nameTheReviewer } from './reviewer';

const CLAIM = 'R0001';
const work = mkdtempSync(join(tmpdir(), 'two-windows-'));

async function storeCut(page: Page, amount: string) {
  await page.getByTestId(`cut-amount-${CLAIM}`).fill(amount);
  await page.getByTestId(`cut-amount-${CLAIM}`).press('Enter');
}

/** Cancels the background reading (OCR) of the sample's scans: this test is about edits, and two tabs reading at once only load the machine. */
async function stopReading(page: Page) {
  const progress = page.locator('[data-testid="ocr-progress"][data-kind="ocr"]');
  if (await progress.waitFor({ timeout: 30_000 }).then(() => true, () => false)) await progress.getByRole('button').click().catch(() => undefined);
}

describe('two tabs on one dossier', () => {
  let session: E2eSession;
  let tabA: Page;
  let tabB: Page;
  beforeAll(async () => {
    session = await openSession();
  });
  afterAll(async () => {
    await session?.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('opens the sample in tab A and the same dossier in tab B', async () => {
    tabA = session.page;
    await tabA.goto(session.baseUrl);
    await tabA.getByTestId('open-sample').click();
    await tabA.getByTestId('document-tree').waitFor({ timeout: 60_000 });
    await tabA.getByTestId('tab-claims').click();
    await stopReading(tabA);
    await expect.poll(() => tabA.getByTestId('integrity-status').getAttribute('data-status'), { timeout: 30_000 }).toBe('ok');
    // The reviewer profile is the store's: named in tab A, tab B opens under the same name.
    await nameTheReviewer(tabA, { name: '周审计', organisation: '深圳市某会计师事务所' });
    tabB = await session.context.newPage();
    await tabB.goto(session.baseUrl);
    await tabB.getByTestId(`cut-amount-${CLAIM}`).waitFor({ timeout: 60_000 });
    await stopReading(tabB);
  });

  it('shows in tab A at once the cut tab B stored', async () => {
    await storeCut(tabB, '200.00');
    await expect.poll(() => tabB.getByTestId('total-cut').textContent(), { timeout: 15_000 }).toBe('¥200.00');
    await expect.poll(() => tabA.getByTestId(`cut-amount-${CLAIM}`).inputValue(), { timeout: 30_000 }).toBe('200.00');
    expect(await tabA.getByTestId('total-cut').textContent()).toBe('¥200.00');
    await expect.poll(() => tabA.getByTestId('app-notice').textContent(), { timeout: 30_000 }).toMatch(/已载入另一个窗口保存的修改（审计日志第 2 条）/);
  });

  it("refuses tab A's edit begun on the older review, with a notice, and keeps what tab B stored", async () => {
    await tabA.getByTestId(`cut-amount-${CLAIM}`).fill('300.00');
    await storeCut(tabB, '250.00');
    await expect.poll(() => tabA.getByTestId('total-cut').textContent(), { timeout: 30_000 }).toBe('¥250.00');
    expect(await tabA.getByTestId(`cut-amount-${CLAIM}`).inputValue()).toBe('300.00');
    await tabA.getByTestId(`cut-amount-${CLAIM}`).press('Enter');
    await expect.poll(() => tabA.getByTestId('app-notice').textContent(), { timeout: 60_000 })
      .toMatch(/未保存：另一个窗口已修改本卷宗（审计日志已到第 3 条，您的修改基于第 2 条）/);
    await tabA.screenshot({ path: '/tmp/two-windows-stale-zh.png' });
    await expect.poll(() => tabA.getByTestId('total-cut').textContent(), { timeout: 30_000 }).toBe('¥250.00');
    await expect.poll(() => tabB.getByTestId('total-cut').textContent(), { timeout: 30_000 }).toBe('¥250.00');
    await tabA.getByTestId('language').selectOption('en');
    await expect.poll(() => tabA.getByTestId('app-notice').textContent(), { timeout: 30_000 })
      .toMatch(/Not stored: this dossier was changed in another window \(the audit log is at entry 3; your change was made on entry 2\)/);
    await tabA.screenshot({ path: '/tmp/two-windows-stale-en.png' });
    await tabA.getByTestId('language').selectOption('zh-CN');
    await storeCut(tabB, '200.00');
    await expect.poll(() => tabA.getByTestId('total-cut').textContent(), { timeout: 30_000 }).toBe('¥200.00');
  }, 240_000);

  it("exports from tab A what is stored (200), and verify finds the package intact", async () => {
    const [file] = await Promise.all([
      tabA.waitForEvent('download', { timeout: 180_000 }).catch(async (error: unknown) => {
        throw new Error(`no download: ${String(error)}; alerts: ${(await tabA.getByRole('alert').allTextContents()).join(' | ')}`);
      }),
      tabA.getByTestId('export-json').click({ timeout: 120_000 }),
    ]) as [Download, void];
    const text = readFileSync(await file.path(), 'utf8');
    const parsed = parseDossierPackage(text);
    if (!('pkg' in parsed)) throw new Error(parsed.problem);
    const dossier = parsed.pkg.dossiers[0]!;
    expect(dossier.summary.report.cutFen).toBe(20_000);
    expect(dossier.reviews[0]!.cuts).toEqual([expect.objectContaining({ claimId: CLAIM, amount: '200.00' })]);
    expect(dossier.auditLog.filter((entry) => entry.action === 'cut.set').map((entry) => (entry.after as { amount: string }).amount)).toEqual(['200.00', '250.00', '200.00']);
    writeFileSync(join(work, 'package.json'), text);
    let stdout = '';
    const code = await runCli(['verify', 'package.json'], { stdout: (chunk) => (stdout += chunk), stderr: (chunk) => (stdout += chunk), cwd: work });
    expect(stdout).not.toMatch(/FAIL|broken|mismatch/i);
    expect(code).toBe(0);
    expect(session.outsideRequests).toEqual([]);
  }, 240_000);
});

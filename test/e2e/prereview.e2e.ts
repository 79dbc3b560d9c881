// The formal pre-review in the web app: a voucher dossier whose files are named scan0001… (text
// PDFs and scans) is imported; the 形式预审 tab places every file in its material item by content,
// lists the missing item with its clause in the supplement notice, opens a file's page on click,
// prints the 补正通知 as a PDF; the reviewer moves a file to another item, the view and the notice
// follow at once, the log says so in a sentence and the integrity check stays green. Screenshots of
// the view in both languages at 1440x900 and 1280x720 go to /tmp/prereview-*.png.
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Download } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writePrereviewDossiers, type PrereviewDossier } from '../fixtures/prereview/dossiers';
import { zipFolder } from '../fixtures/files-on-disk';
import { openSession, type E2eSession } from './browser';

let scratch = '';
let dossier: PrereviewDossier;
let zip: Buffer;

describe('the formal pre-review in the app', () => {
  let session: E2eSession;
  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'dossier-desk-prereview-e2e-'));
    dossier = (await writePrereviewDossiers(join(scratch, 'dossiers'))).find((entry) => entry.folder.endsWith('shanxi-voucher'))!;
    zip = zipFolder(dossier.folder);
    session = await openSession();
  });
  afterAll(async () => {
    await session?.close();
    await rm(scratch, { recursive: true, force: true });
  });

  it('places every scan0001… file in its item by content and lists the missing item in the notice', async () => {
    const { page } = session;
    await page.goto(session.baseUrl);
    const chooser = page.waitForEvent('filechooser');
    await page.getByTestId('import-dossier').click();
    await (await chooser).setFiles([{ name: 'shanxi-voucher.zip', mimeType: 'application/zip', buffer: zip }]);
    await page.getByTestId('document-tree').waitFor({ timeout: 120_000 });
    await page.getByTestId('tab-prereview').click();
    await page.getByTestId('prereview-panel').waitFor();
    await page.waitForFunction(() => !document.querySelector('[data-testid="prereview-reading"]'), null, { timeout: 300_000 });
    for (const [file, material] of Object.entries(dossier.placements)) {
      expect(await page.getByTestId(`prereview-item-${material}`).getByTestId(`prereview-file-${file}`).count(), `${file} in ${material}`).toBe(1);
    }
    expect(await page.getByTestId('prereview-notice').locator('li').count()).toBe(1);
    expect(await page.getByTestId('prereview-notice-no-affiliation-commitment').textContent()).toContain('四(四)6');
    expect(await page.getByTestId('prereview-item-no-affiliation-commitment').getAttribute('data-status')).toBe('missing');
    // The manifest lists the contract as an invoice: said on the file's line.
    expect(await page.getByTestId(`prereview-kind-mismatch-${dossier.kindMismatches[0]}`).textContent()).toContain('清单登记的类别为“发票”');
    // A click on a file opens it in the viewer.
    await page.getByTestId('prereview-file-scan0005.pdf').getByRole('button', { name: /scan0005\.pdf/ }).click();
    await expect.poll(() => page.locator('main.viewer-column').getAttribute('aria-label')).toContain('scan0005.pdf');
    for (const viewport of [{ width: 1440, height: 900 }, { width: 1280, height: 720 }]) {
      await page.setViewportSize(viewport);
      for (const language of ['zh-CN', 'en'] as const) {
        await page.getByTestId('language').selectOption(language);
        await page.waitForTimeout(300);
        await page.screenshot({ path: `/tmp/prereview-${viewport.width}x${viewport.height}-${language === 'en' ? 'en' : 'zh'}.png` });
      }
    }
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.getByTestId('language').selectOption('zh-CN');
  });

  it('prints the 补正通知 as a PDF', async () => {
    const { page } = session;
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.getByTestId('prereview-print-notice').click()]) as [Download, void];
    expect(download.suggestedFilename()).toMatch(/^补正通知-运城市晋南新材料科技有限公司-\d{8}-\d{4}\.pdf$/);
    expect(readFileSync(await download.path()).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('moves a file to another item: the view, the notice, the log and the integrity check follow', async () => {
    const { page } = session;
    const move = page.getByTestId('prereview-move-scan0007.pdf');
    const target = await move.locator('option').evaluateAll((options) => options.map((option) => (option as HTMLOptionElement).value).find((value) => value.startsWith('no-affiliation-commitment|'))!);
    await move.selectOption(target);
    await expect.poll(() => page.getByTestId('prereview-item-no-affiliation-commitment').getAttribute('data-status')).toBe('present');
    expect(await page.getByTestId('prereview-item-qualification-proof').getAttribute('data-status')).toBe('missing');
    expect(await page.getByTestId('prereview-notice-no-affiliation-commitment').count()).toBe(0);
    expect(await page.getByTestId('prereview-notice-qualification-proof').textContent()).toContain('四(四)5');
    expect(await page.getByTestId('prereview-item-no-affiliation-commitment').getByText('审查员改正').count()).toBe(1);
    await page.screenshot({ path: '/tmp/prereview-1440x900-zh-corrected.png' });
    await expect.poll(() => page.getByTestId('integrity-status').getAttribute('data-status'), { timeout: 30_000 }).toBe('ok');
    await page.getByTestId('tab-log').click();
    await expect.poll(() => page.locator('#tabpanel-log').textContent()).toContain('将文件 scan0007.pdf 归入的申报材料：“创新型中小企业');
    await page.getByTestId('tab-prereview').click();
    await page.getByTestId('prereview-restore-scan0007.pdf').click();
    await expect.poll(() => page.getByTestId('prereview-item-no-affiliation-commitment').getAttribute('data-status')).toBe('missing');
    await expect.poll(() => page.getByTestId('integrity-status').getAttribute('data-status'), { timeout: 30_000 }).toBe('ok');
  });
});

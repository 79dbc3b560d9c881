// npm run screenshots: every screen of the workstation as a reviewer sees it, in both languages, at
// 1440x900 and 1280x720, written to out/screenshots/ (Debian's Chromium; web mode on 127.0.0.1).
// Opens the bundled sample, waits for reading to finish, then visits the first-launch screen, every
// review tab, the shortcut legend, the panel, import-report, reviewer and plan dialogs. SCREENSHOT_VIEWPORTS=1440x900 for one size.
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { buildWeb } from './build-web.mjs';
import { serveStatic } from './serve.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'out/screenshots');
const viewports = (process.env.SCREENSHOT_VIEWPORTS ?? '1440x900,1280x720').split(',').map((size) => {
  const [width, height] = size.split('x').map(Number);
  return { width, height, name: size };
});

mkdirSync(outDir, { recursive: true });
const webDir = process.env.E2E_SKIP_BUILD ? resolve(root, process.env.WEB_OUT_DIR ?? 'out/web') : await buildWeb({ quiet: true });
const { server, url } = await serveStatic(webDir, 0);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync'],
});
const written = [];
try {
  for (const viewport of viewports) {
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: viewport.width, height: viewport.height } });
    await context.route((target) => !String(target).startsWith(url), (route) => route.abort('blockedbyclient'));
    const page = await context.newPage();
    const shot = async (name) => {
      const file = join(outDir, `${viewport.name}-${name}.png`);
      await page.screenshot({ path: file });
      written.push(file);
    };
    await page.goto(url);
    await page.getByTestId('open-sample').waitFor();
    await shot('zh-first-launch');
    await page.getByTestId('open-sample').click();
    await page.getByTestId('document-tree').waitFor({ timeout: 60_000 });
    await page.waitForFunction(() => !globalThis.document.querySelector('[data-testid="ocr-progress"]'), null, { timeout: 240_000 }).catch(() => undefined);
    for (const language of ['zh-CN', 'en']) {
      const tag = language === 'en' ? 'en' : 'zh';
      await page.getByTestId('language').selectOption(language);
      const tabs = await page.locator('[data-testid^="tab-"]').evaluateAll((elements) => elements.map((element) => element.getAttribute('data-testid')));
      for (const tab of tabs) {
        await page.getByTestId(tab).click();
        await page.waitForTimeout(400);
        await shot(`${tag}-${tab}`);
      }
      await page.keyboard.press('?');
      await page.waitForTimeout(200);
      await shot(`${tag}-shortcuts`);
      await page.keyboard.press('Escape');
      if (await page.getByTestId('open-panel').count()) {
        await page.getByTestId('open-panel').click();
        await page.waitForTimeout(400);
        await shot(`${tag}-panel-dialog`);
        await page.keyboard.press('Escape');
      }
      await page.getByTestId('open-import-report').click();
      await page.getByTestId('import-report').waitFor();
      await shot(`${tag}-import-report`);
      await page.getByTestId('import-report-close').click();
      await page.getByTestId('reviewer-profile').click();
      await page.getByTestId('reviewer-dialog').waitFor();
      await shot(`${tag}-reviewer-dialog`);
      await page.keyboard.press('Escape');
      await page.getByTestId('open-plan').click();
      await page.getByTestId('plan-budget').fill('1000000.00');
      await page.getByTestId('plan-table').waitFor({ timeout: 60_000 });
      await page.waitForTimeout(300);
      await shot(`${tag}-plan`);
      await page.keyboard.press('Escape');
    }
    await context.close();
  }
} finally {
  await browser.close();
  server.close();
}
for (const file of written) console.log(file);

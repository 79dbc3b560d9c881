// Viewer and ledger speed in Chromium against the web build, as JSON lines:
// - the first page of a 100-page PDF on screen after it is opened (goal < 300 ms);
// - the longest main-thread block while scrolling through it (goal: input never blocked > 100 ms);
// - a cut committed with Enter to the gauge's new ratio (goal: within one frame).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { writePdf } from '../fixtures/pdf-writer';
// @ts-expect-error plain ESM script without types
import { buildWeb } from '../../scripts/build-web.mjs';
// @ts-expect-error plain ESM script without types
import { serveStatic } from '../../scripts/serve.mjs';
import { isLocal } from '../e2e/browser';

const BENCH = 'viewer';
const PAGES = 100;
const RUNS = 5;

function emit(metric: string, value: number, unit: string, extra: Record<string, unknown> = {}) {
  console.log(JSON.stringify({ bench: BENCH, metric, value: Math.round(value * 10) / 10, unit, ...extra }));
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function hundredPagePdf(): Promise<Buffer> {
  return writePdf((doc) => {
    for (let page = 1; page <= PAGES; page++) {
      if (page > 1) doc.addPage();
      doc.fontSize(16).text(`合同关键页 第 ${page} 页`, 72, 72);
      doc.fontSize(10);
      for (let line = 0; line < 40; line++) doc.text(`第 ${line + 1} 行：甲方深圳市智联数字服务有限公司，乙方服务商，金额人民币 ${(page * 1000 + line).toLocaleString('en')}.00 元。`, 72, 110 + line * 16);
    }
  });
}

async function main() {
  const outDir: string = process.env.BENCH_SKIP_BUILD ? 'out/web' : await buildWeb({ quiet: true });
  const { server, url } = (await serveStatic(outDir, 0)) as { server: import('node:http').Server; url: string };
  const folder = mkdtempSync(join(tmpdir(), 'viewer-bench-'));
  const manifest = {
    schema: 'dossier-desk/dossier@1', program: 'shenzhen-2024-dsp',
    applicant: { name: '基准测试有限公司', category: 'comprehensive' },
    documents: [{ file: 'cover.pdf', kind: 'application' }, { file: 'contracts-100.pdf', kind: 'contract' }],
    claims: Array.from({ length: 20 }, (_, i) => ({ id: `C${i + 1}`, description: `支出 ${i + 1}`, amount: '50000.00' })),
  };
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu'] });
  const outside: string[] = [];
  try {
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
    context.on('request', (request) => {
      if (!isLocal(request.url())) outside.push(request.url());
    });
    await context.route((target) => !isLocal(target.toString()), (route) => route.abort('blockedbyclient'));
    // tsx (esbuild keepNames) wraps named functions in __name(); functions sent to the page need it too.
    await context.addInitScript('globalThis.__name = (target) => target;');
    const page = await context.newPage();
    await page.goto(url);
    const chooser = page.waitForEvent('filechooser');
    await page.getByTestId('import-files').click();
    await (await chooser).setFiles([
      { name: 'dossier.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(manifest)) },
      { name: 'cover.pdf', mimeType: 'application/pdf', buffer: await writePdf((doc) => doc.fontSize(16).text('申报书封面', 72, 72)) },
      { name: 'contracts-100.pdf', mimeType: 'application/pdf', buffer: await hundredPagePdf() },
    ]);
    await page.getByTestId('document-tree').waitFor({ timeout: 60_000 });

    // First page after opening: from the click on the document to page 1 painted, starting each run
    // from another document so that the 100-page PDF is really opened again.
    const firstPage: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      await page.getByTestId('doc-cover.pdf').click();
      await page.waitForSelector('.viewer[data-file="cover.pdf"] [data-testid="pdf-page-1"][data-state="done"]');
      firstPage.push(await page.evaluate(() => new Promise<number>((resolve, reject) => {
        const button = document.querySelector<HTMLButtonElement>('[data-testid="doc-contracts-100.pdf"]');
        if (!button) return reject(new Error('no document button'));
        const started = performance.now();
        button.click();
        const check = () => {
          if (document.querySelector('.viewer[data-file="contracts-100.pdf"] [data-testid="pdf-page-1"][data-state="done"]')) resolve(performance.now() - started);
          else requestAnimationFrame(check);
        };
        check();
      })));
    }
    emit('first-page-of-100-page-pdf', median(firstPage), 'ms', { runs: firstPage.map(Math.round), goal: '< 300' });

    if (process.env.BENCH_NO_THUMBNAILS) await page.getByRole('button', { name: '缩略图' }).click();
    // Scrolling: long tasks while wheeling through all pages.
    await page.evaluate(() => {
      const w = window as unknown as { __longTasks: number[] };
      w.__longTasks = [];
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) w.__longTasks.push(entry.duration);
      }).observe({ type: 'longtask', buffered: false });
    });
    await page.waitForSelector('.viewer[data-file="contracts-100.pdf"] [data-testid="pdf-page-1"][data-state="done"]');
    const scroller = page.locator('.page-scroller');
    const box = await scroller.boundingBox();
    if (!box) throw new Error('no scroller');
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    const scrollStart = Date.now();
    for (let step = 0; step < 160; step++) {
      await page.mouse.wheel(0, 700);
      await page.waitForTimeout(16);
    }
    const scrollSeconds = (Date.now() - scrollStart) / 1000;
    const reachedPage = Number(await page.getByTestId('go-to-page').inputValue());
    const longTasks = await page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks);
    emit('scroll-longest-main-thread-block', longTasks.length ? Math.max(...longTasks) : 0, 'ms', { longTasks: longTasks.length, reachedPage, seconds: Math.round(scrollSeconds * 10) / 10, goal: '< 100' });

    // A cut to the gauge: from the Enter key to the new data-ratio, counted in frames.
    await page.getByTestId('tab-claims').click();
    await page.getByTestId('cut-ratio').waitFor();
    const cutTimes: number[] = [];
    const cutFrames: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const input = page.getByTestId(`cut-amount-C${run + 1}`);
      await input.fill(`${1000 * (run + 1)}.00`);
      const result = await input.evaluate((element: HTMLInputElement) => new Promise<{ ms: number; frames: number }>((resolve) => {
        const gauge = document.querySelector('[data-testid="cut-ratio"]')!;
        const before = gauge.getAttribute('data-ratio');
        let frames = 0;
        const counting = () => {
          frames++;
          requestAnimationFrame(counting);
        };
        const started = performance.now();
        requestAnimationFrame(counting);
        const observer = new MutationObserver(() => {
          if (gauge.getAttribute('data-ratio') !== before) {
            observer.disconnect();
            resolve({ ms: performance.now() - started, frames });
          }
        });
        observer.observe(gauge, { attributes: true });
        element.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
      }));
      cutTimes.push(result.ms);
      cutFrames.push(result.frames);
    }
    emit('cut-to-gauge', median(cutTimes), 'ms', { runs: cutTimes.map((v) => Math.round(v * 10) / 10), framesElapsed: cutFrames, goal: 'within one frame (0 frames elapsed)' });
    emit('outside-requests', outside.length, 'count', { goal: '0' });
  } finally {
    await browser.close();
    await new Promise((resolve) => server.close(resolve));
    rmSync(folder, { recursive: true, force: true });
  }
}

await main();

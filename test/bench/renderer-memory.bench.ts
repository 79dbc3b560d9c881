// npm run bench -- renderer-memory [PAGES]: the memory of the app's renderer in Chromium while it
// reads a long scan by OCR (#20: "OCR of a 300-page scanned PDF grows renderer memory about 10 MB a
// page without levelling off"). The built web app on Debian's Chromium imports
// a generated image-only PDF of PAGES pages (default 12; 300 for the figure; 300 DPI, or 200 DPI
// where 300 would put the file over the import's 200 MB limit for one file); the resident
// memory of Chromium's processes is read from /proc every 250 ms. JSON lines:
// - window: per window of pages read (50, or a quarter of a short run), the peak RSS of the renderer
//   processes (the app's page, its Web Workers and their wasm OCR included) and of all the browser's
//   processes within the window, and the renderer's RSS at its end;
// - growth: the renderer's RSS per page from the end of the first window to the end of the last
//   (near 0 when nothing is held per page; the issue measured about 10 MB a page);
// - peak: the highest renderer RSS of the whole reading.
// BENCH_SKIP_BUILD=1 reuses WEB_OUT_DIR (default out/web).
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_PATH } from '../../scripts/persistent-chromium.mjs';
import { longImagePdf, scanOptionsFor } from '../fixtures/invoices/generate-invoices';
import { syntheticInvoice } from '../fixtures/invoices/invoice-data';
import { DEFAULT_IMPORT_LIMITS } from '../../src-renderer/core/import/limits';
// @ts-expect-error plain ESM script without types
import { buildWeb } from '../../scripts/build-web.mjs';
// @ts-expect-error plain ESM script without types
import { serveStatic } from '../../scripts/serve.mjs';

const BENCH = 'renderer-memory';
const pages = Math.max(1, Number(process.argv.slice(2).find((arg) => /^\d+$/.test(arg)) ?? 12));
const every = pages >= 100 ? 50 : Math.max(1, Math.ceil(pages / 4));
const FILE = 'long-scan.pdf';

function emit(metric: string, value: number, unit: string, extra: Record<string, unknown> = {}): void {
  console.log(JSON.stringify({ bench: BENCH, metric, value: Math.round(value * 10) / 10, unit, pages, ...extra }));
}

/** The fields of /proc/PID/stat after the command name: state, ppid, pgrp, ... */
function statFields(pid: string): string[] {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
}

/** The browser process Playwright started for this run: a child of this process, in a process group of its own. */
function browserGroup(): number {
  for (const pid of readdirSync('/proc').filter((entry) => /^\d+$/.test(entry))) {
    try {
      const [, parent, group] = statFields(pid);
      if (Number(parent) === process.pid && Number(group) === Number(pid) && /chromium/.test(readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')[0] ?? '')) return Number(pid);
    } catch {
      // The process ended between the listing and the read.
    }
  }
  throw new Error(`no Chromium process (${CHROMIUM_PATH}) started by this process`);
}

/**
 * Resident memory (MB) of Chromium's processes, the renderers apart: every process the browser starts
 * stays in its process group (renderers do not name the profile).
 */
function browserMemory(group: number): { rendererMb: number; totalMb: number } {
  let renderer = 0;
  let total = 0;
  for (const pid of readdirSync('/proc').filter((entry) => /^\d+$/.test(entry))) {
    try {
      if (Number(statFields(pid)[2]) !== group) continue;
      const rss = Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
      total += rss;
      if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('--type=renderer')) renderer += rss;
    } catch {
      // The process ended between the listing and the read.
    }
  }
  return { rendererMb: renderer, totalMb: total };
}

async function main(): Promise<void> {
  const folder = mkdtempSync(join(tmpdir(), 'renderer-memory-'));
  const scanPath = join(folder, FILE);
  const generated = Date.now();
  const invoices = Array.from({ length: Math.min(pages, 8) }, (_, index) => syntheticInvoice(700 + index));
  // At 300 DPI a page takes about 1.2 MB: a scan of more than about 160 pages would be over the import's
  // limit for one file and refused, so longer scans are made at 200 DPI (about 0.55 MB a page).
  const dpi = pages * 1.25 * 1024 * 1024 < DEFAULT_IMPORT_LIMITS.maxFileBytes ? 300 : 200;
  writeFileSync(scanPath, await longImagePdf(invoices, pages, { ...scanOptionsFor(2), seal: false, dpi }));
  const size = readFileSync(scanPath).byteLength;
  emit('pdf', size / 1024 / 1024, 'MB', { dpi, generatedSeconds: Math.round((Date.now() - generated) / 1000) });
  if (size > DEFAULT_IMPORT_LIMITS.maxFileBytes) {
    throw new Error(`${FILE}: ${pages} pages at ${dpi} DPI make ${Math.round(size / 1024 / 1024)} MB, over the import's limit of ${DEFAULT_IMPORT_LIMITS.maxFileBytes / 1024 / 1024} MB for one file; the app would refuse it and read nothing`);
  }

  const outDir: string = process.env.BENCH_SKIP_BUILD ? (process.env.WEB_OUT_DIR ?? 'out/web') : await buildWeb({ quiet: true });
  const { server, url } = (await serveStatic(outDir, 0)) as { server: import('node:http').Server; url: string };
  // Launched by Playwright (not over CDP), so that the file chooser takes the scan by path at once.
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
  const group = browserGroup();
  const loadBefore = loadavg()[0]!;
  try {
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
    await context.route((target) => !/^(http:\/\/127\.0\.0\.1|data:|blob:|about:)/.test(target.toString()), (route) => route.abort('blockedbyclient'));
    const page = await context.newPage();
    await page.goto(url);
    await page.getByTestId('import-files').waitFor({ timeout: 60_000 });
    const baseline = browserMemory(group);
    emit('baseline', baseline.rendererMb, 'MB renderer rss', { totalMb: Math.round(baseline.totalMb) });

    let window = { rendererMb: 0, totalMb: 0 };
    let peak = 0;
    const sampler = setInterval(() => {
      const now = browserMemory(group);
      window = { rendererMb: Math.max(window.rendererMb, now.rendererMb), totalMb: Math.max(window.totalMb, now.totalMb) };
      peak = Math.max(peak, now.rendererMb);
    }, 250);
    const windows: { pagesRead: number; rendererMb: number }[] = [];
    const started = Date.now();
    try {
      const chooser = page.waitForEvent('filechooser');
      await page.getByTestId('import-files').click();
      await (await chooser).setFiles(scanPath, { timeout: 300_000 });
      const progress = page.locator('[data-testid="ocr-progress"][data-kind="ocr"]');
      const state = page.getByTestId(`doc-${FILE}`).locator('.doc-state');
      let reported = 0;
      for (;;) {
        // Pages kept from an interrupted reading are counted only when there were some; the page being read always is.
        const read = Number(await progress.getAttribute('data-pages-read', { timeout: 1_000 }).catch(() => null)
          ?? await progress.getAttribute('data-page', { timeout: 1_000 }).then((page) => (page === null ? null : Number(page) - 1)).catch(() => null)
          ?? reported);
        const done = (await state.getAttribute('data-state', { timeout: 1_000 }).catch(() => null)) === 'ocr';
        const pagesRead = done ? pages : read;
        if (pagesRead >= reported + every || (done && pagesRead > reported)) {
          const end = browserMemory(group);
          windows.push({ pagesRead, rendererMb: end.rendererMb });
          emit('window', window.rendererMb, 'MB peak renderer rss', {
            pagesRead, peakTotalMb: Math.round(window.totalMb), rendererAtEndMb: Math.round(end.rendererMb),
            secondsPerPage: Math.round((Date.now() - started) / Math.max(1, pagesRead) / 100) / 10,
          });
          window = { rendererMb: 0, totalMb: 0 };
          reported = pagesRead;
        }
        if (done) break;
        if (Date.now() - started > Math.max(600_000, pages * 60_000)) throw new Error(`${FILE}: the OCR of ${pages} pages did not finish in time (${reported} read)`);
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    } finally {
      clearInterval(sampler);
    }
    const [first, last] = [windows[0], windows[windows.length - 1]];
    if (first && last && last.pagesRead > first.pagesRead) {
      emit('growth', (last.rendererMb - first.rendererMb) / (last.pagesRead - first.pagesRead), 'MB renderer rss per page', { fromPage: first.pagesRead, toPage: last.pagesRead });
    }
    emit('peak', peak, 'MB renderer rss', { loadBefore: Math.round(loadBefore * 10) / 10, loadAfter: Math.round(loadavg()[0]! * 10) / 10 });
  } finally {
    await browser.close().catch(() => undefined);
    server.close();
    rmSync(folder, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
  }
}

await main();

// npm run bench -- app-scale [N]: the web app in Chromium (the built web mode, playwright-core on
// /usr/bin/chromium) importing a generated audit dossier of N declared rows (an invoice per row, half
// 数电 XML and half text PDFs; bank receipts as text PDFs 50 to a file; a contract for every four
// rows, 10 to a file: the generator of `npm run bench -- scale`; one row with a contract missing and one
// invoice short, so that there are proposals to accept) delivered as one zip. JSON lines:
// - import: from the file chosen to the dossier's document tree complete (s), and the longest
//   main-thread task while it ran (PerformanceObserver longtask; goal: no freeze, < 100 ms);
// - reopen: from a reload to the document tree complete (goal < 3 s);
// - reopen-longest-main-thread-task: the longest task from the last reload to the tree complete;
// - reopen-main-thread: the window's main thread busy from each reload to the tree complete (Chromium's
//   TaskDuration, all its tasks, and ScriptDuration, the script in them; median and runs, in s): the
//   CPU time the reopen costs, which the load of a shared machine inflates less than the wall time;
// - cut-to-gauge: a cut on the last declared row, from its Enter to the gauge's new figures (goal < 100 ms);
// - cuts-evaluated, cuts-longest-main-thread-task: from the first cut until the whole evaluation has
//   followed the cuts (no report-pending notice), and the longest task meanwhile;
// - tab-switch: from a click on a tab to its panel shown (claims → reconcile → checks → reconcile, median),
//   and the longest task meanwhile;
// - accept-to-gauge: accepting a proposal in the reconciliation, from the click to the total cut moved,
//   accept-evaluated and accept-longest-main-thread-task: until the evaluation has followed it.
// N: APP_SCALE_ROWS or the first number argument (default 200, for CI; 10000 is the scale).
// The generated dossier is kept in the system's temporary folder for the next run of the same N.
// APP_SCALE_TRACE=FOLDER writes a Chromium trace of the second reopen (reopen.trace.json, for DevTools' Performance
// panel) and prints the window's main thread by trace event, own time (parse, compile, script, IndexedDB,
// style, layout, paint, collection). APP_SCALE_STOP_AFTER=reopen ends the run after the reopen (for work on the open path).
// BENCH_SKIP_BUILD=1 reuses WEB_OUT_DIR (default out/web). APP_SCALE_CPU_PROFILE=FOLDER writes Chromium's CPU
// profile of the import, the first reopen, the first cut and the evaluation that follows the cuts there (import,
// reopen, cut, cut-evaluation .cpuprofile, for DevTools) and prints
// the functions that took the most time of each on stderr (a build with `--minify false` names them).
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { auditDossierZip, importZipInto, treeReadyAt } from './audit-dossier-zip';
import { isLocal } from '../e2e/browser';
import { nameTheReviewer } from '../e2e/reviewer';
// @ts-expect-error plain ESM script without types
import { buildWeb } from '../../scripts/build-web.mjs';
// @ts-expect-error plain ESM script without types
import { serveStatic } from '../../scripts/serve.mjs';

const BENCH = 'app-scale';
const rows = Number(process.env.APP_SCALE_ROWS ?? process.argv.slice(2).find((arg) => /^\d+$/.test(arg)) ?? 200);
const RUNS = 3;
const PROFILE_DIR = process.env.APP_SCALE_CPU_PROFILE;
const TRACE_DIR = process.env.APP_SCALE_TRACE;
const STOP_AFTER_REOPEN = process.env.APP_SCALE_STOP_AFTER === 'reopen';

function emit(metric: string, value: number, unit: string, extra: Record<string, unknown> = {}): void {
  console.log(JSON.stringify({ bench: BENCH, metric, value: Math.round(value * 10) / 10, unit, rows, ...extra }));
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** The generated dossier as one zip on disk (kept for the next run of the same N). */
async function dossierZip(): Promise<{ zip: string; documents: number; lastClaims: string[] }> {
  const { zip, documents, claims, generatedMs } = await auditDossierZip(rows);
  if (generatedMs > 0) emit('generate', generatedMs / 1000, 's');
  return { zip, documents, lastClaims: claims.slice(-RUNS) };
}

const LONG_TASKS = `(() => {
  globalThis.__name = (target) => target;
  const tasks = [];
  globalThis.__longTasks = tasks;
  new PerformanceObserver((list) => { for (const entry of list.getEntries()) tasks.push({ start: entry.startTime, duration: entry.duration }); })
    .observe({ type: 'longtask', buffered: true });
})();`;

async function longestTask(page: Page, from: number, to: number): Promise<{ longest: number; count: number }> {
  const tasks = await page.evaluate(() => (globalThis as unknown as { __longTasks: { start: number; duration: number }[] }).__longTasks);
  const during = tasks.filter((task) => task.start + task.duration >= from && task.start <= to);
  return { longest: during.length ? Math.max(...during.map((task) => task.duration)) : 0, count: during.length };
}

interface ProfileNode { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }
interface CpuProfile { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }

/** The functions of a CPU profile by their own time (ms), most first. */
function selfTimes(profile: CpuProfile): { name: string; ms: number }[] {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const totals = new Map<string, number>();
  profile.samples.forEach((id, index) => {
    const frame = byId.get(id)!.callFrame;
    const name = `${frame.functionName || '(anonymous)'} ${frame.url.split('/').pop() ?? ''}:${frame.lineNumber + 1}`;
    totals.set(name, (totals.get(name) ?? 0) + (profile.timeDeltas[index] ?? 0) / 1000);
  });
  return [...totals].map(([name, ms]) => ({ name, ms })).sort((a, b) => b.ms - a.ms);
}

/** Runs `work` under Chromium's sampling profiler when APP_SCALE_CPU_PROFILE names a folder. */
async function profiled<T>(page: Page, name: string, work: () => Promise<T>): Promise<T> {
  if (!PROFILE_DIR) return work();
  mkdirSync(PROFILE_DIR, { recursive: true });
  const session = await page.context().newCDPSession(page);
  await session.send('Profiler.enable');
  await session.send('Profiler.setSamplingInterval', { interval: 500 });
  await session.send('Profiler.start');
  try {
    return await work();
  } finally {
    const { profile } = (await session.send('Profiler.stop')) as unknown as { profile: CpuProfile };
    writeFileSync(join(PROFILE_DIR, `${name}.cpuprofile`), JSON.stringify(profile));
    const times = selfTimes(profile);
    const idle = times.filter((entry) => entry.name.startsWith('(idle)')).reduce((sum, entry) => sum + entry.ms, 0);
    const total = times.reduce((sum, entry) => sum + entry.ms, 0);
    emit(`${name}-cpu-profile`, (total - idle) / 1000, 's', { profiledS: Math.round(total) / 1000, idleS: Math.round(idle) / 1000 });
    for (const entry of times.slice(0, 30)) console.error(`${name}\t${entry.ms.toFixed(1)} ms\t${entry.name}`);
    await session.detach();
  }
}

interface TraceEvent { name: string; ph: string; ts: number; dur?: number; pid: number; tid: number; args?: { name?: string } }

/** The own time (ms) of each trace event name on the renderer's main thread(s), most first. */
function mainThreadByEvent(events: TraceEvent[]): { name: string; ms: number }[] {
  const mainThreads = new Set(events.filter((event) => event.ph === 'M' && event.name === 'thread_name' && event.args?.name === 'CrRendererMain').map((event) => `${event.pid}:${event.tid}`));
  const byThread = new Map<string, TraceEvent[]>();
  for (const event of events) {
    const thread = `${event.pid}:${event.tid}`;
    if (event.ph !== 'X' || !mainThreads.has(thread) || !event.dur) continue;
    const list = byThread.get(thread);
    if (list) list.push(event);
    else byThread.set(thread, [event]);
  }
  const own = new Map<string, number>();
  for (const list of byThread.values()) {
    list.sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
    const open: { event: TraceEvent; children: number }[] = [];
    const close = (until: number) => {
      while (open.length > 0 && open.at(-1)!.event.ts + open.at(-1)!.event.dur! <= until) {
        const { event, children } = open.pop()!;
        own.set(event.name, (own.get(event.name) ?? 0) + (event.dur! - children) / 1000);
        if (open.length > 0) open.at(-1)!.children += event.dur!;
      }
    };
    for (const event of list) {
      close(event.ts);
      open.push({ event, children: 0 });
    }
    close(Number.POSITIVE_INFINITY);
  }
  return [...own].map(([name, ms]) => ({ name, ms })).sort((a, b) => b.ms - a.ms);
}

async function main(): Promise<void> {
  const { zip, documents, lastClaims } = await dossierZip();
  const outDir: string = process.env.BENCH_SKIP_BUILD ? (process.env.WEB_OUT_DIR ?? 'out/web') : await buildWeb({ quiet: true });
  const { server, url } = (await serveStatic(outDir, 0)) as { server: import('node:http').Server; url: string };
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu'] });
  const outside: string[] = [];
  const loadBefore = loadavg()[0]!;
  try {
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
    context.on('request', (request) => {
      if (!isLocal(request.url())) outside.push(request.url());
    });
    await context.route((target) => !isLocal(target.toString()), (route) => route.abort('blockedbyclient'));
    await context.addInitScript(LONG_TASKS);
    const page = await context.newPage();

    // Import: from the zip handed to the page to the document tree complete.
    const startedAt = await importZipInto(page, url, zip);
    const importedAt = await profiled(page, 'import', () => treeReadyAt(page, documents, 3_600_000));
    const during = await longestTask(page, startedAt, importedAt);
    emit('import', (importedAt - startedAt) / 1000, 's', { documents, zipMB: Math.round(statSync(zip).size / 1e5) / 10 });
    emit('import-longest-main-thread-task', during.longest, 'ms', { longTasks: during.count, goal: '< 100' });

    // Reopen: a reload to the document tree complete, the dossier's reading still going on behind it.
    const reopen: number[] = [];
    const busy: { task: number; script: number }[] = [];
    const metrics = await page.context().newCDPSession(page);
    await metrics.send('Performance.enable');
    const mainThread = async () => {
      const { metrics: values } = (await metrics.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
      const valueOf = (name: string) => values.find((metric) => metric.name === name)?.value ?? 0;
      return { task: valueOf('TaskDuration'), script: valueOf('ScriptDuration') };
    };
    for (let run = 0; run < RUNS; run++) {
      // Counted from here: the page's counters, enabled again for each run.
      await metrics.send('Performance.disable');
      await metrics.send('Performance.enable');
      const before = await mainThread();
      const reopenOnce = async () => {
        await page.reload();
        return treeReadyAt(page, documents, 120_000);
      };
      const traced = TRACE_DIR && run === 1;
      if (traced) {
        mkdirSync(TRACE_DIR, { recursive: true });
        await browser.startTracing(page, {
          path: join(TRACE_DIR, 'reopen.trace.json'),
          categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'v8.execute', 'blink', 'toplevel', 'IndexedDB', 'disabled-by-default-v8.gc'],
        });
      }
      reopen.push(await (run === 0 ? profiled(page, 'reopen', reopenOnce) : reopenOnce()));
      if (traced) {
        const trace = JSON.parse((await browser.stopTracing()).toString('utf8')) as { traceEvents: TraceEvent[] };
        const byEvent = mainThreadByEvent(trace.traceEvents);
        emit('reopen-traced-main-thread', byEvent.reduce((sum, entry) => sum + entry.ms, 0) / 1000, 's', { wallS: Math.round(reopen.at(-1)!) / 1000 });
        for (const entry of byEvent.slice(0, 30)) console.error(`reopen-trace\t${entry.ms.toFixed(1)} ms\t${entry.name}`);
      }
      const after = await mainThread();
      // A counter that went back started again in the reload (a new renderer or document): its value is the reopen's.
      busy.push(after.task >= before.task && after.script >= before.script ? { task: after.task - before.task, script: after.script - before.script } : after);
    }
    emit('reopen', median(reopen) / 1000, 's', { runs: reopen.map((ms) => Math.round(ms)), goal: '< 3' });
    emit('reopen-main-thread', median(busy.map((entry) => entry.task)), 's', {
      runs: busy.map((entry) => Math.round(entry.task * 100) / 100), script: Math.round(median(busy.map((entry) => entry.script)) * 100) / 100, scriptRuns: busy.map((entry) => Math.round(entry.script * 100) / 100),
    });
    const reopening = await longestTask(page, 0, reopen.at(-1)!);
    emit('reopen-longest-main-thread-task', reopening.longest, 'ms', { longTasks: reopening.count, goal: '< 100' });
    if (STOP_AFTER_REOPEN) {
      emit('load-average', loadavg()[0]!, '1-min', { before: loadBefore, cores: 2 });
      return;
    }

    // A cut on the last rows of the ledger: from Enter to the gauge's new figures.
    await nameTheReviewer(page, { name: '周审计', organisation: '基准测试会计师事务所' });
    const settledAfterReopen = async () => {
      await page.getByTestId('tab-claims').click({ timeout: 600_000 });
      await page.getByTestId('cut-ratio').and(page.locator('[data-ratio]:not([data-ratio=""])')).waitFor({ timeout: 600_000 });
    };
    const reopenedAt = await page.evaluate(() => performance.now());
    await profiled(page, 'after-reopen', settledAfterReopen);
    const claimsShownAt = await page.evaluate(() => performance.now());
    const afterReopen = await longestTask(page, reopenedAt, claimsShownAt);
    emit('after-reopen-to-claims-tab', (claimsShownAt - reopenedAt) / 1000, 's', { longestTaskMs: Math.round(afterReopen.longest), longTasks: afterReopen.count });
    const cutTimes: number[] = [];
    const cutsStartedAt = await page.evaluate(() => performance.now());
    for (const [run, claimId] of lastClaims.entries()) {
      await page.locator('.claims-panel .table-scroll').evaluate((element) => { element.scrollTop = element.scrollHeight; });
      const input = page.getByTestId(`cut-amount-${claimId}`);
      await input.fill(`${1000 * (run + 1)}.00`);
      const measure = () => input.evaluate((element: HTMLInputElement) => new Promise<number>((resolve) => {
        const gauge = () => [document.querySelector('[data-testid="cut-ratio"]')?.getAttribute('data-ratio'), document.querySelector('[data-testid="headroom"]')?.getAttribute('data-headroom-fen')].join('|');
        const before = gauge();
        const started = performance.now();
        const observer = new MutationObserver(() => {
          if (gauge() !== before) {
            observer.disconnect();
            resolve(performance.now() - started);
          }
        });
        observer.observe(document.querySelector('.claims-summary')!, { attributes: true, subtree: true, childList: true });
        element.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
      }));
      cutTimes.push(await (run === 0 ? profiled(page, 'cut', measure) : measure()));
    }
    emit('cut-on-last-row-to-gauge', median(cutTimes), 'ms', { runs: cutTimes.map((ms) => Math.round(ms * 10) / 10), goal: '< 100' });
    // The whole evaluation follows the cuts (the report-pending notice says so until it has run).
    await profiled(page, 'cut-evaluation', () => page.getByTestId('report-pending').waitFor({ state: 'detached', timeout: 600_000 }));
    const evaluatedAt = await page.evaluate(() => performance.now());
    const cutting = await longestTask(page, cutsStartedAt, evaluatedAt);
    emit('cuts-evaluated', (evaluatedAt - cutsStartedAt) / 1000, 's', { cuts: cutTimes.length });
    emit('cuts-longest-main-thread-task', cutting.longest, 'ms', { longTasks: cutting.count, goal: '< 100' });

    // Tab switches: from the click to the tab's panel shown.
    const switches: number[] = [];
    const switchesStartedAt = await page.evaluate(() => performance.now());
    for (const [tab, shown] of [['reconcile', 'reconcile-table'], ['checks', 'tab-checks'], ['reconcile', 'reconcile-table']] as const) {
      const clickedAt = await page.evaluate(() => performance.now());
      await page.getByTestId(`tab-${tab}`).click({ timeout: 600_000 });
      await page.locator(`#tabpanel-${tab}`).waitFor({ state: 'visible', timeout: 600_000 });
      if (shown === 'reconcile-table') await page.getByTestId(shown).waitFor({ timeout: 600_000 });
      switches.push((await page.evaluate(() => performance.now())) - clickedAt);
    }
    const switching = await longestTask(page, switchesStartedAt, await page.evaluate(() => performance.now()));
    emit('tab-switch', median(switches), 'ms', { runs: switches.map((ms) => Math.round(ms)), longestTaskMs: Math.round(switching.longest), longTasks: switching.count });

    // Accept a proposal: from the click to the total cut moved, then until the evaluation has followed it.
    await page.getByTestId('reconcile-filter-proposals').click({ timeout: 600_000 });
    await page.locator('[data-testid^="reconcile-row-"]').first().click({ timeout: 600_000 });
    const accept = page.locator('[data-testid^="proposal-accept-"]').first();
    await accept.waitFor({ timeout: 600_000 });
    const acceptStartedAt = await page.evaluate(() => performance.now());
    const acceptToGauge = await accept.evaluate((button: HTMLButtonElement) => new Promise<number>((resolve) => {
      const total = () => document.querySelector('[data-testid="total-cut"]')?.getAttribute('data-cut-fen');
      const before = total();
      const started = performance.now();
      const observer = new MutationObserver(() => {
        if (total() !== before) {
          observer.disconnect();
          resolve(performance.now() - started);
        }
      });
      observer.observe(document.querySelector('.claims-summary')!, { attributes: true, subtree: true, childList: true });
      button.click();
    }));
    emit('accept-to-gauge', acceptToGauge, 'ms', { goal: '< 100' });
    await page.getByTestId('report-pending').waitFor({ state: 'detached', timeout: 600_000 });
    const acceptEvaluatedAt = await page.evaluate(() => performance.now());
    const accepting = await longestTask(page, acceptStartedAt, acceptEvaluatedAt);
    emit('accept-evaluated', (acceptEvaluatedAt - acceptStartedAt) / 1000, 's');
    emit('accept-longest-main-thread-task', accepting.longest, 'ms', { longTasks: accepting.count, goal: '< 200' });
    emit('outside-requests', outside.length, 'count', { goal: '0' });
    emit('load-average', loadavg()[0]!, '1-min', { before: loadBefore, cores: 2 });
  } finally {
    await browser.close();
    await new Promise((resolve) => server.close(resolve));
  }
}

await main();

// The side-by-side part of `npm run bench -- extract` (EXTRACT_BENCH_ONLY=side-by-side runs it alone):
// `dossier-desk extract` run as a user runs it (the bin, in its own process, on both cores) against
// the native tools on the same files, in one run, in rounds that rotate which side goes first (the
// machine is shared: single runs are skewed by other processes); medians of the rounds, wall and CPU.
//  (a) text-layer e-invoice PDFs (generated, one invoice a page, each with its QR code): pages/s with
//      the QR cross-check on (target >= 25 pages/s on 2 cores), against pdftotext on the same files
//      (text only: no QR, no fields); OFD and XML e-invoices (the real ones, copied to a count):
//      pages/s, which should beat the PDFs.
//  (b) a mixed folder (default ../shared/samples/invoices: PDF, OFD, XML and images) against
//      `pdftotext` on its PDFs plus `tesseract IMAGE out -l chi_sim --psm 3` on its images, one file
//      after the other as a script would run them, with the model the app uses; and, as the harder
//      reference, the same native runs two at a time with one thread each. OFD and XML have no
//      native counterpart: the native side does not read them, ours does. Ratio = native seconds /
//      ours (>= 1.0: at least as fast; the target).
// The command line's start-up (a run on one XML file) is reported on its own; it is inside every
// timing above. The machine is shared, so next to each wall time stand the CPU seconds of the
// reading process (all its threads, from /proc), pages per CPU second, the busiest thread's CPU
// seconds and the 1-minute load average when each round began; and, labelled as a projection, what
// the measured CPU time would take on EXTRACT_BENCH_CORES idle cores (default: this machine's):
// pages / max(busiest thread's CPU seconds, all CPU seconds / cores), an upper bound on pages/s
// (no thread waiting on another), never a measurement. The last line sums up the targets. Sizes (0 leaves a part out): EXTRACT_BENCH_PDF_PAGES (default 100), EXTRACT_BENCH_OFD (60),
// EXTRACT_BENCH_XML (60), EXTRACT_BENCH_SIDE_ROUNDS (3), EXTRACT_BENCH_MIXED (the folder),
// EXTRACT_BENCH_CORES (the cores of the projection).
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { basename, extname, join, resolve } from 'node:path';
import type { FileExtraction } from '../../src-renderer/core/types';
import { invoiceTextPdf } from '../fixtures/invoices/generate-invoices';
import { syntheticInvoice } from '../fixtures/invoices/invoice-data';
import { REAL_EXTRA_DIR, REAL_INVOICES_DIR } from '../core/extract/ground-truth';
import { median, pdftotextMissing, round3, runTesseract, runTool, tesseractMissing, timed, type Timing, unpackBundledChiSim } from './native-tools';

const BENCH = 'extract';
const PART = 'side-by-side';
const root = resolve(import.meta.dirname, '../..');
const pdfPages = Number(process.env.EXTRACT_BENCH_PDF_PAGES ?? 100);
const ofdCount = Number(process.env.EXTRACT_BENCH_OFD ?? 60);
const xmlCount = Number(process.env.EXTRACT_BENCH_XML ?? 60);
const rounds = Math.max(1, Number(process.env.EXTRACT_BENCH_SIDE_ROUNDS ?? 3));
const projectionCores = Math.max(1, Number(process.env.EXTRACT_BENCH_CORES ?? availableParallelism()));
/** The shared samples sit beside the checkout (../shared), or beside the folder of worktrees. */
const mixedFolder = process.env.EXTRACT_BENCH_MIXED
  ? resolve(root, process.env.EXTRACT_BENCH_MIXED)
  : ['../shared/samples/invoices', '../../shared/samples/invoices'].map((path) => resolve(root, path)).find((path) => existsSync(path)) ?? resolve(root, '../shared/samples/invoices');
const IMAGE_EXTENSIONS = new Set(['.png', '.jpg', '.jpeg', '.webp', '.bmp', '.tif', '.tiff']);

function emit(metric: string, value: number | string, unit: string, extra: Record<string, unknown> = {}): void {
  console.log(JSON.stringify({ bench: BENCH, part: PART, metric, value, unit, ...extra }));
}

interface Extracted extends Timing {
  files: FileExtraction[];
}

/** `dossier-desk extract --json FILES` in its own process, as a user runs it. */
async function extractCli(files: readonly string[]): Promise<Extracted> {
  const run = await runTool(process.execPath, [join(root, 'bin/dossier-desk.mjs'), 'extract', '--json', ...files], { cwd: root, capture: true, sampleThreads: true });
  if (run.code !== 0) throw new Error(`dossier-desk extract exited with ${run.code}: ${run.stderr.slice(0, 2000)}`);
  return { seconds: run.seconds, cpuSeconds: run.cpuSeconds, busiestThreadCpuSeconds: run.busiestThreadCpuSeconds ?? null, loadAverage: run.loadAverage ?? 0, files: (JSON.parse(run.stdout) as { files: FileExtraction[] }).files };
}

function pagesRead(files: readonly FileExtraction[]): number {
  return files.reduce((sum, file) => sum + file.invoices.length, 0);
}

function qrAgreeing(files: readonly FileExtraction[]): number {
  return files.flatMap((file) => file.invoices).filter((invoice) => invoice.checks.some((check) => check.id === 'qr-matches' && check.ok)).length;
}

/**
 * Runs each side once per round, the order rotated every round; the median seconds and CPU
 * seconds of each side, and each round's timings.
 */
async function rotate<K extends string>(sides: Record<K, () => Promise<Timing>>): Promise<Record<K, Rotated>> {
  const names = Object.keys(sides) as K[];
  const runs = new Map<K, Timing[]>(names.map((name) => [name, []]));
  for (let round = 0; round < rounds; round++) {
    for (let k = 0; k < names.length; k++) {
      const name = names[(k + round) % names.length]!;
      runs.get(name)!.push(await sides[name]());
    }
  }
  return Object.fromEntries(names.map((name) => {
    const timings = runs.get(name)!;
    const cpu = timings.map((timing) => timing.cpuSeconds);
    const busiest = timings.map((timing) => timing.busiestThreadCpuSeconds ?? null);
    return [name, {
      seconds: median(timings.map((timing) => timing.seconds)),
      cpuSeconds: cpu.every((value) => value !== null) ? median(cpu as number[]) : null,
      busiestThreadCpuSeconds: busiest.every((value) => value !== null) ? median(busiest as number[]) : null,
      rounds: timings,
    }];
  })) as Record<K, Rotated>;
}

interface Rotated {
  seconds: number;
  cpuSeconds: number | null;
  busiestThreadCpuSeconds: number | null;
  rounds: Timing[];
}

/**
 * The CPU side of a measured run of ours: CPU seconds, pages per CPU second, the busiest thread,
 * the load average when each round began, and the projection on idle cores (see the header).
 */
function cpuFigures(pages: number, run: Rotated): Record<string, unknown> {
  const loads = run.rounds.map((timing) => timing.loadAverage ?? 0);
  const cpu = run.cpuSeconds;
  const busiest = run.busiestThreadCpuSeconds;
  return {
    cpuSeconds: cpu === null ? null : round3(cpu),
    pagesPerCpuSecond: cpu ? round3(pages / cpu) : null,
    busiestThreadCpuSeconds: busiest === null ? null : round3(busiest),
    loadAverage: { median: round3(median(loads)), min: round3(Math.min(...loads)), max: round3(Math.max(...loads)), cores: availableParallelism() },
    roundSeconds: run.rounds.map((timing) => round3(timing.seconds)),
    roundCpuSeconds: run.rounds.map((timing) => (timing.cpuSeconds === null ? null : round3(timing.cpuSeconds))),
  };
}

/** Pages/s the measured CPU time would give on `projectionCores` idle cores (null without /proc). */
function projectedPagesPerSecond(pages: number, run: Rotated): number | null {
  if (run.cpuSeconds === null || run.busiestThreadCpuSeconds === null) return null;
  return round3(pages / Math.max(run.busiestThreadCpuSeconds, run.cpuSeconds / projectionCores));
}

function emitProjection(metric: string, pages: number, run: Rotated, extra: Record<string, unknown> = {}): number | null {
  const projected = projectedPagesPerSecond(pages, run);
  emit(metric, projected ?? 'not measured', projected === null ? 'n/a' : `pages/s PROJECTED on ${projectionCores} idle cores from measured CPU time (not a measurement)`, {
    formula: `pages / max(busiest thread CPU s, all CPU s / ${projectionCores}); an upper bound: assumes no thread waits on another and nothing else runs`,
    pages, ...extra,
  });
  return projected;
}

/** What the last line sums up. */
const summary: Record<string, unknown> = {};

function copiesOf(sources: readonly string[], count: number, dir: string): string[] {
  mkdirSync(dir, { recursive: true });
  return Array.from({ length: count }, (_, index) => {
    const source = sources[index % sources.length]!;
    const path = join(dir, `${String(index).padStart(4, '0')}-${basename(source)}`);
    copyFileSync(source, path);
    return path;
  });
}

function filesIn(dir: string, extension: string): string[] {
  return existsSync(dir) ? readdirSync(dir).filter((name) => name.toLowerCase().endsWith(extension)).sort().map((name) => join(dir, name)) : [];
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? walk(join(dir, entry.name)) : entry.isFile() ? [join(dir, entry.name)] : [])).sort();
}

async function startUp(): Promise<void> {
  const xml = filesIn(join(REAL_INVOICES_DIR, 'xml'), '.xml').slice(0, 1);
  await extractCli(xml);
  const runs: Timing[] = [];
  for (let i = 0; i < 3; i++) runs.push(await extractCli(xml));
  emit('cli-start-up', round3(median(runs.map((run) => run.seconds))), 's', { note: '`dossier-desk extract` of one XML invoice, median of 3 (the bundled command line cached); inside every timing below' });
}

async function textPdfs(scratch: string, pdftotextProblem: string | null): Promise<void> {
  if (pdfPages <= 0) return;
  const dir = join(scratch, 'text-pdf');
  mkdirSync(dir);
  const paths: string[] = [];
  for (let index = 0; index < pdfPages; index++) {
    const path = join(dir, `invoice-${String(index).padStart(4, '0')}.pdf`);
    writeFileSync(path, await invoiceTextPdf([syntheticInvoice(4000 + index)]));
    paths.push(path);
  }
  let last: FileExtraction[] = [];
  const sides: Record<string, () => Promise<Timing>> = {
    'dossier-desk extract': async () => {
      const run = await extractCli(paths);
      last = run.files;
      return run;
    },
  };
  if (!pdftotextProblem) sides.pdftotext = () => timed(async () => {
    for (const path of paths) await runTool('pdftotext', ['-layout', path, '-']);
  });
  const result = await rotate(sides);
  const ours = result['dossier-desk extract']!;
  const pages = pagesRead(last);
  emit('text-pdf-pages-per-second', round3(pages / ours.seconds), 'pages/s wall (target >= 25 on 2 cores)', {
    pages, files: paths.length, qrAgreeing: qrAgreeing(last), seconds: round3(ours.seconds), statistic: `median of ${rounds} rounds, start-up included`, ...cpuFigures(pages, ours),
  });
  const projected = emitProjection('text-pdf-pages-per-second-projected', pages, ours, { target: 25 });
  Object.assign(summary, {
    textPdfPagesPerSecondWall: round3(pages / ours.seconds), textPdfPagesPerCpuSecond: ours.cpuSeconds ? round3(pages / ours.cpuSeconds) : null,
    textPdfPagesPerSecondProjected: projected, textPdfQrAgreeing: `${qrAgreeing(last)}/${pages}`,
  });
  textPdfFigures = { pages, run: ours };
  if (pdftotextProblem) {
    emit('text-pdf-pdftotext', 'not measured', 'n/a', { reason: pdftotextProblem });
    return;
  }
  const native = result.pdftotext!;
  emit('text-pdf-pdftotext-pages-per-second', round3(paths.length / native.seconds), 'pages/s', { pages: paths.length, seconds: round3(native.seconds), note: 'pdftotext -layout, one process per file: text only, no QR, no fields' });
  const cpuRatio = native.cpuSeconds !== null && ours.cpuSeconds !== null ? round3(native.cpuSeconds / ours.cpuSeconds) : null;
  emit('text-pdf-ratio', round3(native.seconds / ours.seconds), 'x pdftotext', { statistic: `median wall seconds of ${rounds} rounds, pdftotext / ours (>= 1: at least as fast)`, cpuRatio });
  Object.assign(summary, { textPdfVsPdftotextWall: round3(native.seconds / ours.seconds), textPdfVsPdftotextCpu: cpuRatio });
}

/** The text PDFs' run, for the OFD and XML comparison. */
let textPdfFigures: { pages: number; run: Rotated } | null = null;

async function structured(scratch: string, kind: 'ofd' | 'xml', count: number): Promise<void> {
  const sources = [...filesIn(join(REAL_INVOICES_DIR, kind), `.${kind}`), ...filesIn(join(REAL_EXTRA_DIR, kind), `.${kind}`)];
  if (sources.length === 0 || count <= 0) return;
  const paths = copiesOf(sources, count, join(scratch, kind));
  let last: FileExtraction[] = [];
  const result = await rotate({
    ours: async () => {
      const run = await extractCli(paths);
      last = run.files;
      return run;
    },
  });
  const pages = pagesRead(last);
  const ours = result.ours;
  emit(`${kind}-pages-per-second`, round3(pages / ours.seconds), 'pages/s wall (target: above the text PDFs)', {
    pages, files: paths.length, distinctFiles: sources.length, seconds: round3(ours.seconds), statistic: `median of ${rounds} rounds, start-up included`, ...cpuFigures(pages, ours),
  });
  const projected = emitProjection(`${kind}-pages-per-second-projected`, pages, ours);
  summary[`${kind}PagesPerSecondWall`] = round3(pages / ours.seconds);
  summary[`${kind}PagesPerCpuSecond`] = ours.cpuSeconds ? round3(pages / ours.cpuSeconds) : null;
  summary[`${kind}PagesPerSecondProjected`] = projected;
  if (!textPdfFigures) return;
  // Per invoice against the text PDFs of the same run: pages per CPU second is the figure the load skews least.
  const text = textPdfFigures;
  const perCpu = ours.cpuSeconds && text.run.cpuSeconds ? round3((pages / ours.cpuSeconds) / (text.pages / text.run.cpuSeconds)) : null;
  const perWall = round3((pages / ours.seconds) / (text.pages / text.run.seconds));
  emit(`${kind}-vs-text-pdf`, perCpu ?? 'not measured', 'x text PDFs (pages per CPU second; > 1: faster)', {
    wallRatio: perWall, pages, textPdfPages: text.pages, note: 'both read by `dossier-desk extract` in this run, start-up included in both',
  });
  summary[`${kind}VsTextPdfPerCpuSecond`] = perCpu;
}

async function mixed(scratch: string, pdftotextProblem: string | null, tesseractProblem: string | null): Promise<void> {
  if (!existsSync(mixedFolder)) {
    emit('mixed-folder', 'not measured', 'n/a', { reason: `${mixedFolder} does not exist (EXTRACT_BENCH_MIXED names another folder)` });
    return;
  }
  const all = walk(mixedFolder).filter((path) => ['.pdf', '.ofd', '.xml', ...IMAGE_EXTENSIONS].includes(extname(path).toLowerCase()));
  const pdfs = all.filter((path) => extname(path).toLowerCase() === '.pdf');
  const images = all.filter((path) => IMAGE_EXTENSIONS.has(extname(path).toLowerCase()));
  const byKind = { pdf: pdfs.length, image: images.length, ofd: all.filter((path) => extname(path).toLowerCase() === '.ofd').length, xml: all.filter((path) => extname(path).toLowerCase() === '.xml').length };
  if (pdftotextProblem || tesseractProblem) {
    emit('mixed-folder-ratio', 'not measured', 'n/a', { reason: [pdftotextProblem, tesseractProblem].filter(Boolean).join('; ') });
  }
  const tessdata = tesseractProblem ? null : unpackBundledChiSim(join(scratch, 'tessdata'));
  const out = join(scratch, 'native-out');
  mkdirSync(out);
  const nativeFile = async (path: string, index: number, threads?: 1) => {
    if (extname(path).toLowerCase() === '.pdf') await runTool('pdftotext', [path, join(out, `${index}.txt`)]);
    else {
      const run = await runTesseract(path, join(out, String(index)), tessdata!, threads ? { threads } : {});
      if (run.code !== 0) throw new Error(`tesseract failed on ${path}: ${run.stderr.slice(0, 500)}`);
    }
  };
  const nativeFiles = [...pdfs, ...images];
  let last: FileExtraction[] = [];
  const sides: Record<string, () => Promise<Timing>> = {
    ours: async () => {
      const run = await extractCli(all);
      last = run.files;
      return run;
    },
  };
  if (!pdftotextProblem && !tesseractProblem) {
    sides['native one after the other'] = () => timed(async () => {
      for (const [index, path] of nativeFiles.entries()) await nativeFile(path, index);
    });
    sides['native two at a time'] = () => timed(async () => {
      let next = 0;
      await Promise.all([0, 1].map(async () => {
        while (next < nativeFiles.length) {
          const index = next++;
          await nativeFile(nativeFiles[index]!, index, 1);
        }
      }));
    });
  }
  const load = loadavg()[0];
  const result = await rotate(sides);
  const ours = result.ours!;
  emit('mixed-folder-seconds', round3(ours.seconds), 's', {
    folder: mixedFolder, files: all.length, byKind, invoicesRead: pagesRead(last), statistic: `median of ${rounds} rounds, start-up included`, ...cpuFigures(pagesRead(last), ours),
  });
  for (const name of ['native one after the other', 'native two at a time']) {
    const native = result[name];
    if (!native) continue;
    emit('mixed-folder-ratio', round3(native.seconds / ours.seconds), `x native (${name}; target >= 1.0)`, {
      native: name === 'native one after the other'
        ? 'pdftotext on each PDF, then `tesseract IMAGE out -l chi_sim --psm 3` on each image (TESSDATA_PREFIX: the bundled model), one after the other, tesseract with its default threads'
        : 'the same runs, two at a time, tesseract with one thread each (OMP_THREAD_LIMIT=1)',
      nativeFiles: nativeFiles.length, nativeSeconds: round3(native.seconds), oursSeconds: round3(ours.seconds),
      nativeRounds: native.rounds.map((timing) => round3(timing.seconds)),
      cpuRatio: native.cpuSeconds !== null && ours.cpuSeconds !== null ? round3(native.cpuSeconds / ours.cpuSeconds) : null,
      nativeCpuSeconds: native.cpuSeconds === null ? null : round3(native.cpuSeconds), oursCpuSeconds: ours.cpuSeconds === null ? null : round3(ours.cpuSeconds),
      statistic: `median wall seconds of ${rounds} rounds (order rotated), native / ours; native reads only the PDFs and images`,
    });
    const key = name === 'native one after the other' ? 'mixedVsNativeOneAfterTheOther' : 'mixedVsNativeTwoAtATime';
    summary[`${key}Wall`] = round3(native.seconds / ours.seconds);
    summary[`${key}Cpu`] = native.cpuSeconds !== null && ours.cpuSeconds !== null ? round3(native.cpuSeconds / ours.cpuSeconds) : null;
  }
  emit('load-average', round3(load ?? 0), '1-min', { before: 'the mixed folder', after: round3(loadavg()[0] ?? 0), cores: availableParallelism() });
}

/** The whole side-by-side part. */
export async function sideBySide(): Promise<void> {
  const scratch = mkdtempSync(join(tmpdir(), 'extract-side-by-side-'));
  const pdftotextProblem = pdftotextMissing();
  const tesseractProblem = tesseractMissing();
  if (pdftotextProblem) emit('native-pdftotext', 'missing', 'n/a', { reason: pdftotextProblem });
  if (tesseractProblem) emit('native-tesseract', 'missing', 'n/a', { reason: tesseractProblem });
  try {
    await startUp();
    await textPdfs(scratch, pdftotextProblem);
    await structured(scratch, 'ofd', ofdCount);
    await structured(scratch, 'xml', xmlCount);
    await mixed(scratch, pdftotextProblem, tesseractProblem);
    emit('summary', 'targets', 'n/a', {
      ...summary, targets: 'text PDFs >= 25 pages/s on 2 cores with the QR check; OFD and XML above the text PDFs; mixed folder >= 1.0x native',
      loadAverageAtEnd: round3(loadavg()[0] ?? 0), cores: availableParallelism(),
    });
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

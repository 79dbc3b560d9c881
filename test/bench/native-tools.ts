// The native reference tools of the benchmarks, shared by them: poppler's `pdftotext` and the
// `tesseract` CLI, run with the model the app uses (the bundled chi_sim, unpacked for them: the
// machines here have only eng), each run timed in wall and CPU seconds. A tool that is missing is
// said so in the benchmark's output (`missing` gives the reason), never skipped silently.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { localLangPath } from '../../src-main/cli/adapters';

/** The page-segmentation mode and language the app gives tesseract.js (core/extract/tesseract.ts). */
export const TESSERACT_APP_ARGS = ['-l', 'chi_sim', '--psm', '3'] as const;

/** Why `tesseract` cannot run here, or null when it can. */
export function tesseractMissing(): string | null {
  const version = spawnSync('tesseract', ['--version'], { encoding: 'utf8' });
  return version.status === 0 ? null : 'the tesseract CLI is not installed (apt-get install tesseract-ocr)';
}

/** Why `pdftotext` cannot run here, or null when it can. */
export function pdftotextMissing(): string | null {
  const version = spawnSync('pdftotext', ['-v'], { encoding: 'utf8' });
  return version.error === undefined ? null : 'pdftotext is not installed (apt-get install poppler-utils)';
}

/** Whether the system's own tesseract data has chi_sim (Debian's tesseract-ocr-chi-sim: another, smaller model). */
export function systemHasChiSim(): boolean {
  const langs = spawnSync('tesseract', ['--list-langs'], { encoding: 'utf8' });
  return langs.status === 0 && `${langs.stdout}${langs.stderr}`.includes('chi_sim');
}

/**
 * Unpacks the bundled chi_sim model (resources/vendor/tessdata, the one the app's tesseract.js loads)
 * into `dir` and returns `dir`: give it to tesseract as TESSDATA_PREFIX or --tessdata-dir.
 */
export function unpackBundledChiSim(dir: string): string {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'chi_sim.traineddata'), gunzipSync(readFileSync(join(localLangPath(), 'chi_sim.traineddata.gz'))));
  return dir;
}

const CLOCK_TICKS = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;

/** CPU seconds of this process's waited-for children (Linux /proc), or null elsewhere. */
export function childrenCpuSeconds(): number | null {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[13]) + Number(fields[14])) / CLOCK_TICKS;
  } catch {
    return null;
  }
}

export interface Timing {
  seconds: number;
  /** CPU seconds of the processes run (null where /proc is not there). */
  cpuSeconds: number | null;
  /**
   * CPU seconds of the run's busiest thread (sampled from /proc every few tens of milliseconds, so a
   * little low), when the run was sampled; null where /proc is not there.
   */
  busiestThreadCpuSeconds?: number | null;
  /** The machine's 1-minute load average when the run began. */
  loadAverage?: number;
}

/** CPU seconds of each thread of a running process (Linux /proc/PID/task), by thread id; null elsewhere. */
function threadCpuSeconds(pid: number): Map<string, number> | null {
  try {
    const threads = new Map<string, number>();
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      try {
        const fields = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8').split(') ')[1]!.split(' ');
        threads.set(tid, (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS);
      } catch {
        // The thread ended between the listing and the read.
      }
    }
    return threads;
  } catch {
    return null;
  }
}

/**
 * Follows a child's threads while it runs: the last CPU seconds seen of each (a thread's final
 * moments after the last sample are missed, so the figures are a little low).
 */
function followThreads(pid: number | undefined): { stop(): number | null } {
  const seen = new Map<string, number>();
  let readable = pid !== undefined;
  const sample = () => {
    const threads = pid === undefined ? null : threadCpuSeconds(pid);
    if (!threads) return;
    for (const [tid, seconds] of threads) seen.set(tid, Math.max(seconds, seen.get(tid) ?? 0));
  };
  sample();
  if (seen.size === 0) readable = false;
  const timer = setInterval(sample, 20);
  return {
    stop() {
      clearInterval(timer);
      return readable ? Math.max(0, ...seen.values()) : null;
    },
  };
}

export interface ToolRun extends Timing {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs one command to its end and times it. Asynchronous, so the caller's timers and memory
 * sampler keep running; the CPU seconds are those of every child that ended meanwhile, so run
 * one at a time where they matter (or time a whole batch with `timed`).
 */
export function runTool(command: string, args: readonly string[], options: { env?: NodeJS.ProcessEnv; cwd?: string; capture?: boolean; sampleThreads?: boolean } = {}): Promise<ToolRun> {
  const cpuBefore = childrenCpuSeconds();
  const loadAverage = loadavg()[0] ?? 0;
  const started = performance.now();
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', options.capture ? 'pipe' : 'ignore', 'pipe'] });
    const threads = options.sampleThreads ? followThreads(child.pid) : null;
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout?.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr!.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    let busiest: number | null = null;
    child.on('exit', () => {
      busiest = threads?.stop() ?? null;
    });
    child.on('close', (code) => {
      const cpuAfter = childrenCpuSeconds();
      resolvePromise({
        loadAverage,
        ...(threads ? { busiestThreadCpuSeconds: busiest } : {}),
        code,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        seconds: (performance.now() - started) / 1000,
        cpuSeconds: cpuBefore === null || cpuAfter === null ? null : cpuAfter - cpuBefore,
      });
    });
  });
}

/** Wall and children's CPU seconds of a piece of work that runs child processes. */
export async function timed(work: () => Promise<unknown>): Promise<Timing> {
  const cpuBefore = childrenCpuSeconds();
  const loadAverage = loadavg()[0] ?? 0;
  const started = performance.now();
  await work();
  const cpuAfter = childrenCpuSeconds();
  return { seconds: (performance.now() - started) / 1000, cpuSeconds: cpuBefore === null || cpuAfter === null ? null : cpuAfter - cpuBefore, loadAverage };
}

/**
 * `tesseract IMAGE OUTPUT -l chi_sim --psm 3 [extra]` with the unpacked model of `tessdata`
 * (TESSDATA_PREFIX). `threads: 1` limits tesseract's OpenMP to one thread (for jobs run side by
 * side); otherwise it uses the cores as it does by default. OUTPUT `stdout` captures the text.
 */
export function runTesseract(image: string, output: string, tessdata: string, options: { extra?: readonly string[]; threads?: 1 } = {}): Promise<ToolRun> {
  const env: NodeJS.ProcessEnv = { ...process.env, TESSDATA_PREFIX: tessdata, ...(options.threads === 1 ? { OMP_THREAD_LIMIT: '1' } : {}) };
  return runTool('tesseract', [image, output, ...TESSERACT_APP_ARGS, ...(options.extra ?? [])], { env, capture: output === 'stdout' });
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export const round3 = (value: number): number => Number(value.toFixed(3));

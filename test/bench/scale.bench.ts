// npm run bench -- scale: `check` on a generated audit dossier of N declared rows (an invoice per
// row, half 数电 XML and half text PDFs; bank receipts as text PDFs 50 to a file; a contract for
// every four rows, 10 to a file; a few of each defect), run as a user runs it (the bin, in its own
// process): wall time, CPU time, peak memory of the process (its reading threads included), files
// read per second, and whether every row was reconciled with the cut the generator expects.
// N: SCALE_ROWS or the first argument after the bench name (default 200, for CI; 10000 is the
// issue's scale: `SCALE_ROWS=10000 npm run bench -- scale`). SCALE_THREADS passes --threads.
// The machine's load average before and after is reported: the machine is shared.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { generateAuditDossier, type Defect } from '../fixtures/audit-dossier';
import type { ExpectedReconciliation } from '../fixtures/audit-dossier';

const BENCH = 'scale';
const rows = Number(process.env.SCALE_ROWS ?? process.argv.find((arg) => /^\d+$/.test(arg)) ?? 200);
const threads = process.env.SCALE_THREADS;
const root = resolve(import.meta.dirname, '../..');

function emit(metric: string, value: number | string | boolean, unit: string, extra: Record<string, unknown> = {}): void {
  console.log(JSON.stringify({ bench: BENCH, metric, value, unit, rows, ...extra }));
}

/** Runs the bin in a child process that reports its own peak memory and CPU time on exit (fd 3). */
function runCheck(dossier: string): Promise<{ code: number | null; stdout: string; stderr: string; usage: { maxRssKb: number; userMs: number; systemMs: number } | null; seconds: number }> {
  const wrapper = [
    "process.on('exit', () => { const u = process.resourceUsage();",
    "require('node:fs').writeSync(3, JSON.stringify({ maxRssKb: u.maxRSS, userMs: u.userCPUTime / 1000, systemMs: u.systemCPUTime / 1000 })); });",
    `process.argv.splice(1, 0, ${JSON.stringify(join(root, 'bin/dossier-desk.mjs'))});`,
    `import(${JSON.stringify(`file://${join(root, 'bin/dossier-desk.mjs')}`)});`,
  ].join('\n');
  const args = ['check', dossier, '--json', ...(threads ? ['--threads', threads] : [])];
  const started = performance.now();
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['-e', wrapper, ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let usage = '';
    child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr!.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
      process.stderr.write(chunk);
    });
    (child.stdio[3] as NodeJS.ReadableStream).on('data', (chunk: Buffer) => (usage += chunk.toString('utf8')));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr, usage: usage ? JSON.parse(usage) : null, seconds: (performance.now() - started) / 1000 }));
  });
}

const scratch = mkdtempSync(join(tmpdir(), 'dossier-desk-scale-'));
try {
  const dossier = join(scratch, 'dossier');
  const each = Math.max(1, Math.floor(rows / 250));
  const defects: Partial<Record<Defect, number>> = {
    'missing-invoice': each, 'amount-short': each, 'partly-paid': each, 'duplicate-invoice': each, 'missing-contract': each, 'out-of-period': each, 'customer-outside': each,
  };
  const generateStarted = performance.now();
  const { expected, manifest } = await generateAuditDossier(dossier, {
    seed: `scale-${rows}`, rows, program: 'shenzhen-2024-dsp', defects, invoicePdfShare: 0.5, scannedReceipts: 0, receiptsPerFile: 50, contractsPerFile: 10,
  });
  emit('generate', Math.round((performance.now() - generateStarted) / 100) / 10, 's', { documents: (manifest.documents as unknown[]).length });
  const loadBefore = loadavg()[0]!;
  const run = await runCheck(dossier);
  const loadAfter = loadavg()[0]!;
  if (run.code !== 0) throw new Error(`check exited with ${run.code}: ${run.stderr.slice(-2000)}`);
  const report = JSON.parse(run.stdout) as { reconciliation?: { claimId: string; supportedFen: number }[]; claimedFen: number; proposedCutFen?: number };
  const want = JSON.parse(readFileSync(`${dossier}.expected.json`, 'utf8')) as ExpectedReconciliation;
  const supported = new Map((report.reconciliation ?? []).map((row) => [row.claimId, row.supportedFen]));
  const agreeing = want.rows.filter((row) => supported.get(row.claimId) === row.supportedFen).length;
  emit('check-wall', Math.round(run.seconds * 10) / 10, 's', { limit: 900, threads: threads ?? 'default' });
  if (run.usage) {
    emit('check-cpu', Math.round((run.usage.userMs + run.usage.systemMs) / 100) / 10, 's');
    emit('peak-rss', Math.round(run.usage.maxRssKb / 1024), 'MB', { limit: 3072 });
  }
  emit('documents-per-second', Math.round(((manifest.documents as unknown[]).length / run.seconds) * 10) / 10, 'files/s');
  emit('rows-reconciled', report.reconciliation?.length ?? 0, 'rows', { declared: expected.rows.length });
  emit('rows-as-expected', agreeing, 'rows', { declared: expected.rows.length });
  emit('proposed-cut', report.proposedCutFen ?? 0, 'fen', { expected: want.proposedCutFen });
  emit('load-average', `${loadBefore.toFixed(1)} → ${loadAfter.toFixed(1)}`, '1-min', { cores: 2 });
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

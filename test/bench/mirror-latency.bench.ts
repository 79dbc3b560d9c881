// npm run bench -- mirror-latency [N]: how long after an edit is stored it reaches the mirror outside
// IndexedDB (db/audit-mirror), for a dossier of N documents and N declared rows (default 200; 10000 is
// the scale). The store is Dexie on fake-indexeddb; the side store is the desktop shell's own
// (src-main/main/side-files: each write to a temporary file, flushed, renamed over the file; each
// append flushed) in a temporary folder. The mirror follows the store as in the app (FLUSH_DELAY_MS).
// JSON lines:
// - first-flush: the first write of the dossier's mirror (log, import rows and review rows), ms and bytes;
// - edit-to-mirror: from an edit's commit to its state file written (median and max of EDITS edits; goal < 1000 ms);
// - edit-flush: the flush alone (without the wait before it), median ms;
// - edit-snapshot: of which reading the store (DossierStore.mirrorSnapshot), median ms;
// - edit-bytes: bytes written per edit (log append and state file);
// - restore: reading, checking and restoring the whole mirror into an empty store, ms.
import 'fake-indexeddb/auto';
import * as fs from 'node:fs/promises';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DossierManifest } from '../../src-renderer/core/types';
import { computeDossierId, type ImportReport } from '../../src-renderer/core/import/pipeline';
import { DossierStore } from '../../src-renderer/db';
import { AuditMirror, FLUSH_DELAY_MS, mirrorStateName, restoreFromMirrors } from '../../src-renderer/db/audit-mirror';
import type { SideStore } from '../../src-renderer/platform/side-store';
import { createSideFileKeeper } from '../../src-main/main/side-files';
import { nodeHasher } from '../../src-main/cli/adapters/hasher';

const BENCH = 'mirror-latency';
const rows = Number(process.argv.slice(2).find((arg) => /^\d+$/.test(arg)) ?? 200);
const EDITS = 20;

function emit(metric: string, value: number, unit: string, extra: Record<string, unknown> = {}): void {
  console.log(JSON.stringify({ bench: BENCH, metric, value: Math.round(value * 10) / 10, unit, rows, load: Math.round(loadavg()[0]! * 10) / 10, ...extra }));
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** A dossier of `rows` XML invoices and `rows` declared rows, as an import report (no file is parsed). */
async function syntheticReport(): Promise<ImportReport> {
  const encoder = new TextEncoder();
  const documents = await Promise.all(Array.from({ length: rows }, async (_, index) => {
    const bytes = encoder.encode(`<Invoice><Number>${String(24442000000000000000n + BigInt(index))}</Number></Invoice>`);
    return { path: `发票/${String(index + 1).padStart(5, '0')}.xml`, sha256: await nodeHasher.sha256(bytes), size: bytes.length, type: 'xml' as const, kind: 'invoice' as const, kindSource: 'content' as const, bytes: bytes as Uint8Array, problems: [] };
  }));
  const manifest = {
    schema: 'dossier-desk/dossier@1', program: 'shenzhen-2024-dsp', applicant: { name: '深圳市某科技有限公司', category: 'comprehensive' },
    documents: [], claims: documents.map((_, index) => ({ id: `R${String(index + 1).padStart(5, '0')}`, amount: `${1000 + index}.00`, invoiceNumbers: [String(24442000000000000000n + BigInt(index))] })),
  } as unknown as DossierManifest;
  const dossierId = await computeDossierId(nodeHasher, manifest, documents.map((document) => ({ path: document.path, sha256: document.sha256 })));
  return {
    dossierId, manifest, manifestSource: 'dossier.json', documents, rejected: [], claimTable: null, problems: [], cancelled: false,
    stats: { files: rows, imported: rows, rejected: 0, bytes: documents.reduce((sum, document) => sum + document.size, 0), inflatedBytes: 0 },
  };
}

/** The desktop side store in `folder`, counting the bytes written and telling when a state file is written. */
function sideStoreIn(folder: string): SideStore & { bytes: number; onStateWritten: (() => void) | null } {
  const keeper = createSideFileKeeper(folder, fs);
  const side = {
    ...keeper,
    bytes: 0,
    onStateWritten: null as (() => void) | null,
    writeSideFile: async (name: string, text: string) => {
      await keeper.writeSideFile(name, text);
      side.bytes += Buffer.byteLength(text);
      if (name.endsWith('.state.json')) side.onStateWritten?.();
      return null;
    },
    appendSideFile: async (name: string, text: string) => {
      await keeper.appendSideFile(name, text);
      side.bytes += Buffer.byteLength(text);
      return null;
    },
  };
  return side;
}

const folder = mkdtempSync(join(tmpdir(), 'mirror-latency-'));
const clock = { now: () => new Date().toISOString() };
try {
  const store = await new DossierStore({ hasher: nodeHasher, clock, name: `mirror-latency-${rows}`, storage: {} }).open();
  const side = sideStoreIn(folder);
  const report = await syntheticReport();
  const id = report.dossierId;
  await store.saveImport(report, '审查员');
  const flushTimes: number[] = [];
  const mirror = new AuditMirror(store, side, nodeHasher, { onError: (_, error) => { throw error; } });
  const timedFlush = mirror.flush.bind(mirror);
  mirror.flush = () => {
    const started = performance.now();
    return timedFlush().then(() => { flushTimes.push(performance.now() - started); });
  };
  mirror.follow();
  const snapshot = store.mirrorSnapshot.bind(store);
  const snapshotTimes: number[] = [];
  store.mirrorSnapshot = async (...args) => {
    const snapshotStarted = performance.now();
    const read = await snapshot(...args);
    snapshotTimes.push(performance.now() - snapshotStarted);
    return read;
  };

  let started = performance.now();
  mirror.schedule(id);
  await mirror.flush();
  emit('first-flush', performance.now() - started, 'ms', { bytes: side.bytes });

  const latencies: number[] = [];
  const bytes: number[] = [];
  flushTimes.length = 0;
  snapshotTimes.length = 0;
  for (let edit = 0; edit < EDITS; edit++) {
    const claimId = `R${String(((edit * 7919) % rows) + 1).padStart(5, '0')}`;
    const written = new Promise<void>((resolve) => { side.onStateWritten = resolve; });
    const before = side.bytes;
    await store.setCut(id, 'local', claimId, { claimId, amount: '100.00', reason: 'amount-mismatch', note: '' }, '审查员');
    started = performance.now();
    await written;
    latencies.push(performance.now() - started);
    bytes.push(side.bytes - before);
  }
  side.onStateWritten = null;
  emit('edit-to-mirror', median(latencies), 'ms', { max: Math.round(Math.max(...latencies)), edits: EDITS, flushDelayMs: FLUSH_DELAY_MS });
  emit('edit-flush', median(flushTimes), 'ms', { max: Math.round(Math.max(...flushTimes)) });
  emit('edit-snapshot', median(snapshotTimes), 'ms', { max: Math.round(Math.max(...snapshotTimes)) });
  emit('edit-bytes', median(bytes), 'bytes', { stateBytes: (await fs.stat(join(folder, mirrorStateName(id)))).size });

  const fresh = await new DossierStore({ hasher: nodeHasher, clock, name: `mirror-latency-restore-${rows}`, storage: {} }).open();
  started = performance.now();
  const outcome = await restoreFromMirrors(fresh, side, nodeHasher, async () => null);
  if (outcome.restored.length !== 1 || (await fresh.cuts(id)).length !== EDITS) throw new Error(`the mirror did not restore: ${JSON.stringify(outcome.refused)}`);
  emit('restore', performance.now() - started, 'ms');
  store.close();
  fresh.close();
} finally {
  rmSync(folder, { recursive: true, force: true });
}

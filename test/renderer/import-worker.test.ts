// Import off the window's thread: the client (platform/import-client) against the worker's runner
// (workers/import-runner) in process. Progress comes by counts (zip entries inflated, files checked,
// declared rows parsed), cancel terminates the worker and nothing of a cancelled import is stored;
// the same files then import to completion.
import 'fake-indexeddb/auto';
import { strToU8, zipSync } from 'fflate';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { ImportProgress } from '../../src-renderer/core/import';
import { ImportCancelled, importInWorker, type ImportWorkerLike } from '../../src-renderer/platform/import-client';
import { INTERRUPTED_IMPORT_NOTE } from '../../src-renderer/state/interrupted-import';
import { uiDatabaseNote } from '../../src-renderer/state/ui-persistence';
import { useUi, type ProgressState } from '../../src-renderer/state/ui';
import { useWorkspace } from '../../src-renderer/state/workspace';
import { einvoiceXml, plainPdf } from '../fixtures/hostile/builders';
import { inProcessImportWorker, type InProcessImportWorker } from './in-process-import-worker';

vi.mock('../../src-renderer/platform/pdfjs', () => ({ openPdf: vi.fn(), pageText: vi.fn() }));

const started: InProcessImportWorker[] = [];
let onWorkerMessage: (progress: ImportProgress) => void = () => undefined;
vi.mock('../../src-renderer/platform/import-client', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src-renderer/platform/import-client')>();
  return {
    ...original,
    importInWorker: (...[files, options, startWorker]: Parameters<typeof original.importInWorker>) => original.importInWorker(files, options, startWorker ?? (() => {
      const worker = inProcessImportWorker((message) => { if (message.type === 'progress') onWorkerMessage(message.progress); });
      started.push(worker);
      return worker;
    })),
  };
});

const ROWS = 30;

function dossierZip(): Uint8Array {
  const entries: Record<string, Uint8Array> = {};
  const lines = ['客户名称,发票号码,金额'];
  for (let i = 0; i < ROWS; i++) {
    const number = `244420000001234${String(50000 + i)}`;
    entries[`申报材料/发票/${String(i).padStart(3, '0')}.xml`] = einvoiceXml(number);
    lines.push(`客户${i},${number},12720.00`);
  }
  entries['申报材料/合同/contract.pdf'] = plainPdf('Contract');
  entries['申报材料/claims.csv'] = strToU8(lines.join('\n'));
  return zipSync(entries);
}

beforeAll(() => {
  Object.defineProperty(navigator, 'storage', {
    configurable: true,
    value: { estimate: async () => ({ usage: 0, quota: 1e12 }), persist: async () => false, persisted: async () => false },
  });
});

describe('the import worker client', () => {
  it('reports counts of entries inflated, files checked and rows parsed, and hands back the whole report', async () => {
    const seen: ImportProgress[] = [];
    const report = await importInWorker([{ path: 'dossier.zip', bytes: dossierZip() }], { onProgress: (progress) => seen.push(progress) }, () => inProcessImportWorker());
    expect(report.cancelled).toBe(false);
    expect(report.documents).toHaveLength(ROWS + 2);
    expect(report.manifest.claims).toHaveLength(ROWS);
    const inflating = seen.filter((p) => p.stage === 'inflate');
    expect(inflating.at(-1)).toMatchObject({ done: ROWS + 2, total: ROWS + 2, current: 'dossier.zip' });
    expect(new Set(inflating.map((p) => p.done)).size).toBeGreaterThan(ROWS / 2);
    expect(seen.filter((p) => p.stage === 'files').at(-1)).toMatchObject({ done: ROWS + 2, total: ROWS + 2, current: null });
    expect(seen.filter((p) => p.stage === 'claims').at(-1)).toMatchObject({ done: ROWS, total: ROWS });
    // Each original once, as the Blob the store keeps, made in the worker.
    expect(report.originals.size).toBe(new Set(report.documents.map((document) => document.sha256)).size);
    const first = report.documents[0]!;
    expect(new Uint8Array(await report.originals.get(first.sha256)!.arrayBuffer())).toEqual(first.bytes);
  });

  it('names the file and the reason of a bad file and imports the rest', async () => {
    const report = await importInWorker([
      { path: 'a.xml', bytes: einvoiceXml('24442000000123456789') },
      { path: 'broken.pdf', bytes: strToU8('%PDF-1.7 nothing else') },
    ], {}, () => inProcessImportWorker());
    expect(report.documents.map((d) => d.path)).toEqual(['a.xml']);
    expect(report.rejected[0]!.problems[0]).toMatchObject({ file: 'broken.pdf', code: expect.stringMatching(/^pdf-/), message: expect.stringContaining('PDF') });
  });

  it('terminates the worker at once on cancel and rejects with ImportCancelled; whatever the worker still says is ignored', async () => {
    const listeners: ((event: MessageEvent) => void)[] = [];
    let terminated = 0;
    const silentWorker: ImportWorkerLike = {
      postMessage: () => undefined,
      addEventListener: (type: string, listener: unknown) => { if (type === 'message') listeners.push(listener as (event: MessageEvent) => void); },
      terminate: () => { terminated++; },
    };
    const controller = new AbortController();
    const seen: ImportProgress[] = [];
    const importing = importInWorker([{ path: 'a.xml', bytes: einvoiceXml('24442000000123456789') }], { signal: controller.signal, onProgress: (p) => seen.push(p) }, () => silentWorker);
    listeners.forEach((listener) => listener({ data: { type: 'progress', progress: { stage: 'inflate', done: 1, total: 9, current: 'x.zip' } } } as MessageEvent));
    controller.abort();
    await expect(importing).rejects.toBeInstanceOf(ImportCancelled);
    expect(terminated).toBe(1);
    listeners.forEach((listener) => listener({ data: { type: 'progress', progress: { stage: 'inflate', done: 2, total: 9, current: 'x.zip' } } } as MessageEvent));
    expect(seen.map((p) => p.done)).toEqual([1]);
  });
});

describe('importFiles through the worker', () => {
  it('shows the counts moving, leaves nothing of an import cancelled mid-way, then imports the same dossier to completion', async () => {
    const { importFiles, cancelImport } = await import('../../src-renderer/state/import');
    const { getStore } = await import('../../src-renderer/state/store');
    const store = await getStore();
    const note = uiDatabaseNote(INTERRUPTED_IMPORT_NOTE);
    const shown: ProgressState[] = [];
    const unsubscribe = useUi.subscribe((state) => { if (state.progress) shown.push(state.progress); });

    // While an import runs, a note in the UI state database says so (a crash then is told at the next start);
    // it is taken out at any end of the import.
    let noteWhileRunning: Promise<string | null> = Promise.resolve(null);
    onWorkerMessage = (progress) => {
      if (progress.stage === 'files' && progress.done === ROWS / 2) {
        noteWhileRunning = note.read();
        cancelImport();
      }
    };
    expect(await importFiles([{ path: 'dossier.zip', bytes: dossierZip() }])).toBeNull();
    expect(JSON.parse((await noteWhileRunning) ?? 'null')).toMatchObject({ files: 1, first: 'dossier.zip' });
    expect(await note.read()).toBeNull();
    expect(started.at(-1)!.terminated).toBe(true);
    expect(useUi.getState().notice).toEqual({ tone: 'info', code: 'importSpace.cancelled' });
    expect(useUi.getState().progress).toBeNull();
    expect(shown.some((p) => p.stage === 'inflate' && p.done > 0)).toBe(true);
    expect(shown.filter((p) => p.stage === 'files').map((p) => p.done)).toContain(ROWS / 2 - 1);
    expect(await store.listDossiers()).toEqual([]);
    expect(await store.db.documents.count()).toBe(0);
    expect(await store.db.blobs.count()).toBe(0);
    expect(await store.db.claims.count()).toBe(0);
    expect(await store.db.auditLog.count()).toBe(0);

    onWorkerMessage = () => undefined;
    shown.length = 0;
    // The dossier opened at the end of the import starts reading its documents before the import has
    // ended: the reading's progress stays.
    const reading: ProgressState = { kind: 'ocr', done: 0, total: ROWS, current: 'invoices/1.xml' };
    const openedReads = useUi.subscribe((state, before) => {
      if (state.activeDossierId && state.activeDossierId !== before.activeDossierId) useUi.getState().setProgress(reading);
    });
    const rowsRead = vi.spyOn(store, 'getDossier');
    const dossierId = await importFiles([{ path: 'dossier.zip', bytes: dossierZip() }]);
    // Listed at the top without its verdict, which the opening keeps: the list read neither its row
    // (a 10,000-row manifest at scale) nor its review back, nor computed its standing on the window's thread.
    expect(rowsRead).not.toHaveBeenCalled();
    rowsRead.mockRestore();
    expect(useWorkspace.getState().dossiers[0]).toMatchObject({ id: dossierId, status: 'in-review', verdict: null });
    expect(await store.db.dossierSummaries.get(dossierId!)).toMatchObject({ id: dossierId, standing: null });
    openedReads();
    unsubscribe();
    expect(useUi.getState().progress).toEqual(reading);
    useUi.getState().setProgress(null);
    expect(dossierId).toEqual(expect.any(String));
    expect(await note.read()).toBeNull();
    expect(shown.some((p) => p.stage === 'claims' && p.done === ROWS)).toBe(true);
    expect(shown.some((p) => p.stage === 'save')).toBe(true);
    expect(await store.db.documents.count()).toBe(ROWS + 2);
    expect(await store.claims(dossierId!)).toHaveLength(ROWS);
  }, 30_000);
});

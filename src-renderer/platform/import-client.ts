// Window side of dossier import: `importInWorker` runs the import pipeline in a web worker of its
// own (workers/import.worker.ts) and reports its progress by counts; an AbortSignal terminates the
// worker at once, whatever it is doing (inflating a large zip included), and rejects with
// ImportCancelled.
import type { ImportInputFile, ImportProgress, ImportReport } from '../core/import';
import type { ImportWorkerOptions, ImportWorkerRequest, ImportWorkerResponse } from '../workers/import-protocol';

export class ImportCancelled extends Error {
  constructor() {
    super('the import was cancelled; nothing of it is kept');
    this.name = 'ImportCancelled';
  }
}

/** What the client needs of a Worker (a test gives its own). */
export interface ImportWorkerLike {
  postMessage(message: ImportWorkerRequest, transfer: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<ImportWorkerResponse>) => void): void;
  addEventListener(type: 'error', listener: (event: ErrorEvent) => void): void;
  terminate(): void;
}

function startImportWorker(): ImportWorkerLike {
  return new Worker(new URL('../workers/import.worker.ts', import.meta.url), { type: 'module', name: 'dossier-import' }) as ImportWorkerLike;
}

/** The input's buffers, each once; they move to the worker (the caller's arrays are emptied). */
function inputBuffers(files: ImportInputFile[]): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  for (const file of files) if ('bytes' in file && file.bytes.buffer instanceof ArrayBuffer) buffers.add(file.bytes.buffer);
  return [...buffers];
}

export interface ImportInWorkerOptions extends ImportWorkerOptions {
  signal?: AbortSignal;
  onProgress?: (progress: ImportProgress) => void;
}

/** An import's report with each original as the Blob the store keeps, made in the worker (by sha256). */
export interface WorkerImportReport extends ImportReport {
  originals: ReadonlyMap<string, Blob>;
}

export function importInWorker(files: ImportInputFile[], options: ImportInWorkerOptions = {}, startWorker: () => ImportWorkerLike = startImportWorker): Promise<WorkerImportReport> {
  const { signal, onProgress, ...workerOptions } = options;
  if (signal?.aborted) return Promise.reject(new ImportCancelled());
  const worker = startWorker();
  return new Promise<WorkerImportReport>((resolve, reject) => {
    let settled = false;
    const finish = (outcome: () => void): void => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      worker.terminate();
      outcome();
    };
    const onAbort = (): void => finish(() => reject(new ImportCancelled()));
    signal?.addEventListener('abort', onAbort);
    worker.addEventListener('message', (event: MessageEvent<ImportWorkerResponse>) => {
      if (settled) return;
      const message = event.data;
      if (message.type === 'progress') onProgress?.(message.progress);
      else if (message.type === 'result') finish(() => resolve({ ...message.report, originals: message.originals }));
      else finish(() => reject(new Error(message.message)));
    });
    worker.addEventListener('error', (event: ErrorEvent) => finish(() => reject(new Error(`the import worker failed: ${event.message || 'it could not start'}`))));
    worker.postMessage({ type: 'import', files, options: workerOptions }, inputBuffers(files));
  });
}

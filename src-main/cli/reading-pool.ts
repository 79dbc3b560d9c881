// The command line reads a dossier's files on every core, as the app does: a pool of worker
// threads, each running the one extraction pipeline (dossier-file-reading.ts) with its own PDF
// reader and OCR engine. Threads start as work arrives; with one thread the files are read on the
// calling thread instead. From the bundled command line the thread runs its bundled script
// (bin/cli-bundle.mjs builds it beside the command line); from the sources, through tsx.
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { createNodeExtractPorts, type NodeExtractPorts } from './adapters';
import { UsageError } from './io';
import { type DossierFileReadOptions, type DossierFileReading, readDossierFile } from './dossier-file-reading';

export interface ReadingRequest {
  id: number;
  file: { path: string; bytes: Uint8Array };
  options: DossierFileReadOptions;
}

export type ReadingResponse = { id: number; reading: DossierFileReading } | { id: number; error: string };

export interface ReadingPool {
  /** How many files are best read at once (two per thread: one parses while the other waits for OCR). */
  readonly lanes: number;
  read(file: { path: string; bytes: Uint8Array }, options?: DossierFileReadOptions): Promise<DossierFileReading>;
  close(): Promise<void>;
}

/** The default number of threads: every core, at most four. */
export function defaultThreadCount(): number {
  return Math.max(1, Math.min(4, availableParallelism()));
}

/** Fewer files than this are read on the calling thread: starting reading threads would take longer than they save. */
export const FILES_WORTH_THREADS = 24;

/** The threads for reading this many files: every core, unless there are too few files to be worth it. */
export function threadsFor(files: number): number {
  return files < FILES_WORTH_THREADS ? 1 : defaultThreadCount();
}

/** The value of a `--threads N` flag (a whole number, 1 or more), or undefined when it is not given. */
export function parseThreadCount(values: readonly string[] | undefined): number | undefined {
  if (values === undefined || values.length === 0) return undefined;
  if (values.length > 1) throw new UsageError('--threads may be given once');
  if (!/^[1-9]\d*$/.test(values[0]!)) throw new UsageError('--threads takes a whole number of threads, 1 or more');
  return Number(values[0]);
}

function startThread(): Worker {
  const here = import.meta.url;
  if (here.endsWith('.mjs') || here.endsWith('.js')) return new Worker(new URL('./reading-thread.mjs', here));
  const tsx = createRequire(fileURLToPath(here)).resolve('tsx/esm/api');
  const script = new URL('./reading-thread.ts', here).href;
  return new Worker(`require(${JSON.stringify(tsx)}).register(); import(${JSON.stringify(script)});`, { eval: true });
}

interface Thread {
  worker: Worker;
  busy: number;
}

const PER_THREAD = 2;

function inProcessPool(): ReadingPool {
  let ports: NodeExtractPorts | null = null;
  return {
    lanes: PER_THREAD,
    read(file, options = {}) {
      ports ??= createNodeExtractPorts();
      return readDossierFile(file, ports, options);
    },
    async close() {
      await ports?.dispose();
    },
  };
}

/** A pool of `threads` reading threads (1: the calling thread reads). */
export function createReadingPool(threads = defaultThreadCount()): ReadingPool {
  if (threads <= 1) return inProcessPool();
  const pool: Thread[] = [];
  const waiting = new Map<number, { resolve: (reading: DossierFileReading) => void; reject: (error: Error) => void; path: string }>();
  const queue: ReadingRequest[] = [];
  let nextId = 1;
  let failure: Error | null = null;

  const fail = (error: Error) => {
    failure ??= error;
    for (const [id, entry] of waiting) {
      waiting.delete(id);
      entry.reject(new Error(`reading ${entry.path}: ${error.message}`));
    }
  };
  const spawn = (): Thread => {
    const thread: Thread = { worker: startThread(), busy: 0 };
    thread.worker.on('message', (response: ReadingResponse) => {
      const entry = waiting.get(response.id);
      if (!entry) return;
      waiting.delete(response.id);
      thread.busy--;
      if ('error' in response) entry.reject(new Error(response.error));
      else entry.resolve(response.reading);
      dispatch();
    });
    thread.worker.on('error', (error) => fail(error));
    thread.worker.on('exit', (code) => {
      if (code !== 0) fail(new Error(`a reading thread stopped (exit code ${code})`));
    });
    pool.push(thread);
    return thread;
  };
  const dispatch = () => {
    while (queue.length > 0) {
      const idle = pool.find((thread) => thread.busy === 0) ?? (pool.length < threads ? spawn() : pool.find((thread) => thread.busy < PER_THREAD));
      if (!idle) return;
      const request = queue.shift()!;
      idle.busy++;
      idle.worker.postMessage(request);
    }
  };
  return {
    lanes: threads * PER_THREAD,
    read(file, options = {}) {
      if (failure) return Promise.reject(failure);
      const id = nextId++;
      return new Promise<DossierFileReading>((resolve, reject) => {
        waiting.set(id, { resolve, reject, path: file.path });
        queue.push({ id, file, options });
        dispatch();
      });
    },
    async close() {
      await Promise.all(pool.map((thread) => new Promise<void>((resolve) => {
        thread.worker.once('exit', () => resolve());
        thread.worker.postMessage('close');
      })));
    },
  };
}

// The command line reads a dossier's files on every core, as the app does: a pool of readers, the
// calling thread and worker threads, each running the one extraction pipeline
// (dossier-file-reading.ts) with its own PDF reader and OCR engine. Readers start as work arrives;
// with one thread the files are read on the calling thread alone. From the bundled command line the thread runs its bundled script
// (bin/cli-bundle.mjs builds it beside the command line); from the sources, through tsx.
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { NodeExtractPorts } from './adapters';
import { UsageError } from './io';
import { type DossierFileReadOptions, type DossierFileReading, readDossierFile } from './dossier-file-reading';
import { sniffFileKind } from '../../src-renderer/core/extract/pipeline';
import { probeImage } from '../../src-renderer/core/import/image-header';

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

/** One reader of the pool: a reading thread, or the calling thread itself. */
interface Reader extends ReaderLoad {
  send(request: ReadingRequest): void;
  close(): Promise<void>;
}

/** Files each reader is given at once: one parses while the other waits for OCR. */
const PER_THREAD = 2;

/**
 * The order to read files in (indices into `files`): pictures first, the largest (in pixels) first, as each is
 * read by OCR alone and takes far longer than a text PDF, OFD or XML; then the other files as given.
 * The longest work starts first and the short files fill in around it, so that no OCR worker is
 * left with a picture to read while the other has finished. What is read is the same in any order.
 */
export function readingOrder(files: readonly { path: string; bytes: Uint8Array }[]): number[] {
  const pictures: number[] = [];
  const others: number[] = [];
  files.forEach((file, index) => (sniffFileKind(file.path, file.bytes) === 'image' ? pictures : others).push(index));
  const size = (index: number) => {
    const header = probeImage(files[index]!.bytes);
    return header ? header.width * header.height : 0;
  };
  const sizes = new Map(pictures.map((index) => [index, size(index)]));
  pictures.sort((a, b) => sizes.get(b)! - sizes.get(a)! || a - b);
  return [...pictures, ...others];
}

/** What a reader has in hand: files, and of them pictures (each read by OCR alone). */
export interface ReaderLoad {
  busy: number;
  pictures: number;
}

/**
 * The reader a file goes to: an idle one, else a new one while fewer than `threads` run, else one
 * with a free slot; null when it waits. A picture goes only to a reader with no picture in hand:
 * each reader has one OCR worker, so a second picture would wait behind the first while another
 * reader's OCR worker idles (two at a time on the mixed samples folder was slower than one after
 * the other for that). A PDF or OFD that turns out to be a scan is not known in advance.
 */
export function chooseReader(readers: readonly ReaderLoad[], threads: number, picture: boolean): number | 'new' | null {
  const idle = readers.findIndex((reader) => reader.busy === 0);
  if (idle >= 0) return idle;
  if (readers.length < threads) return 'new';
  const free = readers.findIndex((reader) => reader.busy < PER_THREAD && !(picture && reader.pictures > 0));
  return free >= 0 ? free : null;
}

/** The ports of the calling thread, loaded on its first file (pdf.js, the canvas, the OCR engine). */
function lazyPorts(ocrWorkers?: number): { get(): Promise<NodeExtractPorts>; dispose(): Promise<void> } {
  let ports: Promise<NodeExtractPorts> | null = null;
  return {
    get: () => (ports ??= import('./adapters').then((adapters) => adapters.createNodeExtractPorts(ocrWorkers ? { ocr: { workers: ocrWorkers } } : {}))),
    async dispose() {
      await (await ports)?.dispose();
    },
  };
}

function inProcessPool(): ReadingPool {
  const ports = lazyPorts();
  return {
    lanes: PER_THREAD,
    async read(file, options = {}) {
      return readDossierFile(file, await ports.get(), options);
    },
    close: () => ports.dispose(),
  };
}

/**
 * A pool of `threads` readers: the calling thread and `threads - 1` reading threads (1: the calling
 * thread alone). The calling thread is one of the readers because it has nothing else to do while
 * the files are read, and every reading thread costs a start-up of its own (pdf.js, the canvas,
 * code that warms up again in each thread).
 */
export function createReadingPool(threads = defaultThreadCount()): ReadingPool {
  if (threads <= 1) return inProcessPool();
  const readers: Reader[] = [];
  const waiting = new Map<number, { resolve: (reading: DossierFileReading) => void; reject: (error: Error) => void; path: string; picture: boolean }>();
  const queue: { request: ReadingRequest; picture: boolean }[] = [];
  let nextId = 1;
  let failure: Error | null = null;

  const fail = (error: Error) => {
    failure ??= error;
    for (const [id, entry] of waiting) {
      waiting.delete(id);
      entry.reject(new Error(`reading ${entry.path}: ${error.message}`));
    }
  };
  const settle = (reader: Reader, id: number, outcome: { reading: DossierFileReading } | { error: Error }) => {
    const entry = waiting.get(id);
    if (!entry) return;
    waiting.delete(id);
    reader.busy--;
    if (entry.picture) reader.pictures--;
    if ('error' in outcome) entry.reject(outcome.error);
    else entry.resolve(outcome.reading);
    dispatch();
  };
  // Each reader has one OCR worker: as many as the threads, as the one engine of a single reader has.
  const callingThread = (): Reader => {
    const ports = lazyPorts(1);
    const reader: Reader = {
      busy: 0,
      pictures: 0,
      send(request) {
        ports.get()
          .then((loaded) => readDossierFile(request.file, loaded, request.options))
          .then((reading) => settle(reader, request.id, { reading }), (error: unknown) => settle(reader, request.id, { error: error instanceof Error ? error : new Error(String(error)) }));
      },
      close: () => ports.dispose(),
    };
    return reader;
  };
  const readingThread = (): Reader => {
    const worker = startThread();
    const reader: Reader = {
      busy: 0,
      pictures: 0,
      send: (request) => worker.postMessage(request),
      close: () => new Promise<void>((resolve) => {
        worker.once('exit', () => resolve());
        worker.postMessage('close');
      }),
    };
    worker.on('message', (response: ReadingResponse) => settle(reader, response.id, 'error' in response ? { error: new Error(response.error) } : { reading: response.reading }));
    worker.on('error', (error) => fail(error));
    worker.on('exit', (code) => {
      if (code !== 0) fail(new Error(`a reading thread stopped (exit code ${code})`));
    });
    return reader;
  };
  // Each waiting file in turn goes to the reader chooseReader gives; a picture that must wait lets the files behind it pass.
  const dispatch = () => {
    for (let at = 0; at < queue.length;) {
      const { request, picture } = queue[at]!;
      const choice = chooseReader(readers, threads, picture);
      if (choice === null) {
        at++;
        continue;
      }
      if (choice === 'new') readers.push(readers.length === 0 ? callingThread() : readingThread());
      const reader = readers[choice === 'new' ? readers.length - 1 : choice]!;
      queue.splice(at, 1);
      reader.busy++;
      if (picture) reader.pictures++;
      reader.send(request);
    }
  };
  return {
    lanes: threads * PER_THREAD,
    read(file, options = {}) {
      if (failure) return Promise.reject(failure);
      const id = nextId++;
      const picture = sniffFileKind(file.path, file.bytes) === 'image';
      return new Promise<DossierFileReading>((resolve, reject) => {
        waiting.set(id, { resolve, reject, path: file.path, picture });
        queue.push({ request: { id, file, options }, picture });
        dispatch();
      });
    },
    async close() {
      await Promise.all(readers.map((reader) => reader.close()));
    },
  };
}

// The side files of web mode (see platform/side-store.ts for the API) in the origin private file
// system: navigator.storage.getDirectory(), folder side-files/. createWritable writes to a swap file
// that close() commits atomically, so a write is whole or not at all. A file that does not exist yet is
// listed from the moment its handle is made, empty until its write is closed: a kill in between left an
// empty original that counted as kept (db/original-mirror) and was never written again. So a new file
// is written in the staging folder side-files/.staging/ and moved into place once closed.
//
// Text writes and appends (the mirror's log and state after every edit: db/audit-mirror) are made by a
// dedicated worker when the host gives one (textWriter; workers/side-files.worker.ts): each of the
// half-dozen calls a write takes (file handle, createWritable, size, seek, write, close) then waits
// for that worker's thread, not for the window's, which is busy after an edit (evaluation results,
// rendering); under load each call waited tens of milliseconds there. The window waits for one answer.
import { nextTask } from './next-task';
import { isSideFileName, isSideFilePrefix, MAX_SIDE_FILE_BYTES, MAX_SIDE_FILE_CHARS, type HostApi, type HostResult, type SideFileMethod } from '../../src-main/shared/contract';

/** The bridge's side-file methods (src-main/shared/contract), as both hosts answer them. */
export type SideFileMethods = Pick<HostApi, SideFileMethod>;

/** The parts of the File System Access API (OPFS) used here; not in every TypeScript DOM library. */
export interface OpfsWritable {
  seek(position: number): Promise<void>;
  write(data: string | Uint8Array): Promise<void>;
  close(): Promise<void>;
  abort?(): Promise<void>;
}
export interface OpfsFile {
  size: number;
  text(): Promise<string>;
  arrayBuffer(): Promise<ArrayBuffer>;
  stream?(): ReadableStream<Uint8Array>;
}
export interface OpfsFileHandle {
  kind: 'file';
  name: string;
  getFile(): Promise<OpfsFile>;
  createWritable(options?: { keepExistingData?: boolean }): Promise<OpfsWritable>;
  /** Moves the file into `destination` under its name (Chromium's OPFS; absent in older browsers). */
  move?(destination: OpfsDirectoryHandle): Promise<void>;
}
export interface OpfsDirectoryHandle {
  kind: 'directory';
  name: string;
  getDirectoryHandle(name: string, options?: { create?: boolean }): Promise<OpfsDirectoryHandle>;
  getFileHandle(name: string, options?: { create?: boolean }): Promise<OpfsFileHandle>;
  removeEntry(name: string): Promise<void>;
  values(): AsyncIterable<OpfsFileHandle | OpfsDirectoryHandle>;
}

/** Files from this size on are decoded a part at a time (textOf). */
export const DECODE_IN_PARTS_FROM_BYTES = 1 << 20;

/**
 * A file's text (UTF-8, as Blob.text() decodes it). A large one (the mirror's import file of a
 * 10,000-row dossier is 11 MB: 0.76 s of decoding in one task) is decoded a megabyte at a time, each
 * in a task of its own (platform/next-task), so that a reload or close is not held behind it.
 */
export async function textOf(file: OpfsFile): Promise<string> {
  if (file.size < DECODE_IN_PARTS_FROM_BYTES || typeof file.stream !== 'function') return file.text();
  const decoder = new TextDecoder();
  const reader = file.stream().getReader();
  const parts: string[] = [];
  let sinceYield = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(decoder.decode(value, { stream: true }));
    sinceYield += value.byteLength;
    if (sinceYield >= DECODE_IN_PARTS_FROM_BYTES) {
      sinceYield = 0;
      await nextTask();
    }
  }
  parts.push(decoder.decode());
  return parts.join('');
}

/** The folder of the origin private file system the side files are kept in. */
export const OPFS_SIDE_FOLDER = 'side-files';

/** The folder of side-files/ where a new file is written before it is moved into place (not a side file name: never listed). */
export const OPFS_STAGING_FOLDER = '.staging';

/** The side files' folder of the origin private file system `root` (made when missing). */
export async function opfsSideFolder(root: () => Promise<OpfsDirectoryHandle>): Promise<OpfsDirectoryHandle> {
  return (await root()).getDirectoryHandle(OPFS_SIDE_FOLDER, { create: true });
}

/** Writes (or, with append, adds at the end of) a side file's text elsewhere than in the window (a worker: textWriterOnWorker). */
export type TextWriter = (name: string, text: string, append: boolean) => Promise<void>;

/**
 * Writes `data` as the file `name` of `directory` (append: at its end), committed by close() or not at
 * all; a file that is not there yet appears only once its data is committed (written in the staging
 * folder, then moved into place).
 */
export async function putSideFile(directory: OpfsDirectoryHandle, name: string, data: string | Uint8Array, append: boolean): Promise<null> {
  const existing = await directory.getFileHandle(name).catch((error: unknown) => {
    if (isNotFound(error)) return null;
    throw error;
  });
  if (existing) return writeTo(existing, data, append);
  const staged = await (await directory.getDirectoryHandle(OPFS_STAGING_FOLDER, { create: true })).getFileHandle(name, { create: true });
  if (!staged.move) return writeTo(await directory.getFileHandle(name, { create: true }), data, append);
  await writeTo(staged, data, false);
  await staged.move(directory);
  return null;
}

async function writeTo(handle: OpfsFileHandle, data: string | Uint8Array, append: boolean): Promise<null> {
  const writable = await handle.createWritable({ keepExistingData: append });
  try {
    if (append) await writable.seek((await handle.getFile()).size);
    await writable.write(data);
  } catch (error) {
    await writable.abort?.().catch(() => undefined);
    throw error;
  }
  await writable.close();
  return null;
}

/** A request to the side-files worker, and its answer. */
export interface TextWriteRequest { id: number; name: string; text: string; append: boolean }
export type TextWriteAnswer = { id: number; ok: true } | { id: number; ok: false; message: string };

/** What textWriterOnWorker needs of a Worker (a test gives its own). */
export interface TextWriterWorker {
  postMessage(message: TextWriteRequest): void;
  addEventListener(type: 'message', listener: (event: { data: TextWriteAnswer }) => void): void;
  addEventListener(type: 'error', listener: (event: { message?: string }) => void): void;
  terminate(): void;
}

/**
 * Text writes made by a worker (started on the first write). A worker that fails (does not load,
 * or dies) fails the writes it was making, and the later ones are made by `fallback` in the window.
 */
export function textWriterOnWorker(start: () => TextWriterWorker, fallback: TextWriter): TextWriter {
  let worker: TextWriterWorker | null = null;
  let broken = false;
  let next = 0;
  const waiting = new Map<number, { resolve: () => void; reject: (error: Error) => void }>();
  const started = (): TextWriterWorker => {
    if (worker) return worker;
    const running = start();
    running.addEventListener('message', ({ data }) => {
      const call = waiting.get(data.id);
      if (!call) return;
      waiting.delete(data.id);
      if (data.ok) call.resolve();
      else call.reject(new Error(data.message));
    });
    running.addEventListener('error', (event) => {
      broken = true;
      worker = null;
      running.terminate();
      const calls = [...waiting.values()];
      waiting.clear();
      for (const call of calls) call.reject(new Error(`the side-files worker failed${event.message ? ` (${event.message})` : ''}`));
    });
    worker = running;
    return running;
  };
  return (name, text, append) => {
    if (broken) return fallback(name, text, append);
    const id = next++;
    return new Promise<void>((resolve, reject) => {
      waiting.set(id, { resolve, reject });
      started().postMessage({ id, name, text, append });
    });
  };
}

function isNotFound(error: unknown): boolean {
  return (error as { name?: unknown } | null)?.name === 'NotFoundError';
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The side-file methods of the web host on the origin private file system `root` (undefined where the
 * browser has none: every call then answers 'unsupported'). Writes to one file are done one after
 * the other, so that an append never overtakes a write made before it, and a read waits for the
 * writes before it. Text is written by `textWriter` when given (a worker's; see the top of this file).
 */
export function opfsSideFiles(root: (() => Promise<OpfsDirectoryHandle>) | undefined, textWriter?: TextWriter): SideFileMethods {
  let folder: Promise<OpfsDirectoryHandle> | null = null;
  const queues = new Map<string, Promise<unknown>>();
  const directory = () => {
    folder ??= opfsSideFolder(root!);
    folder.catch(() => { folder = null; });
    return folder;
  };
  const inOrder = <T>(name: string, work: () => Promise<T>): Promise<T> => {
    const run = (queues.get(name) ?? Promise.resolve()).then(work, work);
    const settled = run.catch(() => undefined);
    queues.set(name, settled);
    void settled.then(() => { if (queues.get(name) === settled) queues.delete(name); });
    return run;
  };
  async function call<T>(operation: string, name: string, valid: boolean, work: () => Promise<T>, data?: string | Uint8Array): Promise<HostResult<T>> {
    if (!root) return { ok: false, error: { code: 'unsupported', message: `side file ${name}: this browser has no origin private file system` } };
    if (!valid) return { ok: false, error: { code: 'invalid-argument', message: `"${name.slice(0, 200)}" is not a side file name (lowercase letters, digits, '.', '_' and '-'; no folders)` } };
    if (typeof data === 'string' && data.length > MAX_SIDE_FILE_CHARS) return { ok: false, error: { code: 'too-large', message: `side file ${name}: more than ${MAX_SIDE_FILE_CHARS} characters in one write` } };
    if (data instanceof Uint8Array && data.byteLength > MAX_SIDE_FILE_BYTES) return { ok: false, error: { code: 'too-large', message: `side file ${name}: more than ${MAX_SIDE_FILE_BYTES} bytes in one write` } };
    try {
      return { ok: true, value: await work() };
    } catch (error) {
      const code = operation === 'read' || operation === 'list' ? 'unreadable' : 'write-failed';
      return { ok: false, error: { code, message: `side file ${name} (origin private file system): ${operation} failed: ${reasonOf(error)}` } };
    }
  }
  async function put(name: string, data: string | Uint8Array, append: boolean): Promise<null> {
    if (textWriter && typeof data === 'string') {
      await textWriter(name, data, append);
      return null;
    }
    return putSideFile(await directory(), name, data, append);
  }
  async function readOrNull<T>(name: string, read: (file: Awaited<ReturnType<OpfsFileHandle['getFile']>>) => Promise<T>): Promise<T | null> {
    try {
      return await read(await (await (await directory()).getFileHandle(name)).getFile());
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }
  return {
    writeSideFile: (name, text) => call('write', name, isSideFileName(name), () => inOrder(name, () => put(name, text, false)), text),
    appendSideFile: (name, text) => call('append', name, isSideFileName(name), () => inOrder(name, () => put(name, text, true)), text),
    readSideFile: (name) => call('read', name, isSideFileName(name), () => inOrder(name, () => readOrNull(name, textOf))),
    writeSideBytes: (name, bytes) => call('write', name, isSideFileName(name), () => inOrder(name, () => put(name, bytes, false)), bytes),
    readSideBytes: (name) => call('read', name, isSideFileName(name), () => inOrder(name, () => readOrNull(name, async (file) => new Uint8Array(await file.arrayBuffer())))),
    listSideFiles: (prefix) => call('list', prefix || '(all)', isSideFilePrefix(prefix), async () => {
      const names: string[] = [];
      for await (const entry of (await directory()).values()) {
        if (entry.kind === 'file' && entry.name.startsWith(prefix) && isSideFileName(entry.name)) names.push(entry.name);
      }
      return names.sort();
    }),
    removeSideFile: (name) => call('remove', name, isSideFileName(name), () => inOrder(name, async () => {
      try {
        await (await directory()).removeEntry(name);
      } catch (error) {
        if (!isNotFound(error)) throw error;
      }
      return null;
    })),
  };
}

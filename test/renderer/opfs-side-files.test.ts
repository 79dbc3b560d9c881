// The side files of web mode in the origin private file system (platform/opfs-side-files.ts), on an
// in-memory stand-in that behaves as Chromium's OPFS does: createWritable writes to a swap copy that
// only close() puts in place (keepExistingData starts the copy from the file), so a write that fails
// or is never closed leaves the file as it was. The same adapter is what getSideStore() gives.
import { describe, expect, it } from 'vitest';
import { createWebHost } from '../../src-renderer/platform/host';
import {
  opfsSideFiles, opfsSideFolder, OPFS_SIDE_FOLDER, putSideFile, textWriterOnWorker, type OpfsDirectoryHandle, type OpfsFileHandle, type OpfsWritable, type TextWriteAnswer, type TextWriterWorker, type TextWriteRequest,
} from '../../src-renderer/platform/opfs-side-files';
import { sideStoreOf, SideStoreError } from '../../src-renderer/platform/side-store';

function notFound(name: string): Error {
  return Object.assign(new Error(`${name} was not found`), { name: 'NotFoundError' });
}

/** While set, a write's close() never settles: the browser killed between the write and its commit. */
let closesHang = false;

class MemoryFile implements OpfsFileHandle {
  readonly kind = 'file';
  content = new Uint8Array();
  failNextWrite = false;
  constructor(readonly name: string, private parent: MemoryDirectory) {}
  async move(destination: OpfsDirectoryHandle) {
    const target = destination as MemoryDirectory;
    if (target.entries.has(this.name)) throw Object.assign(new Error(`${this.name} exists`), { name: 'InvalidModificationError' });
    this.parent.entries.delete(this.name);
    target.entries.set(this.name, this);
    this.parent = target;
  }
  async getFile() {
    const content = this.content;
    return { size: content.byteLength, text: async () => new TextDecoder().decode(content), arrayBuffer: async () => content.slice().buffer };
  }
  async createWritable(options: { keepExistingData?: boolean } = {}): Promise<OpfsWritable> {
    let swap = options.keepExistingData ? this.content.slice() : new Uint8Array();
    let position = 0;
    return {
      seek: async (at) => { position = at; },
      write: async (data) => {
        if (this.failNextWrite) {
          this.failNextWrite = false;
          throw new Error('QuotaExceededError: the disk is full');
        }
        const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
        const next = new Uint8Array(Math.max(swap.byteLength, position + bytes.byteLength));
        next.set(swap);
        next.set(bytes, position);
        swap = next;
        position += bytes.byteLength;
      },
      close: () => closesHang ? new Promise<void>(() => undefined) : Promise.resolve().then(() => { this.content = swap; }),
      abort: async () => undefined,
    };
  }
}

class MemoryDirectory implements OpfsDirectoryHandle {
  readonly kind = 'directory';
  readonly entries = new Map<string, MemoryFile | MemoryDirectory>();
  constructor(readonly name: string) {}
  async getDirectoryHandle(name: string, options: { create?: boolean } = {}) {
    const entry = this.entries.get(name);
    if (entry instanceof MemoryDirectory) return entry;
    if (!options.create) throw notFound(name);
    const created = new MemoryDirectory(name);
    this.entries.set(name, created);
    return created;
  }
  async getFileHandle(name: string, options: { create?: boolean } = {}) {
    const entry = this.entries.get(name);
    if (entry instanceof MemoryFile) return entry;
    if (!options.create) throw notFound(name);
    const created = new MemoryFile(name, this);
    this.entries.set(name, created);
    return created;
  }
  async removeEntry(name: string) {
    if (!this.entries.delete(name)) throw notFound(name);
  }
  async *values() {
    yield* this.entries.values();
  }
}

function webSideStore() {
  const root = new MemoryDirectory('');
  return { root, store: sideStoreOf(opfsSideFiles(async () => root)) };
}

/**
 * A stand-in for the side-files worker (workers/side-files.worker.ts) on the same root: it answers each
 * request on a later turn, as a worker does, and records them; `fail` makes it fail as a worker that dies.
 */
function fakeWorker(root: MemoryDirectory) {
  const requests: TextWriteRequest[] = [];
  const listeners: { message: ((event: { data: TextWriteAnswer }) => void)[]; error: ((event: { message?: string }) => void)[] } = { message: [], error: [] };
  let dead = false;
  const worker: TextWriterWorker & { requests: TextWriteRequest[]; die(): void; terminated: boolean } = {
    requests,
    terminated: false,
    postMessage(request) {
      requests.push(request);
      if (dead) return;
      setTimeout(() => {
        if (dead) return;
        void opfsSideFolder(async () => root).then((folder) => putSideFile(folder, request.name, request.text, request.append)).then(
          () => { for (const listener of listeners.message) listener({ data: { id: request.id, ok: true } }); },
          (error: Error) => { for (const listener of listeners.message) listener({ data: { id: request.id, ok: false, message: error.message } }); },
        );
      }, 5);
    },
    addEventListener(type: 'message' | 'error', listener: never) {
      (listeners[type] as unknown[]).push(listener);
    },
    terminate() { worker.terminated = true; },
    die() {
      dead = true;
      for (const listener of listeners.error) listener({ message: 'out of memory' });
    },
  };
  return worker;
}

describe('side files in the origin private file system', () => {
  it('has its text written by the worker when there is one, in order, a read waiting for the writes before it; bytes in the window', async () => {
    const root = new MemoryDirectory('');
    const worker = fakeWorker(root);
    let started = 0;
    const inWindow = (name: string) => Promise.reject(new Error(`${name} was written in the window`));
    const store = sideStoreOf(opfsSideFiles(async () => root, textWriterOnWorker(() => { started++; return worker; }, inWindow)));
    const appends = Array.from({ length: 10 }, (_, index) => store.appendSideFile('mirror-a.log.jsonl', `${index}\n`));
    const state = store.writeSideFile('mirror-a.state.json', '{"head":10}');
    // Not awaited: the read waits for the ten appends.
    await expect(store.readSideFile('mirror-a.log.jsonl')).resolves.toBe(Array.from({ length: 10 }, (_, index) => `${index}\n`).join(''));
    await Promise.all([...appends, state]);
    await expect(store.readSideFile('mirror-a.state.json')).resolves.toBe('{"head":10}');
    // Each file's writes one after the other; the state file's write did not wait for the log's.
    expect(worker.requests.filter(({ name }) => name === 'mirror-a.log.jsonl').map(({ text, append }) => [text, append])).toEqual(Array.from({ length: 10 }, (_, index) => [`${index}\n`, true]));
    expect(worker.requests.findIndex(({ name }) => name === 'mirror-a.state.json')).toBeLessThan(9);
    expect(started).toBe(1);
    await store.writeSideBytes('original-a', Uint8Array.of(1, 2, 3));
    await expect(store.readSideBytes('original-a')).resolves.toEqual(Uint8Array.of(1, 2, 3));
    expect(worker.requests).toHaveLength(11);
  });

  it('fails the writes a dying worker was making, naming the file, and makes the later ones in the window', async () => {
    const root = new MemoryDirectory('');
    const worker = fakeWorker(root);
    const store = sideStoreOf(opfsSideFiles(async () => root, textWriterOnWorker(() => worker, (name, text, append) => opfsSideFolder(async () => root).then((folder) => putSideFile(folder, name, text, append)).then(() => undefined))));
    await store.appendSideFile('mirror-a.log.jsonl', 'line 1\n');
    const lost = store.appendSideFile('mirror-a.log.jsonl', 'line 2\n');
    await expect.poll(() => worker.requests.length).toBe(2);
    worker.die();
    await expect(lost).rejects.toThrow(/side file mirror-a\.log\.jsonl .*append failed: the side-files worker failed \(out of memory\)/);
    expect(worker.terminated).toBe(true);
    await store.appendSideFile('mirror-a.log.jsonl', 'line 2\n');
    await expect(store.readSideFile('mirror-a.log.jsonl')).resolves.toBe('line 1\nline 2\n');
    expect(worker.requests).toHaveLength(2);
  });

  it('writes, appends, reads, lists and removes files in its own folder', async () => {
    const { root, store } = webSideStore();
    await expect(store.readSideFile('mirror-a.jsonl')).resolves.toBeNull();
    await store.writeSideFile('mirror-a.json', '{"审核":1}');
    await store.appendSideFile('mirror-a.jsonl', 'line 1\n');
    await store.appendSideFile('mirror-a.jsonl', '第二行\n');
    await store.writeSideFile('other.txt', 'x');
    await expect(store.readSideFile('mirror-a.json')).resolves.toBe('{"审核":1}');
    await expect(store.readSideFile('mirror-a.jsonl')).resolves.toBe('line 1\n第二行\n');
    await expect(store.listSideFiles('mirror-')).resolves.toEqual(['mirror-a.json', 'mirror-a.jsonl']);
    const files = [...(root.entries.get(OPFS_SIDE_FOLDER) as MemoryDirectory).entries.values()].filter((entry) => entry.kind === 'file');
    expect(files.map((entry) => entry.name).sort()).toEqual(['mirror-a.json', 'mirror-a.jsonl', 'other.txt']);
    await store.writeSideFile('mirror-a.json', 'replaced');
    await expect(store.readSideFile('mirror-a.json')).resolves.toBe('replaced');
    await store.removeSideFile('mirror-a.json');
    await store.removeSideFile('mirror-a.json');
    await expect(store.readSideFile('mirror-a.json')).resolves.toBeNull();
  });

  it('keeps bytes (an original) as they are, replaced whole, and lists them with the text files', async () => {
    const { store } = webSideStore();
    const original = Uint8Array.from({ length: 600 }, (_, index) => (index * 37) % 256);
    await expect(store.readSideBytes('original-a')).resolves.toBeNull();
    await store.writeSideBytes('original-a', original);
    await expect(store.readSideBytes('original-a')).resolves.toEqual(original);
    await store.writeSideBytes('original-a', original.subarray(0, 10));
    await expect(store.readSideBytes('original-a')).resolves.toEqual(original.subarray(0, 10));
    await expect(store.listSideFiles('original-')).resolves.toEqual(['original-a']);
    await expect(store.writeSideBytes('../original-a', original)).rejects.toThrow(/not a side file name/);
  });

  it('lists a new file only once its write is committed: a write cut short by a kill leaves no empty file that passes for kept', async () => {
    const { root, store } = webSideStore();
    const original = Uint8Array.from({ length: 300 }, (_, index) => index % 251);
    await store.writeSideBytes('original-a', original);
    closesHang = true;
    try {
      void store.writeSideBytes('original-b', original);
      void store.appendSideFile('mirror-b.jsonl', 'line 1\n');
      await new Promise((resolve) => setTimeout(resolve, 20));
      await expect(store.listSideFiles('original-')).resolves.toEqual(['original-a']);
      await expect(store.listSideFiles('mirror-')).resolves.toEqual([]);
    } finally {
      closesHang = false;
    }
    // The next start (a new adapter on the same file system) writes it again, whole.
    const restarted = sideStoreOf(opfsSideFiles(async () => root));
    await restarted.writeSideBytes('original-b', original);
    await expect(restarted.listSideFiles('original-')).resolves.toEqual(['original-a', 'original-b']);
    await expect(restarted.readSideBytes('original-b')).resolves.toEqual(original);
    await restarted.writeSideBytes('original-b', original.subarray(0, 5));
    await expect(restarted.readSideBytes('original-b')).resolves.toEqual(original.subarray(0, 5));
  });

  it('keeps appends in the order they were made, even when not awaited one by one', async () => {
    const { store } = webSideStore();
    await Promise.all(Array.from({ length: 20 }, (_, index) => store.appendSideFile('log.jsonl', `${index}\n`)));
    await expect(store.readSideFile('log.jsonl')).resolves.toBe(Array.from({ length: 20 }, (_, index) => `${index}\n`).join(''));
  });

  it('leaves the file as it was when a write fails, and names the file and the reason', async () => {
    const { root, store } = webSideStore();
    await store.writeSideFile('mirror-a.json', 'kept');
    ((root.entries.get(OPFS_SIDE_FOLDER) as MemoryDirectory).entries.get('mirror-a.json') as MemoryFile).failNextWrite = true;
    await expect(store.writeSideFile('mirror-a.json', 'lost')).rejects.toThrow(/side file mirror-a\.json .*write failed: QuotaExceededError/);
    await expect(store.readSideFile('mirror-a.json')).resolves.toBe('kept');
  });

  it('refuses names that are not plain side file names', async () => {
    const { store } = webSideStore();
    for (const name of ['../x.json', '..', 'a/b', '.hidden', 'A.json', '']) {
      await expect(store.writeSideFile(name, 'x'), name).rejects.toBeInstanceOf(SideStoreError);
      await expect(store.readSideFile(name), name).rejects.toThrow(/not a side file name/);
    }
    await expect(store.listSideFiles('../')).rejects.toThrow(/not a side file name/);
  });

  it('says so where the browser has no origin private file system', async () => {
    const store = sideStoreOf(opfsSideFiles(undefined));
    await expect(store.writeSideFile('mirror-a.json', 'x')).rejects.toThrow(/no origin private file system/);
  });

  it('is what the web host answers the bridge\'s side-file methods with', async () => {
    const root = new MemoryDirectory('');
    const host = createWebHost({
      document, createObjectURL: () => 'blob:x', revokeObjectURL: () => undefined, userAgent: 'test', privateDirectory: async () => root,
    });
    await expect(host.writeSideFile('mirror-a.json', 'x')).resolves.toEqual({ ok: true, value: null });
    await expect(host.listSideFiles('')).resolves.toEqual({ ok: true, value: ['mirror-a.json'] });
    await expect(host.readSideFile('../mirror-a.json')).resolves.toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
  });

  it('keeps the audit head in the file system too, so that local storage lost in a kill does not give an older head', async () => {
    const root = new MemoryDirectory('');
    const items = new Map<string, string>();
    const storage = { getItem: (key: string) => items.get(key) ?? null, setItem: (key: string, value: string) => void items.set(key, value) };
    const host = createWebHost({
      document, createObjectURL: () => 'blob:x', revokeObjectURL: () => undefined, userAgent: 'test', privateDirectory: async () => root, storage,
    });
    const dossierId = 'a'.repeat(64);
    const head = (seq: number) => ({ dossierId, seq, hash: String(seq % 10).repeat(64), recordedAt: `2024-10-20T10:00:0${seq}Z` });
    await expect(host.recordAuditHead(head(3))).resolves.toEqual({ ok: true, value: head(3) });
    const withStorageAsBefore = new Map(items);
    await host.recordAuditHead(head(4));
    await expect(host.readSideFile(`audit-head-${dossierId}.json`)).resolves.toMatchObject({ ok: true, value: expect.stringContaining('"seq":4') });
    // A kill before Chromium wrote local storage to disk: it comes back with the head of before.
    items.clear();
    for (const [key, value] of withStorageAsBefore) items.set(key, value);
    await expect(host.auditHead(dossierId)).resolves.toEqual({ ok: true, value: { ...head(4), source: 'browser' } });
    items.clear();
    await expect(host.auditHead(dossierId)).resolves.toEqual({ ok: true, value: { ...head(4), source: 'browser' } });
    // Either copy alone is enough to keep it; neither is an error that names both.
    const noFileSystem = createWebHost({ document, createObjectURL: () => 'blob:x', revokeObjectURL: () => undefined, userAgent: 'test', storage });
    await expect(noFileSystem.recordAuditHead(head(5))).resolves.toEqual({ ok: true, value: head(5) });
    const neither = createWebHost({
      document, createObjectURL: () => 'blob:x', revokeObjectURL: () => undefined, userAgent: 'test',
      privateDirectory: async () => { throw new Error('SecurityError: no file system here'); },
      storage: { getItem: () => null, setItem: () => { throw new Error('QuotaExceededError'); } },
    });
    const refused = await neither.recordAuditHead(head(6));
    expect(refused).toMatchObject({ ok: false, error: { code: 'write-failed' } });
    expect(!refused.ok && refused.error.message).toMatch(/SecurityError.*QuotaExceededError/);
  });
});

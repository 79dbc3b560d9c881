// The host interface in web mode: the same HostApi the desktop preload exposes, built on browser
// APIs. getHost() is what the UI calls; it picks the desktop bridge when the app runs in Electron.
import { version as appVersion } from '../../package.json';
import {
  DOSSIER_FILE_EXTENSIONS,
  DOSSIER_LIMITS,
  isSideFileName,
  type AppInfo,
  type AuditHeadRecord,
  type DossierSource,
  type HostApi,
  type HostResult,
  type OpenedDossier,
  type PickedFile,
  type SaveRequest,
  type SkippedFile,
  type UiLanguage,
} from '../../src-main/shared/contract';
import { opfsSideFiles, opfsSideFolder, putSideFile, textWriterOnWorker, type OpfsDirectoryHandle, type TextWriterWorker } from './opfs-side-files';

declare global {
  interface Window {
    /** Exposed by the Electron preload (src-main/preload); absent in web mode. */
    dossierDesk?: HostApi;
  }
}

type DossierLimits = { [K in keyof typeof DOSSIER_LIMITS]: number };

/** Minimal shapes of the File System Access API (Chromium); not in TypeScript's DOM library everywhere. */
interface DirectoryHandleLike {
  kind: 'directory';
  name: string;
  values(): AsyncIterable<DirectoryHandleLike | FileHandleLike>;
}
interface FileHandleLike {
  kind: 'file';
  name: string;
  getFile(): Promise<File>;
}
type ShowDirectoryPicker = (options?: { mode?: 'read' }) => Promise<DirectoryHandleLike>;

/** Browser capabilities the web host uses; injectable so tests drive it without a real picker. */
export interface WebHostEnvironment {
  document: Document;
  showDirectoryPicker?: ShowDirectoryPicker;
  createObjectURL(blob: Blob): string;
  revokeObjectURL(url: string): void;
  userAgent: string;
  limits?: DossierLimits;
  /** Where web mode keeps audit-chain heads outside IndexedDB (the browser's local storage). */
  storage?: Pick<Storage, 'getItem' | 'setItem'>;
  /** The origin private file system, where web mode keeps side files (platform/side-store); absent: none. */
  privateDirectory?: () => Promise<OpfsDirectoryHandle>;
  /** Starts the worker that writes the side files' text (workers/side-files.worker.ts); absent: written in the window. */
  sideFilesWorker?: () => TextWriterWorker;
}

const AUDIT_HEAD_KEY = 'dossier-desk:audit-head:';
const auditHeadFileName = (dossierId: string): string => `audit-head-${dossierId}.json`;

function parseAuditHead(dossierId: string, text: string | null): AuditHeadRecord | null {
  if (!text) return null;
  try {
    const { seq, hash, recordedAt } = JSON.parse(text) as Record<string, unknown>;
    if (!Number.isSafeInteger(seq) || typeof hash !== 'string' || !/^[0-9a-f]{64}$/.test(hash) || typeof recordedAt !== 'string') return null;
    return { dossierId, seq: seq as number, hash, recordedAt };
  } catch {
    return null;
  }
}

export const DOSSIER_ACCEPT = DOSSIER_FILE_EXTENSIONS.map((extension) => `.${extension}`).join(',');

function ok<T>(value: T): HostResult<T> {
  return { ok: true, value };
}

function mebibytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / (1024 * 1024))} MiB` : `${bytes} bytes`;
}

class TooLargeError extends Error {}

/** Collects picked files under the same limits as the desktop host. */
class Collector {
  readonly files: PickedFile[] = [];
  readonly skipped: SkippedFile[] = [];
  private total = 0;
  constructor(private readonly limits: DossierLimits) {}

  async add(path: string, file: File): Promise<void> {
    if (this.files.length >= this.limits.maxFiles) {
      throw new TooLargeError(`The dossier has more than ${this.limits.maxFiles} files; open a smaller folder.`);
    }
    if (file.size > this.limits.maxFileBytes) {
      this.skipped.push({ path, reason: `larger than ${mebibytes(this.limits.maxFileBytes)}` });
      return;
    }
    this.total += file.size;
    if (this.total > this.limits.maxTotalBytes) {
      throw new TooLargeError(`The dossier is larger than ${mebibytes(this.limits.maxTotalBytes)} in total (reached at ${path}).`);
    }
    try {
      this.files.push({ path, bytes: new Uint8Array(await file.arrayBuffer()) });
    } catch (error) {
      this.skipped.push({ path, reason: error instanceof Error ? error.message : String(error) });
    }
  }
}

function isHidden(path: string): boolean {
  return path.split('/').some((segment) => segment.startsWith('.'));
}

async function walkDirectory(handle: DirectoryHandleLike, prefix: string, depth: number, collector: Collector, limits: DossierLimits) {
  if (depth > limits.maxDepth) {
    collector.skipped.push({ path: prefix.replace(/\/$/, ''), reason: `nested deeper than ${limits.maxDepth} folders` });
    return;
  }
  const entries: (DirectoryHandleLike | FileHandleLike)[] = [];
  for await (const entry of handle.values()) entries.push(entry);
  entries.sort((a, b) => a.name.localeCompare(b.name, 'en'));
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const path = `${prefix}${entry.name}`;
    if (entry.kind === 'directory') await walkDirectory(entry, `${path}/`, depth + 1, collector, limits);
    else await collector.add(path, await entry.getFile());
  }
}

/** Opens a hidden file input and resolves with the picked files, or null when the user cancels. */
function pickWithInput(document: Document, configure: (input: HTMLInputElement) => void): Promise<File[] | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.style.display = 'none';
    configure(input);
    const finish = (files: File[] | null) => {
      input.remove();
      resolve(files);
    };
    input.addEventListener('change', () => finish(input.files && input.files.length > 0 ? Array.from(input.files) : null), { once: true });
    input.addEventListener('cancel', () => finish(null), { once: true });
    document.body.append(input);
    input.click();
  });
}

/** The path of a file picked with webkitdirectory, relative to the picked folder. */
function pathInsideFolder(file: File): { folder: string; path: string } {
  const relative = (file.webkitRelativePath || file.name).replace(/\\/g, '/');
  const slash = relative.indexOf('/');
  return slash < 0 ? { folder: '', path: relative } : { folder: relative.slice(0, slash), path: relative.slice(slash + 1) };
}

export function createWebHost(environment: WebHostEnvironment): HostApi {
  const limits = environment.limits ?? DOSSIER_LIMITS;
  const { document } = environment;
  const sideFiles = opfsSideFiles(environment.privateDirectory, environment.sideFilesWorker && environment.privateDirectory
    ? textWriterOnWorker(environment.sideFilesWorker, (name, text, append) => opfsSideFolder(environment.privateDirectory!).then((folder) => putSideFile(folder, name, text, append)).then(() => undefined))
    : undefined);

  async function openFolder(): Promise<OpenedDossier | null> {
    const collector = new Collector(limits);
    if (environment.showDirectoryPicker) {
      let handle: DirectoryHandleLike;
      try {
        handle = await environment.showDirectoryPicker({ mode: 'read' });
      } catch (error) {
        if ((error as { name?: string } | null)?.name === 'AbortError') return null;
        throw error;
      }
      await walkDirectory(handle, '', 0, collector, limits);
      return { name: handle.name, source: 'folder', files: collector.files, skipped: collector.skipped };
    }
    const picked = await pickWithInput(document, (input) => {
      input.webkitdirectory = true;
      input.multiple = true;
    });
    if (!picked) return null;
    let name = '';
    const sorted = picked.map((file) => ({ file, ...pathInsideFolder(file) })).sort((a, b) => a.path.localeCompare(b.path, 'en'));
    for (const { file, folder, path } of sorted) {
      name ||= folder;
      if (isHidden(path)) continue;
      if (path.split('/').length - 1 > limits.maxDepth) {
        collector.skipped.push({ path, reason: `nested deeper than ${limits.maxDepth} folders` });
        continue;
      }
      await collector.add(path, file);
    }
    return { name, source: 'folder', files: collector.files, skipped: collector.skipped };
  }

  async function openFiles(source: 'zip' | 'files'): Promise<OpenedDossier | null> {
    const picked = await pickWithInput(document, (input) => {
      input.accept = source === 'zip' ? '.zip,application/zip' : DOSSIER_ACCEPT;
      input.multiple = source === 'files';
    });
    if (!picked) return null;
    const collector = new Collector(limits);
    for (const file of picked) await collector.add(file.name, file);
    const name = picked[0]?.name ?? '';
    return { name, source, files: collector.files, skipped: collector.skipped };
  }

  return {
    async openDossier(source: DossierSource) {
      try {
        return ok(source === 'folder' ? await openFolder() : await openFiles(source));
      } catch (error) {
        if (error instanceof TooLargeError) return { ok: false, error: { code: 'too-large', message: error.message } };
        return { ok: false, error: { code: 'unreadable', message: error instanceof Error ? error.message : String(error) } };
      }
    },

    async saveExport(request: SaveRequest) {
      try {
        const blob = new Blob([request.bytes as Uint8Array<ArrayBuffer>], { type: 'application/octet-stream' });
        const url = environment.createObjectURL(blob);
        const anchor = document.createElement('a');
        anchor.href = url;
        anchor.download = request.suggestedName;
        anchor.rel = 'noopener';
        anchor.style.display = 'none';
        document.body.append(anchor);
        anchor.click();
        anchor.remove();
        setTimeout(() => environment.revokeObjectURL(url), 60_000);
        return ok({ path: request.suggestedName });
      } catch (error) {
        return { ok: false, error: { code: 'write-failed', message: `${request.suggestedName} could not be downloaded: ${error instanceof Error ? error.message : String(error)}` } };
      }
    },

    async appInfo() {
      const info: AppInfo = {
        name: 'Dossier Desk',
        version: appVersion,
        mode: 'web',
        versions: { app: appVersion, engine: appVersion, userAgent: environment.userAgent },
      };
      return ok(info);
    },

    async setLanguage(language: UiLanguage) {
      return ok(language);
    },

    // The head is kept twice: in the origin private file system, written through at once (a kill a moment
    // after an edit keeps it), and in local storage, which Chromium writes to disk seconds later. Reading
    // takes the further of the two, so neither copy lost or held back gives an older head than the other.
    async recordAuditHead(record: AuditHeadRecord) {
      const text = JSON.stringify({ seq: record.seq, hash: record.hash, recordedAt: record.recordedAt });
      const inFileSystem = environment.privateDirectory && isSideFileName(auditHeadFileName(record.dossierId))
        ? await sideFiles.writeSideFile(auditHeadFileName(record.dossierId), text)
        : null;
      let storageError: string | null = environment.storage ? null : 'this browser keeps no local storage';
      try {
        environment.storage?.setItem(`${AUDIT_HEAD_KEY}${record.dossierId}`, text);
      } catch (error) {
        storageError = `local storage: ${error instanceof Error ? error.message : String(error)}`;
      }
      if (inFileSystem?.ok || !storageError) return ok(record);
      const reasons = [inFileSystem && !inFileSystem.ok ? inFileSystem.error.message : null, storageError].filter(Boolean).join('; ');
      return { ok: false, error: { code: inFileSystem || environment.storage ? 'write-failed' : 'unsupported', message: `the audit head could not be kept: ${reasons}` } };
    },

    async auditHead(dossierId: string) {
      const kept = environment.privateDirectory && isSideFileName(auditHeadFileName(dossierId)) ? await sideFiles.readSideFile(auditHeadFileName(dossierId)) : null;
      const heads = [
        parseAuditHead(dossierId, kept?.ok ? kept.value : null),
        parseAuditHead(dossierId, environment.storage?.getItem(`${AUDIT_HEAD_KEY}${dossierId}`) ?? null),
      ].filter((head): head is AuditHeadRecord => head !== null);
      const further = heads.reduce<AuditHeadRecord | null>((best, head) => (!best || head.seq > best.seq ? head : best), null);
      return ok(further ? { ...further, source: 'browser' as const } : null);
    },

    ...sideFiles,

    onMenuCommand() {
      return () => undefined;
    },

    // The page guards its own unloading (state/leave-guard.ts, beforeunload): no host holds it.
    onCloseRequested() {
      return () => undefined;
    },

    async readyToClose() {
      return ok(null);
    },
  };
}

let webHost: HostApi | null = null;

/** The host the UI talks to: the desktop bridge under Electron, the browser implementation otherwise. */
export function getHost(): HostApi {
  if (typeof window !== 'undefined' && window.dossierDesk) return window.dossierDesk;
  webHost ??= createWebHost({
    document: window.document,
    showDirectoryPicker: (window as unknown as { showDirectoryPicker?: ShowDirectoryPicker }).showDirectoryPicker?.bind(window),
    createObjectURL: (blob) => URL.createObjectURL(blob),
    revokeObjectURL: (url) => URL.revokeObjectURL(url),
    userAgent: window.navigator.userAgent,
    storage: window.localStorage,
    ...(typeof window.navigator.storage?.getDirectory === 'function'
      ? { privateDirectory: () => window.navigator.storage.getDirectory() as unknown as Promise<OpfsDirectoryHandle> }
      : {}),
    ...(typeof Worker === 'function'
      ? { sideFilesWorker: () => new Worker(new URL('../workers/side-files.worker.ts', import.meta.url), { type: 'module', name: 'side-files' }) as unknown as TextWriterWorker }
      : {}),
  });
  return webHost;
}

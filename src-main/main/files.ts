// File work done in the main process for the bridge: reading a picked dossier with limits, and
// writing a file atomically (temporary file in the same folder, flushed, then renamed over the target).
import { randomBytes } from 'node:crypto';
import * as nodeFs from 'node:fs/promises';
import { basename, dirname, join, relative, sep } from 'node:path';
import { DOSSIER_LIMITS, type DossierSource, type OpenedDossier, type PickedFile, type SkippedFile } from '../shared/contract';
import { isInside } from './protocol';

export type FileSystem = Pick<typeof nodeFs, 'readdir' | 'lstat' | 'readFile' | 'open' | 'rename' | 'unlink' | 'realpath'>;

export const defaultFileSystem: FileSystem = nodeFs;

export type DossierLimits = { [K in keyof typeof DOSSIER_LIMITS]: number };

/** Thrown for a dossier that cannot be handed over as a whole; the message names the reason. */
export class DossierReadError extends Error {
  constructor(
    readonly code: 'too-large' | 'unreadable',
    message: string,
  ) {
    super(message);
    this.name = 'DossierReadError';
  }
}

function mebibytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / (1024 * 1024))} MiB` : `${bytes} bytes`;
}

function errorReason(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ENOENT') return 'the file no longer exists';
  if (code === 'EISDIR') return 'it is a folder';
  return error instanceof Error ? error.message : String(error);
}

class DossierCollector {
  readonly files: PickedFile[] = [];
  readonly skipped: SkippedFile[] = [];
  private totalBytes = 0;

  constructor(
    private readonly fs: FileSystem,
    private readonly limits: DossierLimits,
  ) {}

  /** Reads one regular file; a file that is too large or unreadable is skipped with its reason. */
  async add(absolutePath: string, dossierPath: string): Promise<void> {
    if (this.files.length >= this.limits.maxFiles) {
      throw new DossierReadError('too-large', `The dossier has more than ${this.limits.maxFiles} files; open a smaller folder.`);
    }
    let size: number;
    try {
      const stat = await this.fs.lstat(absolutePath);
      if (stat.isSymbolicLink()) {
        this.skipped.push({ path: dossierPath, reason: 'a symbolic link (not followed)' });
        return;
      }
      if (!stat.isFile()) {
        this.skipped.push({ path: dossierPath, reason: 'not a regular file' });
        return;
      }
      size = stat.size;
    } catch (error) {
      this.skipped.push({ path: dossierPath, reason: errorReason(error) });
      return;
    }
    if (size > this.limits.maxFileBytes) {
      this.skipped.push({ path: dossierPath, reason: `larger than ${mebibytes(this.limits.maxFileBytes)}` });
      return;
    }
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(await this.fs.readFile(absolutePath));
    } catch (error) {
      this.skipped.push({ path: dossierPath, reason: errorReason(error) });
      return;
    }
    if (bytes.byteLength > this.limits.maxFileBytes) {
      this.skipped.push({ path: dossierPath, reason: `larger than ${mebibytes(this.limits.maxFileBytes)}` });
      return;
    }
    this.totalBytes += bytes.byteLength;
    if (this.totalBytes > this.limits.maxTotalBytes) {
      throw new DossierReadError(
        'too-large',
        `The dossier is larger than ${mebibytes(this.limits.maxTotalBytes)} in total (reached at ${dossierPath}).`,
      );
    }
    this.files.push({ path: dossierPath, bytes });
  }

  async addFolder(root: string, folder: string, depth: number): Promise<void> {
    const folderPath = relative(root, folder).split(sep).join('/');
    if (depth > this.limits.maxDepth) {
      this.skipped.push({ path: folderPath, reason: `nested deeper than ${this.limits.maxDepth} folders` });
      return;
    }
    let entries: { name: string }[];
    try {
      entries = await this.fs.readdir(folder, { withFileTypes: true });
    } catch (error) {
      if (depth === 0) throw new DossierReadError('unreadable', `The folder ${folder} cannot be read: ${errorReason(error)}.`);
      this.skipped.push({ path: folderPath, reason: errorReason(error) });
      return;
    }
    const names = entries.map((entry) => entry.name).sort((a, b) => a.localeCompare(b, 'en'));
    for (const name of names) {
      if (name.startsWith('.')) continue;
      const absolute = join(folder, name);
      const dossierPath = relative(root, absolute).split(sep).join('/');
      if (!isInside(root, absolute)) continue;
      let stat;
      try {
        stat = await this.fs.lstat(absolute);
      } catch (error) {
        this.skipped.push({ path: dossierPath, reason: errorReason(error) });
        continue;
      }
      if (stat.isDirectory()) await this.addFolder(root, absolute, depth + 1);
      else await this.add(absolute, dossierPath);
    }
  }
}

/**
 * Reads what the user picked in the open dialog. folder: every regular file below it (hidden
 * entries skipped, symbolic links never followed); zip: the archive itself as one file; files: each
 * picked file under its name.
 */
export async function readDossier(
  source: DossierSource,
  pickedPaths: string[],
  fs: FileSystem = defaultFileSystem,
  limits: DossierLimits = DOSSIER_LIMITS,
): Promise<OpenedDossier> {
  const first = pickedPaths[0];
  if (first === undefined) throw new DossierReadError('unreadable', 'Nothing was picked.');
  const collector = new DossierCollector(fs, limits);
  if (source === 'folder') {
    await collector.addFolder(first, first, 0);
    return { name: basename(first), source, files: collector.files, skipped: collector.skipped };
  }
  for (const path of pickedPaths) await collector.add(path, basename(path));
  if (collector.files.length === 0) {
    const reasons = collector.skipped.map((file) => `${file.path}: ${file.reason}`).join('; ');
    throw new DossierReadError('unreadable', `None of the picked files can be read (${reasons}).`);
  }
  const name = source === 'zip' ? basename(first) : basename(dirname(first));
  return { name, source, files: collector.files, skipped: collector.skipped };
}

/**
 * Writes bytes to target atomically: a temporary file in the same folder (so the rename never
 * crosses file systems) is written, flushed to disk and renamed over the target. Readers see the old
 * file or the new one, never half a file; on failure the temporary file is removed.
 */
export async function writeFileAtomic(target: string, bytes: Uint8Array, fs: FileSystem = defaultFileSystem): Promise<void> {
  const temporary = join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  let handle: Awaited<ReturnType<FileSystem['open']>> | null = null;
  try {
    handle = await fs.open(temporary, 'wx', 0o644);
    await handle.writeFile(bytes);
    await handle.sync();
    await handle.close();
    handle = null;
    await fs.rename(temporary, target);
  } catch (error) {
    if (handle) await handle.close().catch(() => undefined);
    await fs.unlink(temporary).catch(() => undefined);
    throw error;
  }
}

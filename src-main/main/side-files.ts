// The desktop shell's side files (see SIDE_FILE_NAME in ../shared/contract): named files, text or
// bytes (an original of a dossier), kept in ONE fixed folder of the data folder (userData/side-files),
// outside the renderer's IndexedDB. Names
// are checked again here, whatever the bridge validated: a plain file name, no folder, no '..', so
// nothing outside the folder is ever read or written. A write replaces the file atomically
// (temporary file, flushed, renamed over it); an append is flushed before it answers.
import type * as nodeFs from 'node:fs/promises';
import { join } from 'node:path';
import { isSideFileName, isSideFilePrefix, type SideFiles } from '../shared/contract';
import { writeFileAtomic, type FileSystem } from './files';

export type SideFileSystem = FileSystem & Pick<typeof nodeFs, 'mkdir'>;

/** The side files of the data folder: the bridge contract's side-file calls (SideFiles), each throwing where the bridge answers an error. */
export type SideFileKeeper = SideFiles;

/** Thrown for a name or prefix that is not a plain side file name; the message names it. */
export class SideFileNameError extends Error {
  constructor(name: string) {
    super(`"${name.slice(0, 200)}" is not a side file name (lowercase letters, digits, '.', '_' and '-'; no folders)`);
    this.name = 'SideFileNameError';
  }
}

function isMissing(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 'ENOENT';
}

/** The side files in `folder` (created on the first write). */
export function createSideFileKeeper(folder: string, fs: SideFileSystem): SideFileKeeper {
  const pathOf = (name: string): string => {
    if (!isSideFileName(name)) throw new SideFileNameError(name);
    return join(folder, name);
  };
  const readOr = async <T>(name: string, read: (path: string) => Promise<T>): Promise<T | null> => {
    const path = pathOf(name);
    try {
      return await read(path);
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  };
  const replace = async (name: string, bytes: Uint8Array): Promise<null> => {
    const path = pathOf(name);
    await fs.mkdir(folder, { recursive: true });
    await writeFileAtomic(path, bytes, fs);
    return null;
  };
  return {
    writeSideFile: (name, text) => replace(name, new TextEncoder().encode(text)),
    writeSideBytes: (name, bytes) => replace(name, bytes),
    async appendSideFile(name, text) {
      const path = pathOf(name);
      await fs.mkdir(folder, { recursive: true });
      const handle = await fs.open(path, 'a', 0o600);
      try {
        await handle.writeFile(text, 'utf8');
        await handle.sync();
      } finally {
        await handle.close();
      }
      return null;
    },
    readSideFile: (name) => readOr(name, (path) => fs.readFile(path, 'utf8')),
    readSideBytes: (name) => readOr(name, async (path) => new Uint8Array(await fs.readFile(path))),
    async listSideFiles(prefix) {
      if (!isSideFilePrefix(prefix)) throw new SideFileNameError(prefix);
      let names: string[];
      try {
        names = (await fs.readdir(folder, { withFileTypes: true })).filter((entry) => entry.isFile()).map((entry) => entry.name);
      } catch (error) {
        if (isMissing(error)) return [];
        throw error;
      }
      return names.filter((name) => name.startsWith(prefix) && isSideFileName(name)).sort();
    },
    async removeSideFile(name) {
      const path = pathOf(name);
      try {
        await fs.unlink(path);
      } catch (error) {
        if (!isMissing(error)) throw error;
      }
      return null;
    },
  };
}

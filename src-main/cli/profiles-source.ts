import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { InvalidInputError } from '../../src-renderer/core/result';
import { parseProfileText, type Profile } from '../../src-renderer/core/profiles';
import { resourcesDir } from './paths';

/** Reads and validates every resources/profiles/*.json (sorted by file name). */
export async function loadBundledProfiles(): Promise<Profile[]> {
  const dir = join(resourcesDir(), 'profiles');
  const names = (await readdir(dir)).filter((name) => name.endsWith('.json')).sort();
  return Promise.all(names.map(async (name) => parseProfileText(await readFile(join(dir, name), 'utf8'), join(dir, name))));
}

function looksLikePath(idOrPath: string): boolean {
  return idOrPath.endsWith('.json') || idOrPath.includes('/') || idOrPath.includes('\\');
}

/** Reads and validates a custom profile file; errors name the file and each wrong field. */
export async function loadProfileFile(path: string, cwd: string): Promise<Profile> {
  const absolute = resolve(cwd, path);
  let text: string;
  try {
    text = await readFile(absolute, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InvalidInputError(code === 'ENOENT' ? 'no such profile file' : `cannot read the profile (${code ?? 'error'})`, path);
  }
  return parseProfileText(text, path);
}

/** A bundled profile by id, or a custom profile file by path. */
export async function resolveProfile(idOrPath: string, cwd: string): Promise<Profile> {
  if (looksLikePath(idOrPath)) return loadProfileFile(idOrPath, cwd);
  const profiles = await loadBundledProfiles();
  const found = profiles.find((profile) => profile.id === idOrPath);
  if (!found) {
    throw new InvalidInputError(`unknown program "${idOrPath}" (known: ${profiles.map((profile) => profile.id).join(', ')})`);
  }
  return found;
}

import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { resourcesDir } from './paths';

export interface ProfileSummary {
  id: string;
  name: string;
  version: string;
  [key: string]: unknown;
}

/** Reads every resources/profiles/*.json; the engine issue replaces this with schema validation. */
export async function loadBundledProfiles(): Promise<ProfileSummary[]> {
  const dir = join(resourcesDir(), 'profiles');
  const names = (await readdir(dir)).filter((name) => name.endsWith('.json')).sort();
  return Promise.all(names.map(async (name) => JSON.parse(await readFile(join(dir, name), 'utf8')) as ProfileSummary));
}

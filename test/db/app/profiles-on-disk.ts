// Stands in for state/profiles in db tests of the app's state (vi.mock(..., () => import(this))):
// profiles read from resources/profiles on disk instead of the app server.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { resourcesDir } from '../../../src-main/cli/paths';
import { parseProfile } from '../../../src-renderer/core/profiles/parse-profile';
import type { Profile } from '../../../src-renderer/core/profiles';

export async function loadProfile(id: string): Promise<Profile> {
  return parseProfile(JSON.parse(await readFile(join(resourcesDir(), 'profiles', `${id}.json`), 'utf8')), `profiles/${id}.json`);
}

import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/** The repository's resources/ folder (profiles, samples, vendor assets). */
export function resourcesDir(): string {
  return process.env.DOSSIER_DESK_RESOURCES ?? resolve(here, '../../resources');
}

// The five bundled program profiles, validated on first use. Both hosts (renderer and CLI) can
// use these without file access; the CLI also reads resources/profiles/ for overrides.

import guangzhou2020 from '../../../resources/profiles/guangzhou-2020-voucher.json';
import shandong2022 from '../../../resources/profiles/shandong-2022-voucher.json';
import shandong2023 from '../../../resources/profiles/shandong-2023-voucher.json';
import shanxi2024 from '../../../resources/profiles/shanxi-2024-voucher.json';
import shenzhen2024 from '../../../resources/profiles/shenzhen-2024-dsp.json';
import { parseProfile } from './parse-profile';
import type { Profile } from './schema';

const BUNDLED_SOURCES: [string, unknown][] = [
  ['resources/profiles/shenzhen-2024-dsp.json', shenzhen2024],
  ['resources/profiles/guangzhou-2020-voucher.json', guangzhou2020],
  ['resources/profiles/shandong-2022-voucher.json', shandong2022],
  ['resources/profiles/shandong-2023-voucher.json', shandong2023],
  ['resources/profiles/shanxi-2024-voucher.json', shanxi2024],
];

let cache: Profile[] | null = null;

/** All bundled profiles, parsed and validated (throws InvalidInputError if one is broken). */
export function bundledProfiles(): Profile[] {
  cache ??= BUNDLED_SOURCES.map(([name, json]) => parseProfile(json, name));
  return cache;
}

/** The bundled profile with this id, or undefined. */
export function findBundledProfile(id: string): Profile | undefined {
  return bundledProfiles().find((profile) => profile.id === id);
}

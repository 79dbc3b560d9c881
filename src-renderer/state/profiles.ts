// Program profiles in the browser: resources/profiles/<id>.json served with the app, validated by
// the engine's schema. Cached per id.
import { useEffect, useState } from 'react';
import { parseProfile } from '../core/profiles/parse-profile';
import type { Profile } from '../core/profiles/schema';
import { assetUrl } from '../platform/assets';

const cache = new Map<string, Promise<Profile>>();

export function loadProfile(programId: string): Promise<Profile> {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(programId)) return Promise.reject(new Error(`no program profile for ${JSON.stringify(programId)}: the dossier names no known program`));
  let profile = cache.get(programId);
  if (!profile) {
    const file = `profiles/${programId}.json`;
    profile = fetch(assetUrl(file)).then(async (response) => {
      if (!response.ok) throw new Error(`${file}: HTTP ${response.status}`);
      return parseProfile(await response.json(), file);
    });
    profile.catch(() => cache.delete(programId));
    cache.set(programId, profile);
  }
  return profile;
}

export function useProfile(programId: string | undefined): { profile: Profile | null; error: string | null } {
  const [state, setState] = useState<{ profile: Profile | null; error: string | null }>({ profile: null, error: null });
  useEffect(() => {
    if (!programId) return;
    let live = true;
    loadProfile(programId).then(
      (profile) => live && setState({ profile, error: null }),
      (reason: unknown) => live && setState({ profile: null, error: reason instanceof Error ? reason.message : String(reason) }),
    );
    return () => {
      live = false;
    };
  }, [programId]);
  return state;
}

import type { CliCommand } from '../io';
import { parseArgs } from '../io';
import { loadBundledProfiles } from '../profiles-source';

export const profilesCommand: CliCommand = {
  summary: 'list the program profiles',
  usage: 'dossier-desk profiles [--json]',
  async run(args, io) {
    const { flags } = parseArgs(args, [], ['json']);
    const profiles = await loadBundledProfiles();
    if (flags.has('json')) {
      io.stdout(`${JSON.stringify(profiles, null, 2)}\n`);
      return 0;
    }
    if (profiles.length === 0) io.stdout('no profiles installed\n');
    for (const profile of profiles) io.stdout(`${profile.id}\t${profile.version}\t${profile.name}\n`);
    return 0;
  },
};

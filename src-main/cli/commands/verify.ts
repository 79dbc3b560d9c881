import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { recomputePackagedReport } from '../../../src-renderer/core/export/assemble';
import { parseDossierPackage, verifyDossierPackage, type PackageDossier } from '../../../src-renderer/core/export/package';
import { InvalidInputError } from '../../../src-renderer/core/result';
import { nodeHasher } from '../adapters/hasher';
import type { CliCommand } from '../io';
import { UsageError, parseArgs } from '../io';
import { resolveProfile } from '../profiles-source';

/** Re-runs the engine with the installed profile of the same version; otherwise says why not. */
function recomputeWithInstalledProfile(cwd: string) {
  return async (dossier: PackageDossier) => {
    const program = typeof dossier.manifest?.program === 'string' ? dossier.manifest.program : '';
    let profile;
    try {
      profile = await resolveProfile(program, cwd);
    } catch {
      return { skipped: `no installed profile for program ${JSON.stringify(program)}` };
    }
    const stated = dossier.summary?.report?.profileVersion;
    if (stated !== undefined && profile.version !== stated) {
      return { skipped: `exported with profile version ${stated}, this installation has ${profile.version}` };
    }
    return { report: recomputePackagedReport(dossier, profile) };
  };
}

export const verifyCommand: CliCommand = {
  summary: 'recompute a json package: hashes, audit chains, summaries; exit 3 naming each altered item',
  usage: 'dossier-desk verify PACKAGE',
  async run(args, io) {
    const { positionals } = parseArgs(args, [], []);
    if (positionals.length !== 1) throw new UsageError('give exactly one PACKAGE file (made by export --format json)');
    const name = positionals[0]!;
    const parsed = parseDossierPackage(await readFile(resolve(io.cwd, name), 'utf8'));
    if ('problem' in parsed) throw new InvalidInputError(parsed.problem, name);
    const result = await verifyDossierPackage(parsed.pkg, nodeHasher, { recomputeReport: recomputeWithInstalledProfile(io.cwd) });
    const altered = new Set(result.problems.map((problem) => problem.item.split('#')[0]));
    io.stdout(`${name}: checked ${result.checked.length} items\n`);
    for (const check of result.checked) io.stdout(`  ${altered.has(check.item.split('#')[0]) ? 'ALTERED' : 'ok     '}  ${check.label}\n`);
    if (result.ok) {
      io.stdout(`${name}: intact — every hash, audit chain and recomputed summary matches\n`);
      return 0;
    }
    io.stderr(`${name}: ${result.problems.length} alteration(s):\n`);
    for (const problem of result.problems) io.stderr(`  ${problem.message}\n`);
    return 3;
  },
};

import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { recomputePackagedReport } from '../../../src-renderer/core/export/assemble';
import { parseDossierPackage, verifyDossierPackage, type PackageDossier, type VerifyOptions } from '../../../src-renderer/core/export/package';
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

/** `--head SEQ:HASH`: a head copied from a review sheet (the hash or at least its first 12 digits). */
function parseHead(text: string): KnownHead {
  const match = /^(\d{1,15}):([0-9a-fA-F]{12,64})$/.exec(text.trim());
  if (!match || Number(match[1]) < 1) throw new UsageError(`--head ${text}: give SEQ:HASH as printed on the review sheet, e.g. 12:3f9a0c1b2d4e (at least 12 hex digits)`);
  return { seq: Number(match[1]), hash: match[2]!.toLowerCase(), recordedAt: 'a review sheet', source: `--head ${match[1]}:${match[2]!.slice(0, 12)}` };
}

/** `--previous PACKAGE`: the head of every dossier's audit chain in an earlier export. */
async function headsOfPrevious(name: string, cwd: string): Promise<KnownHead[]> {
  const parsed = parseDossierPackage(await readFile(resolve(cwd, name), 'utf8'));
  if ('problem' in parsed) throw new InvalidInputError(parsed.problem, name);
  return parsed.pkg.dossiers.flatMap((dossier) => (dossier.auditHead
    ? [{ dossierId: dossier.dossierId, seq: dossier.auditHead.seq, hash: dossier.auditHead.hash, recordedAt: parsed.pkg.createdAt, source: `the previous export ${name}` }]
    : []));
}

type KnownHead = NonNullable<VerifyOptions['knownHeads']>[number];

export const verifyCommand: CliCommand = {
  summary: 'recompute a json package: hashes, audit chains, the reviews from their logs, summaries; exit 3 naming each altered item',
  usage: 'dossier-desk verify PACKAGE [--previous EARLIER-PACKAGE]... [--head SEQ:HASH]...',
  async run(args, io) {
    const { positionals, flags } = parseArgs(args, ['previous', 'head'], []);
    if (positionals.length !== 1) throw new UsageError('give exactly one PACKAGE file (made by export --format json)');
    const name = positionals[0]!;
    const knownHeads: KnownHead[] = (flags.get('head') ?? []).map(parseHead);
    for (const previous of flags.get('previous') ?? []) knownHeads.push(...(await headsOfPrevious(previous, io.cwd)));
    const parsed = parseDossierPackage(await readFile(resolve(io.cwd, name), 'utf8'));
    if ('problem' in parsed) throw new InvalidInputError(parsed.problem, name);
    const result = await verifyDossierPackage(parsed.pkg, nodeHasher, { recomputeReport: recomputeWithInstalledProfile(io.cwd), knownHeads });
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

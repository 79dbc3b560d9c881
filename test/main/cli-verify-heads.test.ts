// `verify` against heads known from outside the package: an earlier export (--previous) or the head
// printed on a review sheet (--head SEQ:HASH). A chain rewritten and re-hashed after the earlier
// export, with every hash and the seal of the new package recomputed, is named by its entry.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { nextAuditEntry } from '../../src-renderer/core/audit';
import { assembleExportDossier } from '../../src-renderer/core/export/assemble';
import { buildDossierPackage, serializeDossierPackage } from '../../src-renderer/core/export/package';
import { resolveProfile } from '../../src-main/cli/profiles-source';
import type { AuditEntry } from '../../src-renderer/core/types';
import { nodeHasher, sampleDossier } from '../core/export/fixture';
import { cli as runCliIn } from './run-cli';

const work = mkdtempSync(join(tmpdir(), 'cli-verify-heads-'));
const cli = (args: string[]) => runCliIn(args, work);
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function packageWithCut(amount: string, createdAt: string): Promise<{ text: string; head: AuditEntry }> {
  const base = sampleDossier();
  const log: AuditEntry[] = [];
  for (const event of [
    { actor: '王审计', action: 'dossier.import', target: `dossier:${base.dossierId}`, before: null, after: { claims: 2 } },
    { actor: '王审计', action: 'cut.set', target: 'cut:C1', before: null, after: { claimId: 'C1', amount, reason: 'other' } },
  ]) log.push(await nextAuditEntry(log.at(-1), event, { now: () => '2024-10-20T10:00:00+08:00' }, nodeHasher));
  const review = { ...base.reviews[0]!, cuts: [{ claimId: 'C1', amount, reason: 'other' as const }], fields: [], findings: [], checklists: {}, auditLog: log };
  delete review.decision;
  const dossier = assembleExportDossier({
    profile: await resolveProfile(base.manifest.program, work), dossierId: base.dossierId, manifest: base.manifest, files: base.files,
    extractions: base.extractions, reviews: [review], auditLog: log,
  });
  const pkg = await buildDossierPackage({
    dossiers: [dossier], exports: [], createdAt,
    versions: { app: '0.1.0', engine: '0.1.0', ocrModel: 'none' },
  }, nodeHasher);
  return { text: serializeDossierPackage(pkg), head: log.at(-1)! };
}

describe('cli verify --previous / --head', () => {
  it('names the entry of a log rewritten after the earlier export', async () => {
    const earlier = await packageWithCut('1000.00', '2024-10-21T09:00:00+08:00');
    const later = await packageWithCut('5.00', '2024-10-22T09:00:00+08:00');
    writeFileSync(join(work, 'earlier.json'), earlier.text);
    writeFileSync(join(work, 'later.json'), later.text);

    const alone = await cli(['verify', 'later.json']);
    expect(alone.stderr).toBe('');
    expect(alone.code).toBe(0);

    const against = await cli(['verify', 'later.json', '--previous', 'earlier.json']);
    expect(against.code).toBe(3);
    expect(against.stderr).toMatch(/audit entry 2 \(cut\.set cut:C1\) is not the entry of the chain head recorded at 2024-10-21T09:00:00\+08:00 \(the previous export earlier\.json: entry 2/);
    expect(against.stdout).toMatch(/ALTERED {2}dossier 1 \(.*\): audit log holds the head of the previous export earlier\.json \(entry 2\)/);

    const printed = await cli(['verify', 'later.json', '--head', `2:${earlier.head.hash.slice(0, 16)}`]);
    expect(printed.code).toBe(3);
    expect(printed.stderr).toMatch(/audit entry 2 .* rewritten and re-hashed/);
    expect((await cli(['verify', 'earlier.json', '--head', `2:${earlier.head.hash}`])).code).toBe(0);
  });

  it('refuses a head that is not SEQ:HASH', async () => {
    const result = await cli(['verify', 'later.json', '--head', '2:abc']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--head 2:abc: give SEQ:HASH/);
  });
});

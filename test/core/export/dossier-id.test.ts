// verify recomputes each packaged dossier's id with the import's formula (computeDossierId) from the
// packaged manifest and source hashes, on a dossier imported from files of the bundled sample.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nextAuditEntry } from '../../../src-renderer/core/audit';
import { assembleExportDossier, recomputePackagedReport } from '../../../src-renderer/core/export/assemble';
import {
  buildDossierPackage, parseDossierPackage, serializeDossierPackage, sha256Json, verifyDossierPackage, type DossierPackage,
} from '../../../src-renderer/core/export/package';
import { importDossier } from '../../../src-renderer/core/import';
import { computeDossierId } from '../../../src-renderer/core/import/pipeline';
import { parseProfile } from '../../../src-renderer/core/profiles';
import type { DossierManifest } from '../../../src-renderer/core/types';
import shenzhen from '../../../resources/profiles/shenzhen-2024-dsp.json';
import { nodeHasher } from './fixture';

const sample = join(import.meta.dirname, '../../../resources/samples/shenzhen-dsp');
const profile = parseProfile(shenzhen, 'shenzhen-2024-dsp.json');
const FILES = ['申报材料/01-申请书.pdf', '发票/23442000001510000027.xml', '发票/23442000001510000086.xml'];

async function importedSample() {
  const full = JSON.parse(readFileSync(join(sample, 'dossier.json'), 'utf8')) as DossierManifest;
  const manifest: DossierManifest = {
    ...full,
    documents: full.documents.filter((document) => FILES.includes(document.file)),
    claims: full.claims.filter((claim) => claim.id === 'R0004' || claim.id === 'R0013'),
  };
  return importDossier([
    { path: 'dossier.json', bytes: new TextEncoder().encode(JSON.stringify(manifest)) },
    ...FILES.map((file) => ({ path: file, bytes: new Uint8Array(readFileSync(join(sample, file))) })),
  ], { hasher: nodeHasher });
}

type Imported = Awaited<ReturnType<typeof importedSample>>;

async function packageOf(imported: Imported, auditLog = [] as DossierPackage['dossiers'][number]['auditLog']): Promise<DossierPackage> {
  const dossier = assembleExportDossier({
    profile, dossierId: imported.dossierId, manifest: imported.manifest,
    files: imported.documents.map((document) => ({ file: document.path, kind: document.kind, sha256: document.sha256, size: document.size })),
    extractions: [], reviews: [], auditLog,
  });
  const pkg = await buildDossierPackage({ dossiers: [dossier], exports: [], versions: { app: '0.1.0', engine: 'e', ocrModel: 'm' }, createdAt: '2024-10-22T09:00:00+08:00' }, nodeHasher);
  const parsed = parseDossierPackage(serializeDossierPackage(pkg));
  if (!('pkg' in parsed)) throw new Error(parsed.problem);
  return parsed.pkg;
}

/** What a careful forger does after an edit: every integrity hash and the seal written anew. */
async function rehash(pkg: DossierPackage) {
  const dossier = pkg.dossiers[0]!;
  const values: Record<string, unknown> = { 'dossiers/0/id': dossier.dossierId, 'dossiers/0/manifest': dossier.manifest };
  for (const source of dossier.sources) values[`dossiers/0/sources/${source.file}`] = source;
  for (const item of pkg.integrity.items) {
    if (item.id in values) item.sha256 = await sha256Json(nodeHasher, values[item.id]);
  }
  pkg.integrity.seal = await sha256Json(nodeHasher, { schema: pkg.schema, createdAt: pkg.createdAt, items: pkg.integrity.items });
}

const verify = (pkg: DossierPackage) => verifyDossierPackage(pkg, nodeHasher, { recomputeReport: async (dossier) => ({ report: recomputePackagedReport(dossier, profile) }) });

describe('verify recomputes the dossier id', () => {
  it('import names the dossier with computeDossierId over its manifest and files', async () => {
    const imported = await importedSample();
    expect(imported.dossierId).toBe(await computeDossierId(nodeHasher, imported.manifest, imported.documents));
    expect(await computeDossierId(nodeHasher, imported.manifest, [...imported.documents].reverse())).toBe(imported.dossierId);
    expect(await computeDossierId(nodeHasher, { ...imported.manifest, claims: imported.manifest.claims.slice(1) }, imported.documents)).not.toBe(imported.dossierId);
  });

  it('an untouched package verifies, the id among what was recomputed', async () => {
    const result = await verify(await packageOf(await importedSample()));
    expect(result.problems).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.checked.map((check) => check.item)).toContain('dossiers/0/id#recomputed');
  });

  it('names a dossier id that was changed, even with every hash and the seal rewritten', async () => {
    const pkg = await packageOf(await importedSample());
    pkg.dossiers[0]!.dossierId = 'f'.repeat(64);
    const plain = await verify(pkg);
    expect(plain.problems.map((problem) => `${problem.kind} ${problem.item}`).sort()).toEqual(['altered dossiers/0/id', 'dossier-id dossiers/0/id']);

    await rehash(pkg);
    const forged = await verify(pkg);
    expect(forged.ok).toBe(false);
    expect(forged.problems).toEqual([{
      kind: 'dossier-id', item: 'dossiers/0/id',
      message: expect.stringMatching(/^dossier 1 \(深圳市智联数字服务有限公司\): dossier id f{64} does not match its manifest and source files \(they give [0-9a-f]{64}\)$/),
    }]);
  });

  it('names the id when a source hash or the manifest was changed under it, hashes rewritten', async () => {
    const swapped = await packageOf(await importedSample());
    swapped.dossiers[0]!.sources[1]!.sha256 = '0'.repeat(64);
    await rehash(swapped);
    expect((await verify(swapped)).problems.map((problem) => problem.item)).toEqual(['dossiers/0/id']);

    const renamed = await packageOf(await importedSample());
    renamed.dossiers[0]!.manifest.applicant.creditCode = '91440300MA5G000000';
    await rehash(renamed);
    expect((await verify(renamed)).problems.map((problem) => problem.item)).toEqual(['dossiers/0/id']);
  });

  it('says why it does not recompute the id of a dossier whose claims were re-read after import', async () => {
    const imported = await importedSample();
    const mapping = await nextAuditEntry(undefined, {
      actor: '王审计', action: 'claims.mapping', target: 'claims:营收清单.xlsx', before: { claims: 2 }, after: { claims: 1 },
    }, { now: () => '2024-10-20T10:00:00+08:00' }, nodeHasher);
    const remapped = { ...imported, manifest: { ...imported.manifest, claims: imported.manifest.claims.slice(0, 1) } };
    const result = await verify(await packageOf(remapped, [mapping]));
    expect(result.problems).toEqual([]);
    expect(result.checked).toContainEqual({
      item: 'dossiers/0/id#not-recomputed', label: expect.stringMatching(/dossier id not recomputed \(the manifest was changed after import \(audit entry 1, claims\.mapping\)\)/),
    });
  });
});

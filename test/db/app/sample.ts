// The bundled Shenzhen sample as db tests of the app's state import parts of it: its folder and its
// dossier.json, and a dossier of its round (its applicant unless another is named) imported into the
// app's store with some of its claims and documents.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { resourcesDir } from '../../../src-main/cli/paths';
import { importDossier } from '../../../src-renderer/core/import';
import type { DossierManifest } from '../../../src-renderer/core/types';
import { webCryptoHasher } from '../../../src-renderer/platform/hasher';
import { getStore } from '../../../src-renderer/state/store';

export const sampleFolder = join(resourcesDir(), 'samples', 'shenzhen-dsp');
export const sampleManifest = JSON.parse(readFileSync(join(sampleFolder, 'dossier.json'), 'utf8')) as DossierManifest;

export function sampleBytes(file: string): Uint8Array {
  return new Uint8Array(readFileSync(join(sampleFolder, file)));
}

/** Imports into the app's store a dossier of the sample's round with these claims and the sample's files of these documents. */
export async function importSampleDossier(parts: { applicant?: DossierManifest['applicant']; claims: DossierManifest['claims']; documents?: DossierManifest['documents'] }) {
  const documents = parts.documents ?? [];
  const manifest: DossierManifest = { ...sampleManifest, applicant: parts.applicant ?? sampleManifest.applicant, documents, claims: parts.claims };
  const report = await importDossier([
    { path: 'dossier.json', bytes: new TextEncoder().encode(JSON.stringify(manifest)) },
    ...documents.map((document) => ({ path: document.file, bytes: sampleBytes(document.file) })),
  ], { hasher: webCryptoHasher });
  const row = await (await getStore()).saveImport(report, '审查员');
  return { row, report };
}

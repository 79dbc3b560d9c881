// A declared list of `rows` rows built from the Shenzhen sample's first row, with an empty review and
// the program's profile, for the report tests of large dossiers.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DossierManifest, ReviewFile } from '../../src-renderer/core/types';

export function largeDossier(rows: number) {
  const fromRoot = (path: string) => join(process.cwd(), path);
  const profileJson = JSON.parse(readFileSync(fromRoot('resources/profiles/shenzhen-2024-dsp.json'), 'utf8')) as unknown;
  const sample = JSON.parse(readFileSync(fromRoot('resources/samples/shenzhen-dsp/dossier.json'), 'utf8')) as DossierManifest;
  const template = sample.claims[0]!;
  const manifest: DossierManifest = {
    ...sample,
    claims: Array.from({ length: rows }, (_, i) => ({ ...template, id: `L${String(i).padStart(4, '0')}`, amount: '10000.00', invoiceNumbers: [] })),
  };
  const review: ReviewFile = {
    schema: 'dossier-desk/review@1', program: 'shenzhen-2024-dsp', reviewer: { name: '周审计', role: 'auditor' },
    cuts: [], scores: {}, fields: [], findings: [], checklists: {}, auditLog: [],
  };
  return { profileJson, manifest, review, claimedFen: rows * 1_000_000 };
}

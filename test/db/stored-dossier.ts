// A store of its own (a fresh database) holding one imported dossier of the Shenzhen program by 甲公司,
// for the db tests of the review as stored rows. By default the dossier has one invoice file
// (invoices/001.xml, a 数电 XML of 12,720.00) and one claim of that amount.
import { importDossier, type ImportReport } from '../../src-renderer/core/import';
import type { DossierManifest } from '../../src-renderer/core/types';
import { DossierStore } from '../../src-renderer/db';
import { testHasher } from '../core/import/hasher';
import { einvoiceXml } from '../fixtures/hostile/builders';

export interface StoredDossierSpec {
  /** As dossier.json lists them (a document without a kind is classified by the import). */
  documents?: { file: string; kind?: string }[];
  claims?: DossierManifest['claims'];
  /** The files named by the documents, with their bytes. */
  files?: { path: string; bytes: Uint8Array }[];
  /** The time every audit entry is stamped with. */
  now?: string;
  /** Who the import's audit entry names. */
  importedBy?: string;
}

let databases = 0;

export async function storedDossier(name: string, spec: StoredDossierSpec = {}): Promise<{ store: DossierStore; id: string; report: ImportReport }> {
  const now = spec.now ?? '2024-10-20T10:00:00+08:00';
  const store = await new DossierStore({ hasher: testHasher, clock: { now: () => now }, name: `${name}-${databases++}`, storage: {} }).open();
  const manifest = {
    schema: 'dossier-desk/dossier@1', program: 'shenzhen-2024-dsp', applicant: { name: '甲公司', category: 'comprehensive' },
    documents: spec.documents ?? [{ file: 'invoices/001.xml', kind: 'invoice' }],
    claims: spec.claims ?? [{ id: 'C01', amount: '12720.00' }],
  };
  const report = await importDossier([
    { path: 'dossier.json', bytes: new TextEncoder().encode(JSON.stringify(manifest)) },
    ...(spec.files ?? [{ path: 'invoices/001.xml', bytes: einvoiceXml('24442000000123456789') }]),
  ], { hasher: testHasher });
  await store.saveImport(report, spec.importedBy ?? '审查员');
  return { store, id: report.dossierId, report };
}

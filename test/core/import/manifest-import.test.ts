import { describe, expect, it } from 'vitest';
import { importDossier } from '../../../src-renderer/core/import';
import { einvoiceXml } from '../../fixtures/hostile/builders';
import { testHasher } from './hasher';

const json = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));
const manifest = {
  schema: 'dossier-desk/dossier@1', program: 'shenzhen-2024-dsp', applicant: { name: '甲公司', category: 'comprehensive' },
  documents: [{ file: 'invoices/001.xml', kind: 'invoice' }, { file: 'invoices/missing.pdf', kind: 'invoice' }, { file: 'bad.pdf', kind: 'contract' }, { file: 'misc/notes.xml', kind: 'other' }],
  claims: [{ id: 'C1', amount: '12720.00', invoiceNumbers: ['24442000000123456789'] }],
};

describe('import with dossier.json', () => {
  it('takes kinds and claims from the manifest and names listed files that are missing or refused', async () => {
    const report = await importDossier([
      { path: 'dossier.json', bytes: json(manifest) },
      { path: 'invoices/001.xml', bytes: einvoiceXml('24442000000123456789') },
      { path: 'bad.pdf', bytes: new Uint8Array([1, 2, 3]) },
      { path: 'misc/notes.xml', bytes: einvoiceXml('1') },
      { path: '合同/extra.pdf.xml', bytes: einvoiceXml('2') },
    ], { hasher: testHasher });
    expect(report.manifestSource).toBe('dossier.json');
    expect(report.manifest.claims).toEqual(manifest.claims);
    const kinds = Object.fromEntries(report.documents.map((d) => [d.path, [d.kind, d.kindSource]]));
    expect(kinds).toEqual({ 'invoices/001.xml': ['invoice', 'manifest'], 'misc/notes.xml': ['other', 'manifest'], '合同/extra.pdf.xml': ['contract', 'name'] });
    const manifestProblems = report.problems.filter((p) => p.file === 'dossier.json').map((p) => p.message);
    expect(manifestProblems).toEqual([
      'documents lists "invoices/missing.pdf" (invoice) but no such file in the dossier',
      'documents lists "bad.pdf" (contract) but the file was refused (see its own message)',
    ]);
  });

  it('reports an invalid manifest and reads the dossier without it', async () => {
    const report = await importDossier([
      { path: 'dossier.json', bytes: json({ ...manifest, claims: [{ id: 'C1', amount: 'twelve' }] }) },
      { path: 'claims.csv', bytes: new TextEncoder().encode('序号,发票金额\n1,5\n') },
    ], { hasher: testHasher });
    expect(report.manifestSource).toBe('inferred');
    expect(report.problems).toContainEqual(expect.objectContaining({ file: 'dossier.json', code: 'manifest-invalid', message: expect.stringContaining('claims[0].amount is not an amount') }));
    expect(report.manifest.claims).toEqual([{ id: '1', amount: '5.00', source: { file: 'claims.csv', row: 2 } }]);
  });

  it('gives the same dossier id for the same content whatever order the host lists files in', async () => {
    const files = [{ path: 'dossier.json', bytes: json(manifest) }, { path: 'invoices/001.xml', bytes: einvoiceXml('24442000000123456789') }, { path: 'misc/notes.xml', bytes: einvoiceXml('1') }];
    const a = await importDossier(files, { hasher: testHasher });
    const b = await importDossier([...files].reverse(), { hasher: testHasher });
    expect(a.dossierId).toBe(b.dossierId);
    expect(a.dossierId).toMatch(/^[0-9a-f]{64}$/);
  });
});

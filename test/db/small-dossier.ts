// A small imported dossier for store tests: one 数电 XML invoice behind the first of two declared rows,
// and a contract.
import { importDossier, type ImportReport } from '../../src-renderer/core/import';
import { einvoiceXml, plainPdf } from '../fixtures/hostile/builders';
import { testHasher } from '../core/import/hasher';

export async function smallDossier(): Promise<ImportReport> {
  const manifest = {
    schema: 'dossier-desk/dossier@1', program: 'shenzhen-2024-dsp', applicant: { name: '甲公司', category: 'comprehensive' },
    documents: [{ file: 'invoices/001.xml', kind: 'invoice' }],
    claims: [{ id: 'C01', amount: '12720.00', invoiceNumbers: ['24442000000123456789'] }, { id: 'C02', amount: '500.00' }],
  };
  return importDossier([
    { path: 'dossier.json', bytes: new TextEncoder().encode(JSON.stringify(manifest)) },
    { path: 'invoices/001.xml', bytes: einvoiceXml('24442000000123456789') },
    { path: 'contract.pdf', bytes: plainPdf('甲公司') },
  ], { hasher: testHasher });
}

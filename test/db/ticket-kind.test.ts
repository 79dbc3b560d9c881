// A ticket or receipt invoice (ExtractedInvoice.kind 'ticket': no parties, no tax) stays one in the
// store and when the dossier is opened again; rows stored before it was read have no kind (a VAT invoice).
import 'fake-indexeddb/auto';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { FileExtraction, InvoiceFields } from '../../src-renderer/core/types';
import { stopWatchingReview } from '../../src-renderer/state/review-sync';
import { loadDossier } from '../../src-renderer/state/session';
import { getStore } from '../../src-renderer/state/store';
import { useWorkspace } from '../../src-renderer/state/workspace';
import { importSampleDossier, sampleManifest } from './app/sample';

vi.mock('../../src-renderer/state/profiles', () => import('./app/profiles-on-disk'));
vi.mock('../../src-renderer/platform/extract-client', () => import('./app/no-extraction-worker'));

afterAll(() => stopWatchingReview());

const TICKET_FILE = '发票/23442000001510000005.png';

const busTicket: InvoiceFields = {
  invoiceCode: '221021325353', invoiceNumber: '10283819', issueDate: '2013-06-29', buyerName: null, buyerTaxId: null, sellerName: null,
  sellerTaxId: null, items: [], amountExclTax: null, taxAmount: null, totalAmount: '8.00', totalInWords: null, remarks: null,
};

describe('a ticket in the store', () => {
  it('keeps its kind through saving the reading and opening the dossier again', async () => {
    const { row, report } = await importSampleDossier({ claims: sampleManifest.claims.slice(0, 1), documents: [{ file: TICKET_FILE, kind: 'invoice' }] });
    const store = await getStore();
    const sha256 = report.documents.find((document) => document.path === TICKET_FILE)!.sha256;
    const extraction: FileExtraction = {
      file: TICKET_FILE, sha256, errors: [],
      invoices: [{ page: 1, method: 'ocr', kind: 'ticket', fields: busTicket, confidence: { totalAmount: 0.48 }, boxes: {}, checks: [] }],
    };
    await store.saveExtraction(row.id, TICKET_FILE, extraction, { engine: 'dossier-desk', ocrModel: 'chi_sim', settings: 'default' });
    expect((await store.invoices(row.id)).map((invoice) => invoice.kind)).toEqual(['ticket']);
    await loadDossier(row.id);
    const shown = useWorkspace.getState().open!.documents.find((document) => document.path === TICKET_FILE)!;
    expect(shown.extraction!.invoices.map((invoice) => invoice.kind)).toEqual(['ticket']);

    await store.saveExtraction(row.id, TICKET_FILE, { ...extraction, invoices: [{ ...extraction.invoices[0]!, kind: undefined }] }, { engine: 'dossier-desk', ocrModel: 'chi_sim', settings: 'default' });
    expect((await store.invoices(row.id)).map((invoice) => invoice.kind)).toEqual([undefined]);
  });
});

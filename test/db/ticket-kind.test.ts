// A ticket or receipt invoice (ExtractedInvoice.kind 'ticket': no parties, no tax) stays one in the
// store and when the dossier is opened again; rows stored before it was read have no kind (a VAT invoice).
import 'fake-indexeddb/auto';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { FileExtraction, InvoiceFields } from '../../src-renderer/core/types';
import { buildExportSheets, SHEET_NAMES } from '../../src-renderer/core/export/tables';
import { collectOpenDossier } from '../../src-renderer/state/export-collect';
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

  it('goes into the app\'s export: the package\'s extraction, the reconciliation (not the row\'s invoice) and the ledger\'s 票种', async () => {
    const claim = { ...sampleManifest.claims[0]!, invoiceNumbers: [busTicket.invoiceNumber!] };
    const { row, report } = await importSampleDossier({ claims: [claim], documents: [{ file: TICKET_FILE, kind: 'invoice' }] });
    const store = await getStore();
    const sha256 = report.documents.find((document) => document.path === TICKET_FILE)!.sha256;
    await store.saveExtraction(row.id, TICKET_FILE, {
      file: TICKET_FILE, sha256, errors: [],
      invoices: [{ page: 1, method: 'ocr', kind: 'ticket', fields: busTicket, confidence: { totalAmount: 0.48 }, boxes: {}, checks: [] }],
    }, { engine: 'dossier-desk', ocrModel: 'chi_sim', settings: 'default' });
    await loadDossier(row.id);
    const [dossier] = await collectOpenDossier();
    expect(dossier!.extractions.find((extraction) => extraction.file === TICKET_FILE)!.invoices.map((invoice) => invoice.kind)).toEqual(['ticket']);
    const reconciled = dossier!.report.reconciliation!.find((entry) => entry.claimId === claim.id)!;
    expect(reconciled.invoices.map((invoice) => [invoice.invoiceNumber, invoice.kind])).toEqual([['10283819', 'ticket']]);
    expect(reconciled.proposals.map((proposal) => [proposal.reason, proposal.clause])).toEqual([['missing-invoice', '五(九)']]);
    expect(reconciled.proposals[0]!.message).toContain('为客票或定额发票，不是增值税发票');
    const ledger = buildExportSheets([dossier!]).find((sheet) => sheet.name === SHEET_NAMES.invoices)!;
    const kindAt = ledger.columns.findIndex((column) => column.header === '票种');
    expect(ledger.rows.map((cells) => cells[kindAt])).toEqual([{ kind: 'text', value: '客票或定额票据' }]);
  });
});

// The review read back after an edit and the integrity check after it (loggedRowsOnly) read of the invoice and finding rows only those an
// entry of the log touched (a cut on a 10,000-row dossier read every invoice row), still finds every
// logged row that was changed, and repeats what the last whole check found on the rows it did not read.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { IntegrityProblem } from '../../src-renderer/core/audit';
import type { DossierStore } from '../../src-renderer/db';
import { readStoredReview } from '../../src-renderer/db/review-rows';
import { loggedRowIds } from '../../src-renderer/db/store';
import { einvoiceXml } from '../fixtures/hostile/builders';
import { storedDossier } from './stored-dossier';

const FILES = ['invoices/001.xml', 'invoices/002.xml', 'invoices/003.xml'];
const numberOf = (n: number) => `2444200000012345678${n}`;

describe('the integrity check after an edit', () => {
  let store: DossierStore;
  let id: string;
  const invoiceId = (file: string) => `${id}:${file}#1`;
  beforeEach(async () => {
    const stored = await storedDossier('integrity-after-edit', {
      documents: FILES.map((file) => ({ file, kind: 'invoice' })),
      claims: [{ id: 'C01', amount: '12720.00' }],
      files: FILES.map((path, n) => ({ path, bytes: einvoiceXml(numberOf(n + 1)) })),
    });
    ({ store, id } = stored);
    for (const [n, file] of FILES.entries()) {
      await store.saveExtraction(id, file, {
        file, sha256: stored.report.documents.find((d) => d.path === file)!.sha256, errors: [],
        invoices: [{ page: 1, method: 'xml', fields: { invoiceCode: null, invoiceNumber: numberOf(n + 1), issueDate: null, buyerName: null, buyerTaxId: null, sellerName: null, sellerTaxId: null, items: [], amountExclTax: null, taxAmount: null, totalAmount: '12720.00', totalInWords: null, remarks: null }, confidence: {}, boxes: {}, checks: [] }],
      }, { engine: 'test', ocrModel: null, settings: 'default' });
    }
    await store.saveFindings(id, [{ id: 'F1', rule: 'r', severity: 'warning', message: 'm' }, { id: 'F2', rule: 'r', severity: 'warning', message: 'n' }]);
    await store.confirmInvoiceField(id, invoiceId(FILES[0]!), 'totalAmount', '12000.00', '审查员');
    await store.recordReviewChange(id, 'local', { action: 'finding.status', target: 'finding:F1', after: { status: 'accepted', note: null } }, '审查员');
    await store.setCut(id, 'local', 'C01', { claimId: 'C01', amount: '720.00', reason: 'amount-mismatch', note: '' }, '审查员');
  });
  afterEach(() => {
    vi.restoreAllMocks();
    return store.close();
  });

  const afterEdit = (earlier: readonly IntegrityProblem[] = []) => store.checkIntegrity(id, null, { manifest: false, loggedRowsOnly: { earlier } });
  const subjects = (problems: readonly IntegrityProblem[]) => problems.map((problem) => (problem.kind === 'state' ? `${problem.mismatch.kind} ${problem.mismatch.subject}` : problem.kind)).sort();

  it('names the rows the log touched', async () => {
    expect(loggedRowIds(id, await store.auditLog(id))).toEqual({ invoices: [invoiceId(FILES[0]!)], findings: [`${id}:F1`] });
  });

  it('reads the invoice and finding rows the log touched, not all of the dossier\'s', async () => {
    const wholeInvoices = vi.spyOn(store, 'invoices');
    const findingsWhere = vi.spyOn(store.db.findings, 'where');
    const invoicesWhere = vi.spyOn(store.db.invoices, 'where');
    const report = await afterEdit();
    expect(report.ok).toBe(true);
    expect(report.entries).toBe((await store.auditLog(id)).length);
    expect(wholeInvoices).not.toHaveBeenCalled();
    expect(invoicesWhere).not.toHaveBeenCalled();
    expect(findingsWhere).not.toHaveBeenCalled();
    // The whole check reads them all.
    await store.checkIntegrity(id, null, { manifest: false });
    expect(wholeInvoices).toHaveBeenCalled();
  });

  it('finds a logged invoice field and a logged disposition changed outside the log, as the whole check does', async () => {
    await store.db.invoices.update(invoiceId(FILES[0]!), { confirmed: { totalAmount: '99999.00' } });
    await store.db.findings.update(`${id}:F1`, { status: 'dismissed' });
    const narrow = await afterEdit();
    const whole = await store.checkIntegrity(id, null, { manifest: false });
    expect(subjects(narrow.problems)).toEqual(['finding F1', 'invoice invoices/001.xml#1/totalAmount']);
    expect(subjects(narrow.problems)).toEqual(subjects(whole.problems));
  });

  it('repeats what the whole check found on a row the log never touched, until an entry touches that row', async () => {
    // Confirmed outside the log, on rows no entry touched: only a check that reads every row sees them.
    await store.db.invoices.update(invoiceId(FILES[1]!), { confirmed: { totalAmount: '1.00' } });
    await store.db.findings.update(`${id}:F2`, { status: 'dismissed', note: 'x' });
    const whole = await store.checkIntegrity(id, null, { manifest: false });
    expect(subjects(whole.problems)).toEqual(['finding F2', 'invoice invoices/002.xml#1/totalAmount']);
    expect((await afterEdit()).problems).toEqual([]);
    const repeated = await afterEdit(whole.problems);
    expect(repeated.ok).toBe(false);
    expect(subjects(repeated.problems)).toEqual(subjects(whole.problems));

    // An entry on the second invoice's other field: its row is now read, and found once, not twice.
    await store.confirmInvoiceField(id, invoiceId(FILES[1]!), 'invoiceNumber', numberOf(2), '审查员');
    const after = await afterEdit(whole.problems);
    expect(subjects(after.problems)).toEqual(['finding F2', 'invoice invoices/002.xml#1/totalAmount']);
    // Set right through the log: gone from the report although the whole check found it.
    await store.confirmInvoiceField(id, invoiceId(FILES[1]!), 'totalAmount', '1.00', '审查员');
    expect(subjects((await afterEdit(whole.problems)).problems)).toEqual(['finding F2']);
  });

  it('reads the review back after an edit from the rows the log touched: the same review as from every row', async () => {
    await store.confirmInvoiceField(id, invoiceId(FILES[2]!), 'invoiceNumber', numberOf(3), '审查员');
    await store.recordReviewChange(id, 'local', { action: 'finding.status', target: 'finding:F2', after: { status: 'dismissed', note: '重复' } }, '审查员');
    const whole = await readStoredReview(store, { id, program: 'shenzhen-2024-dsp' }, 'local');
    const wholeInvoices = vi.spyOn(store, 'invoices');
    const invoicesWhere = vi.spyOn(store.db.invoices, 'where');
    const findingsWhere = vi.spyOn(store.db.findings, 'where');
    const narrow = await readStoredReview(store, { id, program: 'shenzhen-2024-dsp' }, 'local', { loggedRowsOnly: true });
    expect(wholeInvoices).not.toHaveBeenCalled();
    expect(invoicesWhere).not.toHaveBeenCalled();
    expect(findingsWhere).not.toHaveBeenCalled();
    expect(narrow).toEqual(whole);
    expect(narrow.fields.map((field) => field.file)).toEqual([FILES[0], FILES[2]]);
    expect(narrow.findings).toEqual([{ id: 'F1', status: 'accepted' }, { id: 'F2', status: 'dismissed', note: '重复' }]);
  });
});

// The reconciliation of DESIGN.md "The declared list and what the audit reconciles": every reason at
// its boundary, the order of the whole-row defects, the partial amounts, proposals vs cuts, and the
// eligibility findings of the approved revenue total.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { creditCodeDivision, evaluateDossier } from '../../../src-renderer/core/engine';
import { acceptProposal, rejectProposal, reopenProposal } from '../../../src-renderer/core/review/proposal-decisions';
import { parseReviewJson } from '../../../src-renderer/core/review';
import type { CheckReport, DossierManifest, FileExtraction, ManifestClaim, ReconciledRow, ReviewFile } from '../../../src-renderer/core/types';
import { editDistanceWithin } from '../../../src-renderer/core/engine/reconcile/near-match';
import { contract, invoice, manifest, payment, profile, readings, review } from './builders';
import { parseProfile } from '../../../src-renderer/core/profiles/parse-profile';

const APPLICANT = '深圳市测试数字科技有限公司';
const APPLICANT_CODE = '91440300MA5F7K2L7N';
const CUSTOMER = '深圳市南山客户制造有限公司';
const CUSTOMER_CODE = '91440305MA5G1B2C3D';
const GUANGZHOU_CODE = '91440101MA5G1B2C3D';
const INVOICE = '24442000000000000001';

interface Row {
  claim?: Partial<ManifestClaim>;
  invoiceTotal?: string | null;
  issueDate?: string | null;
  buyerName?: string;
  buyerTaxId?: string | null;
  sellerName?: string;
  items?: { name: string; amount: string }[];
  contract?: boolean;
  paid?: string[];
}

/** A Shenzhen revenue row (the applicant sells to a Shenzhen customer) with its invoice, contract and receipts; each option breaks one thing. */
function shenzhenRow(options: Row = {}, number = INVOICE, index = 1): { claim: Partial<ManifestClaim>; files: FileExtraction[] } {
  const contractNo = `HT-2023-${String(index).padStart(3, '0')}`;
  const claim: Partial<ManifestClaim> = {
    id: `R${String(index).padStart(3, '0')}`, amount: '100000.00', counterparty: CUSTOMER, contractNo, invoiceNumbers: [number], ...options.claim,
  };
  const files: FileExtraction[] = [
    readings(`发票/${number}.pdf`, { invoices: [invoice({
      invoiceNumber: number, issueDate: options.issueDate === undefined ? '2023-05-06' : options.issueDate,
      sellerName: options.sellerName ?? APPLICANT, sellerTaxId: APPLICANT_CODE,
      buyerName: options.buyerName ?? CUSTOMER, buyerTaxId: options.buyerTaxId === undefined ? CUSTOMER_CODE : options.buyerTaxId,
      totalAmount: options.invoiceTotal === undefined ? '100000.00' : options.invoiceTotal,
      items: options.items ?? [{ name: '*信息技术服务*数字化改造服务', amount: '94339.62' }],
    })] }),
  ];
  if (options.contract !== false) {
    files.push(readings(`合同/${contractNo}.pdf`, { contracts: [contract({
      contractNo, partyA: CUSTOMER, partyATaxId: CUSTOMER_CODE, partyB: APPLICANT, partyBTaxId: APPLICANT_CODE, amount: '100000.00', subject: '数字化改造服务',
    })] }));
  }
  (options.paid ?? ['100000.00']).forEach((amount, receipt) => {
    files.push(readings(`回单/${contractNo}-${receipt + 1}.pdf`, { payments: [payment({
      payerName: CUSTOMER, payeeName: APPLICANT, amount, date: '2023-06-01', serial: `SN${index}${receipt}`, purpose: '服务费',
    })] }));
  });
  return { claim, files };
}

function shenzhen(rows: { claim: Partial<ManifestClaim>; files: FileExtraction[] }[], category = 'comprehensive'): { dossier: DossierManifest; files: FileExtraction[] } {
  return {
    dossier: manifest('shenzhen-2024-dsp', category, rows.map((row) => row.claim), { name: APPLICANT, creditCode: APPLICANT_CODE }),
    files: rows.flatMap((row) => row.files),
  };
}

function check(program: string, dossier: DossierManifest, files: FileExtraction[], reviewFile: ReviewFile | null = null): CheckReport {
  return evaluateDossier({ profile: profile(program), manifest: dossier, extractions: files, review: reviewFile });
}

function rowOf(report: CheckReport, claimId = 'R001'): ReconciledRow {
  const row = report.reconciliation?.find((entry) => entry.claimId === claimId);
  if (!row) throw new Error(`no reconciled row ${claimId}`);
  return row;
}

/** [reason, amountFen] of a row's proposals. */
function proposalsOf(options: Row, program = 'shenzhen-2024-dsp'): [string, number][] {
  const { dossier, files } = shenzhen([shenzhenRow(options)]);
  return rowOf(check(program, dossier, files)).proposals.map((proposal) => [proposal.reason, proposal.amountFen]);
}

describe('a Shenzhen revenue row with its invoice, contract and the customer payment', () => {
  it('is supported in full, with its evidence linked by invoice number, contract number and the paying customer', () => {
    const { dossier, files } = shenzhen([shenzhenRow()]);
    const report = check('shenzhen-2024-dsp', dossier, files);
    const row = rowOf(report);
    expect(row).toMatchObject({
      declaredFen: 10_000_000, supportedFen: 10_000_000, proposals: [],
      counterparty: { name: CUSTOMER, creditCode: CUSTOMER_CODE, eligible: true },
      invoices: [{ file: `发票/${INVOICE}.pdf`, page: 1, invoiceNumber: INVOICE, totalFen: 10_000_000, issueDate: '2023-05-06' }],
      contracts: [{ file: '合同/HT-2023-001.pdf', page: 1, contractNo: 'HT-2023-001', amountFen: 10_000_000 }],
      payments: [{ file: '回单/HT-2023-001-1.pdf', page: 1, amountFen: 10_000_000, date: '2023-06-01' }],
    });
    expect(report).toMatchObject({ proposedCutFen: 0, verdictIfAccepted: 'pass', cutFen: 0 });
    expect(report.findings.filter((finding) => finding.rule === 'party-mismatch')).toEqual([]);
  });
  it('a scanned receipt whose applicant name OCR misread by one character still pays the row; a text receipt naming another firm does not', () => {
    const misread = `濑${APPLICANT.slice(1)}`;
    const withReceipt = (method: 'ocr' | 'text', payeeName: string) => {
      const { dossier, files } = shenzhen([shenzhenRow({ paid: [] })]);
      files.push(readings('scan0004.jpg', { payments: [{ ...payment({ payerName: CUSTOMER, payeeName, amount: '100000.00', date: '2023-06-01' }), method }] }));
      return rowOf(check('shenzhen-2024-dsp', dossier, files));
    };
    expect(withReceipt('ocr', misread).payments.map((entry) => entry.file)).toEqual(['scan0004.jpg']);
    expect(withReceipt('ocr', misread).proposals).toEqual([]);
    expect(withReceipt('text', misread).payments).toEqual([]);
    expect(withReceipt('ocr', `濑${APPLICANT.slice(2)}`).payments).toEqual([]);
  });
  it('without extractions there is nothing to reconcile: null, and the verdict stands', () => {
    const { dossier } = shenzhen([shenzhenRow()]);
    expect(evaluateDossier({ profile: profile('shenzhen-2024-dsp'), manifest: dossier })).toMatchObject({ reconciliation: null, proposedCutFen: 0, verdictIfAccepted: 'pass' });
  });
});

describe('whole-row defects, each at its boundary', () => {
  it('missing-invoice: the listed invoice is in no file', () => {
    expect(proposalsOf({ claim: { invoiceNumbers: ['24442000000000000999'] } })).toEqual([['missing-invoice', 10_000_000]]);
    expect(proposalsOf({ claim: { invoiceNumbers: [] }, invoiceTotal: '1.00' })).toEqual([['missing-invoice', 10_000_000]]);
  });
  it('a row listing no number is linked by parties and the declared amount', () => {
    expect(proposalsOf({ claim: { invoiceNumbers: undefined } })).toEqual([]);
    expect(proposalsOf({ claim: { invoiceNumbers: undefined }, invoiceTotal: '99999.99' })).toEqual([['missing-invoice', 10_000_000]]);
  });
  it('a row listing no number takes a photographed invoice whose names OCR read unsurely, one character off, for the declared amount; read surely, it does not', () => {
    const linked = (confidence: number) => {
      const { dossier, files } = shenzhen([shenzhenRow({ claim: { invoiceNumbers: undefined } })]);
      const photo = files[0]!.invoices[0]!;
      const read = { sellerName: `${APPLICANT.slice(0, 3)}侧${APPLICANT.slice(4)}`, buyerName: `${CUSTOMER.slice(0, 5)}容${CUSTOMER.slice(6)}` };
      files[0]!.invoices[0] = { ...photo, method: 'ocr', fields: { ...photo.fields, ...read }, confidence: { sellerName: confidence, buyerName: confidence } };
      const row = rowOf(check('shenzhen-2024-dsp', dossier, files));
      return { invoices: row.invoices.map((entry) => entry.invoiceNumber), proposals: row.proposals.map((proposal) => proposal.reason) };
    };
    expect(linked(0.5)).toEqual({ invoices: [INVOICE], proposals: [] });
    expect(linked(0.9)).toEqual({ invoices: [], proposals: ['missing-invoice'] });
  });
  it('party-mismatch: the applicant must be the seller and the customer the buyer (Shenzhen direction)', () => {
    expect(proposalsOf({ sellerName: '深圳市别家科技有限公司' })).toEqual([['party-mismatch', 10_000_000]]);
    expect(proposalsOf({ buyerName: '深圳市另一客户有限公司' })).toEqual([['party-mismatch', 10_000_000]]);
    // The buyer's direction (a purchase) is the wrong way round for the revenue list.
    expect(proposalsOf({ sellerName: CUSTOMER, buyerName: APPLICANT })).toEqual([['party-mismatch', 10_000_000]]);
    // Full-width brackets and spaces are the same name.
    expect(proposalsOf({ buyerName: ` ${CUSTOMER.slice(0, 4)} ${CUSTOMER.slice(4)}` })).toEqual([]);
  });
  it('party-mismatch on a photographed invoice: a name OCR read unsurely is the party\'s when one character off it or beside the applicant\'s credit code; read surely, or far off without the code, it is not', () => {
    /** The row's proposals and party findings with its invoice read by OCR: these names, ids and name confidences. */
    const readByOcr = (read: { sellerName?: string; buyerName?: string; sellerTaxId?: string }, confidence: number) => {
      const { dossier, files } = shenzhen([shenzhenRow()]);
      const photo = files[0]!.invoices[0]!;
      files[0]!.invoices[0] = { ...photo, method: 'ocr', fields: { ...photo.fields, ...read }, confidence: { sellerName: confidence, buyerName: confidence } };
      const report = check('shenzhen-2024-dsp', dossier, files);
      return { proposals: rowOf(report).proposals.map((proposal) => proposal.reason), findings: report.findings.filter((finding) => finding.rule === 'party-mismatch').length, unsure: report.findings.filter((finding) => finding.rule === 'party-name-unsure').map((finding) => [finding.severity, finding.messageEn]) };
    };
    const oneOff = `${APPLICANT.slice(0, 3)}侧${APPLICANT.slice(4)}`;
    // Taken for the party, and said (an info finding naming how), so that the reviewer checks the name.
    expect(readByOcr({ sellerName: oneOff }, 0.5)).toEqual({ proposals: [], findings: 0, unsure: [['info', `Claim R001: the invoice seller's name was read unsurely ("${oneOff}") and taken for the applicant "${APPLICANT}" by its near name; check it`]] });
    const customerOneOff = `${CUSTOMER.slice(0, 5)}容${CUSTOMER.slice(6)}`;
    expect(readByOcr({ buyerName: customerOneOff }, 0.5)).toEqual({ proposals: [], findings: 0, unsure: [['info', `Claim R001: the invoice buyer's name was read unsurely ("${customerOneOff}") and taken for the counterparty "${CUSTOMER}" by its near name; check it`]] });
    // Read surely, the name is the invoice's: another firm's.
    expect(readByOcr({ sellerName: oneOff }, 0.9)).toEqual({ proposals: ['party-mismatch'], findings: 1, unsure: [] });
    // Far off (four characters), unsure: the applicant's by its credit code, not without it.
    const farOff = `${APPLICANT.slice(0, 3)}侧式救字${APPLICANT.slice(7)}`;
    expect(readByOcr({ sellerName: farOff }, 0.5)).toMatchObject({ proposals: [], findings: 0, unsure: [['info', expect.stringContaining('by its credit code')]] });
    expect(readByOcr({ sellerName: farOff, sellerTaxId: CUSTOMER_CODE }, 0.5)).toEqual({ proposals: ['party-mismatch'], findings: 1, unsure: [] });
    // Read exactly, nothing to say.
    expect(readByOcr({}, 0.5)).toEqual({ proposals: [], findings: 0, unsure: [] });
  });

  it('party-mismatch: a name the reviewer corrected is certain: one character off the applicant\'s, it is another firm\'s', () => {
    const { dossier, files } = shenzhen([shenzhenRow()]);
    const photo = files[0]!.invoices[0]!;
    files[0]!.invoices[0] = { ...photo, method: 'ocr', confidence: { sellerName: 0.5 } };
    const corrected = review('shenzhen-2024-dsp', [], {}, { fields: [{ file: files[0]!.file, page: 1, field: 'sellerName', value: `${APPLICANT.slice(0, 3)}侧${APPLICANT.slice(4)}` }] });
    expect(rowOf(check('shenzhen-2024-dsp', dossier, files, corrected)).proposals.map((proposal) => proposal.reason)).toEqual(['party-mismatch']);
  });

  it('related-party: the counterparty is the applicant, or shares its credit code', () => {
    expect(proposalsOf({ claim: { counterparty: APPLICANT }, buyerName: APPLICANT })).toEqual([['related-party', 10_000_000]]);
    expect(proposalsOf({ buyerTaxId: APPLICANT_CODE })).toEqual([['related-party', 10_000_000]]);
  });
  it('customer-not-eligible: the credit code says where the customer is registered (4403 Shenzhen)', () => {
    expect(creditCodeDivision(CUSTOMER_CODE)).toBe('440305');
    expect(creditCodeDivision('not a code')).toBeNull();
    expect(proposalsOf({ buyerTaxId: GUANGZHOU_CODE })).toEqual([['customer-not-eligible', 10_000_000]]);
    expect(proposalsOf({ buyerTaxId: '91440399MA5G1B2C3D' })).toEqual([]);
    expect(proposalsOf({ buyerTaxId: '91440400MA5G1B2C3D' })).toEqual([['customer-not-eligible', 10_000_000]]);
  });
  it('customer-not-eligible: an unknown code is proposed; the reviewer confirms or denies a customer by name', () => {
    const unknown = shenzhenRow({ buyerTaxId: null });
    unknown.files = unknown.files.map((file) => ({ ...file, contracts: file.contracts?.map((entry) => ({ ...entry, fields: { ...entry.fields, partyATaxId: null } })) }));
    const { dossier, files } = shenzhen([unknown]);
    expect(rowOf(check('shenzhen-2024-dsp', dossier, files)).proposals.map((proposal) => proposal.reason)).toEqual(['customer-not-eligible']);
    const confirmed = review('shenzhen-2024-dsp', [], {}, { counterparties: { [CUSTOMER]: { eligible: true, note: '深圳市中小企业名录' } } });
    expect(rowOf(check('shenzhen-2024-dsp', dossier, files, confirmed)).proposals).toEqual([]);
    const denied = review('shenzhen-2024-dsp', [], {}, { counterparties: { [CUSTOMER]: { eligible: false } } });
    const shenzhenCoded = shenzhen([shenzhenRow()]);
    expect(rowOf(check('shenzhen-2024-dsp', shenzhenCoded.dossier, shenzhenCoded.files, denied)).proposals.map((p) => p.reason)).toEqual(['customer-not-eligible']);
  });
  it('out-of-period: an invoice dated in 2023 (2023-01-01 and 2023-12-31 included)', () => {
    expect(proposalsOf({ issueDate: '2023-01-01' })).toEqual([]);
    expect(proposalsOf({ issueDate: '2023-12-31' })).toEqual([]);
    expect(proposalsOf({ issueDate: '2022-12-31' })).toEqual([['out-of-period', 10_000_000]]);
    expect(proposalsOf({ issueDate: '2024-01-01' })).toEqual([['out-of-period', 10_000_000]]);
    expect(proposalsOf({ issueDate: null })).toEqual([['out-of-period', 10_000_000]]);
  });
  it('duplicate: an invoice that supports an earlier row does not support a later one', () => {
    const first = shenzhenRow({}, INVOICE, 1);
    const second = shenzhenRow({}, INVOICE, 2);
    const { dossier, files } = shenzhen([first, second]);
    const report = check('shenzhen-2024-dsp', dossier, files);
    expect(rowOf(report, 'R001').proposals).toEqual([]);
    expect(rowOf(report, 'R002').proposals).toMatchObject([{ id: 'R002:duplicate', reason: 'duplicate', amountFen: 10_000_000 }]);
  });
  it('duplicate: an invoice of a row cut in whole for another reason still supports a later row', () => {
    const { dossier, files } = shenzhen([shenzhenRow({ claim: { counterparty: '深圳市别的客户有限公司' } }, INVOICE, 1), shenzhenRow({}, INVOICE, 2)]);
    const report = check('shenzhen-2024-dsp', dossier, files);
    expect(rowOf(report, 'R001').proposals.map((p) => p.reason)).toEqual(['party-mismatch']);
    expect(rowOf(report, 'R002').proposals).toEqual([]);
  });
  it('missing-contract: no contract key pages for the row', () => {
    expect(proposalsOf({ contract: false })).toEqual([['missing-contract', 10_000_000]]);
  });
  it('ineligible-service: an excluded service on the invoice', () => {
    expect(proposalsOf({ items: [{ name: '*餐饮服务*餐费', amount: '100000.00' }] })).toEqual([['ineligible-service', 10_000_000]]);
  });
  it('the first defect that applies wins, in the order of DESIGN.md', () => {
    expect(proposalsOf({ sellerName: '深圳市别家科技有限公司', issueDate: '2022-12-31', contract: false })).toEqual([['party-mismatch', 10_000_000]]);
    expect(proposalsOf({ buyerTaxId: GUANGZHOU_CODE, issueDate: '2022-12-31' })).toEqual([['customer-not-eligible', 10_000_000]]);
    expect(proposalsOf({ issueDate: '2022-12-31', contract: false })).toEqual([['out-of-period', 10_000_000]]);
    expect(proposalsOf({ contract: false, items: [{ name: '*餐饮服务*餐费', amount: '1.00' }] })).toEqual([['missing-contract', 10_000_000]]);
    expect(proposalsOf({ contract: false, invoiceTotal: '1.00', paid: [] })).toEqual([['missing-contract', 10_000_000]]);
  });
});

describe('partial proposals', () => {
  it('amount-mismatch: declared minus the invoices, one fen at the boundary', () => {
    expect(proposalsOf({ invoiceTotal: '99999.99', paid: ['99999.99'] })).toEqual([['amount-mismatch', 1]]);
    expect(proposalsOf({ invoiceTotal: '100000.01', paid: ['100000.01'] })).toEqual([]);
  });
  it('missing-payment (whole amount): what the customer paid short of the invoiced amount', () => {
    expect(proposalsOf({ paid: ['99999.99'] })).toEqual([['missing-payment', 1]]);
    expect(proposalsOf({ paid: ['60000.00', '40000.00'] })).toEqual([]);
    expect(proposalsOf({ paid: [] })).toEqual([['missing-payment', 10_000_000]]);
  });
  it('both: invoices 80,000 on 100,000 declared, 70,000 paid → 20,000 + 10,000, 70,000 supported', () => {
    const { dossier, files } = shenzhen([shenzhenRow({ invoiceTotal: '80000.00', paid: ['70000.00'] })]);
    const row = rowOf(check('shenzhen-2024-dsp', dossier, files));
    expect(row.proposals.map((p) => [p.id, p.amountFen])).toEqual([['R001:amount-mismatch', 2_000_000], ['R001:missing-payment', 1_000_000]]);
    expect(row.supportedFen).toBe(7_000_000);
  });
  it('receipts go to the row they name, then to the row they pay exactly; each supports one row', () => {
    const first = shenzhenRow({ paid: [] }, '24442000000000000001', 1);
    const second = shenzhenRow({ paid: [] }, '24442000000000000002', 2);
    second.claim.amount = '50000.00';
    second.files[0]!.invoices[0]!.fields.totalAmount = '50000.00';
    const receipts = readings('回单/合并.pdf', { payments: [
      payment({ payerName: CUSTOMER, payeeName: APPLICANT, amount: '50000.00', date: '2023-03-01' }, 1),
      payment({ payerName: CUSTOMER, payeeName: APPLICANT, amount: '100000.00', date: '2023-04-01', purpose: 'HT-2023-001 服务费' }, 2),
    ] });
    const { dossier, files } = shenzhen([first, second]);
    const report = check('shenzhen-2024-dsp', dossier, [...files, receipts]);
    expect(rowOf(report, 'R001').payments).toEqual([{ file: '回单/合并.pdf', page: 2, amountFen: 10_000_000, date: '2023-04-01' }]);
    expect(rowOf(report, 'R002').payments).toEqual([{ file: '回单/合并.pdf', page: 1, amountFen: 5_000_000, date: '2023-03-01' }]);
    expect(report.reconciliation!.flatMap((row) => row.proposals)).toEqual([]);
  });
  it('rows sharing one contract: receipts naming the contract go to the row they pay exactly, not all to the first row', () => {
    const rows = [1, 2, 3].map((index) => shenzhenRow({ paid: [], contract: index === 1 }, `2444200000000000000${index}`, index));
    const amounts = ['100000.00', '60000.00', '40000.00'];
    rows.forEach((row, at) => {
      row.claim.contractNo = 'HT-2023-001';
      row.claim.amount = amounts[at]!;
      row.files[0]!.invoices[0]!.fields.totalAmount = amounts[at]!;
    });
    // The third row's customer paid only 30,000.00 of its 40,000.00; every receipt names the shared contract.
    const receipts = readings('回单/合同HT-2023-001.pdf', { payments: ['30000.00', '60000.00', '100000.00'].map((amount, at) =>
      payment({ payerName: CUSTOMER, payeeName: APPLICANT, amount, date: `2023-0${at + 3}-01`, purpose: 'HT-2023-001服务费' }, at + 1)) });
    const { dossier, files } = shenzhen(rows);
    const report = check('shenzhen-2024-dsp', dossier, [...files, receipts]);
    expect(report.reconciliation!.map((row) => [row.claimId, row.payments.map((receipt) => receipt.amountFen)])).toEqual([
      ['R001', [10_000_000]], ['R002', [6_000_000]], ['R003', [3_000_000]],
    ]);
    expect(report.reconciliation!.flatMap((row) => row.proposals.map((p) => [p.id, p.amountFen]))).toEqual([['R003:missing-payment', 1_000_000]]);
  });
  it('rows sharing one contract: each takes the receipt naming the contract for exactly its amount, a part payment stays with its row', () => {
    const rows = [1, 2, 3].map((index) => shenzhenRow({ paid: [] }, `2444200000000000000${index}`, index));
    const amounts = ['100000.00', '60000.00', '80000.00'];
    rows.forEach((row, index) => {
      row.claim.contractNo = 'HT-2023-001';
      row.claim.amount = amounts[index]!;
      row.files[0]!.invoices[0]!.fields.totalAmount = amounts[index]!;
    });
    const receipts = readings('回单/合并.pdf', { payments: [
      payment({ payerName: CUSTOMER, payeeName: APPLICANT, amount: '30000.00', date: '2023-03-01', purpose: 'HT-2023-001服务费' }, 1),
      payment({ payerName: CUSTOMER, payeeName: APPLICANT, amount: '60000.00', date: '2023-04-01', purpose: 'HT-2023-001服务费' }, 2),
      payment({ payerName: CUSTOMER, payeeName: APPLICANT, amount: '100000.00', date: '2023-05-01', purpose: 'HT-2023-001服务费' }, 3),
    ] });
    const { dossier, files } = shenzhen(rows);
    const report = check('shenzhen-2024-dsp', dossier, [...files, receipts]);
    expect(rowOf(report, 'R001').payments.map((entry) => entry.page)).toEqual([3]);
    expect(rowOf(report, 'R002').payments.map((entry) => entry.page)).toEqual([2]);
    expect(rowOf(report, 'R003').payments.map((entry) => entry.page)).toEqual([1]);
    expect(report.reconciliation!.flatMap((row) => row.proposals.map((p) => [p.id, p.amountFen]))).toEqual([['R003:missing-payment', 5_000_000]]);
  });
  it('a receipt paid by someone else is not the customer paying', () => {
    const row = shenzhenRow({ paid: [] });
    row.files.push(readings('回单/x.pdf', { payments: [payment({ payerName: '深圳市第三方有限公司', payeeName: APPLICANT, amount: '100000.00' })] }));
    const { dossier, files } = shenzhen([row]);
    expect(rowOf(check('shenzhen-2024-dsp', dossier, files)).proposals.map((p) => [p.reason, p.amountFen])).toEqual([['missing-payment', 10_000_000]]);
  });
});

describe('the voucher direction (the applicant buys)', () => {
  const BUYER = '广州市测试制造有限公司';
  const PROVIDER = '广州市服务机构有限公司';
  function guangzhou(paid: string, issueDate = '2020-06-01'): ReconciledRow {
    const dossier = manifest('guangzhou-2020-voucher', 'sme', [{ id: 'G1', amount: '10000.00', counterparty: PROVIDER, contractNo: 'GZ-1', invoiceNumbers: ['44012000'] }], { name: BUYER, creditCode: '91440101MA5G9H8J7K' });
    const files = [
      readings('inv.pdf', { invoices: [invoice({ invoiceNumber: '44012000', issueDate, buyerName: BUYER, sellerName: PROVIDER, totalAmount: '10000.00' })] }),
      readings('contract.pdf', { contracts: [contract({ contractNo: 'GZ-1', partyA: BUYER, partyB: PROVIDER, amount: '10000.00' })] }),
      readings('receipt.pdf', { payments: [payment({ payerName: BUYER, payeeName: PROVIDER, amount: paid, date: '2020-06-02' })] }),
    ];
    return rowOf(check('guangzhou-2020-voucher', dossier, files), 'G1');
  }
  it('Guangzhou: the firm pays at least 50% of the invoice (its own share); exactly 50% passes, one fen less fails in whole', () => {
    expect(guangzhou('5000.00').proposals).toEqual([]);
    expect(guangzhou('10000.00').proposals).toEqual([]);
    expect(guangzhou('4999.99').proposals.map((p) => [p.reason, p.amountFen])).toEqual([['missing-payment', 1_000_000]]);
  });
  it('Guangzhou window 2019-12-01 to 2020-11-30 by invoice date', () => {
    expect(guangzhou('5000.00', '2019-12-01').proposals).toEqual([]);
    expect(guangzhou('5000.00', '2020-11-30').proposals).toEqual([]);
    expect(guangzhou('5000.00', '2019-11-30').proposals.map((p) => p.reason)).toEqual(['out-of-period']);
    expect(guangzhou('5000.00', '2020-12-01').proposals.map((p) => p.reason)).toEqual(['out-of-period']);
  });
  it('Shanxi: the whole amount must be paid, and no region rule applies to the provider', () => {
    const BUYER_SX = '运城市测试科技有限公司';
    const dossier = manifest('shanxi-2024-voucher', 'standard', [{ id: 'S1', amount: '20000.00', counterparty: '太原检测服务有限公司', contractNo: 'SX-1', invoiceNumbers: ['1408'] }], { name: BUYER_SX, creditCode: '91140800MA0K1L2M3N' });
    const files = [
      readings('inv.pdf', { invoices: [invoice({ invoiceNumber: '1408', issueDate: '2024-01-10', buyerName: BUYER_SX, sellerName: '太原检测服务有限公司', sellerTaxId: '91140100MA0P1Q2R3T', totalAmount: '20000.00' })] }),
      readings('contract.pdf', { contracts: [contract({ contractNo: 'SX-1', partyA: BUYER_SX, partyB: '太原检测服务有限公司', amount: '20000.00' })] }),
      readings('receipt.pdf', { payments: [payment({ payerName: BUYER_SX, payeeName: '太原检测服务有限公司', amount: '19999.99' })] }),
    ];
    const row = rowOf(check('shanxi-2024-voucher', dossier, files), 'S1');
    expect(row.counterparty.eligible).toBeNull();
    expect(row.proposals.map((p) => [p.reason, p.amountFen])).toEqual([['missing-payment', 1]]);
  });
});

describe('Shanxi: invoices after the window go to the next round (二(一)), not cut', () => {
  const BUYER_SX = '运城市测试科技有限公司';
  const PROVIDER = '太原检测服务有限公司';
  function shanxiRow(...issueDates: string[]): { report: CheckReport; row: ReconciledRow } {
    const numbers = issueDates.map((_, index) => `140${index}`);
    const dossier = manifest('shanxi-2024-voucher', 'standard', [{ id: 'S1', amount: '20000.00', counterparty: PROVIDER, contractNo: 'SX-1', invoiceNumbers: numbers }], { name: BUYER_SX, creditCode: '91140800MA0K1L2M3N' });
    const share = `${(20000 / issueDates.length).toFixed(2)}`;
    const files = [
      ...issueDates.map((issueDate, index) => readings(`inv${index}.pdf`, { invoices: [invoice({ invoiceNumber: numbers[index]!, issueDate, buyerName: BUYER_SX, sellerName: PROVIDER, sellerTaxId: '91140100MA0P1Q2R3T', totalAmount: share })] })),
      readings('contract.pdf', { contracts: [contract({ contractNo: 'SX-1', partyA: BUYER_SX, partyB: PROVIDER, amount: '20000.00' })] }),
      readings('receipt.pdf', { payments: [payment({ payerName: BUYER_SX, payeeName: PROVIDER, amount: '20000.00' })] }),
    ];
    const report = check('shanxi-2024-voucher', dossier, files);
    return { report, row: rowOf(report, 'S1') };
  }
  it('dated 2024-09-30, the last day: counted this round, nothing proposed', () => {
    const { row } = shanxiRow('2024-09-30');
    expect(row.proposals).toEqual([]);
    expect(row.deferredToNextRound).toBeUndefined();
  });
  it('dated 2024-10-01: deferred with its clause, no proposal, not cut, no subsidy this round; the findings agree', () => {
    const { report, row } = shanxiRow('2024-10-01');
    expect(row.proposals).toEqual([]);
    expect(row.supportedFen).toBe(2_000_000);
    expect(row.deferredToNextRound).toMatchObject({ clause: '二(一)' });
    expect(row.deferredToNextRound!.message).toContain('2024-10-01');
    expect(report).toMatchObject({ cutFen: 0, proposedCutFen: 0 });
    expect(report.subsidy?.perClaim?.find((entry) => entry.claimId === 'S1')).toMatchObject({ deferred: true, subsidyFen: 0 });
    expect(report.findings.map((finding) => finding.rule)).toContain('invoice-next-round');
    expect(report.findings.map((finding) => finding.rule)).not.toContain('invoice-date-window');
  });
  it('dated 2023-09-30, before the window: out-of-period in whole, not deferred', () => {
    const { row } = shanxiRow('2023-09-30');
    expect(row.proposals.map((p) => [p.reason, p.amountFen])).toEqual([['out-of-period', 2_000_000]]);
    expect(row.deferredToNextRound).toBeUndefined();
  });
  it('one invoice before the window and one after: out-of-period (only rows invoiced entirely later move on)', () => {
    const { row } = shanxiRow('2023-09-30', '2024-10-01');
    expect(row.proposals.map((p) => p.reason)).toEqual(['out-of-period']);
    expect(row.deferredToNextRound).toBeUndefined();
  });
});

describe('a ticket or receipt invoice is never a row\'s invoice evidence (it names no buyer or seller)', () => {
  const BUYER = '广州市测试制造有限公司';
  const PROVIDER = '广州市服务机构有限公司';
  /** A taxi receipt or 定额发票 as the picture reader gives it: code, number, date and total, no parties, kind 'ticket'. */
  function ticket(invoiceNumber: string, totalAmount: string, issueDate = '2020-06-01') {
    return { ...invoice({ invoiceCode: '144002011111', invoiceNumber, issueDate, totalAmount }), kind: 'ticket' as const };
  }
  function guangzhouRow(program: string, invoices: ReturnType<typeof invoice>[], numbers: string[], amount = '10000.00'): ReconciledRow {
    const dossier = manifest(program, program === 'guangzhou-2020-voucher' ? 'sme' : 'general', [{ id: 'G1', amount, counterparty: PROVIDER, contractNo: 'GZ-1', invoiceNumbers: numbers }], { name: BUYER, creditCode: '91440101MA5G9H8J7K' });
    const files = [
      readings('票据.pdf', { invoices }),
      readings('contract.pdf', { contracts: [contract({ contractNo: 'GZ-1', partyA: BUYER, partyB: PROVIDER, amount })] }),
      readings('receipt.pdf', { payments: [payment({ payerName: BUYER, payeeName: PROVIDER, amount, date: '2020-06-02' })] }),
    ];
    return rowOf(check(program, dossier, files), 'G1');
  }

  it('the only evidence a ticket: missing-invoice in whole, with its own reason in both languages and the profile\'s clause', () => {
    const row = guangzhouRow('guangzhou-2020-voucher', [ticket('20400001', '10000.00')], ['20400001']);
    expect(row.invoices).toEqual([{ file: '票据.pdf', page: 1, invoiceNumber: '20400001', totalFen: 1_000_000, issueDate: '2020-06-01', kind: 'ticket' }]);
    expect(row.proposals.map((p) => [p.reason, p.amountFen, p.clause])).toEqual([['missing-invoice', 1_000_000, '附件2 二(五)4(3)']]);
    expect(row.supportedFen).toBe(0);
    const [proposal] = row.proposals;
    expect(proposal!.message).toBe('票据 20400001 为客票或定额发票，不是增值税发票：票面没有购买方和销售方，不能证明服务交易双方；本行没有可作依据的增值税发票');
    expect(proposal!.messageEn).toBe('20400001 is a passenger ticket or fixed-amount receipt, not a VAT invoice: it names no buyer or seller, so it cannot show the parties to the service; the row has no VAT invoice to rest on');
    expect(proposal!.messageEn).not.toMatch(/[\u4e00-\u9fff]/);
    expect(proposal!.evidence).toEqual([{ file: '票据.pdf', page: 1 }]);
  });

  it('the same row on a VAT invoice is supported in full: the kind alone makes the difference', () => {
    const vat = invoice({ invoiceNumber: '20400001', issueDate: '2020-06-01', buyerName: BUYER, sellerName: PROVIDER, totalAmount: '10000.00' });
    const row = guangzhouRow('guangzhou-2020-voucher', [vat], ['20400001']);
    expect(row.proposals).toEqual([]);
    expect(row.invoices[0]!.kind).toBeUndefined();
  });

  it('beside a VAT invoice a ticket is not counted: the amount it would cover is proposed with the ticket named as the reason', () => {
    const vat = invoice({ invoiceNumber: '20400002', issueDate: '2020-06-01', buyerName: BUYER, sellerName: PROVIDER, totalAmount: '8000.00' });
    const row = guangzhouRow('guangzhou-2020-voucher', [vat, ticket('20400003', '2000.00')], ['20400002', '20400003']);
    expect(row.proposals.map((p) => [p.reason, p.amountFen])).toEqual([['amount-mismatch', 200_000]]);
    expect(row.proposals[0]!.message).toContain('有效发票价税合计 ¥8,000.00（票据 20400003 为客票或定额发票，不是增值税发票');
    expect(row.proposals[0]!.messageEn).toContain('20400003 is a passenger ticket or fixed-amount receipt, not a VAT invoice');
    expect(row.supportedFen).toBe(800_000);
  });

  it('two tickets and no VAT invoice: both named, in the plural in English', () => {
    const row = guangzhouRow('guangzhou-2020-voucher', [ticket('20400005', '5000.00'), { ...ticket('20400006', '5000.00'), page: 2 }], ['20400005', '20400006']);
    expect(row.proposals.map((p) => [p.reason, p.amountFen])).toEqual([['missing-invoice', 1_000_000]]);
    expect(row.proposals[0]!.message).toMatch(/^票据 20400005、20400006 为客票或定额发票/);
    expect(row.proposals[0]!.messageEn).toMatch(/^20400005, 20400006 are passenger tickets or fixed-amount receipts, not VAT invoices: they name no buyer or seller, so they cannot show/);
    expect(row.proposals[0]!.evidence).toEqual([{ file: '票据.pdf', page: 1 }, { file: '票据.pdf', page: 2 }]);
  });

  it('a notice naming no invoice clause (Shandong 2023) still does not take a ticket: the proposal cites nothing', () => {
    const row = guangzhouRow('shandong-2023-voucher', [ticket('20400004', '10000.00')], ['20400004']);
    expect(row.proposals.map((p) => [p.reason, p.amountFen])).toEqual([['missing-invoice', 1_000_000]]);
    expect(row.proposals[0]!.clause).toBeUndefined();
    expect(row.proposals[0]!.message).toContain('不是增值税发票');
  });

  it('a custom profile without the clause is still valid and cites its invoice-required clause; a wrong clause type is refused', () => {
    const raw = JSON.parse(readFileSync('resources/profiles/guangzhou-2020-voucher.json', 'utf8')) as { invoiceRules: Record<string, unknown> };
    const { ticketNotInvoiceClause: _dropped, ...rules } = raw.invoiceRules;
    const custom = parseProfile({ ...raw, invoiceRules: rules }, 'custom.json');
    const dossier = manifest('guangzhou-2020-voucher', 'sme', [{ id: 'G1', amount: '10000.00', counterparty: PROVIDER, contractNo: 'GZ-1', invoiceNumbers: ['20400007'] }], { name: BUYER });
    const report = evaluateDossier({ profile: custom, manifest: dossier, extractions: [readings('票据.pdf', { invoices: [ticket('20400007', '10000.00')] })], review: null });
    expect(rowOf(report, 'G1').proposals.map((p) => [p.reason, p.clause])).toEqual([['missing-invoice', '附件2 二(五)4']]);
    expect(() => parseProfile({ ...raw, invoiceRules: { ...rules, ticketNotInvoiceClause: 4 } }, 'custom.json')).toThrow(/invoiceRules\.ticketNotInvoiceClause/);
  });

  it('each bundled profile cites its clause for it', () => {
    expect(Object.fromEntries(['guangzhou-2020-voucher', 'shenzhen-2024-dsp', 'shandong-2022-voucher', 'shandong-2023-voucher', 'shanxi-2024-voucher']
      .map((id) => [id, profile(id).invoiceRules.ticketNotInvoiceClause]))).toEqual({
      'guangzhou-2020-voucher': '附件2 二(五)4(3)', 'shenzhen-2024-dsp': '五(九)', 'shandong-2022-voucher': '二(四)', 'shandong-2023-voucher': null, 'shanxi-2024-voucher': '四(四)2',
    });
  });
});

describe('proposals are not cuts until the reviewer accepts them', () => {
  /** Five rows of 200,000.00 (1,000,000.00 declared); `short` fen of the first row's invoice missing. */
  function fiveRows(shortFen: number): { dossier: DossierManifest; files: FileExtraction[] } {
    const rows = [1, 2, 3, 4, 5].map((index) => shenzhenRow({ claim: { amount: '200000.00' }, invoiceTotal: '200000.00', paid: ['200000.00'] }, `2444200000000000000${index}`, index));
    const total = 20_000_000 - shortFen;
    rows[0]!.files[0]!.invoices[0]!.fields.totalAmount = `${Math.floor(total / 100)}.${String(total % 100).padStart(2, '0')}`;
    rows[0]!.files[2]!.payments![0]!.fields.amount = rows[0]!.files[0]!.invoices[0]!.fields.totalAmount;
    rows[1]!.files[0]!.invoices[0]!.fields.issueDate = '2022-12-31';
    return shenzhen(rows);
  }
  it('200,000.00 proposed on 1,000,000.00 is exactly 20%: passes if accepted; one fen more fails', () => {
    const exactly = fiveRows(0);
    expect(check('shenzhen-2024-dsp', exactly.dossier, exactly.files)).toMatchObject({ cutFen: 0, verdict: 'pass', proposedCutFen: 20_000_000, verdictIfAccepted: 'pass' });
    const over = fiveRows(1);
    expect(check('shenzhen-2024-dsp', over.dossier, over.files)).toMatchObject({ cutFen: 0, verdict: 'pass', proposedCutFen: 20_000_001, verdictIfAccepted: 'fail' });
  });
  it('accepting writes a cut naming the proposal; rejecting records the decision; the verdict follows the cuts', () => {
    const { dossier, files } = fiveRows(1);
    const empty = review('shenzhen-2024-dsp');
    const before = check('shenzhen-2024-dsp', dossier, files, empty);
    const periodRow = rowOf(before, 'R002');
    const accepted = acceptProposal(empty, periodRow, 'R002:out-of-period', '发票日期 2022-12-31');
    expect(accepted.cuts).toEqual([{ claimId: 'R002', amount: '200000.00', reason: 'out-of-period', note: '发票日期 2022-12-31', proposal: 'R002:out-of-period' }]);
    const afterOne = check('shenzhen-2024-dsp', dossier, files, accepted);
    expect(afterOne).toMatchObject({ cutFen: 20_000_000, verdict: 'pass', proposedCutFen: 1, verdictIfAccepted: 'fail' });
    expect(rowOf(afterOne, 'R002').proposals[0]).toMatchObject({ status: 'accepted', note: '发票日期 2022-12-31' });
    const both = acceptProposal(accepted, rowOf(afterOne, 'R001'), 'R001:amount-mismatch');
    expect(both.cuts[1]).toMatchObject({ claimId: 'R001', amount: '0.01', reason: 'amount-mismatch', proposal: 'R001:amount-mismatch' });
    expect(check('shenzhen-2024-dsp', dossier, files, both)).toMatchObject({ cutFen: 20_000_001, verdict: 'fail', proposedCutFen: 0 });
    const rejected = rejectProposal(both, rowOf(afterOne, 'R001'), 'R001:amount-mismatch', '尾差，客户已补开发票');
    expect(rejected.cuts).toHaveLength(1);
    expect(rejected.proposals).toEqual({ 'R001:amount-mismatch': { status: 'rejected', note: '尾差，客户已补开发票' } });
    const afterReject = check('shenzhen-2024-dsp', dossier, files, rejected);
    expect(afterReject).toMatchObject({ cutFen: 20_000_000, verdict: 'pass', proposedCutFen: 0, verdictIfAccepted: 'pass' });
    expect(rowOf(afterReject, 'R001').proposals[0]).toMatchObject({ status: 'rejected', note: '尾差，客户已补开发票' });
    expect(reopenProposal(rejected, 'R001:amount-mismatch').proposals).toEqual({});
  });
  it('an accepted proposal never takes a claim above its amount: the cut is what is left', () => {
    const { dossier, files } = shenzhen([shenzhenRow({ paid: [] })]);
    const manual = review('shenzhen-2024-dsp', [{ claimId: 'R001', amount: '30000.00', reason: 'other' }]);
    const report = check('shenzhen-2024-dsp', dossier, files, manual);
    expect(report).toMatchObject({ cutFen: 3_000_000, proposedCutFen: 7_000_000 });
    const accepted = acceptProposal(manual, rowOf(report), 'R001:missing-payment');
    expect(accepted.cuts[1]).toMatchObject({ amount: '70000.00', proposal: 'R001:missing-payment' });
    expect(check('shenzhen-2024-dsp', dossier, files, accepted)).toMatchObject({ cutFen: 10_000_000, approvedFen: 0 });
  });
  it('the review file keeps decisions through its schema; a list of decisions is migrated to a map', () => {
    const { dossier, files } = fiveRows(1);
    const base = review('shenzhen-2024-dsp');
    const decided = rejectProposal(acceptProposal(base, rowOf(check('shenzhen-2024-dsp', dossier, files), 'R002'), 'R002:out-of-period'), rowOf(check('shenzhen-2024-dsp', dossier, files), 'R001'), 'R001:amount-mismatch', 'ok');
    const read = parseReviewJson(JSON.parse(JSON.stringify({ ...decided, futureField: { kept: true } })), 'review.json');
    expect(read.review).toMatchObject({ proposals: decided.proposals, cuts: decided.cuts, futureField: { kept: true } });
    const legacy = parseReviewJson({ ...base, proposals: [{ id: 'R001:amount-mismatch', status: 'rejected', note: '尾差' }, { id: 'R002:out-of-period', status: 'accepted' }] }, 'old.json');
    expect(legacy.review.proposals).toEqual({ 'R001:amount-mismatch': { status: 'rejected', note: '尾差' } });
    expect(legacy.migrated.join('\n')).toContain('map by proposal id');
    expect(() => parseReviewJson({ ...base, proposals: { x: { status: 'accepted' } } }, 'bad.json')).toThrow(/proposals\.x\.status/);
  });
  it('the reviewer corrects a link: the listed invoice is replaced by the page they name', () => {
    const row = shenzhenRow({ claim: { invoiceNumbers: ['24442000000000000999'] } });
    const { dossier, files } = shenzhen([row]);
    const linked = review('shenzhen-2024-dsp', [], {}, { links: { R001: { invoices: [{ file: `发票/${INVOICE}.pdf`, page: 1 }] } } });
    const reconciled = rowOf(check('shenzhen-2024-dsp', dossier, files, linked));
    expect(reconciled).toMatchObject({ proposals: [], reviewerLinked: ['invoices'], supportedFen: 10_000_000 });
  });
  it('a reviewer field correction changes what the evidence says', () => {
    const { dossier, files } = shenzhen([shenzhenRow({ invoiceTotal: null })]);
    expect(rowOf(check('shenzhen-2024-dsp', dossier, files)).proposals.map((p) => p.reason)).toEqual(['amount-mismatch']);
    const corrected = review('shenzhen-2024-dsp', [], {}, { fields: [{ file: `发票/${INVOICE}.pdf`, page: 1, field: 'totalAmount', value: '100000.00' }] });
    expect(rowOf(check('shenzhen-2024-dsp', dossier, files, corrected)).proposals).toEqual([]);
  });
});

describe('Shenzhen eligibility from the audited revenue list (四(一)4 / 四(二)4, 四(一)5)', () => {
  function nonComprehensive(amount: string) {
    const row = shenzhenRow({ claim: { amount }, invoiceTotal: amount, paid: [amount] });
    return shenzhen([row], 'non-comprehensive');
  }
  it('8,000,000.00 approved is enough for a non-comprehensive provider; a cut of one fen takes it below', () => {
    const { dossier, files } = nonComprehensive('8000000.00');
    const rules = (reviewFile: ReviewFile | null) => check('shenzhen-2024-dsp', dossier, files, reviewFile).findings.filter((f) => f.rule.includes('below-threshold'));
    expect(rules(null)).toEqual([]);
    expect(rules(review('shenzhen-2024-dsp', [{ claimId: 'R001', amount: '0.01', reason: 'other' }]))).toMatchObject([
      { rule: 'audited-total-below-threshold', severity: 'error', clause: '四(二)4' },
    ]);
  });
  it('open proposals that would take it below are a warning, not yet an eligibility error', () => {
    const row = shenzhenRow({ claim: { amount: '8000000.00' }, invoiceTotal: '8000000.00', paid: ['7999999.99'] });
    const { dossier, files } = shenzhen([row], 'non-comprehensive');
    expect(check('shenzhen-2024-dsp', dossier, files).findings.filter((f) => f.rule.includes('below-threshold'))).toMatchObject([
      { rule: 'proposed-total-below-threshold', severity: 'warning', clause: '四(二)4' },
    ]);
  });
  it('a comprehensive provider needs 300,000,000.00 approved and 2000 distinct eligible customers', () => {
    const claims = Array.from({ length: 2000 }, (_, index) => ({ id: `R${index + 1}`, amount: '150000.00', counterparty: `深圳市客户${index + 1}有限公司` }));
    const dossier = manifest('shenzhen-2024-dsp', 'comprehensive', claims, { name: APPLICANT, creditCode: APPLICANT_CODE });
    const evaluate = (cuts: { claimId: string; amount: string }[]) => evaluateDossier({
      profile: profile('shenzhen-2024-dsp'), manifest: dossier, review: review('shenzhen-2024-dsp', cuts.map((cut) => ({ ...cut, reason: 'other' as const }))),
    }).findings.filter((f) => f.rule.includes('below-threshold')).map((f) => [f.rule, f.clause]);
    expect(evaluate([])).toEqual([]);
    expect(evaluate([{ claimId: 'R1', amount: '0.01' }])).toEqual([['audited-total-below-threshold', '四(一)4']]);
    expect(evaluate([{ claimId: 'R7', amount: '150000.00' }])).toEqual([
      ['audited-total-below-threshold', '四(一)4'], ['audited-counterparties-below-threshold', '四(一)5'],
    ]);
  });
});

describe('near matches: a listed invoice number no file holds, and a number read close to it', () => {
  /** R001 lists `listed`; the only invoice read carries INVOICE (read with `confidence` in its number). */
  function nearRow(listed: string, confidence?: number): ReconciledRow {
    const { dossier, files } = shenzhen([shenzhenRow({ claim: { invoiceNumbers: [listed] } })]);
    if (confidence !== undefined) files[0]!.invoices[0]!.confidence = { invoiceNumber: confidence };
    return rowOf(check('shenzhen-2024-dsp', dossier, files));
  }

  it('edit distance, stopping past the bound', () => {
    expect(editDistanceWithin('24442000000000000001', '24442000000000000001', 2)).toBe(0);
    expect(editDistanceWithin('24442000000000000001', '24442000000000000007', 2)).toBe(1);
    expect(editDistanceWithin('2444200000000000001', '24442000000000000001', 2)).toBe(1);
    expect(editDistanceWithin('24442000000000000022', '24442000000000000001', 2)).toBe(2);
    expect(editDistanceWithin('24442000000000000222', '24442000000000000001', 2)).toBeNull();
    expect(editDistanceWithin('1', '1234', 2)).toBeNull();
  });

  it('distance 1 and 2 are offered with file, page and confidence in the missing-invoice reason; 3 is not', () => {
    const one = nearRow('24442000000000000002');
    expect(one.proposals.map((p) => [p.reason, p.amountFen])).toEqual([['missing-invoice', 10_000_000]]);
    expect(one.nearMatches).toEqual([{ listed: '24442000000000000002', invoiceNumber: INVOICE, file: `发票/${INVOICE}.pdf`, page: 1, confidence: null, distance: 1 }]);
    const two = nearRow('24442000000000000022');
    expect(two.nearMatches?.map((match) => match.distance)).toEqual([2]);
    expect(two.proposals[0]!.message).toContain(`发票 24442000000000000022 未找到；最接近：${INVOICE}（发票/${INVOICE}.pdf 第1页，识别置信度 100%）`);
    expect(two.proposals[0]!.messageEn).toContain(`invoice 24442000000000000022 not found; nearest: ${INVOICE} in 发票/${INVOICE}.pdf p. 1 (confidence 100%)`);
    expect(two.proposals[0]!.evidence).toEqual([{ file: `发票/${INVOICE}.pdf`, page: 1 }]);
    const three = nearRow('24442000000000000222');
    expect(three.nearMatches).toBeUndefined();
    expect(three.proposals[0]!.message).not.toContain('最接近');
  });

  it('a number read with low confidence (an OCR misread) is offered up to distance 4, not 5; at 0.8 it counts as sure', () => {
    expect(nearRow('24442000000000000222', 0.55).nearMatches).toEqual([{ listed: '24442000000000000222', invoiceNumber: INVOICE, file: `发票/${INVOICE}.pdf`, page: 1, confidence: 0.55, distance: 3 }]);
    expect(nearRow('24442000000000002222', 0.55).nearMatches?.map((match) => match.distance)).toEqual([4]);
    expect(nearRow('24442000000000022222', 0.55).nearMatches).toBeUndefined();
    expect(nearRow('24442000000000000222', 0.8).nearMatches).toBeUndefined();
    expect(nearRow('24442000000000000222', 0.55).proposals[0]!.messageEn).toContain('(confidence 55%)');
  });

  it('a number another row lists is that row\'s, never offered; the reviewer\'s link takes the near match and the proposal goes', () => {
    const first = shenzhenRow({ claim: { invoiceNumbers: ['24442000000000000002'] } });
    const second = shenzhenRow({ claim: { id: 'R002' } }, INVOICE, 2);
    const { dossier, files } = shenzhen([first, { claim: second.claim, files: [] }]);
    expect(rowOf(check('shenzhen-2024-dsp', dossier, files)).nearMatches).toBeUndefined();
    const single = shenzhen([shenzhenRow({ claim: { invoiceNumbers: ['24442000000000000002'] } })]);
    const linked = review('shenzhen-2024-dsp', [], {}, { links: { R001: { invoices: [{ file: `发票/${INVOICE}.pdf`, page: 1 }] } } });
    const row = rowOf(check('shenzhen-2024-dsp', single.dossier, single.files, linked));
    expect(row.proposals).toEqual([]);
    expect(row.reviewerLinked).toEqual(['invoices']);
    expect(row.nearMatches).toBeUndefined();
  });
});

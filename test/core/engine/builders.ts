// Small builders for engine tests: a manifest, a review and an extracted invoice with only the
// fields a case cares about.

import { findBundledProfile } from '../../../src-renderer/core/profiles';
import type { Profile } from '../../../src-renderer/core/profiles';
import type {
  ContractFields, DossierManifest, ExtractedContract, ExtractedInvoice, ExtractedPayment, FileExtraction, InvoiceFields, ManifestClaim,
  PaymentFields, ReviewCut, ReviewFile,
} from '../../../src-renderer/core/types';

export function profile(id: string): Profile {
  const found = findBundledProfile(id);
  if (!found) throw new Error(`no bundled profile ${id}`);
  return found;
}

export function manifest(program: string, category: string, claims: Partial<ManifestClaim>[], extra: Partial<DossierManifest['applicant']> = {}): DossierManifest {
  return {
    schema: 'dossier-desk/dossier@1',
    program,
    applicant: { name: '测试申报有限公司', creditCode: '91440300TEST000001', category, ...extra },
    documents: [],
    claims: claims.map((claim, index) => ({ id: `C${index + 1}`, amount: '0.00', ...claim })),
  };
}

export function review(program: string, cuts: Partial<ReviewCut>[] = [], scores: Record<string, string> = {}, extra: Partial<ReviewFile> = {}): ReviewFile {
  return {
    schema: 'dossier-desk/review@1',
    program,
    reviewer: { name: '审核员甲', role: 'auditor' },
    cuts: cuts.map((cut) => ({ claimId: 'C1', amount: '0.00', reason: 'other', ...cut })) as ReviewCut[],
    scores,
    fields: [],
    findings: [],
    checklists: {},
    auditLog: [],
    ...extra,
  };
}

export function invoice(fields: Partial<InvoiceFields>, page = 1): ExtractedInvoice {
  return {
    page,
    method: 'text',
    fields: {
      invoiceCode: null, invoiceNumber: null, issueDate: null, buyerName: null, buyerTaxId: null, sellerName: null,
      sellerTaxId: null, items: [], amountExclTax: null, taxAmount: null, totalAmount: null, totalInWords: null, remarks: null,
      ...fields,
    },
    confidence: {},
    boxes: {},
    checks: [],
  };
}

export function extraction(file: string, invoices: ExtractedInvoice[]): FileExtraction {
  return { file, sha256: '0'.repeat(64), invoices, errors: [] };
}

/** Shenzhen rubric scores adding up to `total` points (filled criterion by criterion up to each maximum). */
export function shenzhenScores(total: string): Record<string, string> {
  const maxima: [string, number][] = [
    ['basic.revenue', 1000], ['basic.honours', 800], ['basic.growth', 700], ['capability.products', 800], ['capability.staff', 800],
    ['capability.innovation', 900], ['performance.enterprises', 1200], ['performance.amount', 1200], ['performance.effects', 1100],
    ['concessions.discounts', 1500],
  ];
  const [whole, fraction = ''] = total.split('.');
  let left = Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
  const scores: Record<string, string> = {};
  for (const [id, max] of maxima) {
    const value = Math.min(max, left);
    left -= value;
    scores[id] = `${Math.floor(value / 100)}.${String(value % 100).padStart(2, '0')}`;
  }
  if (left > 0) throw new Error(`cannot score ${total}`);
  return scores;
}

export function contract(fields: Partial<ContractFields>, page = 1): ExtractedContract {
  return {
    page,
    method: 'text',
    fields: {
      contractNo: null, partyA: null, partyB: null, partyATaxId: null, partyBTaxId: null, signDate: null, periodFrom: null,
      periodTo: null, amount: null, subject: null, ...fields,
    },
    confidence: {},
    boxes: {},
  };
}

export function payment(fields: Partial<PaymentFields>, page = 1): ExtractedPayment {
  return {
    page,
    method: 'text',
    fields: {
      payerName: null, payerAccount: null, payeeName: null, payeeAccount: null, amount: null, date: null, serial: null,
      purpose: null, bank: null, payerBank: null, payeeBank: null, ...fields,
    },
    confidence: {},
    boxes: {},
  };
}

/** One file's readings of every kind. */
export function readings(file: string, found: { invoices?: ExtractedInvoice[]; contracts?: ExtractedContract[]; payments?: ExtractedPayment[] }): FileExtraction {
  return { file, sha256: '0'.repeat(64), invoices: found.invoices ?? [], contracts: found.contracts ?? [], payments: found.payments ?? [], errors: [] };
}

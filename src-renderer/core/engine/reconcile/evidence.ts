// The evidence of a dossier as the reconciliation sees it: every invoice, contract and bank receipt
// read from its files (with the reviewer's field corrections applied), and which side of each is the
// applicant and which the counterparty in the program's direction.

import { tryParseYuan } from '../../money/yuan';
import type { Profile } from '../../profiles/schema';
import {
  CONTRACT_FIELD_NAMES, INVOICE_FIELD_NAMES, PAYMENT_FIELD_NAMES,
  type ContractFields, type EvidenceRef, type Fen, type FileExtraction, type InvoiceFields, type PaymentFields, type ReviewFile,
} from '../../types';
import { invoiceDigits, normalizePartyName } from '../findings/normalize';
import { type PartyNameConfidence, unsureNames } from '../findings/context';

export interface InvoiceReading extends EvidenceRef {
  fields: InvoiceFields;
  /** How sure the reader was of the invoice number (0–1); absent when it is certain (text layer, XML, or the reviewer's correction). */
  numberConfidence?: number;
  /** How sure the reader was of each party's name (0–1), where it was not certain (an OCR reading the reviewer has not corrected). */
  nameConfidence?: PartyNameConfidence;
  /** A passenger ticket or receipt invoice (ExtractedInvoice.kind): it names no buyer or seller. */
  kind?: 'ticket';
}
export interface ContractReading extends EvidenceRef { fields: ContractFields }
export interface PaymentReading extends EvidenceRef {
  fields: PaymentFields;
  /** Read by OCR (a scanned receipt), its names as the engine read them: a character may be misread. */
  readByOcr?: boolean;
}

export interface EvidencePools {
  invoices: InvoiceReading[];
  contracts: ContractReading[];
  payments: PaymentReading[];
}

type Correction = ReviewFile['fields'][number];

const CORRECTABLE_INVOICE_FIELDS = new Set<string>(INVOICE_FIELD_NAMES.filter((name) => name !== 'items'));
const CONTRACT_FIELDS = new Set<string>(CONTRACT_FIELD_NAMES);
const PAYMENT_FIELDS = new Set<string>(PAYMENT_FIELD_NAMES);

function corrected<T extends object>(fields: T, file: string, page: number, corrections: readonly Correction[], prefix: string, known: Set<string>): T {
  let out = fields;
  for (const correction of corrections) {
    if (correction.file !== file || correction.page !== page || !correction.field.startsWith(prefix)) continue;
    const name = correction.field.slice(prefix.length);
    if (!known.has(name)) continue;
    out = { ...out, [name]: correction.value };
  }
  return out;
}

/**
 * Every reading of the dossier's files. Review field corrections apply by file and page: invoice
 * fields by their own name ("totalAmount"), contract and receipt fields prefixed ("contract.amount",
 * "payment.payerName").
 */
export function collectEvidence(extractions: readonly FileExtraction[], review: ReviewFile | null): EvidencePools {
  const corrections = review?.fields ?? [];
  const pools: EvidencePools = { invoices: [], contracts: [], payments: [] };
  for (const extraction of extractions) {
    for (const invoice of extraction.invoices) {
      const fields = corrected(invoice.fields, extraction.file, invoice.page, corrections, '', CORRECTABLE_INVOICE_FIELDS);
      const confidence = invoice.confidence.invoiceNumber;
      const correctedField = (name: string) => corrections.some((entry) => entry.file === extraction.file && entry.page === invoice.page && entry.field === name);
      const numberCorrected = fields.invoiceNumber !== invoice.fields.invoiceNumber || correctedField('invoiceNumber');
      const nameConfidence = unsureNames(invoice.confidence, (name) => fields[name] !== invoice.fields[name] || correctedField(name));
      pools.invoices.push({
        file: extraction.file, page: invoice.page, fields,
        ...(confidence !== undefined && confidence < 1 && !numberCorrected ? { numberConfidence: confidence } : {}),
        ...(nameConfidence ? { nameConfidence } : {}),
        ...(invoice.kind === 'ticket' ? { kind: 'ticket' as const } : {}),
      });
    }
    for (const contract of extraction.contracts ?? []) {
      pools.contracts.push({ file: extraction.file, page: contract.page, fields: corrected(contract.fields, extraction.file, contract.page, corrections, 'contract.', CONTRACT_FIELDS) });
    }
    for (const payment of extraction.payments ?? []) {
      pools.payments.push({
        file: extraction.file, page: payment.page, fields: corrected(payment.fields, extraction.file, payment.page, corrections, 'payment.', PAYMENT_FIELDS),
        ...(payment.method === 'ocr' ? { readByOcr: true } : {}),
      });
    }
  }
  return pools;
}

export function sameRef(a: EvidenceRef, b: EvidenceRef): boolean {
  return a.file === b.file && a.page === b.page;
}

export function refOf(reading: EvidenceRef): EvidenceRef {
  return { file: reading.file, page: reading.page };
}

export function fenOf(text: string | null): Fen | null {
  if (!text) return null;
  const fen = tryParseYuan(text);
  return fen !== null && fen >= 0 ? fen : null;
}

export function sameName(a: string | null | undefined, b: string | null | undefined): boolean {
  return Boolean(a && b) && normalizePartyName(a!) === normalizePartyName(b!);
}

export { sameCreditCode as sameCode } from '../findings/normalize';

/** Contract numbers compared without spaces, full-width forms or case. */
export function contractKey(text: string | null | undefined): string {
  return (text ?? '').normalize('NFKC').replace(/\s+/g, '').toUpperCase();
}

export function invoiceNumberKey(fields: InvoiceFields): string {
  return fields.invoiceNumber ? invoiceDigits(fields.invoiceNumber) : '';
}

export interface Sides {
  applicantName: string | null;
  applicantTaxId: string | null;
  counterpartyName: string | null;
  counterpartyTaxId: string | null;
}

/** The invoice's parties in the program's direction (Shenzhen: the applicant sells; vouchers: it buys). */
export function invoiceSides(profile: Profile, fields: InvoiceFields): Sides {
  return profile.invoiceParties.applicantIs === 'seller'
    ? { applicantName: fields.sellerName, applicantTaxId: fields.sellerTaxId, counterpartyName: fields.buyerName, counterpartyTaxId: fields.buyerTaxId }
    : { applicantName: fields.buyerName, applicantTaxId: fields.buyerTaxId, counterpartyName: fields.sellerName, counterpartyTaxId: fields.sellerTaxId };
}

/** The receipt's parties: for revenue the customer pays the applicant, for purchases the applicant pays the provider. */
export function paymentSides(profile: Profile, fields: PaymentFields): { applicantName: string | null; counterpartyName: string | null } {
  return profile.payment.payer === 'counterparty'
    ? { applicantName: fields.payeeName, counterpartyName: fields.payerName }
    : { applicantName: fields.payerName, counterpartyName: fields.payeeName };
}

/** The contract party that is the counterparty (by name), with its tax id; null when neither party is. */
export function contractCounterparty(fields: ContractFields, counterparty: string | null): { name: string; taxId: string | null } | null {
  if (counterparty && sameName(fields.partyA, counterparty)) return { name: fields.partyA!, taxId: fields.partyATaxId };
  if (counterparty && sameName(fields.partyB, counterparty)) return { name: fields.partyB!, taxId: fields.partyBTaxId };
  return null;
}

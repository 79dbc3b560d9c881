// What every finding rule sees: the profile, the dossier, the review, and the invoices read from
// the dossier's files matched to the claims that cite them.

import type { Profile } from '../../profiles/schema';
import type { DossierManifest, FileExtraction, InvoiceFields, ManifestClaim, ReviewFile } from '../../types';
import type { CutLedger } from '../ledger';
import { type PartyRead, invoiceDigits } from './normalize';

export interface MatchedInvoice {
  file: string;
  page: number;
  fields: InvoiceFields;
  /** A passenger ticket or receipt invoice (ExtractedInvoice.kind): it names no buyer or seller and is no VAT invoice. */
  kind?: 'ticket';
  /** How sure the reader was of each party's name, where it was not certain (OCR). */
  nameConfidence?: PartyNameConfidence;
}

export interface RuleContext {
  profile: Profile;
  manifest: DossierManifest;
  review: ReviewFile | null;
  ledger: CutLedger;
  /** Null when no extraction was supplied: rules then use the claim's own fields. */
  invoicesByClaim: Map<string, MatchedInvoice[]> | null;
}

export type PartyNameConfidence = Partial<Record<'buyerName' | 'sellerName', number>>;

/** The reader's confidence in each party name it was not certain of, but for names the reviewer corrected; null when none. */
export function unsureNames(confidence: Partial<Record<string, number>>, corrected: (name: 'buyerName' | 'sellerName') => boolean = () => false): PartyNameConfidence | null {
  const unsure: PartyNameConfidence = {};
  for (const name of ['buyerName', 'sellerName'] as const) {
    const value = confidence[name];
    if (value !== undefined && value < 1 && !corrected(name)) unsure[name] = value;
  }
  return Object.keys(unsure).length > 0 ? unsure : null;
}

/**
 * The invoice's parties as read, in the program's direction (the applicant sells or buys), each with
 * the reader's doubt of its name (absent when certain): what partyReadAs compares with the applicant
 * and the counterparty.
 */
export function invoicePartiesRead(profile: Profile, invoice: { fields: InvoiceFields; nameConfidence?: PartyNameConfidence }): { applicant: PartyRead | null; counterparty: PartyRead | null } {
  const { fields } = invoice;
  const read = (field: 'buyerName' | 'sellerName', creditCode: string | null): PartyRead | null => {
    const name = fields[field];
    if (!name) return null;
    const confidence = invoice.nameConfidence?.[field];
    return { name, creditCode, ...(confidence !== undefined ? { confidence } : {}) };
  };
  const seller = read('sellerName', fields.sellerTaxId);
  const buyer = read('buyerName', fields.buyerTaxId);
  return profile.invoiceParties.applicantIs === 'seller' ? { applicant: seller, counterparty: buyer } : { applicant: buyer, counterparty: seller };
}

/** Matches extracted invoices to claims by invoice number (digits compared, full-width allowed). */
export function matchInvoicesToClaims(claims: readonly ManifestClaim[], extractions: readonly FileExtraction[]): Map<string, MatchedInvoice[]> {
  const byNumber = new Map<string, MatchedInvoice[]>();
  for (const extraction of extractions) {
    for (const invoice of extraction.invoices) {
      const number = invoice.fields.invoiceNumber ? invoiceDigits(invoice.fields.invoiceNumber) : '';
      if (!number) continue;
      const list = byNumber.get(number) ?? [];
      const nameConfidence = unsureNames(invoice.confidence);
      list.push({ file: extraction.file, page: invoice.page, fields: invoice.fields, ...(invoice.kind === 'ticket' ? { kind: 'ticket' as const } : {}), ...(nameConfidence ? { nameConfidence } : {}) });
      byNumber.set(number, list);
    }
  }
  const result = new Map<string, MatchedInvoice[]>();
  for (const claim of claims) {
    const numbers = [...new Set((claim.invoiceNumbers ?? []).map(invoiceDigits).filter(Boolean))];
    // One invoice may exist as PDF and XML: keep the first reading of each number.
    result.set(claim.id, numbers.flatMap((number) => byNumber.get(number)?.slice(0, 1) ?? []));
  }
  return result;
}

export function evidenceOf(invoice: MatchedInvoice | undefined): { file: string; page: number } | null {
  return invoice ? { file: invoice.file, page: invoice.page } : null;
}

export function isTicket(invoice: MatchedInvoice): boolean {
  return invoice.kind === 'ticket';
}

/** The claim's VAT invoices: its matched readings less the tickets, which are no invoice evidence. */
export function vatInvoicesOf(invoices: readonly MatchedInvoice[]): MatchedInvoice[] {
  return invoices.filter((invoice) => !isTicket(invoice));
}

/** How a finding names a ticket: 票据 N（客票或定额发票） / ticket N (a passenger ticket or fixed-amount receipt). */
export function ticketLabels(tickets: readonly MatchedInvoice[]): { zh: string; en: string } {
  const numbers = tickets.map((ticket) => ticket.fields.invoiceNumber?.trim() || '—');
  return {
    zh: `票据 ${numbers.join('、')}（${tickets.length === 1 ? '客票或定额发票' : '均为客票或定额发票'}）`,
    en: `${tickets.length === 1 ? 'ticket' : 'tickets'} ${numbers.join(', ')} (${tickets.length === 1 ? 'a passenger ticket or fixed-amount receipt' : 'passenger tickets or fixed-amount receipts'})`,
  };
}

// The cross-dossier duplicate-invoice index. The same invoice — same invoice code and number for
// the older VAT invoices, or the same 20-digit 数电 number — claimed in two dossiers, or twice in
// one, becomes a finding on every dossier involved.
import type { Finding } from './types';

export interface InvoiceOccurrence {
  dossierId: string;
  /** What the reviewer knows the dossier by (applicant name); used in messages. */
  dossierLabel?: string;
  file: string;
  page?: number;
  claimId?: string;
  invoiceCode: string | null;
  invoiceNumber: string | null;
}

export interface DuplicateInvoiceFinding {
  dossierId: string;
  finding: Finding;
}

function digits(text: string | null): string {
  return (text ?? '').replace(/[０-９]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0)).replace(/\D/g, '');
}

/**
 * The identity of an invoice: 'sd:<20 digits>' for 全电/数电 invoices (whose number stands alone),
 * 'vat:<code>:<number>' when both code and number are known; null when it cannot be identified.
 */
export function invoiceKey(invoiceCode: string | null, invoiceNumber: string | null): string | null {
  const number = digits(invoiceNumber);
  const code = digits(invoiceCode);
  if (number.length === 20) return `sd:${number}`;
  if (code.length >= 10 && number.length >= 8) return `vat:${code}:${number}`;
  return null;
}

function describeKey(key: string): string {
  const [kind, first, second] = key.split(':');
  return kind === 'sd' ? `数电 invoice ${first}` : `invoice code ${first} number ${second}`;
}

function where(occurrence: InvoiceOccurrence): string {
  const dossier = occurrence.dossierLabel ?? occurrence.dossierId.slice(0, 12);
  const page = occurrence.page ? ` p.${occurrence.page}` : '';
  const claim = occurrence.claimId ? ` (claim ${occurrence.claimId})` : '';
  return `${dossier}: ${occurrence.file}${page}${claim}`;
}

/** Groups occurrences by invoice identity and reports every group seen more than once. */
export function findDuplicateInvoices(occurrences: readonly InvoiceOccurrence[]): DuplicateInvoiceFinding[] {
  const groups = new Map<string, InvoiceOccurrence[]>();
  for (const occurrence of occurrences) {
    const key = invoiceKey(occurrence.invoiceCode, occurrence.invoiceNumber);
    if (!key) continue;
    const group = groups.get(key);
    if (group) group.push(occurrence);
    else groups.set(key, [occurrence]);
  }
  const findings: DuplicateInvoiceFinding[] = [];
  for (const [key, group] of [...groups].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (group.length < 2) continue;
    const dossiers = new Set(group.map((o) => o.dossierId));
    group.forEach((occurrence, index) => {
      const others = group.filter((_, i) => i !== index);
      const scope = dossiers.size > 1 ? 'also claimed in another dossier' : 'claimed more than once in this dossier';
      const finding: Finding = {
        id: `duplicate-invoice:${key}:${occurrence.dossierId}:${occurrence.file}:${occurrence.page ?? 0}:${index}`,
        rule: 'duplicate-invoice',
        severity: 'error',
        message: `${describeKey(key)} is ${scope}: ${others.map(where).join('; ')}`,
        evidence: occurrence.page ? { file: occurrence.file, page: occurrence.page } : { file: occurrence.file },
      };
      if (occurrence.claimId) finding.claimId = occurrence.claimId;
      findings.push({ dossierId: occurrence.dossierId, finding });
    });
  }
  return findings;
}

// Linking each declared row to its evidence (DESIGN.md): the invoice numbers and the contract number
// the row lists come first, then party names and amounts; links the reviewer set replace the
// automatic ones of their kind. A bank receipt supports one row only.

import type { Profile } from '../../profiles/schema';
import type { EvidenceRef, Fen, ManifestClaim, ReviewFile } from '../../types';
import { invoiceDigits } from '../findings/normalize';
import {
  contractCounterparty, contractKey, fenOf, invoiceNumberKey, invoiceSides, paymentSides, sameName, sameRef,
  type ContractReading, type EvidencePools, type InvoiceReading, type PaymentReading,
} from './evidence';

export interface RowLinks {
  invoices: InvoiceReading[];
  contracts: ContractReading[];
  payments: PaymentReading[];
  /** Invoice numbers the row lists that no file holds. */
  missingNumbers: string[];
  reviewerLinked: ('invoices' | 'contracts' | 'payments')[];
}

export interface LinkInput {
  profile: Profile;
  applicantName: string;
  claims: readonly ManifestClaim[];
  declaredFen: ReadonlyMap<string, Fen>;
  pools: EvidencePools;
  review: ReviewFile | null;
}

function byRefs<T extends EvidenceRef>(pool: readonly T[], refs: readonly EvidenceRef[]): T[] {
  return refs.flatMap((ref) => pool.filter((reading) => sameRef(reading, ref)).slice(0, 1));
}

function listedNumbers(claim: ManifestClaim): string[] {
  return [...new Set((claim.invoiceNumbers ?? []).map(invoiceDigits).filter(Boolean))];
}

function sumFen(values: readonly (Fen | null)[]): Fen {
  return values.reduce<Fen>((sum, value) => sum + (value ?? 0), 0);
}

function linkInvoices(input: LinkInput, links: Map<string, RowLinks>): void {
  const byNumber = new Map<string, InvoiceReading>();
  // One invoice may be filed as PDF and XML: the first reading of each number stands for it.
  for (const reading of input.pools.invoices) {
    const number = invoiceNumberKey(reading.fields);
    if (number && !byNumber.has(number)) byNumber.set(number, reading);
  }
  const cited = new Set(input.claims.flatMap(listedNumbers));
  const takenByAmount = new Set<string>();
  for (const claim of input.claims) {
    const row = links.get(claim.id)!;
    const manual = input.review?.links?.[claim.id]?.invoices;
    if (manual) {
      row.invoices = byRefs(input.pools.invoices, manual);
      row.reviewerLinked.push('invoices');
      continue;
    }
    const numbers = listedNumbers(claim);
    if (numbers.length > 0) {
      for (const number of numbers) {
        const reading = byNumber.get(number);
        if (reading) row.invoices.push(reading);
        else row.missingNumbers.push(number);
      }
      continue;
    }
    // No number listed: an invoice no row cites, between the applicant and this counterparty, for the declared amount.
    const declared = input.declaredFen.get(claim.id);
    const candidate = [...byNumber.entries()].find(([number, reading]) => {
      if (cited.has(number) || takenByAmount.has(number)) return false;
      const sides = invoiceSides(input.profile, reading.fields);
      return sameName(sides.applicantName, input.applicantName) && sameName(sides.counterpartyName, claim.counterparty)
        && fenOf(reading.fields.totalAmount) === declared;
    });
    if (candidate) {
      takenByAmount.add(candidate[0]);
      row.invoices.push(candidate[1]);
    }
  }
}

function linkContracts(input: LinkInput, links: Map<string, RowLinks>): void {
  for (const claim of input.claims) {
    const row = links.get(claim.id)!;
    const manual = input.review?.links?.[claim.id]?.contracts;
    if (manual) {
      row.contracts = byRefs(input.pools.contracts, manual);
      row.reviewerLinked.push('contracts');
      continue;
    }
    const number = contractKey(claim.contractNo);
    if (number) {
      const found = input.pools.contracts.find((reading) => contractKey(reading.fields.contractNo) === number);
      if (found) row.contracts.push(found);
      continue;
    }
    const withParty = input.pools.contracts.filter((reading) => contractCounterparty(reading.fields, claim.counterparty ?? null) !== null);
    const sameAmount = withParty.find((reading) => fenOf(reading.fields.amount) === input.declaredFen.get(claim.id));
    const chosen = sameAmount ?? (withParty.length === 1 ? withParty[0] : undefined);
    if (chosen) row.contracts.push(chosen);
  }
}

function mentions(purpose: string | null, keys: readonly string[]): boolean {
  if (!purpose) return false;
  const text = purpose.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
  return keys.some((key) => key.length >= 4 && text.includes(key));
}

function linkPayments(input: LinkInput, links: Map<string, RowLinks>): void {
  const used: PaymentReading[] = [];
  const isUsed = (reading: PaymentReading): boolean => used.some((entry) => sameRef(entry, reading));
  const automatic = input.claims.filter((claim) => {
    const manual = input.review?.links?.[claim.id]?.payments;
    if (!manual) return true;
    const row = links.get(claim.id)!;
    row.payments = byRefs(input.pools.payments, manual);
    row.reviewerLinked.push('payments');
    used.push(...row.payments);
    return false;
  });
  const fromCounterparty = (claim: ManifestClaim) => (reading: PaymentReading): boolean => {
    const sides = paymentSides(input.profile, reading.fields);
    return sameName(sides.counterpartyName, claim.counterparty) && (sides.applicantName === null || sameName(sides.applicantName, input.applicantName));
  };
  const target = (claim: ManifestClaim): Fen => {
    const row = links.get(claim.id)!;
    const invoiced = sumFen(row.invoices.map((reading) => fenOf(reading.fields.totalAmount)));
    return Math.min(input.declaredFen.get(claim.id) ?? 0, invoiced);
  };
  const paidSoFar = (claim: ManifestClaim): Fen => sumFen(links.get(claim.id)!.payments.map((reading) => fenOf(reading.fields.amount)));
  // 1. A receipt whose purpose names the row's contract or one of its invoices.
  for (const claim of automatic) {
    const row = links.get(claim.id)!;
    const keys = [contractKey(claim.contractNo), ...row.invoices.map((reading) => invoiceNumberKey(reading.fields)), ...listedNumbers(claim)].filter(Boolean);
    for (const reading of input.pools.payments) {
      if (isUsed(reading) || !mentions(reading.fields.purpose, keys)) continue;
      row.payments.push(reading);
      used.push(reading);
    }
  }
  // 2. A receipt from the counterparty for exactly what the row still lacks.
  for (const claim of automatic) {
    const lacking = target(claim) - paidSoFar(claim);
    if (lacking <= 0) continue;
    const exact = input.pools.payments.find((reading) => !isUsed(reading) && fromCounterparty(claim)(reading) && fenOf(reading.fields.amount) === lacking);
    if (exact) {
      links.get(claim.id)!.payments.push(exact);
      used.push(exact);
    }
  }
  // 3. The counterparty's other receipts, in date order, while the row still lacks payment.
  for (const claim of automatic) {
    const candidates = input.pools.payments
      .filter((reading) => !isUsed(reading) && fromCounterparty(claim)(reading))
      .sort((a, b) => (a.fields.date ?? '').localeCompare(b.fields.date ?? ''));
    for (const reading of candidates) {
      if (paidSoFar(claim) >= target(claim)) break;
      links.get(claim.id)!.payments.push(reading);
      used.push(reading);
    }
  }
}

/** The evidence of every row, in the rows' order. */
export function linkEvidence(input: LinkInput): Map<string, RowLinks> {
  const links = new Map<string, RowLinks>(input.claims.map((claim) => [claim.id, { invoices: [], contracts: [], payments: [], missingNumbers: [], reviewerLinked: [] }]));
  linkInvoices(input, links);
  linkContracts(input, links);
  linkPayments(input, links);
  return links;
}

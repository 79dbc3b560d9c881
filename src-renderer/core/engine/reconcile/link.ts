// Linking each declared row to its evidence (DESIGN.md): the invoice numbers and the contract number
// the row lists come first, then party names and amounts; links the reviewer set replace the
// automatic ones of their kind. A bank receipt supports one row only.

import type { Profile } from '../../profiles/schema';
import type { EvidenceRef, Fen, InvoiceNearMatch, ManifestClaim, ReviewFile } from '../../types';
import { invoiceDigits, nearlySameName, normalizePartyName, partyReadAs } from '../findings/normalize';
import {
  contractKey, fenOf, invoiceNumberKey, invoiceSides, paymentSides, sameName,
  type ContractReading, type EvidencePools, type InvoiceReading, type PaymentReading,
} from './evidence';
import { invoicePartiesRead } from '../findings/context';
import { nearestInvoice } from './near-match';

export interface RowLinks {
  invoices: InvoiceReading[];
  contracts: ContractReading[];
  payments: PaymentReading[];
  /** Invoice numbers the row lists that no file holds. */
  missingNumbers: string[];
  /** For missing numbers: the nearest number read that no row lists (offered, not linked). */
  nearMatches: InvoiceNearMatch[];
  reviewerLinked: ('invoices' | 'contracts' | 'payments')[];
}

export interface LinkInput {
  profile: Profile;
  applicantName: string;
  applicantCode: string | null;
  claims: readonly ManifestClaim[];
  declaredFen: ReadonlyMap<string, Fen>;
  pools: EvidencePools;
  review: ReviewFile | null;
}

function refKey(ref: EvidenceRef): string {
  return `${ref.page}\u0000${ref.file}`;
}

/** The readings by file and page (the first of each), so that links resolve without scanning the pool. */
function indexByRef<T extends EvidenceRef>(pool: readonly T[]): Map<string, T> {
  const index = new Map<string, T>();
  for (const reading of pool) if (!index.has(refKey(reading))) index.set(refKey(reading), reading);
  return index;
}

function byRefs<T extends EvidenceRef>(index: ReadonlyMap<string, T>, refs: readonly EvidenceRef[]): T[] {
  return refs.flatMap((ref) => {
    const reading = index.get(refKey(ref));
    return reading ? [reading] : [];
  });
}

/** Appends to the list under `key`, creating it. */
function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
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
  const refs = indexByRef(input.pools.invoices);
  // Invoices no row cites, by counterparty and amount (in number order of first reading), for rows
  // listing no number; then those whose names OCR read unsurely (partyReadAs: one character off, or
  // the applicant's credit code beside its name), found by their amount.
  let uncited: { byParties: Map<string, [string, InvoiceReading][]>; unsurelyNamedByTotal: Map<string, [string, InvoiceReading][]> } | null = null;
  const uncitedFor = (counterparty: string, fen: Fen | undefined): [string, InvoiceReading][] => {
    if (!uncited) {
      uncited = { byParties: new Map(), unsurelyNamedByTotal: new Map() };
      for (const [number, reading] of byNumber) {
        if (cited.has(number)) continue;
        const sides = invoiceSides(input.profile, reading.fields);
        if (!sides.counterpartyName) continue;
        if (sameName(sides.applicantName, input.applicantName)) push(uncited.byParties, `${normalizePartyName(sides.counterpartyName)}\u0000${fenOf(reading.fields.totalAmount)}`, [number, reading]);
        if (reading.nameConfidence) push(uncited.unsurelyNamedByTotal, String(fenOf(reading.fields.totalAmount)), [number, reading]);
      }
    }
    const byParties = uncited.byParties.get(`${normalizePartyName(counterparty)}\u0000${fen ?? null}`) ?? [];
    const unsurelyNamed = (uncited.unsurelyNamedByTotal.get(String(fen ?? null)) ?? []).filter(([number, reading]) => {
      if (byParties.some(([taken]) => taken === number)) return false;
      const parties = invoicePartiesRead(input.profile, reading);
      return parties.applicant !== null && parties.counterparty !== null
        && partyReadAs(parties.applicant, { name: input.applicantName, creditCode: input.applicantCode }) && partyReadAs(parties.counterparty, { name: counterparty });
    });
    return [...byParties, ...unsurelyNamed];
  };
  // Numbers read that no row lists: where a listed number that no file holds may have gone.
  const unlisted = [...byNumber].filter(([number]) => !cited.has(number));
  const offered = new Set<string>();
  for (const claim of input.claims) {
    const row = links.get(claim.id)!;
    const manual = input.review?.links?.[claim.id]?.invoices;
    if (manual) {
      row.invoices = byRefs(refs, manual);
      row.reviewerLinked.push('invoices');
      continue;
    }
    const numbers = listedNumbers(claim);
    if (numbers.length > 0) {
      for (const number of numbers) {
        const reading = byNumber.get(number);
        if (reading) {
          row.invoices.push(reading);
          continue;
        }
        row.missingNumbers.push(number);
        const near = nearestInvoice(number, unlisted.filter(([candidate]) => !offered.has(candidate)));
        if (near) {
          offered.add(near.invoiceNumber);
          row.nearMatches.push(near);
        }
      }
      continue;
    }
    // No number listed: an invoice no row cites, between the applicant and this counterparty, for the declared amount.
    if (!claim.counterparty) continue;
    const declared = input.declaredFen.get(claim.id);
    if (declared === undefined) continue;
    const candidate = uncitedFor(claim.counterparty, declared).find(([number]) => !takenByAmount.has(number));
    if (candidate) {
      takenByAmount.add(candidate[0]);
      row.invoices.push(candidate[1]);
    }
  }
}

function linkContracts(input: LinkInput, links: Map<string, RowLinks>): void {
  const refs = indexByRef(input.pools.contracts);
  const byNumber = new Map<string, ContractReading>();
  const byParty = new Map<string, ContractReading[]>();
  for (const reading of input.pools.contracts) {
    const number = contractKey(reading.fields.contractNo);
    if (number && !byNumber.has(number)) byNumber.set(number, reading);
    const parties = new Set([reading.fields.partyA, reading.fields.partyB].filter((name): name is string => Boolean(name)).map(normalizePartyName));
    for (const party of parties) push(byParty, party, reading);
  }
  for (const claim of input.claims) {
    const row = links.get(claim.id)!;
    const manual = input.review?.links?.[claim.id]?.contracts;
    if (manual) {
      row.contracts = byRefs(refs, manual);
      row.reviewerLinked.push('contracts');
      continue;
    }
    const number = contractKey(claim.contractNo);
    if (number) {
      const found = byNumber.get(number);
      if (found) row.contracts.push(found);
      continue;
    }
    const withParty = claim.counterparty ? byParty.get(normalizePartyName(claim.counterparty)) ?? [] : [];
    const sameAmount = withParty.find((reading) => fenOf(reading.fields.amount) === input.declaredFen.get(claim.id));
    const chosen = sameAmount ?? (withParty.length === 1 ? withParty[0] : undefined);
    if (chosen) row.contracts.push(chosen);
  }
}

/** The text a receipt's purpose is searched in: NFKC, no spaces, upper case. */
function purposeText(purpose: string | null): string {
  return purpose ? purpose.normalize('NFKC').replace(/\s+/g, '').toUpperCase() : '';
}

/**
 * For each receipt (in pool order), the first row (in row order) among `rows` whose keys its
 * purpose mentions: every key's length is tried at every position of the purpose, so the cost
 * grows with the receipts and the keys, not with their product.
 */
function mentionedRows(payments: readonly PaymentReading[], rows: readonly { index: number; keys: readonly string[] }[]): (number | null)[] {
  const rowsByKey = new Map<string, number>();
  for (const row of rows) {
    for (const key of row.keys) {
      if (key.length < 4) continue;
      const known = rowsByKey.get(key);
      if (known === undefined || row.index < known) rowsByKey.set(key, row.index);
    }
  }
  const lengths = [...new Set([...rowsByKey.keys()].map((key) => key.length))];
  return payments.map((reading) => {
    const text = purposeText(reading.fields.purpose);
    let first: number | null = null;
    for (const length of lengths) {
      for (let at = 0; at + length <= text.length; at++) {
        const row = rowsByKey.get(text.slice(at, at + length));
        if (row !== undefined && (first === null || row < first)) first = row;
      }
    }
    return first;
  });
}

function linkPayments(input: LinkInput, links: Map<string, RowLinks>): void {
  const refs = indexByRef(input.pools.payments);
  const used = new Set<string>();
  const isUsed = (reading: PaymentReading): boolean => used.has(refKey(reading));
  const use = (claim: ManifestClaim, reading: PaymentReading): void => {
    links.get(claim.id)!.payments.push(reading);
    used.add(refKey(reading));
  };
  const automatic = input.claims.filter((claim) => {
    const manual = input.review?.links?.[claim.id]?.payments;
    if (!manual) return true;
    const row = links.get(claim.id)!;
    row.payments = byRefs(refs, manual);
    row.reviewerLinked.push('payments');
    for (const reading of row.payments) used.add(refKey(reading));
    return false;
  });
  // The receipts by counterparty (name normalised), keeping pool order; the applicant's side must be the applicant's or unread.
  const byCounterparty = new Map<string, PaymentReading[]>();
  for (const reading of input.pools.payments) {
    const sides = paymentSides(input.profile, reading.fields);
    // The applicant's side of a scanned receipt may carry one misread character of its name.
    const applicantSide = sides.applicantName === null || sameName(sides.applicantName, input.applicantName)
      || (reading.readByOcr === true && nearlySameName(sides.applicantName, input.applicantName));
    if (!sides.counterpartyName || !applicantSide) continue;
    push(byCounterparty, normalizePartyName(sides.counterpartyName), reading);
  }
  const fromCounterparty = (claim: ManifestClaim): PaymentReading[] => (claim.counterparty ? byCounterparty.get(normalizePartyName(claim.counterparty)) ?? [] : []);
  const target = (claim: ManifestClaim): Fen => {
    const row = links.get(claim.id)!;
    const invoiced = sumFen(row.invoices.map((reading) => fenOf(reading.fields.totalAmount)));
    return Math.min(input.declaredFen.get(claim.id) ?? 0, invoiced);
  };
  const paidSoFar = (claim: ManifestClaim): Fen => sumFen(links.get(claim.id)!.payments.map((reading) => fenOf(reading.fields.amount)));
  // 1. A receipt whose purpose names one of the row's invoices belongs to that row (the first such row).
  const invoiceKeyed = automatic.map((claim, index) => ({
    index, keys: [...links.get(claim.id)!.invoices.map((reading) => invoiceNumberKey(reading.fields)), ...listedNumbers(claim)].filter(Boolean),
  }));
  const namedRow = mentionedRows(input.pools.payments, invoiceKeyed);
  input.pools.payments.forEach((reading, index) => {
    const row = namedRow[index];
    if (row !== null && row !== undefined && !isUsed(reading)) use(automatic[row]!, reading);
  });
  // A receipt naming a contract may pay only the rows of that contract (several rows may share one);
  // a receipt naming no row may pay the rows of its counterparty.
  const contracts = [...new Set(automatic.map((claim) => contractKey(claim.contractNo)).filter(Boolean))];
  const namedContract = mentionedRows(input.pools.payments, contracts.map((key, index) => ({ index, keys: [key] })));
  const byContract = new Map<string, PaymentReading[]>();
  const namesNoRow = new Set<string>();
  input.pools.payments.forEach((reading, index) => {
    const contract = namedContract[index];
    if (contract !== null && contract !== undefined) push(byContract, contracts[contract]!, reading);
    else if (namedRow[index] === null || namedRow[index] === undefined) namesNoRow.add(refKey(reading));
  });
  // The receipts a row may take, in date order, shared by the rows of one contract and counterparty;
  // with them by amount, and how far from the start all are taken: 10,000 rows of one counterparty
  // must not each search the receipts every earlier row took.
  interface Candidates { readings: PaymentReading[]; byAmount: Map<Fen | null, PaymentReading[]>; firstFree: number }
  const candidatesCache = new Map<string, Candidates>();
  const candidatesOf = (claim: ManifestClaim): Candidates => {
    const contract = contractKey(claim.contractNo);
    const key = `${contract}|${claim.counterparty ? normalizePartyName(claim.counterparty) : ''}`;
    let candidates = candidatesCache.get(key);
    if (!candidates) {
      const readings = [...(contract ? byContract.get(contract) ?? [] : []), ...fromCounterparty(claim).filter((reading) => namesNoRow.has(refKey(reading)))]
        .sort((x, y) => (x.fields.date ?? '').localeCompare(y.fields.date ?? ''));
      const byAmount = new Map<Fen | null, PaymentReading[]>();
      for (const reading of readings) push(byAmount, fenOf(reading.fields.amount), reading);
      candidates = { readings, byAmount, firstFree: 0 };
      candidatesCache.set(key, candidates);
    }
    return candidates;
  };
  // 2. A receipt the row may take for exactly what it still lacks.
  for (const claim of automatic) {
    const lacking = target(claim) - paidSoFar(claim);
    if (lacking <= 0) continue;
    const exact = candidatesOf(claim).byAmount.get(lacking)?.find((reading) => !isUsed(reading));
    if (exact) use(claim, exact);
  }
  // 3. The other receipts the row may take, in date order, while it still lacks payment.
  for (const claim of automatic) {
    const candidates = candidatesOf(claim);
    while (candidates.firstFree < candidates.readings.length && isUsed(candidates.readings[candidates.firstFree]!)) candidates.firstFree++;
    for (let at = candidates.firstFree; at < candidates.readings.length; at++) {
      const reading = candidates.readings[at]!;
      if (isUsed(reading)) continue;
      if (paidSoFar(claim) >= target(claim)) break;
      use(claim, reading);
    }
  }
}

/** The evidence of every row, in the rows' order. */
export function linkEvidence(input: LinkInput): Map<string, RowLinks> {
  const links = new Map<string, RowLinks>(input.claims.map((claim) => [claim.id, { invoices: [], contracts: [], payments: [], missingNumbers: [], nearMatches: [], reviewerLinked: [] }]));
  linkInvoices(input, links);
  linkContracts(input, links);
  linkPayments(input, links);
  return links;
}

// Conflict-of-interest screening before scoring: each expert declares the employers and clients of
// the last three years (review file conflictOfInterest.relations); they are matched against the
// applicant, its customers and its vendors in the dossier (claim counterparties and the parties on
// its invoices) by unified social credit code, and by name after normalisation: full-width to
// half-width, no spaces, no brackets, without the company-form words 股份有限公司, 有限责任公司,
// 有限公司, 公司 and 股份.
import type { DeclaredRelation, DossierManifest, FileExtraction, ReviewFile } from '../types';

export interface ScreenedParty {
  role: 'applicant' | 'customer' | 'vendor';
  name: string;
  creditCode?: string;
}

export interface ConflictHit {
  reviewer: string;
  declared: DeclaredRelation;
  party: ScreenedParty;
  matchedBy: 'credit-code' | 'name';
}

const COMPANY_FORMS = ['股份有限公司', '有限责任公司', '有限公司', '公司', '股份'];

/** "深圳市某某（南山）科技 有限公司" → "深圳市某某南山科技". */
export function normaliseOrganisationName(name: string): string {
  let text = name.normalize('NFKC').replace(/[\s\u3000]+/g, '').replace(/[()[\]{}<>《》【】〔〕]/g, '');
  for (let changed = true; changed;) {
    changed = false;
    for (const form of COMPANY_FORMS) {
      if (text.length > form.length && text.endsWith(form)) {
        text = text.slice(0, -form.length);
        changed = true;
      }
    }
  }
  return text;
}

function code(value: string | undefined | null): string {
  return (value ?? '').normalize('NFKC').replace(/\s+/g, '').toUpperCase();
}

/** The applicant, its customers and vendors named in the dossier (and on its invoices, when read). */
export function partiesOfDossier(manifest: DossierManifest, applicantIsSeller: boolean, extractions: readonly FileExtraction[] = []): ScreenedParty[] {
  const counterpartyRole: ScreenedParty['role'] = applicantIsSeller ? 'customer' : 'vendor';
  const parties: ScreenedParty[] = [{ role: 'applicant', name: manifest.applicant.name, ...(manifest.applicant.creditCode ? { creditCode: manifest.applicant.creditCode } : {}) }];
  for (const claim of manifest.claims) if (claim.counterparty) parties.push({ role: counterpartyRole, name: claim.counterparty });
  const isApplicant = (name: string | null | undefined, creditCode: string | null | undefined) =>
    (code(creditCode) !== '' && code(creditCode) === code(manifest.applicant.creditCode))
    || (Boolean(name) && normaliseOrganisationName(name!) === normaliseOrganisationName(manifest.applicant.name));
  for (const extraction of extractions) {
    for (const invoice of extraction.invoices) {
      const buyer = { name: invoice.fields.buyerName, creditCode: invoice.fields.buyerTaxId };
      const seller = { name: invoice.fields.sellerName, creditCode: invoice.fields.sellerTaxId };
      // The party that is not the applicant, whichever side of the invoice the applicant is on.
      const [expected, reverse] = applicantIsSeller ? [buyer, seller] : [seller, buyer];
      const other = isApplicant(expected.name, expected.creditCode) ? reverse : expected;
      if (other.name && !isApplicant(other.name, other.creditCode)) {
        parties.push({ role: counterpartyRole, name: other.name, ...(other.creditCode ? { creditCode: other.creditCode } : {}) });
      }
    }
  }
  // One party per role and name: a counterparty named by a claim and on its invoices is one party,
  // with the credit code the invoice gives; the same name under two different codes stays two.
  const merged: ScreenedParty[] = [];
  for (const party of parties) {
    const same = merged.find((known) => known.role === party.role && normaliseOrganisationName(known.name) === normaliseOrganisationName(party.name)
      && (!known.creditCode || !party.creditCode || code(known.creditCode) === code(party.creditCode)));
    if (!same) merged.push({ ...party });
    else if (!same.creditCode && party.creditCode) same.creditCode = party.creditCode;
  }
  return merged;
}

/** Every declared employer or client that is a party of the dossier. */
export function screenConflicts(review: ReviewFile, parties: readonly ScreenedParty[]): ConflictHit[] {
  const hits: ConflictHit[] = [];
  for (const declared of review.conflictOfInterest?.relations ?? []) {
    const declaredCode = code(declared.creditCode);
    const declaredName = normaliseOrganisationName(declared.name);
    for (const party of parties) {
      const byCode = declaredCode !== '' && declaredCode === code(party.creditCode);
      const byName = declaredName !== '' && declaredName === normaliseOrganisationName(party.name);
      if (byCode || byName) hits.push({ reviewer: review.reviewer.name, declared, party, matchedBy: byCode ? 'credit-code' : 'name' });
    }
  }
  return hits;
}

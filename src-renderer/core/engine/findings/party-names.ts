// Party names: the invoice's buyer and seller must be the applicant and the claim's counterparty
// (which side is which depends on the program), compared after normalising full-width brackets
// and spaces. A counterparty that is the applicant itself is a related-party error.

import type { Finding } from '../../types';
import { evidenceOf, invoicePartiesRead, vatInvoicesOf, type RuleContext } from './context';
import { makeFinding } from './make-finding';
import { nearlySameName, normalizePartyName, partyReadAs, samePartyName } from './normalize';

export function partyNameFindings(context: RuleContext): Finding[] {
  const { applicantIs, clause } = context.profile.invoiceParties;
  const applicantName = context.manifest.applicant.name;
  const findings: Finding[] = [];
  for (const claim of context.manifest.claims) {
    if (claim.counterparty && samePartyName(claim.counterparty, applicantName)) {
      findings.push(makeFinding({
        rule: 'related-party', severity: 'error', claimId: claim.id, clause,
        zh: `申报项 ${claim.id}：交易对方“${claim.counterparty}”即申报单位本身`,
        en: `Claim ${claim.id}: the counterparty "${claim.counterparty}" is the applicant itself`,
      }));
    }
    // A ticket names no buyer or seller (a name read off it is a carrier's or a taxi firm's): its
    // parties are not compared; the ticket finding (tickets.ts) says why it is no invoice evidence.
    for (const invoice of vatInvoicesOf(context.invoicesByClaim?.get(claim.id) ?? [])) {
      const { buyerTaxId, sellerTaxId } = invoice.fields;
      // A name OCR read unsurely is the party's when one character off it or beside the party's credit code.
      const parties = invoicePartiesRead(context.profile, invoice);
      const [applicantSide, otherSide] = [parties.applicant?.name, parties.counterparty?.name];
      const applicantRead = parties.applicant && partyReadAs(parties.applicant, { name: applicantName, creditCode: context.manifest.applicant.creditCode ?? null });
      const otherRead = parties.counterparty && claim.counterparty && partyReadAs(parties.counterparty, { name: claim.counterparty });
      const roleZh = applicantIs === 'buyer' ? '购买方' : '销售方';
      const otherZh = applicantIs === 'buyer' ? '销售方' : '购买方';
      const otherRole = applicantIs === 'buyer' ? 'seller' : 'buyer';
      const number = invoice.fields.invoiceNumber ?? '';
      if (applicantSide && !applicantRead) {
        findings.push(makeFinding({
          rule: 'party-mismatch', severity: 'error', claimId: claim.id, subject: `${claim.id}:${number}:${applicantIs}`,
          clause, evidence: evidenceOf(invoice),
          zh: `申报项 ${claim.id}：发票${roleZh}“${applicantSide}”与申报单位“${applicantName}”不一致`,
          en: `Claim ${claim.id}: invoice ${applicantIs} "${applicantSide}" is not the applicant "${applicantName}"`,
        }));
      }
      // Taken for the party though read otherwise: said, so that the reviewer checks the name.
      if (applicantSide && applicantRead && !samePartyName(applicantSide, applicantName)) {
        const byName = nearlySameName(applicantSide, applicantName);
        findings.push(makeFinding({
          rule: 'party-name-unsure', severity: 'info', claimId: claim.id, subject: `${claim.id}:${number}:${applicantIs}`,
          clause, evidence: evidenceOf(invoice),
          zh: `申报项 ${claim.id}：发票${roleZh}名称识别存疑（读作“${applicantSide}”），按${byName ? '近似名称' : '统一社会信用代码'}视为申报单位“${applicantName}”，请核对`,
          en: `Claim ${claim.id}: the invoice ${applicantIs}'s name was read unsurely ("${applicantSide}") and taken for the applicant "${applicantName}" by its ${byName ? 'near name' : 'credit code'}; check it`,
        }));
      }
      if (otherSide && claim.counterparty && otherRead && !samePartyName(otherSide, claim.counterparty)) {
        findings.push(makeFinding({
          rule: 'party-name-unsure', severity: 'info', claimId: claim.id, subject: `${claim.id}:${number}:${otherRole}`,
          clause, evidence: evidenceOf(invoice),
          zh: `申报项 ${claim.id}：发票${otherZh}名称识别存疑（读作“${otherSide}”），按近似名称视为合同对方“${claim.counterparty}”，请核对`,
          en: `Claim ${claim.id}: the invoice ${otherRole}'s name was read unsurely ("${otherSide}") and taken for the counterparty "${claim.counterparty}" by its near name; check it`,
        }));
      }
      if (otherSide && claim.counterparty && !otherRead) {
        findings.push(makeFinding({
          rule: 'party-mismatch', severity: 'error', claimId: claim.id, subject: `${claim.id}:${number}:${otherRole}`,
          clause, evidence: evidenceOf(invoice),
          zh: `申报项 ${claim.id}：发票${otherZh}“${otherSide}”与合同对方“${claim.counterparty}”不一致`,
          en: `Claim ${claim.id}: invoice ${otherRole} "${otherSide}" is not the counterparty "${claim.counterparty}"`,
        }));
      }
      if (buyerTaxId && sellerTaxId && normalizePartyName(buyerTaxId) === normalizePartyName(sellerTaxId)) {
        findings.push(makeFinding({
          rule: 'related-party', severity: 'error', claimId: claim.id, subject: `${claim.id}:${number}:tax-id`,
          clause, evidence: evidenceOf(invoice),
          zh: `申报项 ${claim.id}：发票购销双方纳税人识别号相同（${buyerTaxId}）`,
          en: `Claim ${claim.id}: buyer and seller share the taxpayer id ${buyerTaxId}`,
        }));
      }
    }
  }
  return findings;
}

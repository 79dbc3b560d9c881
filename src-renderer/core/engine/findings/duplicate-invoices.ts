// The same invoice claimed twice: an invoice number cited by more than one claim of the dossier.
// A ticket (kind 'ticket') claimed twice is the same spend claimed twice too: reported under the same
// clause, naming it a ticket.

import type { Finding } from '../../types';
import { isTicket, ticketLabels, type RuleContext } from './context';
import { makeFinding } from './make-finding';
import { invoiceDigits } from './normalize';

export function duplicateInvoiceFindings(context: RuleContext): Finding[] {
  const claimsByNumber = new Map<string, string[]>();
  for (const claim of context.manifest.claims) {
    for (const number of new Set((claim.invoiceNumbers ?? []).map(invoiceDigits).filter(Boolean))) {
      claimsByNumber.set(number, [...(claimsByNumber.get(number) ?? []), claim.id]);
    }
  }
  const findings: Finding[] = [];
  for (const [number, claimIds] of claimsByNumber) {
    if (claimIds.length < 2) continue;
    for (const claimId of claimIds.slice(1)) {
      const invoice = context.invoicesByClaim?.get(claimId)?.find((entry) => invoiceDigits(entry.fields.invoiceNumber ?? '') === number);
      const ticket = invoice && isTicket(invoice) ? ticketLabels([invoice]) : null;
      findings.push(makeFinding({
        rule: 'duplicate-invoice', severity: 'error', claimId, subject: `${claimId}:${number}`,
        clause: context.profile.invoiceRules.duplicateClause,
        evidence: invoice ? { file: invoice.file, page: invoice.page } : null,
        zh: `申报项 ${claimId}：${ticket ? ticket.zh : `发票 ${number}`} 已在申报项 ${claimIds[0]} 中申报，重复申报`,
        en: `Claim ${claimId}: ${ticket ? ticket.en : `invoice ${number}`} is already claimed by ${claimIds[0]}`,
      }));
    }
  }
  return findings;
}

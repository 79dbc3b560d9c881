// Tickets among a claim's invoices: a passenger ticket, taxi receipt or 定额发票 (kind 'ticket') is no
// VAT invoice. It names no buyer or seller, so it cannot show the parties to the service: its amount
// does not count toward the claim's invoice total (invoice-amounts, payment-proof) and its parties are
// not compared (party-names); this finding says so once per claim, citing the profile's
// invoiceRules.ticketNotInvoiceClause (absent in a custom profile: the invoice-required clause; null:
// the notice names none). Its date is still judged against the eligible window (invoice-date-window).

import type { Finding } from '../../types';
import { evidenceOf, isTicket, ticketLabels, vatInvoicesOf, type RuleContext } from './context';
import { makeFinding } from './make-finding';

export function ticketFindings(context: RuleContext): Finding[] {
  if (!context.invoicesByClaim) return [];
  const { ticketNotInvoiceClause, invoiceRequiredClause } = context.profile.invoiceRules;
  const clause = ticketNotInvoiceClause === undefined ? invoiceRequiredClause : ticketNotInvoiceClause;
  const findings: Finding[] = [];
  for (const claim of context.manifest.claims) {
    const invoices = context.invoicesByClaim.get(claim.id) ?? [];
    const tickets = invoices.filter(isTicket);
    if (tickets.length === 0) continue;
    const label = ticketLabels(tickets);
    const noVat = vatInvoicesOf(invoices).length === 0;
    findings.push(makeFinding({
      rule: 'ticket-not-invoice', severity: 'warning', claimId: claim.id, clause, evidence: evidenceOf(tickets[0]),
      zh: `申报项 ${claim.id}：${label.zh}不是增值税发票，票面没有购买方和销售方，不能证明服务交易双方：不计入发票价税合计，不核对购销方名称${noVat ? '；本项没有可作依据的增值税发票' : ''}`,
      en: `Claim ${claim.id}: ${label.en} ${tickets.length === 1 ? 'is not a VAT invoice; it names' : 'are not VAT invoices; they name'} no buyer or seller, so ${tickets.length === 1 ? 'it' : 'they'} cannot show the parties to the service: not counted in the invoice total, parties not compared${noVat ? '; the claim has no VAT invoice to rest on' : ''}`,
    }));
  }
  return findings;
}

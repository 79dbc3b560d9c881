// Invoices against claims: a claim citing no invoice, an invoice that was not found among the
// dossier's files, and invoice totals that differ from the claimed amount.

import { formatCny } from '../../money/yuan';
import type { Finding } from '../../types';
import { isTicket, ticketLabels, vatInvoicesOf, type RuleContext } from './context';
import { makeFinding } from './make-finding';
import { invoiceTotalOf } from './payment-proof';

export function invoiceAmountFindings(context: RuleContext): Finding[] {
  const findings: Finding[] = [];
  // By id once: 10,000 declared rows must not each search the list.
  const claimsById = new Map(context.manifest.claims.map((entry) => [entry.id, entry]));
  for (const ledgerClaim of context.ledger.claims) {
    const claim = claimsById.get(ledgerClaim.claimId)!;
    const cited = claim.invoiceNumbers?.filter((number) => number.trim() !== '') ?? [];
    if (cited.length === 0) {
      findings.push(makeFinding({
        rule: 'missing-invoice', severity: 'warning', claimId: claim.id, clause: context.profile.invoiceRules.invoiceRequiredClause,
        zh: `申报项 ${claim.id}：未列明发票号码`,
        en: `Claim ${claim.id}: no invoice number is given`,
      }));
      continue;
    }
    if (!context.invoicesByClaim) continue;
    const invoices = context.invoicesByClaim.get(claim.id) ?? [];
    if (invoices.length < new Set(cited).size) {
      findings.push(makeFinding({
        rule: 'invoice-not-found', severity: 'warning', claimId: claim.id, clause: context.profile.invoiceRules.invoiceRequiredClause,
        zh: `申报项 ${claim.id}：在材料中只找到 ${invoices.length} 张所列发票（共 ${new Set(cited).size} 张）`,
        en: `Claim ${claim.id}: only ${invoices.length} of ${new Set(cited).size} cited invoices were found in the files`,
      }));
    }
    // A ticket found counts as found above, but its amount is no invoice total: the claimed amount is
    // compared with the VAT invoices alone, and a claim resting on tickets only is the ticket finding's.
    const vatInvoices = vatInvoicesOf(invoices);
    if (vatInvoices.length === 0) continue;
    const invoiceFen = invoiceTotalOf(context, claim.id);
    if (invoiceFen !== null && invoiceFen !== ledgerClaim.claimedFen && invoices.length === new Set(cited).size) {
      const tickets = invoices.filter(isTicket);
      const label = tickets.length > 0 ? ticketLabels(tickets) : null;
      findings.push(makeFinding({
        rule: 'invoice-amount-mismatch', severity: 'warning', claimId: claim.id, clause: context.profile.invoiceRules.amountMatchClause,
        evidence: { file: vatInvoices[0]!.file, page: vatInvoices[0]!.page },
        zh: `申报项 ${claim.id}：${label ? '增值税' : ''}发票价税合计 ${formatCny(invoiceFen)} 与申报金额 ${formatCny(ledgerClaim.claimedFen)} 不一致${label ? `（${label.zh}不计）` : ''}`,
        en: `Claim ${claim.id}: ${label ? 'VAT ' : ''}invoice totals ${formatCny(invoiceFen)} differ from the claimed ${formatCny(ledgerClaim.claimedFen)}${label ? ` (${label.en} not counted)` : ''}`,
      }));
    }
  }
  return findings;
}

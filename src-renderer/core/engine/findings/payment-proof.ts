// Payment proof: where the program sets a minimum (Guangzhou: the corporate transfer is at least
// 50% of the invoice amount, inclusive), a smaller paid amount is an error; elsewhere, where proof
// of payment is required, a payment below the invoice is a warning and nothing paid an error.

import { formatCny, tryParseYuan } from '../../money/yuan';
import { ratioString, reachesRatio } from '../../money/ratio';
import type { Fen, Finding } from '../../types';
import { isTicket, vatInvoicesOf, type RuleContext } from './context';
import { makeFinding } from './make-finding';

/**
 * The sum of a claim's VAT invoice totals when every one was read, else null (null too when the claim
 * has none). Tickets (kind 'ticket') are left out: they are no invoice evidence (tickets.ts).
 */
export function invoiceTotalOf(context: RuleContext, claimId: string): Fen | null {
  const invoices = vatInvoicesOf(context.invoicesByClaim?.get(claimId) ?? []);
  const totals = invoices.map((invoice) => (invoice.fields.totalAmount ? tryParseYuan(invoice.fields.totalAmount) : null));
  if (totals.length > 0 && totals.every((total) => total !== null)) return totals.reduce<Fen>((sum, total) => sum + total!, 0);
  return null;
}

export function paymentProofFindings(context: RuleContext): Finding[] {
  const rule = context.profile.payment;
  const findings: Finding[] = [];
  // By id once: 10,000 declared rows must not each search the ledger.
  const ledgerById = new Map(context.ledger.claims.map((entry) => [entry.claimId, entry]));
  for (const claim of context.manifest.claims) {
    const ledgerClaim = ledgerById.get(claim.id);
    if (!ledgerClaim) continue;
    const invoiceTotal = invoiceTotalOf(context, claim.id);
    const invoiceFen = invoiceTotal ?? ledgerClaim.claimedFen;
    // The payment is weighed against the VAT invoices; a ticket beside them is named as not counted.
    const ticketsLeftOut = invoiceTotal !== null && (context.invoicesByClaim?.get(claim.id) ?? []).some(isTicket);
    const basisZh = invoiceTotal === null ? '申报金额' : ticketsLeftOut ? '增值税发票金额（不计客票或定额发票）' : '发票金额';
    const basisEn = invoiceTotal === null ? 'the claimed amount' : ticketsLeftOut ? 'the VAT invoices (tickets not counted)' : 'the invoice';
    const paidFen = claim.paidAmount === undefined ? null : tryParseYuan(claim.paidAmount);
    if (paidFen === null) {
      if (rule.minRatioOfInvoice !== null) {
        findings.push(makeFinding({
          rule: 'payment-unknown', severity: 'warning', claimId: claim.id, clause: rule.clause,
          zh: `申报项 ${claim.id}：未载明付款金额，无法核对付款比例（不少于发票金额的 ${rule.minRatioOfInvoice}）`,
          en: `Claim ${claim.id}: no paid amount stated; cannot check the minimum payment of ${rule.minRatioOfInvoice} of the invoice`,
        }));
      }
      continue;
    }
    if (rule.proofRequired && paidFen === 0) {
      findings.push(makeFinding({
        rule: 'payment-missing', severity: 'error', claimId: claim.id, clause: rule.clause,
        zh: `申报项 ${claim.id}：付款金额为零，缺少付款凭证`,
        en: `Claim ${claim.id}: nothing paid; payment proof is missing`,
      }));
      continue;
    }
    if (rule.minRatioOfInvoice === null && rule.proofRequired && paidFen < invoiceFen) {
      findings.push(makeFinding({
        rule: 'payment-partial', severity: 'warning', claimId: claim.id, clause: rule.clause,
        zh: `申报项 ${claim.id}：付款 ${formatCny(paidFen)} 低于${basisZh} ${formatCny(invoiceFen)}，未付部分 ${formatCny(invoiceFen - paidFen)} 缺少付款凭证`,
        en: `Claim ${claim.id}: paid ${formatCny(paidFen)} is less than ${basisEn} ${formatCny(invoiceFen)}; ${formatCny(invoiceFen - paidFen)} has no payment proof`,
      }));
    }
    if (rule.minRatioOfInvoice !== null && !reachesRatio(paidFen, invoiceFen, rule.minRatioOfInvoice)) {
      findings.push(makeFinding({
        rule: 'payment-ratio', severity: 'error', claimId: claim.id, clause: rule.clause,
        zh: `申报项 ${claim.id}：付款 ${formatCny(paidFen)} 仅为${basisZh} ${formatCny(invoiceFen)} 的 ${ratioString(paidFen, invoiceFen)}，低于 ${rule.minRatioOfInvoice}`,
        en: `Claim ${claim.id}: paid ${formatCny(paidFen)} is ${ratioString(paidFen, invoiceFen)} of ${basisEn} ${formatCny(invoiceFen)}, below ${rule.minRatioOfInvoice}`,
      }));
    }
  }
  return findings;
}

// Invoices against claims: a claim citing no invoice, an invoice that was not found among the
// dossier's files, and invoice totals that differ from the claimed amount.

import { formatCny } from '../../money/yuan';
import type { Finding } from '../../types';
import type { RuleContext } from './context';
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
    if (invoices.length === 0) continue;
    const invoiceFen = invoiceTotalOf(context, claim.id);
    if (invoiceFen !== null && invoiceFen !== ledgerClaim.claimedFen && invoices.length === new Set(cited).size) {
      findings.push(makeFinding({
        rule: 'invoice-amount-mismatch', severity: 'warning', claimId: claim.id, clause: context.profile.invoiceRules.amountMatchClause,
        evidence: { file: invoices[0]!.file, page: invoices[0]!.page },
        zh: `申报项 ${claim.id}：发票价税合计 ${formatCny(invoiceFen)} 与申报金额 ${formatCny(ledgerClaim.claimedFen)} 不一致`,
        en: `Claim ${claim.id}: invoice totals ${formatCny(invoiceFen)} differ from the claimed ${formatCny(ledgerClaim.claimedFen)}`,
      }));
    }
  }
  return findings;
}

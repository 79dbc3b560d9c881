// Every per-dossier finding rule, in the order their findings are reported.

import type { Finding } from '../../types';
import type { RuleContext } from './context';
import { duplicateInvoiceFindings } from './duplicate-invoices';
import { eligibilityFindings } from './eligibility';
import { excludedServiceFindings } from './excluded-services';
import { invoiceAmountFindings } from './invoice-amounts';
import { invoiceDateWindowFindings } from './invoice-date-window';
import { partyNameFindings } from './party-names';
import { paymentProofFindings } from './payment-proof';
import { serviceDirectionFindings } from './service-direction';
import { ticketFindings } from './tickets';

export const DOSSIER_RULES: readonly ((context: RuleContext) => Finding[])[] = [
  invoiceDateWindowFindings,
  paymentProofFindings,
  partyNameFindings,
  excludedServiceFindings,
  duplicateInvoiceFindings,
  invoiceAmountFindings,
  ticketFindings,
  serviceDirectionFindings,
  eligibilityFindings,
];

export function runDossierRules(context: RuleContext): Finding[] {
  return DOSSIER_RULES.flatMap((rule) => rule(context));
}

export { matchInvoicesToClaims, type MatchedInvoice, type RuleContext } from './context';
export { sharedContactFindings, sharedInvoiceFindings, type CrossDossierFinding, type LabelledManifest } from './cross-dossier';
export { normalizePartyName, normalizePhone, samePartyName } from './normalize';

// Services the program does not cover: a keyword in the claim's description or service type, or
// in an invoice item name or remarks, or an invoice item of an excluded tax category
// (item names start with the category in asterisks, e.g. "*培训服务*技术培训费"). A ticket's (kind
// 'ticket') items and remarks are read the same way: what it was spent on is named there or nowhere.

import type { ExcludedService } from '../../profiles/schema';
import type { Finding, ManifestClaim } from '../../types';
import { evidenceOf, type MatchedInvoice, type RuleContext } from './context';
import { makeFinding } from './make-finding';

export interface ServiceHit {
  what: string;
  invoice: MatchedInvoice | undefined;
}

/** The first sign of an excluded service in the claim's texts, then in its invoices' items and remarks. */
export function excludedServiceHit(service: ExcludedService, claim: ManifestClaim, invoices: readonly MatchedInvoice[]): ServiceHit | null {
  const claimTexts = [claim.description, claim.serviceType].filter((text): text is string => Boolean(text)).map((text) => text.normalize('NFKC'));
  for (const keyword of service.keywords) {
    const normalized = keyword.normalize('NFKC');
    if (claimTexts.some((text) => text.includes(normalized))) return { what: `“${keyword}”`, invoice: undefined };
  }
  for (const invoice of invoices) {
    const itemNames = invoice.fields.items.map((item) => item.name.normalize('NFKC').replace(/\s+/g, ''));
    for (const category of service.invoiceItemCategories) {
      const normalized = category.normalize('NFKC');
      if (itemNames.some((name) => name.startsWith(normalized))) return { what: category, invoice };
    }
    const texts = [...itemNames, invoice.fields.remarks?.normalize('NFKC') ?? ''];
    for (const keyword of service.keywords) {
      if (texts.some((text) => text.includes(keyword.normalize('NFKC')))) return { what: `“${keyword}”`, invoice };
    }
  }
  return null;
}

export function excludedServiceFindings(context: RuleContext): Finding[] {
  const findings: Finding[] = [];
  for (const claim of context.manifest.claims) {
    const invoices = context.invoicesByClaim?.get(claim.id) ?? [];
    for (const service of context.profile.excludedServices) {
      const hit = excludedServiceHit(service, claim, invoices);
      if (!hit) continue;
      findings.push(makeFinding({
        rule: 'excluded-service', severity: 'error', claimId: claim.id, subject: `${claim.id}:${service.id}`,
        clause: service.clause, evidence: evidenceOf(hit.invoice),
        zh: `申报项 ${claim.id}：含 ${hit.what}，属不予支持的服务（${service.label.zh}）`,
        en: `Claim ${claim.id}: ${hit.what} marks a service the program does not cover (${service.label.en})`,
      }));
    }
  }
  return findings;
}

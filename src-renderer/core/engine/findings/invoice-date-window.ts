// The eligible window judged by invoice date: an invoice dated outside [from, to] is an error,
// unless the notice moves later invoices to the next round (Shanxi 二(一)): those are deferred, not
// rejected. Uses the dates read from the claim's invoices, else the claim's stated invoiceDate.
// A ticket's date (kind 'ticket': a passenger ticket or fixed-amount receipt) is judged the same way,
// as the day the spend was made, and the finding names it as a ticket, not an invoice.

import type { Profile } from '../../profiles/schema';
import type { DossierManifest, Finding, ManifestClaim } from '../../types';
import { evidenceOf, isTicket, ticketLabels, type MatchedInvoice, type RuleContext } from './context';
import { makeFinding } from './make-finding';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function datesOf(claim: ManifestClaim, invoices: readonly MatchedInvoice[]): string[] {
  const dated = invoices.filter((invoice) => invoice.fields.issueDate && ISO_DATE.test(invoice.fields.issueDate));
  if (dated.length > 0) return dated.map((invoice) => invoice.fields.issueDate!);
  return claim.invoiceDate && ISO_DATE.test(claim.invoiceDate) ? [claim.invoiceDate] : [];
}

/** Claims whose every known invoice date is after the window where the notice moves them to the next round. */
export function claimsDeferredToNextRound(profile: Profile, manifest: DossierManifest, invoicesByClaim: ReadonlyMap<string, readonly MatchedInvoice[]> | null): Set<string> {
  const window = profile.eligibleWindow;
  if (!window?.laterToNextRound) return new Set();
  return new Set(manifest.claims
    .filter((claim) => {
      const dates = datesOf(claim, invoicesByClaim?.get(claim.id) ?? []);
      return dates.length > 0 && dates.every((date) => date > window.to);
    })
    .map((claim) => claim.id));
}

export function invoiceDateWindowFindings(context: RuleContext): Finding[] {
  const window = context.profile.eligibleWindow;
  if (!window) return [];
  const findings: Finding[] = [];
  for (const claim of context.manifest.claims) {
    const invoices = context.invoicesByClaim?.get(claim.id) ?? [];
    const dated = invoices.filter((invoice) => invoice.fields.issueDate && ISO_DATE.test(invoice.fields.issueDate));
    const readings = dated.length > 0
      ? dated.map((invoice) => ({ date: invoice.fields.issueDate!, evidence: evidenceOf(invoice), ticket: isTicket(invoice) ? ticketLabels([invoice]) : null }))
      : claim.invoiceDate && ISO_DATE.test(claim.invoiceDate) ? [{ date: claim.invoiceDate, evidence: null, ticket: null }] : [];
    if (readings.length === 0) {
      findings.push(makeFinding({
        rule: 'invoice-date-unknown', severity: 'info', claimId: claim.id, clause: window.clause,
        zh: `申报项 ${claim.id}：无法确定发票日期，请核对是否在 ${window.from} 至 ${window.to} 之间`,
        en: `Claim ${claim.id}: no invoice date known; check it lies between ${window.from} and ${window.to}`,
      }));
      continue;
    }
    for (const reading of readings) {
      if (reading.date >= window.from && reading.date <= window.to) continue;
      const whatZh = reading.ticket ? `${reading.ticket.zh}日期` : '发票日期';
      const whatEn = reading.ticket ? `${reading.ticket.en} dated` : 'invoice date';
      if (reading.date > window.to && window.laterToNextRound) {
        findings.push(makeFinding({
          rule: 'invoice-next-round', severity: 'info', claimId: claim.id, subject: `${claim.id}:${reading.date}`,
          clause: window.laterToNextRound.clause, evidence: reading.evidence,
          zh: `申报项 ${claim.id}：${whatZh} ${reading.date} 晚于 ${window.to}，按通知纳入下一年度兑现（本轮不计补助，不作核减）`,
          en: `Claim ${claim.id}: ${whatEn} ${reading.date} is after ${window.to}; the notice moves it to the next round (no subsidy this round, not cut)`,
        }));
        continue;
      }
      findings.push(makeFinding({
        rule: 'invoice-date-window', severity: 'error', claimId: claim.id, subject: `${claim.id}:${reading.date}`,
        clause: window.clause, evidence: reading.evidence,
        zh: `申报项 ${claim.id}：${whatZh} ${reading.date} 不在支持期 ${window.from} 至 ${window.to} 内`,
        en: `Claim ${claim.id}: ${whatEn} ${reading.date} is outside the eligible period ${window.from} to ${window.to}`,
      }));
    }
  }
  return findings;
}

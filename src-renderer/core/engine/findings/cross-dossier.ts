// Across dossiers: different applicants in the same program using the same contact person or the
// same contact phone are flagged for investigation (Shenzhen 十五 注意事项 2); the same invoice cited
// by claims of two dossiers is flagged under the program's duplicate-claim clause.

import type { Profile } from '../../profiles/schema';
import { invoiceKey } from '../../invoice-index';
import type { DossierManifest, Finding, ManifestClaim } from '../../types';
import { isTicket, ticketLabels, type MatchedInvoice } from './context';
import { makeFinding } from './make-finding';
import { invoiceDigits, normalizePartyName, normalizePhone } from './normalize';

export interface LabelledManifest {
  /** How the dossier is known in messages and results (folder name, dossier id). */
  dossier: string;
  manifest: DossierManifest;
}

export interface CrossDossierFinding {
  dossier: string;
  finding: Finding;
}

function applicantKey(manifest: DossierManifest): string {
  return manifest.applicant.creditCode?.trim().toUpperCase() || normalizePartyName(manifest.applicant.name);
}

/** Findings for every dossier sharing a contact name or phone with a different applicant of the same program. */
export function sharedContactFindings(profile: Profile, dossiers: readonly LabelledManifest[]): CrossDossierFinding[] {
  const rule = profile.crossDossier.sameContact;
  if (!rule) return [];
  const relevant = dossiers.filter((entry) => entry.manifest.program === profile.id);
  const results: CrossDossierFinding[] = [];
  const groups: { kind: 'name' | 'phone'; key: (manifest: DossierManifest) => string }[] = [
    { kind: 'name', key: (manifest) => normalizePartyName(manifest.applicant.contact?.name ?? '') },
    { kind: 'phone', key: (manifest) => normalizePhone(manifest.applicant.contact?.phone ?? '') },
  ];
  for (const { kind, key } of groups) {
    const byKey = new Map<string, LabelledManifest[]>();
    for (const entry of relevant) {
      const value = key(entry.manifest);
      if (value) byKey.set(value, [...(byKey.get(value) ?? []), entry]);
    }
    for (const [value, entries] of byKey) {
      if (new Set(entries.map((entry) => applicantKey(entry.manifest))).size < 2) continue;
      for (const entry of entries) {
        const others = entries.filter((other) => applicantKey(other.manifest) !== applicantKey(entry.manifest));
        const names = others.map((other) => `${other.manifest.applicant.name}（${other.dossier}）`).join('、');
        const namesEn = others.map((other) => `${other.manifest.applicant.name} (${other.dossier})`).join(', ');
        results.push({
          dossier: entry.dossier,
          finding: makeFinding({
            rule: kind === 'name' ? 'shared-contact-person' : 'shared-contact-phone', severity: 'warning', subject: value,
            clause: rule.clause,
            zh: `与其他申报单位使用同一联系${kind === 'name' ? '人' : '电话'}“${value}”：${names}`,
            en: `Same contact ${kind === 'name' ? 'person' : 'phone'} "${value}" as another applicant: ${namesEn}`,
          }),
        });
      }
    }
  }
  return results;
}

/**
 * The same invoice (the 20-digit 数电 number, or code and number of an older VAT invoice) cited by
 * claims of this dossier and of another dossier in the store or the batch: the same spend claimed
 * twice. Reported on each of this dossier's claims involved, naming the other dossiers and claims.
 * `invoicesByClaim`: this dossier's readings matched to its claims, when read; one read as a ticket
 * (kind 'ticket') is named a ticket, its spend claimed twice all the same.
 */
export function sharedInvoiceFindings(profile: Profile, self: LabelledManifest, peers: readonly LabelledManifest[], invoicesByClaim: ReadonlyMap<string, readonly MatchedInvoice[]> | null = null): Finding[] {
  const clause = profile.invoiceRules.duplicateClause;
  if (!clause || peers.length === 0) return [];
  const citedByPeers = new Map<string, { entry: LabelledManifest; claimId: string }[]>();
  for (const entry of peers) {
    for (const { claim, key } of invoiceCitations(entry.manifest)) {
      citedByPeers.set(key, [...(citedByPeers.get(key) ?? []), { entry, claimId: claim.id }]);
    }
  }
  const findings: Finding[] = [];
  for (const { claim, key, number } of invoiceCitations(self.manifest)) {
    const others = citedByPeers.get(key);
    if (!others) continue;
    const zhOthers = others.map((other) => `${other.entry.manifest.applicant.name}（${other.entry.dossier}）申报项 ${other.claimId}`).join('、');
    const enOthers = others.map((other) => `${other.entry.manifest.applicant.name} (${other.entry.dossier}) claim ${other.claimId}`).join('; ');
    const reading = invoicesByClaim?.get(claim.id)?.find((entry) => invoiceDigits(entry.fields.invoiceNumber ?? '') === invoiceDigits(number));
    const ticket = reading && isTicket(reading) ? ticketLabels([reading]) : null;
    findings.push(makeFinding({
      rule: 'duplicate-invoice-across-dossiers', severity: 'error', claimId: claim.id, subject: `${claim.id}:${key}`, clause,
      zh: `申报项 ${claim.id}：${ticket ? ticket.zh : `发票 ${number}`} 也在其他申报材料中申报：${zhOthers}`,
      en: `Claim ${claim.id}: ${ticket ? ticket.en : `invoice ${number}`} is also claimed in another dossier: ${enOthers}`,
    }));
  }
  return findings;
}

function invoiceCitations(manifest: DossierManifest): { claim: ManifestClaim; key: string; number: string }[] {
  const citations: { claim: ManifestClaim; key: string; number: string }[] = [];
  for (const claim of manifest.claims) {
    const code = typeof claim.invoiceCode === 'string' ? claim.invoiceCode : null;
    const seen = new Set<string>();
    for (const number of claim.invoiceNumbers ?? []) {
      const key = invoiceKey(code, number);
      if (!key || seen.has(key)) continue;
      seen.add(key);
      citations.push({ claim, key, number: number.trim() });
    }
  }
  return citations;
}

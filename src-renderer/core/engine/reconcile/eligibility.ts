// What the audit means for eligibility (Shenzhen 四(一)4 / 四(二)4 and 四(一)5): the approved total
// of the declared list held against the category's revenue threshold, and the distinct eligible
// customers against the count threshold. Which items apply is profile data
// (declaredList.approvedTotalAgainst, distinctCounterpartiesAgainst).

import { compareDecimals, parseDecimal } from '../../money/decimal';
import { formatCny, tryParseYuan } from '../../money/yuan';
import type { Profile } from '../../profiles/schema';
import type { DossierManifest, Finding } from '../../types';
import { appliesTo } from '../findings/applicability';
import { makeFinding } from '../findings/make-finding';
import { normalizePartyName } from '../findings/normalize';
import type { CutLedger } from '../ledger';
import type { RowOutcome } from './rows';

export interface EligibilityInput {
  profile: Profile;
  manifest: DossierManifest;
  ledger: CutLedger;
  /** The reconciliation's open proposals and each row's counterparty facts; null without evidence. */
  reconciliation: { proposedCutFen: number; outcomes: readonly RowOutcome[] } | null;
}

function belowCount(count: number, min: string): boolean {
  return compareDecimals(parseDecimal(String(count)), parseDecimal(min)) < 0;
}

export function revenueEligibilityFindings(input: EligibilityInput): Finding[] {
  const { profile, manifest, ledger, reconciliation } = input;
  const findings: Finding[] = [];
  const listZh = profile.declaredList.label.zh;
  const listEn = profile.declaredList.label.en;
  for (const id of profile.declaredList.approvedTotalAgainst) {
    const item = profile.eligibility.find((entry) => entry.id === id);
    if (!item?.threshold || !appliesTo(item, manifest.applicant)) continue;
    const minFen = tryParseYuan(item.threshold.min);
    if (minFen === null) continue;
    const base = { subject: item.id, clause: item.clause };
    // A declared list below the threshold is already the applicant's own fact (eligibility rules); here only what the audit changes.
    if (ledger.claimedFen < minFen) continue;
    if (ledger.approvedFen < minFen) {
      findings.push(makeFinding({
        ...base, rule: 'audited-total-below-threshold', severity: 'error',
        zh: `审计核减后${listZh}核定 ${formatCny(ledger.approvedFen)}，低于资格条件“${item.label.zh}”的 ${formatCny(minFen)}：不符合申报条件`,
        en: `After the audit's cuts the ${listEn} is approved at ${formatCny(ledger.approvedFen)}, below ${formatCny(minFen)} of "${item.label.en}": not eligible`,
      }));
    } else if (reconciliation && ledger.approvedFen - reconciliation.proposedCutFen < minFen) {
      findings.push(makeFinding({
        ...base, rule: 'proposed-total-below-threshold', severity: 'warning',
        zh: `若采纳全部核减建议（${formatCny(reconciliation.proposedCutFen)}），${listZh}核定 ${formatCny(ledger.approvedFen - reconciliation.proposedCutFen)}，将低于“${item.label.zh}”的 ${formatCny(minFen)}`,
        en: `Accepting every open proposal (${formatCny(reconciliation.proposedCutFen)}) would approve ${formatCny(ledger.approvedFen - reconciliation.proposedCutFen)}, below ${formatCny(minFen)} of "${item.label.en}"`,
      }));
    }
  }
  const eligibleById = new Map(reconciliation?.outcomes.map((outcome) => [outcome.claimId, outcome.counterparty]) ?? []);
  // Customers are told apart by name (as the list names them), else by credit code.
  const keyOf = (claimId: string, name: string | undefined): string | null => {
    const facts = eligibleById.get(claimId);
    const shown = name?.trim() || facts?.name;
    if (shown) return `name:${normalizePartyName(shown)}`;
    const code = facts?.creditCode?.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
    return code ? `code:${code}` : null;
  };
  for (const id of profile.declaredList.distinctCounterpartiesAgainst) {
    const item = profile.eligibility.find((entry) => entry.id === id);
    if (!item?.threshold || !appliesTo(item, manifest.applicant)) continue;
    const approvedFen = new Map(ledger.claims.map((entry) => [entry.claimId, entry.approvedFen]));
    const declared = new Set<string>();
    const approved = new Set<string>();
    for (const claim of manifest.claims) {
      const key = keyOf(claim.id, claim.counterparty);
      if (!key) continue;
      declared.add(key);
      if ((approvedFen.get(claim.id) ?? 0) > 0 && eligibleById.get(claim.id)?.eligible !== false) approved.add(key);
    }
    const base = { subject: item.id, clause: item.clause };
    if (belowCount(declared.size, item.threshold.min)) continue;
    if (belowCount(approved.size, item.threshold.min)) {
      findings.push(makeFinding({
        ...base, rule: 'audited-counterparties-below-threshold', severity: 'error',
        zh: `审计后核定收入涉及的符合条件客户为 ${approved.size} 家，低于资格条件“${item.label.zh}”的 ${item.threshold.min} 家：不符合申报条件`,
        en: `After the audit ${approved.size} eligible customers keep approved revenue, fewer than ${item.threshold.min} of "${item.label.en}": not eligible`,
      }));
    }
  }
  return findings;
}

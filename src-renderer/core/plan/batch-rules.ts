// Rules over a whole round of dossiers (the store in the app, every dossier given on the command
// line), each a finding on every dossier concerned naming the others:
// - a firm's yearly cap over all its dossiers of the program (Guangzhou 20,000; Shanxi 500,000 or
//   1,000,000 in Jinchuanggu): what is payable is filled in dossier order up to the cap;
// - the provider caps over all firms (Guangzhou 500,000, and 10% of the city's issue), computed on
//   PAYABLE subsidies, after each firm's cap;
// - the same contact person or phone across applicants (Shenzhen 十五 注意事项 2).
import { formatCny } from '../money/yuan';
import { applyRateDown } from '../money/ratio';
import { shareProRata } from '../money/pro-rata';
import { sharedContactFindings, type CrossDossierFinding } from '../engine/findings/cross-dossier';
import { makeFinding } from '../engine/findings/make-finding';
import { normalizePartyName } from '../engine/findings/normalize';
import type { Profile } from '../profiles/schema';
import type { CheckReport, DossierManifest, Fen } from '../types';

export interface BatchDossier {
  /** How the dossier is named in messages (folder, dossier id or applicant). */
  dossier: string;
  manifest: DossierManifest;
  report: CheckReport;
}

export interface BatchResult {
  /** What each dossier may be paid after the cross-dossier firm cap (subsidy programs only). */
  payableFen: Map<string, Fen>;
  findings: CrossDossierFinding[];
}

/** The firm behind a dossier: its credit code, else its name without spaces and width differences. */
export function firmKey(manifest: DossierManifest): string {
  return manifest.applicant.creditCode?.trim().toUpperCase() || normalizePartyName(manifest.applicant.name);
}

function label(entry: BatchDossier): string {
  return `${entry.manifest.applicant.name}（${entry.dossier}）`;
}

function labelEn(entry: BatchDossier): string {
  return `${entry.manifest.applicant.name} (${entry.dossier})`;
}

function firmCapFindings(profile: Profile, dossiers: readonly BatchDossier[], payable: Map<string, Fen>, findings: CrossDossierFinding[]): void {
  const subsidy = profile.subsidy!;
  const byFirm = new Map<string, BatchDossier[]>();
  for (const entry of dossiers) byFirm.set(firmKey(entry.manifest), [...(byFirm.get(firmKey(entry.manifest)) ?? []), entry]);
  for (const group of byFirm.values()) {
    const rule = subsidy.byCategory[group[0]!.manifest.applicant.category];
    const cap = rule?.capPerFirmPerYear ?? null;
    const total = group.reduce((sum, entry) => sum + (entry.report.subsidy?.subsidyFen ?? 0), 0);
    if (cap === null || group.length < 2 || total <= cap) continue;
    let left = cap;
    for (const entry of group) {
      const own = entry.report.subsidy?.subsidyFen ?? 0;
      const paid = Math.min(own, left);
      left -= paid;
      payable.set(entry.dossier, paid);
    }
    for (const entry of group) {
      const others = group.filter((other) => other !== entry);
      findings.push({
        dossier: entry.dossier,
        finding: makeFinding({
          rule: 'firm-yearly-cap-across-dossiers', severity: 'warning', subject: firmKey(entry.manifest), clause: rule!.clause,
          zh: `${entry.manifest.applicant.name} 本年度各申报的补助合计 ${formatCny(total)} 超过每家企业年度上限 ${formatCny(cap)}：本申报可兑付 ${formatCny(payable.get(entry.dossier) ?? 0)}（同一企业的其他申报：${others.map(label).join('、')}）`,
          en: `${entry.manifest.applicant.name}'s subsidies this year add up to ${formatCny(total)}, above the per-firm yearly cap of ${formatCny(cap)}: ${formatCny(payable.get(entry.dossier) ?? 0)} payable on this dossier (the firm's other dossiers: ${others.map(labelEn).join(', ')})`,
        }),
      });
    }
  }
}

/** Each claim's payable subsidy after the firm caps: the dossier's payable shared in proportion to its claims' payable. */
function payableByClaim(entry: BatchDossier, payable: Fen): { claimId: string; fen: Fen }[] {
  const claims = entry.report.subsidy?.perClaim ?? [];
  const weights = claims.map((claim) => claim.payableFen ?? claim.subsidyFen);
  const shares = shareProRata(weights, Math.min(payable, weights.reduce((sum, value) => sum + value, 0)));
  return claims.map((claim, index) => ({ claimId: claim.claimId, fen: shares[index]! }));
}

function providerCapFindings(profile: Profile, dossiers: readonly BatchDossier[], payable: Map<string, Fen>, issueFen: Fen, findings: CrossDossierFinding[]): void {
  const caps = profile.subsidy!.providerCaps;
  if (caps.length === 0) return;
  const byProvider = new Map<string, { name: string; fen: Fen; dossiers: Map<string, { entry: BatchDossier; fen: Fen }> }>();
  for (const entry of dossiers) {
    const claims = new Map(entry.manifest.claims.map((claim) => [claim.id, claim]));
    for (const { claimId, fen } of payableByClaim(entry, payable.get(entry.dossier) ?? 0)) {
      const name = claims.get(claimId)?.counterparty;
      if (!name || fen === 0) continue;
      const key = normalizePartyName(name);
      const provider = byProvider.get(key) ?? { name, fen: 0, dossiers: new Map() };
      provider.fen += fen;
      const own = provider.dossiers.get(entry.dossier) ?? { entry, fen: 0 };
      own.fen += fen;
      provider.dossiers.set(entry.dossier, own);
      byProvider.set(key, provider);
    }
  }
  for (const cap of caps) {
    const limits = [cap.capPerProvider, cap.shareOfIssue ? applyRateDown(issueFen, cap.shareOfIssue) : null].filter((value): value is Fen => value !== null);
    const limit = Math.min(...limits);
    const limitText = cap.shareOfIssue ? `${formatCny(limit)}（发放总额 ${formatCny(issueFen)} × ${cap.shareOfIssue}）` : formatCny(limit);
    const limitTextEn = cap.shareOfIssue ? `${formatCny(limit)} (total issue ${formatCny(issueFen)} × ${cap.shareOfIssue})` : formatCny(limit);
    for (const provider of byProvider.values()) {
      if (provider.fen <= limit) continue;
      const involved = [...provider.dossiers.values()];
      for (const { entry, fen } of involved) {
        const others = involved.filter((other) => other.entry !== entry).map((other) => other.entry);
        findings.push({
          dossier: entry.dossier,
          finding: makeFinding({
            rule: 'provider-cap-across-dossiers', severity: 'warning', subject: `${normalizePartyName(provider.name)}:${cap.clause}`, clause: cap.clause,
            zh: `服务机构“${provider.name}”在本轮可兑付的补助合计 ${formatCny(provider.fen)}（本申报 ${formatCny(fen)}）超过${cap.label.zh} ${limitText}${others.length > 0 ? `；其他申报：${others.map(label).join('、')}` : ''}`,
            en: `Provider "${provider.name}" would be paid ${formatCny(provider.fen)} this round (${formatCny(fen)} on this dossier), above ${cap.label.en} of ${limitTextEn}${others.length > 0 ? `; other dossiers: ${others.map(labelEn).join(', ')}` : ''}`,
          }),
        });
      }
    }
  }
}

/**
 * The rules over a round. `issueFen` is the city's total issue for share caps; by default the
 * payable subsidies of the round.
 */
export function applyBatchRules(profile: Profile, dossiers: readonly BatchDossier[], options: { issueFen?: Fen } = {}): BatchResult {
  const ofProgram = dossiers.filter((entry) => entry.manifest.program === profile.id);
  const findings: CrossDossierFinding[] = sharedContactFindings(profile, ofProgram.map(({ dossier, manifest }) => ({ dossier, manifest })));
  const payable = new Map<string, Fen>(ofProgram.map((entry) => [entry.dossier, entry.report.subsidy?.subsidyFen ?? 0]));
  if (profile.subsidy) {
    firmCapFindings(profile, ofProgram, payable, findings);
    const issueFen = options.issueFen ?? [...payable.values()].reduce((sum, fen) => sum + fen, 0);
    providerCapFindings(profile, ofProgram, payable, issueFen, findings);
  }
  return { payableFen: payable, findings };
}

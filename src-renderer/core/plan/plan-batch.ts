// A batch's funding plan from what a host has: each dossier's manifest and review files. Every
// dossier is checked (the report the export shows, with the other dossiers as peers), the panel's
// score taken from the chair's result or the experts' aggregation, the rules over the round applied
// (firm and provider caps, shared contacts), then the awards fitted into the budget.
import { evaluateDossier } from '../engine/evaluate';
import { reportVerdictQualifier, type VerdictQualifier } from '../engine/verdict-open-work';
import { findBand } from '../engine/scoring';
import { parsePoints } from '../engine/points';
import { panelOutcomeOf } from '../panel/panel-outcome';
import { reviewForReport } from '../panel/review-for-report';
import type { Profile } from '../profiles/schema';
import { InvalidInputError } from '../result';
import type { CheckReport, DossierManifest, Fen, Finding, ReviewFile } from '../types';
import { applyBatchRules } from './batch-rules';
import { buildFundingPlan, type Allocation, type FundingPlan, type PlanCandidate } from './funding-plan';

export interface PlanDossierInput {
  /** How the dossier is named (folder path on the command line, the applicant in the app). */
  dossier: string;
  profile: Profile;
  manifest: DossierManifest;
  reviews: ReviewFile[];
}

export interface BatchPlan {
  plan: FundingPlan;
  /** Findings of the rules over the round, per dossier (each naming the other dossiers). */
  batchFindings: { dossier: string; finding: Finding }[];
  reports: Map<string, CheckReport>;
  /** Each dossier's audit verdict with what qualifies it: provisional while error findings are open on an unsigned review. */
  verdicts: Map<string, VerdictQualifier>;
}

const INELIGIBLE_RULES = new Set(['eligibility-threshold', 'eligibility-not-met']);

function ineligibility(report: CheckReport): string[] {
  return report.findings
    .filter((finding) => INELIGIBLE_RULES.has(finding.rule) && finding.severity === 'error' && finding.status !== 'dismissed')
    .map((finding) => finding.message);
}

export function planBatch(dossiers: readonly PlanDossierInput[], budgetFen: Fen, allocation: Allocation, options: { issueFen?: Fen } = {}): BatchPlan {
  if (dossiers.length === 0) throw new InvalidInputError('no dossiers to plan');
  const profile = dossiers[0]!.profile;
  for (const entry of dossiers) {
    if (entry.profile.id !== profile.id) throw new InvalidInputError(`program ${entry.profile.id} differs from ${profile.id}: a funding plan covers one program`, entry.dossier);
  }
  const reports = new Map<string, CheckReport>();
  for (const entry of dossiers) {
    const peers = dossiers.filter((other) => other !== entry).map((other) => ({ dossier: other.dossier, manifest: other.manifest }));
    reports.set(entry.dossier, evaluateDossier({
      profile, manifest: entry.manifest, review: reviewForReport(entry.reviews), dossierLabel: entry.dossier, peers,
    }));
  }
  const batch = applyBatchRules(profile, dossiers.map((entry) => ({ dossier: entry.dossier, manifest: entry.manifest, report: reports.get(entry.dossier)! })), options);
  const scoring = profile.scoring;
  const candidates: PlanCandidate[] = dossiers.map((entry) => {
    const report = reports.get(entry.dossier)!;
    const category = entry.manifest.applicant.category;
    const outcome = panelOutcomeOf(profile, category, entry.reviews);
    const score = outcome?.total ?? report.score?.total ?? null;
    const band = scoring && score !== null ? findBand(scoring.bands, parsePoints(score, 'score')) : null;
    const ineligibleBecause = ineligibility(report);
    return {
      dossier: entry.dossier,
      applicant: entry.manifest.applicant.name,
      ...(entry.manifest.applicant.creditCode ? { creditCode: entry.manifest.applicant.creditCode } : {}),
      category,
      eligible: ineligibleBecause.length === 0,
      ...(ineligibleBecause.length > 0 ? { ineligibleBecause } : {}),
      auditVerdict: report.verdict,
      score,
      band: band?.label ?? null,
      capFen: scoring ? (band?.awardCap[category] ?? 0) : (batch.payableFen.get(entry.dossier) ?? 0),
    };
  });
  const plan = buildFundingPlan(candidates, budgetFen, allocation, { scored: scoring !== null, lowestBandMin: scoring?.bands[0]?.min ?? null });
  const verdicts = new Map(dossiers.map((entry) => [entry.dossier, reportVerdictQualifier(reports.get(entry.dossier)!, entry.reviews)]));
  return { plan, batchFindings: batch.findings, reports, verdicts };
}

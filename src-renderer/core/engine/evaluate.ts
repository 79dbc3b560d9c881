// evaluateDossier: the whole check of one dossier against its program profile and a review,
// producing the CheckReport of DESIGN.md. Pure: no I/O; invalid input throws InvalidInputError.

import { formatCny } from '../money/yuan';
import type { Profile } from '../profiles/schema';
import type { ImportProblem } from '../import/problems';
import { InvalidInputError } from '../result';
import type { CheckReport, DossierManifest, FileExtraction, Finding, ReviewFile } from '../types';
import { runDossierRules, matchInvoicesToClaims, sharedContactFindings, sharedInvoiceFindings, type LabelledManifest } from './findings';
import { fileProblemFindings } from './findings/file-problems';
import { makeFinding } from './findings/make-finding';
import { claimsDeferredToNextRound } from './findings/invoice-date-window';
import { buildLedger, type CutLedger, type LedgerSources } from './ledger';
import { reconcileDossier, revenueEligibilityFindings } from './reconcile';
import { resolveRubric, rubricWeightsOf, scoreReview, type ReviewScore, type Rubric } from './scoring';

export { rubricWeightsOf } from './scoring';
import { computeSubsidy, type SubsidyResult } from './subsidy';
import { auditVerdict, type AuditVerdict } from './verdict';
import { correctionsOf, evaluatePrereview, prereviewSummary, type PrereviewResult } from '../prereview/evaluate';
import { missingRequiredComments, signOffProblems } from '../panel/sign-off';
import { partiesOfDossier, screenConflicts } from '../panel/conflict-screening';

export interface EvaluateInput {
  profile: Profile;
  manifest: DossierManifest;
  review?: ReviewFile | null;
  /** Invoices read from the dossier's files; without them, rules use the claims' own fields. */
  extractions?: readonly FileExtraction[] | null;
  /** Other dossiers of the store or batch, for cross-dossier rules (same contact person or phone, same invoice). */
  peers?: readonly LabelledManifest[];
  /** How this dossier is named among its peers. */
  dossierLabel?: string;
  /** File names used in error messages. */
  sources?: LedgerSources;
  /** The formal pre-review of the dossier's files (read by content); without it, by the manifest's kinds. */
  prereview?: PrereviewResult | null;
  /** What the import said about the dossier's files: refused, unreadable and missing ones become findings. */
  fileProblems?: readonly ImportProblem[];
}

function checkInputsAgree(profile: Profile, manifest: DossierManifest, review: ReviewFile | null, sources: LedgerSources): void {
  const categories = profile.categories.map((category) => category.id);
  if (!categories.includes(manifest.applicant.category)) {
    throw new InvalidInputError(
      `applicant.category "${manifest.applicant.category}" is not a category of ${profile.id} (known: ${categories.join(', ')})`,
      sources.manifest,
    );
  }
  if (review && review.program !== manifest.program) {
    throw new InvalidInputError(`program "${review.program}" does not match the dossier's program "${manifest.program}"`, sources.review);
  }
}

function verdictFindings(profile: Profile, verdict: AuditVerdict, claimedFen: number, cutFen: number): Finding[] {
  if (verdict.verdict === 'pass') return [];
  return [makeFinding({
    rule: 'audit-cut-threshold', severity: 'error', clause: profile.auditCut.clause,
    zh: `核减 ${formatCny(cutFen)} 占申报 ${formatCny(claimedFen)} 的 ${verdict.cutRatio}，超过 ${verdict.threshold}：${profile.auditCut.consequence.zh}`,
    en: `Cuts of ${formatCny(cutFen)} are ${verdict.cutRatio} of the claimed ${formatCny(claimedFen)}, above ${verdict.threshold}: ${profile.auditCut.consequence.en}`,
  })];
}

function subsidyFindings(profile: Profile, subsidy: SubsidyResult, manifest: DossierManifest): Finding[] {
  const rule = profile.subsidy!;
  const clause = rule.byCategory[manifest.applicant.category]?.clause ?? rule.clause;
  const findings: Finding[] = [];
  for (const contract of subsidy.contractCapped) {
    findings.push(makeFinding({
      rule: 'subsidy-contract-cap', severity: 'info', subject: contract, clause,
      zh: `合同 ${contract} 的补助达到单个合同上限 ${formatCny(subsidy.capPerContractFen ?? 0)}`,
      en: `Contract ${contract} reaches the per-contract cap of ${formatCny(subsidy.capPerContractFen ?? 0)}`,
    }));
  }
  if (subsidy.firmCapped) {
    findings.push(makeFinding({
      rule: 'subsidy-firm-cap', severity: 'info', clause,
      zh: `补助合计 ${formatCny(subsidy.beforeFirmCapFen)} 超过每家企业年度上限，按 ${formatCny(subsidy.subsidyFen)} 计`,
      en: `Subsidies of ${formatCny(subsidy.beforeFirmCapFen)} exceed the per-firm yearly cap; ${formatCny(subsidy.subsidyFen)} applies`,
    }));
  }
  // On payable subsidies (after the firm's yearly cap); a share of the city's issue needs the whole round (core/plan/batch-rules.ts).
  const counterpartyOf = new Map(manifest.claims.map((claim) => [claim.id, claim.counterparty]));
  for (const cap of rule.providerCaps) {
    if (cap.capPerProvider === null) continue;
    const byProvider = new Map<string, number>();
    for (const entry of subsidy.perClaim) {
      const provider = counterpartyOf.get(entry.claimId);
      if (provider) byProvider.set(provider, (byProvider.get(provider) ?? 0) + entry.payableFen);
    }
    for (const [provider, fen] of byProvider) {
      if (fen <= cap.capPerProvider) continue;
      findings.push(makeFinding({
        rule: 'subsidy-provider-cap', severity: 'warning', subject: provider, clause: cap.clause,
        zh: `服务机构“${provider}”本申报可兑付的补助 ${formatCny(fen)} 超过${cap.label.zh} ${formatCny(cap.capPerProvider)}`,
        en: `Provider "${provider}" would be paid ${formatCny(fen)}, above ${cap.label.en} of ${formatCny(cap.capPerProvider)}`,
      }));
    }
  }
  return findings;
}

const PARTY_ROLE = { applicant: ['申报单位', 'the applicant'], customer: ['客户', 'a customer'], vendor: ['服务机构', 'a vendor'] } as const;
const RELATION = { employer: ['任职单位', 'employer'], client: ['客户', 'client'] } as const;

/** Declared employers and clients of the reviewer that are parties of the dossier: flagged before scoring. */
function conflictScreeningFindings(profile: Profile, manifest: DossierManifest, review: ReviewFile | null, extractions: readonly FileExtraction[]): Finding[] {
  if (!review?.conflictOfInterest?.relations?.length) return [];
  const parties = partiesOfDossier(manifest, profile.invoiceParties.applicantIs === 'seller', extractions);
  return screenConflicts(review, parties).map((hit) => makeFinding({
    rule: 'conflict-of-interest-match', severity: 'warning', subject: `${hit.reviewer}:${hit.declared.name}:${hit.party.role}:${hit.party.name}`,
    zh: `评审人 ${hit.reviewer} 申报的近三年${RELATION[hit.declared.relation][0]}“${hit.declared.name}”与${PARTY_ROLE[hit.party.role][0]}“${hit.party.name}”${hit.matchedBy === 'credit-code' ? '统一社会信用代码相同' : '名称相同（规范化后）'}：评分前请确认是否回避`,
    en: `Reviewer ${hit.reviewer} declared "${hit.declared.name}" as ${RELATION[hit.declared.relation][1]} of the last three years; it is ${PARTY_ROLE[hit.party.role][1]}, "${hit.party.name}" (${hit.matchedBy === 'credit-code' ? 'same credit code' : 'same name after normalisation'}): decide on recusal before scoring`,
  }));
}

function reviewerFindings(review: ReviewFile | null): Finding[] {
  if (!review?.conflictOfInterest?.declared) return [];
  return [makeFinding({
    rule: 'conflict-of-interest', severity: 'warning', subject: review.reviewer.name,
    zh: `评审人 ${review.reviewer.name} 已申报利益冲突${review.conflictOfInterest.note ? `：${review.conflictOfInterest.note}` : ''}，其评分不计入`,
    en: `Reviewer ${review.reviewer.name} declared a conflict of interest${review.conflictOfInterest.note ? `: ${review.conflictOfInterest.note}` : ''}; their scores do not count`,
  })];
}

/** The review's scores against the rubric (the chair's weights when the review carries them); null when unscored. */
function scoredReview(profile: Profile, review: ReviewFile | null, category: string, sources: LedgerSources): { rubric: Rubric; result: ReviewScore } | null {
  if (!review || Object.keys(review.scores).length === 0) return null;
  if (!profile.scoring) throw new InvalidInputError(`scores given, but ${profile.id} has no scoring rubric`, sources.review);
  const rubric = resolveRubric(profile.scoring, rubricWeightsOf(review), sources.review);
  return { rubric, result: scoreReview(profile.scoring, rubric, category, review.scores, sources.review) };
}

function scoreOf(profile: Profile, review: ReviewFile | null, category: string, sources: LedgerSources): { score: CheckReport['score']; findings: Finding[] } {
  const scored = scoredReview(profile, review, category, sources);
  if (!review || !scored || !profile.scoring) return { score: null, findings: [] };
  const { rubric, result } = scored;
  const findings: Finding[] = [];
  if (result.missingCriteria.length > 0) {
    const labels = new Map(profile.scoring.dimensions.flatMap((dimension) => dimension.criteria.map((criterion) => [criterion.id, criterion.label] as const)));
    const named = (language: 'zh' | 'en') => result.missingCriteria.map((id) => labels.get(id)?.[language] ?? id);
    findings.push(makeFinding({
      rule: 'score-incomplete', severity: 'warning', clause: profile.scoring.clause,
      zh: `评分未完成：${named('zh').join('、')} 未打分`,
      en: `Scoring incomplete: ${named('en').join(', ')} not scored`,
    }));
  }
  const uncommented = missingRequiredComments(profile, review, result);
  const commentRule = profile.scoring.commentsRequired;
  if (uncommented.length > 0 && commentRule) {
    findings.push(makeFinding({
      rule: 'score-comment-required', severity: 'warning', clause: commentRule.clause, subject: review.reviewer.name,
      zh: `总分 ${result.total}（${result.band ?? '低于最低分数段'}）须逐项填写评语，缺：${uncommented.join('、')}`,
      en: `A total of ${result.total} (${result.band ?? 'under the lowest band'}) needs a comment on every criterion; missing: ${uncommented.join(', ')}`,
    }));
  }
  if (review.decision?.signedAt) {
    const problems = signOffProblems(profile, review, category, sources.review).filter((problem) => problem.kind !== 'comment-required' && problem.kind !== 'unfinished');
    for (const problem of problems) {
      findings.push(makeFinding({
        rule: 'sign-off-incomplete', severity: 'warning', subject: `${review.reviewer.name}:${problem.kind}`, clause: commentRule?.clause ?? profile.scoring.clause,
        zh: `已签署，但${problem.zh}`,
        en: `Signed off, but: ${problem.en}`,
      }));
    }
  }
  return {
    score: { total: result.total, band: result.band, awardCapFen: result.awardCapFen, rubricOfficial: rubric.official, missingCriteria: result.missingCriteria },
    findings,
  };
}

function withStatuses(findings: Finding[], review: ReviewFile | null): Finding[] {
  const statuses = new Map((review?.findings ?? []).map((entry) => [entry.id, entry.status]));
  return findings.map((finding) => {
    const status = statuses.get(finding.id);
    return status ? { ...finding, status } : finding;
  });
}

/** The inputs checked against each other, the ledger of claims and cuts, and the audit-cut verdict on it. */
function cutVerdict(profile: Profile, manifest: DossierManifest, review: ReviewFile | null, sources: LedgerSources): { ledger: CutLedger; verdict: AuditVerdict } {
  checkInputsAgree(profile, manifest, review, sources);
  const ledger = buildLedger(manifest, review?.cuts ?? [], sources);
  return { ledger, verdict: auditVerdict(ledger.claimedFen, ledger.cutFen, profile.auditCut.threshold) };
}

export interface DossierStanding {
  verdict: 'pass' | 'fail';
  /** The review's total (points as text), null when unscored. */
  scoreTotal: string | null;
}

/**
 * A dossier's verdict and score as the whole check gives them (evaluateDossier: the same ledger,
 * verdict and scoring), from the dossier and the review alone: no evidence is read and no rule runs,
 * so a list of many dossiers can show them cheaply. Invalid input throws as evaluateDossier does.
 */
export function dossierStanding(profile: Profile, manifest: DossierManifest, review: ReviewFile | null, sources: LedgerSources = {}): DossierStanding {
  const { verdict } = cutVerdict(profile, manifest, review, sources);
  return { verdict: verdict.verdict, scoreTotal: scoredReview(profile, review, manifest.applicant.category, sources)?.result.total ?? null };
}

export function evaluateDossier(input: EvaluateInput): CheckReport {
  const { profile, manifest } = input;
  const review = input.review ?? null;
  const sources = input.sources ?? {};
  const { ledger, verdict } = cutVerdict(profile, manifest, review, sources);
  const invoicesByClaimForDeferral = input.extractions ? matchInvoicesToClaims(manifest.claims, input.extractions) : null;
  const deferred = claimsDeferredToNextRound(profile, manifest, invoicesByClaimForDeferral);
  const subsidy = profile.subsidy ? computeSubsidy(profile.subsidy, manifest.applicant.category, ledger.claims, manifest.claims, deferred) : null;
  const scored = scoreOf(profile, review, manifest.applicant.category, sources);
  const invoicesByClaim = invoicesByClaimForDeferral;
  const reconciliation = input.extractions ? reconcileDossier({ profile, manifest, review, extractions: input.extractions, ledger }) : null;
  const label = input.dossierLabel ?? manifest.applicant.name;
  const prereview = input.prereview ?? evaluatePrereview({ profile, applicant: manifest.applicant, documents: manifest.documents, readings: null, review, corrections: correctionsOf(review) });
  const crossFindings = input.peers && input.peers.length > 0
    ? [
      ...sharedContactFindings(profile, [{ dossier: label, manifest }, ...input.peers])
        .filter((entry) => entry.dossier === label)
        .map((entry) => entry.finding),
      ...sharedInvoiceFindings(profile, { dossier: label, manifest }, input.peers, invoicesByClaim),
    ]
    : [];
  const findings: Finding[] = [
    ...(profile.id === manifest.program ? [] : [makeFinding({
      rule: 'profile-program-mismatch', severity: 'warning',
      zh: `申报材料的项目为 ${manifest.program}，按规则 ${profile.id} 审核`,
      en: `The dossier is for ${manifest.program}; checked against profile ${profile.id}`,
    })]),
    ...verdictFindings(profile, verdict, ledger.claimedFen, ledger.cutFen),
    ...fileProblemFindings(input.fileProblems ?? [], prereview.documents.map((document) => ({
      file: document.file, kind: document.kind,
      materialKinds: document.material === null ? null : profile.materials.find((item) => item.id === document.material)?.documentKinds ?? null,
    }))),
    ...runDossierRules({ profile, manifest, review, ledger, invoicesByClaim }),
    ...prereview.findings,
    ...revenueEligibilityFindings({ profile, manifest, ledger, reconciliation }),
    ...crossFindings,
    ...(subsidy ? subsidyFindings(profile, subsidy, manifest) : []),
    ...scored.findings,
    ...reviewerFindings(review),
    ...conflictScreeningFindings(profile, manifest, review, input.extractions ?? []),
  ];
  return {
    program: manifest.program,
    profileVersion: profile.version,
    claimedFen: ledger.claimedFen,
    cutFen: ledger.cutFen,
    approvedFen: ledger.approvedFen,
    cutRatio: verdict.cutRatio,
    threshold: verdict.threshold,
    verdict: verdict.verdict,
    headroomFen: verdict.headroomFen,
    subsidy: subsidy && {
      baseFen: subsidy.baseFen,
      subsidyFen: subsidy.subsidyFen,
      rate: subsidy.rate,
      capPerContractFen: subsidy.capPerContractFen,
      capPerFirmPerYearFen: subsidy.capPerFirmPerYearFen,
      firmCapped: subsidy.firmCapped,
      perClaim: subsidy.perClaim.map((entry) => ({ claimId: entry.claimId, baseFen: entry.baseFen, subsidyFen: entry.subsidyFen, payableFen: entry.payableFen, ...(entry.deferred ? { deferred: true } : {}) })),
    },
    score: scored.score,
    findings: withStatuses(findings, review),
    ...prereviewSummary(prereview),
    reconciliation: reconciliation?.rows ?? null,
    proposedCutFen: reconciliation?.proposedCutFen ?? 0,
    verdictIfAccepted: reconciliation?.verdictIfAccepted ?? verdict.verdict,
  };
}

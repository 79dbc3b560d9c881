// Panel consolidation: several reviewers' review files of one dossier become one panel result
// (exact panel score, band and caps) and a report of where the reviewers disagree: outlying
// totals, criteria scored far apart, different cuts of the same claim, findings judged differently.

import { exceedsRatio } from '../money/ratio';
import { formatCny } from '../money/yuan';
import { tryParseYuan } from '../money/yuan';
import type { Profile } from '../profiles/schema';
import { InvalidInputError } from '../result';
import type { Fen, ReviewFile } from '../types';
import { aggregatePanel, type PanelMember, type PanelOptions, type PanelScore } from './score-aggregation';
import { parsePoints } from '../engine/points';
import { resolveRubric, rubricWeightsOf, scoreReview, type Rubric } from '../engine/scoring';

export interface NamedReview {
  /** The file the review came from, named in errors and in the result. */
  source: string;
  review: ReviewFile;
}

export interface MergeOptions extends Partial<PanelOptions> {
  /** A criterion is flagged when its scores spread more than this share of its maximum (default "0.30"). */
  criterionSpreadRatio?: string;
  /** The chair's summary; without it, the opinion of the chair's own review file (role chair), if any. */
  chairSummary?: string;
}

/** One expert's work as the chair's score sheet shows it: scores, comments, opinion, and how it counts. */
export interface PanelReviewer {
  source: string;
  name: string;
  role: string;
  organisation: string | null;
  scores: Record<string, string>;
  comments: Record<string, string>;
  opinion: string | null;
  /** The expert's own total ("85.50"), null when they scored nothing. */
  total: string | null;
  /** Criteria the expert has not scored: their total is unfinished, and so is the panel's until they do. */
  missingCriteria: string[];
  conflictOfInterest: { declared: boolean; note: string };
  excludedReason: PanelMember['excludedReason'];
  signedAt: string | null;
}

export interface Disagreement {
  kind: 'score-outlier' | 'criterion-spread' | 'cut-amount' | 'finding-status';
  subject: string;
  message: string;
  messageEn: string;
}

export interface ClaimCutComparison {
  claimId: string;
  agreed: boolean;
  byReviewer: { reviewer: string; amountFen: Fen; reasons: string[] }[];
}

export interface PanelResult {
  schema: 'dossier-desk/panel@1';
  program: string;
  profileVersion: string;
  dossierId: string | null;
  rubricOfficial: boolean;
  reviewers: PanelReviewer[];
  panel: PanelScore | null;
  /** The chair's summary of the panel's view, null when none was written. */
  chairSummary: string | null;
  /** The chair's name when a chair's review file was among the inputs. */
  chair: string | null;
  /** Experts whose scores are unfinished (criteria missing): the panel's total is provisional. */
  unfinished: string[];
  cuts: ClaimCutComparison[];
  disagreements: Disagreement[];
}

function excludedReason(review: ReviewFile): PanelMember['excludedReason'] {
  if (review.conflictOfInterest?.declared) return 'conflict-of-interest';
  const decision = review.decision as Record<string, unknown> | undefined;
  if (review.recused === true || decision?.recused === true) return 'recused';
  return null;
}

/** The chair's consolidated result (written by the consolidation screen): it carries the panel, it is not one more expert. */
export function isChairResult(review: ReviewFile): boolean {
  return review.reviewer.role === 'chair' && typeof review.panel === 'object' && review.panel !== null;
}

function checkSameDossier(profile: Profile, reviews: readonly NamedReview[]): void {
  if (reviews.length === 0) throw new InvalidInputError('no review files to merge');
  const first = reviews[0]!;
  const names = new Map<string, string>();
  for (const { source, review } of reviews) {
    if (review.program !== first.review.program) {
      throw new InvalidInputError(`program "${review.program}" differs from "${first.review.program}" in ${first.source}`, source);
    }
    if (review.program !== profile.id) {
      throw new InvalidInputError(`program "${review.program}" is not the profile's program "${profile.id}"`, source);
    }
    if (review.dossierId && first.review.dossierId && review.dossierId !== first.review.dossierId) {
      throw new InvalidInputError(`dossierId ${review.dossierId} is another dossier than ${first.review.dossierId} in ${first.source}`, source);
    }
    if (isChairResult(review)) continue;
    const earlier = names.get(review.reviewer.name);
    if (earlier) throw new InvalidInputError(`reviewer "${review.reviewer.name}" already appears in ${earlier}`, source);
    names.set(review.reviewer.name, source);
  }
}

/** The rubric in force: the weights carried by a review (the chair's); all carrying weights must agree. */
function panelRubric(profile: Profile, reviews: readonly NamedReview[]): Rubric | null {
  if (!profile.scoring) return null;
  let chosen: { source: string; weights: Record<string, string> } | null = null;
  for (const { source, review } of reviews) {
    const weights = rubricWeightsOf(review);
    if (!weights) continue;
    if (chosen && JSON.stringify(weights) !== JSON.stringify(chosen.weights)) {
      throw new InvalidInputError(`rubricWeights differ from those in ${chosen.source}`, source);
    }
    chosen ??= { source, weights };
  }
  return resolveRubric(profile.scoring, chosen?.weights, chosen?.source);
}

function compareCuts(reviews: readonly NamedReview[]): ClaimCutComparison[] {
  const cutters = reviews.filter(({ review }) => review.cuts.length > 0 || review.reviewer.role === 'auditor');
  if (cutters.length < 2) return [];
  const claimIds = [...new Set(cutters.flatMap(({ review }) => review.cuts.map((cut) => cut.claimId)))].sort();
  return claimIds.map((claimId) => {
    const byReviewer = cutters.map(({ review }) => {
      const cuts = review.cuts.filter((cut) => cut.claimId === claimId);
      return {
        reviewer: review.reviewer.name,
        amountFen: cuts.reduce((sum, cut) => sum + (tryParseYuan(cut.amount) ?? 0), 0),
        reasons: [...new Set(cuts.map((cut) => cut.reason))],
      };
    });
    return { claimId, agreed: new Set(byReviewer.map((entry) => entry.amountFen)).size === 1, byReviewer };
  });
}

function findingStatusDisagreements(reviews: readonly NamedReview[]): Disagreement[] {
  const statuses = new Map<string, { reviewer: string; status: string }[]>();
  for (const { review } of reviews) {
    for (const finding of review.findings) {
      statuses.set(finding.id, [...(statuses.get(finding.id) ?? []), { reviewer: review.reviewer.name, status: finding.status }]);
    }
  }
  return [...statuses].filter(([, list]) => new Set(list.map((entry) => entry.status)).size > 1).map(([id, list]) => {
    const detail = list.map((entry) => `${entry.reviewer}: ${entry.status}`).join(', ');
    return { kind: 'finding-status', subject: id, message: `问题 ${id} 的处理意见不一致（${detail}）`, messageEn: `Finding ${id} is judged differently (${detail})` };
  });
}

/** Merges reviewers' files of one dossier; throws InvalidInputError naming the file for mixed dossiers or invalid scores. */
export function mergeReviews(profile: Profile, reviews: readonly NamedReview[], options: MergeOptions = {}): PanelResult {
  checkSameDossier(profile, reviews);
  const rubric = panelRubric(profile, reviews);
  const scoring = reviews.filter(({ review }) => !isChairResult(review));
  const reviewers: PanelReviewer[] = [];
  const members: PanelMember[] = scoring.map(({ source, review }) => {
    const hasScores = Object.keys(review.scores).length > 0;
    if (hasScores && (!profile.scoring || !rubric)) throw new InvalidInputError(`scores given, but ${profile.id} has no scoring rubric`, source);
    // Only the total and the per-criterion points are used: the panel's award caps, per category, come from aggregatePanel.
    const scored = hasScores ? scoreReview(profile.scoring!, rubric!, profile.categories[0]!.id, review.scores, source) : null;
    const reason = excludedReason(review);
    reviewers.push({
      source,
      name: review.reviewer.name,
      role: review.reviewer.role,
      organisation: review.reviewer.organisation?.trim() || null,
      scores: { ...review.scores },
      comments: { ...(review.comments ?? {}) },
      opinion: review.opinion?.trim() || null,
      total: scored?.total ?? null,
      missingCriteria: scored?.missingCriteria ?? [],
      conflictOfInterest: { declared: review.conflictOfInterest?.declared ?? false, note: review.conflictOfInterest?.note ?? '' },
      excludedReason: reason,
      signedAt: review.decision?.signedAt ?? null,
    });
    return {
      reviewer: review.reviewer.name,
      role: review.reviewer.role,
      excludedReason: reason,
      totalHundredths: scored?.totalHundredths ?? null,
      perCriterion: scored?.perCriterion ?? {},
    };
  });
  const panel = profile.scoring && members.some((member) => member.totalHundredths !== null)
    ? aggregatePanel(profile.scoring, members, options)
    : null;
  const disagreements: Disagreement[] = [];
  for (const member of panel?.members ?? []) {
    if (!member.outlier) continue;
    disagreements.push({
      kind: 'score-outlier', subject: member.reviewer,
      message: `${member.reviewer} 的总分 ${member.total} 偏离中位数 ${panel!.median} 达 ${member.deviationFromMedian} 分（超过 ${options.outlierMargin ?? '15'} 分）`,
      messageEn: `${member.reviewer}'s total ${member.total} is ${member.deviationFromMedian} points from the median ${panel!.median} (more than ${options.outlierMargin ?? '15'})`,
    });
  }
  const spreadRatio = options.criterionSpreadRatio ?? '0.30';
  for (const criterion of panel?.criteria ?? []) {
    const max = rubric!.criteria.find((entry) => entry.id === criterion.id)!.maxHundredths;
    if (criterion.scoredBy < 2 || !exceedsRatio(parsePoints(criterion.spread, 'spread'), max, spreadRatio)) continue;
    disagreements.push({
      kind: 'criterion-spread', subject: criterion.id,
      message: `评分项 ${criterion.id} 分歧较大：${criterion.min} 至 ${criterion.max}（满分 ${max / 100}）`,
      messageEn: `Criterion ${criterion.id} is scored far apart: ${criterion.min} to ${criterion.max} (max ${max / 100})`,
    });
  }
  const cuts = compareCuts(reviews);
  const chairReview = reviews.find(({ review }) => review.reviewer.role === 'chair');
  for (const comparison of cuts.filter((entry) => !entry.agreed)) {
    const detail = comparison.byReviewer.map((entry) => `${entry.reviewer} ${formatCny(entry.amountFen)}`).join('，');
    const detailEn = comparison.byReviewer.map((entry) => `${entry.reviewer} ${formatCny(entry.amountFen)}`).join(', ');
    disagreements.push({
      kind: 'cut-amount', subject: comparison.claimId,
      message: `申报项 ${comparison.claimId} 的核减金额不一致：${detail}`,
      messageEn: `Claim ${comparison.claimId} is cut differently: ${detailEn}`,
    });
  }
  disagreements.push(...findingStatusDisagreements(reviews));
  return {
    schema: 'dossier-desk/panel@1',
    program: profile.id,
    profileVersion: profile.version,
    dossierId: reviews.find(({ review }) => review.dossierId)?.review.dossierId ?? null,
    rubricOfficial: rubric?.official ?? false,
    reviewers,
    panel,
    chairSummary: options.chairSummary?.trim() || chairReview?.review.opinion?.trim() || null,
    chair: chairReview?.review.reviewer.name ?? null,
    unfinished: reviewers.filter((reviewer) => reviewer.excludedReason === null && reviewer.missingCriteria.length > 0).map((reviewer) => reviewer.name),
    cuts,
    disagreements,
  };
}

// The panel's aggregation as the export and the panel screen show it: every expert scored with the
// engine's scoreReview, aggregated with aggregatePanel (conflicts excluded, trimmed mean, outliers
// flagged), and a criterion counted as disputed when its spread, scaled to the whole rubric,
// exceeds the panel's outlier margin (spread × totalMax > margin × criterionMax, exact hundredths).
import { aggregatePanel, DEFAULT_PANEL_OPTIONS, type PanelMember, type PanelOptions } from '../engine/panel';
import { parsePoints } from '../engine/points';
import { resolveRubric, scoreReview } from '../engine/scoring';
import type { Profile } from '../profiles/schema';
import type { ReviewFile } from '../types';
import type { PanelFlag, PanelOutcome } from './model';

export interface PanelAggregation {
  /** Mean score per criterion over the counted experts (exact, 2 decimals), null when nobody scored it. */
  scores: Record<string, string | null>;
  disputed: string[];
  flags: PanelFlag[];
  /** The panel total as the engine computes it (mean or trimmed mean of the experts' totals). */
  total: string | null;
  band: string | null;
  scoredCount: number;
}

export function isScoringReview(review: ReviewFile): boolean {
  return review.reviewer.role !== 'chair' && Object.keys(review.scores).length > 0;
}

export function aggregateReviews(profile: Profile, category: string, reviews: readonly ReviewFile[], options: Partial<PanelOptions> = {}): PanelAggregation {
  const scoring = profile.scoring;
  if (!scoring) return { scores: {}, disputed: [], flags: [], total: null, band: null, scoredCount: 0 };
  const rubric = resolveRubric(scoring);
  const settings = { ...DEFAULT_PANEL_OPTIONS, ...options };
  const marginHundredths = BigInt(parsePoints(settings.outlierMargin, 'outlier margin'));
  const totalMax = BigInt(rubric.totalMaxHundredths);
  const members = reviews.map((review): PanelMember => {
    const scored = Object.keys(review.scores).length > 0 ? scoreReview(scoring, rubric, category, review.scores, review.reviewer.name) : null;
    return {
      reviewer: review.reviewer.name,
      role: review.reviewer.role,
      excludedReason: review.conflictOfInterest?.declared ? 'conflict-of-interest' : null,
      totalHundredths: scored?.totalHundredths ?? null,
      perCriterion: scored?.perCriterion ?? {},
    };
  });
  const panel = aggregatePanel(scoring, members, settings);
  const scores: Record<string, string | null> = {};
  const disputed: string[] = [];
  for (const criterion of rubric.criteria) {
    const stats = panel.criteria.find((entry) => entry.id === criterion.id);
    scores[criterion.id] = stats?.mean ?? null;
    if (stats && BigInt(parsePoints(stats.spread, 'spread')) * totalMax > marginHundredths * BigInt(criterion.maxHundredths)) disputed.push(criterion.id);
  }
  const flags: PanelFlag[] = [];
  for (const result of panel.members) {
    if (result.excludedReason === 'conflict-of-interest') flags.push({ code: 'conflict-of-interest', reviewer: result.reviewer, message: `${result.reviewer} 申明利益冲突，评分不计入` });
    if (result.excludedReason === 'recused') flags.push({ code: 'recused', reviewer: result.reviewer, message: `${result.reviewer} 回避，评分不计入` });
    if (result.outlier) flags.push({ code: 'outlier', reviewer: result.reviewer, message: `${result.reviewer} 总分 ${result.total} 偏离中位数 ${result.deviationFromMedian} 分（超过 ${settings.outlierMargin} 分）` });
    if (result.trimmed) flags.push({ code: 'trimmed', reviewer: result.reviewer, message: `${result.reviewer} 的总分为最高或最低分，去掉最高最低分后不计入` });
  }
  for (const id of disputed) flags.push({ code: 'disputed', criterion: id, message: `指标 ${id} 专家评分差距过大，须由组长裁定` });
  return { scores, disputed, flags, total: panel.total, band: panel.band, scoredCount: panel.scoredCount };
}

/** Total and band of one set of criterion scores (the chair's resolved scores). */
export function totalOfScores(profile: Profile, category: string, scores: Record<string, string>): { total: string; band: string | null } {
  if (!profile.scoring) throw new Error(`${profile.id}: the program has no expert scoring`);
  const scored = scoreReview(profile.scoring, resolveRubric(profile.scoring), category, scores, 'panel');
  return { total: scored.total, band: scored.band };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The panel outcome for the export: the chair's result when a chair review from the panel screen is
 * among the reviews, else the engine's aggregation of two or more scoring experts, else null.
 */
export function panelOutcomeOf(profile: Profile, category: string, reviews: readonly ReviewFile[]): PanelOutcome | null {
  const chair = reviews.find((review) => review.reviewer.role === 'chair' && isRecord(review.panel));
  const experts = reviews.filter(isScoringReview);
  if (chair) {
    const panel = chair.panel as Record<string, unknown>;
    const stated = totalOfScores(profile, category, chair.scores);
    return {
      total: stated.total,
      band: stated.band,
      scores: chair.scores,
      flags: Array.isArray(panel.flags) ? (panel.flags as PanelFlag[]) : [],
      chair: chair.reviewer.name,
      resolutions: Array.isArray(panel.resolutions) ? (panel.resolutions as PanelOutcome['resolutions']) : [],
    };
  }
  if (experts.length < 2 || !profile.scoring) return null;
  const aggregation = aggregateReviews(profile, category, experts);
  const scores: Record<string, string> = {};
  for (const [id, value] of Object.entries(aggregation.scores)) if (value !== null) scores[id] = value;
  return { total: aggregation.total, band: aggregation.band, scores, flags: aggregation.flags, chair: null, resolutions: [] };
}

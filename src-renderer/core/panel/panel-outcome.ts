// The panel's aggregation as the export and the panel screen show it: the engine's mergeReviews
// (experts scored against the rubric, conflicts excluded, trimmed mean, outliers, criteria scored
// far apart, cuts and finding statuses that differ), reduced to what the chair has to see.
import type { PanelOptions } from './score-aggregation';
import { resolveRubric, scoreReview } from '../engine/scoring';
import type { Profile } from '../profiles/schema';
import { mergeReviews, type MergeOptions } from './merge-reviews';
import type { Fen, ReviewFile } from '../types';

/** A flag raised by the panel aggregation (e.g. a score far from the others, a declared conflict). */
export interface PanelFlag {
  code: string;
  message: string;
  reviewer?: string;
  criterion?: string;
}

/** The consolidated panel outcome: the chair's resolved scores and the aggregation's flags. */
export interface PanelOutcome {
  /** Panel total score as an exact decimal string, null when nobody scored. */
  total: string | null;
  band: string | null;
  /** The award cap of the band for the applicant's category, when known. */
  awardCapFen?: number | null;
  /** Resolved score per criterion (exact decimal strings). */
  scores: Record<string, string>;
  flags: PanelFlag[];
  chair: string | null;
  /** Criteria the chair resolved by hand, with the reason given. */
  resolutions: { criterion: string; value: string; note: string }[];
}

export interface PanelAggregation {
  /** Mean score per criterion over the counted experts (exact, 2 decimals), null when nobody scored it. */
  scores: Record<string, string | null>;
  /** Criteria the engine flags as scored far apart: the chair decides them. */
  disputed: string[];
  flags: PanelFlag[];
  /** The panel total as the engine computes it (mean or trimmed mean of the experts' totals). */
  total: string | null;
  band: string | null;
  awardCapFen: Fen | null;
  scoredCount: number;
}

export function isScoringReview(review: ReviewFile): boolean {
  return review.reviewer.role !== 'chair' && Object.keys(review.scores).length > 0;
}

export function aggregateReviews(profile: Profile, category: string, reviews: readonly ReviewFile[], options: Partial<PanelOptions> & MergeOptions = {}): PanelAggregation {
  const empty: PanelAggregation = { scores: {}, disputed: [], flags: [], total: null, band: null, awardCapFen: null, scoredCount: 0 };
  if (reviews.length === 0) return empty;
  const merged = mergeReviews(profile, reviews.map((review, index) => ({ source: review.reviewer.name || `review ${index + 1}`, review })), options);
  const scores: Record<string, string | null> = {};
  for (const criterion of profile.scoring ? resolveRubric(profile.scoring).criteria : []) {
    scores[criterion.id] = merged.panel?.criteria.find((entry) => entry.id === criterion.id)?.mean ?? null;
  }
  const flags: PanelFlag[] = [];
  for (const member of merged.panel?.members ?? []) {
    if (member.excludedReason === 'conflict-of-interest') flags.push({ code: 'conflict-of-interest', reviewer: member.reviewer, message: `${member.reviewer} 申明利益冲突，评分不计入` });
    if (member.excludedReason === 'recused') flags.push({ code: 'recused', reviewer: member.reviewer, message: `${member.reviewer} 回避，评分不计入` });
    if (member.trimmed) flags.push({ code: 'trimmed', reviewer: member.reviewer, message: `${member.reviewer} 的总分为最高或最低分，去掉最高最低分后不计入` });
  }
  for (const name of merged.unfinished) flags.push({ code: 'unfinished', reviewer: name, message: `${name} 的评分未完成（有指标未打分），合议结果非最终` });
  for (const disagreement of merged.disagreements) {
    flags.push({
      code: disagreement.kind,
      message: disagreement.message,
      ...(disagreement.kind === 'score-outlier' ? { reviewer: disagreement.subject } : {}),
      ...(disagreement.kind === 'criterion-spread' ? { criterion: disagreement.subject } : {}),
    });
  }
  return {
    scores,
    disputed: merged.disagreements.filter((entry) => entry.kind === 'criterion-spread').map((entry) => entry.subject),
    flags,
    total: merged.panel?.total ?? null,
    band: merged.panel?.band ?? null,
    awardCapFen: merged.panel ? (merged.panel.awardCapFen[category] ?? 0) : null,
    scoredCount: merged.panel?.scoredCount ?? 0,
  };
}

/** Total and band of one set of criterion scores (the chair's resolved scores). */
export function totalOfScores(profile: Profile, category: string, scores: Record<string, string>): { total: string; band: string | null; awardCapFen: Fen } {
  if (!profile.scoring) throw new Error(`${profile.id}: the program has no expert scoring`);
  const scored = scoreReview(profile.scoring, resolveRubric(profile.scoring), category, scores, 'panel');
  return { total: scored.total, band: scored.band, awardCapFen: scored.awardCapFen };
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
      awardCapFen: stated.awardCapFen,
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
  return { total: aggregation.total, band: aggregation.band, awardCapFen: aggregation.awardCapFen, scores, flags: aggregation.flags, chair: null, resolutions: [] };
}

// The chair's 专家评分汇总表 of one dossier: every expert's scores, comments and opinion beside the
// panel's mean and trimmed mean, outliers, recusals and unfinished scores, the chair's summary and a
// signature line for every expert. The workbook sheet and the printed page both render this model.
import { formatCny } from '../money/yuan';
import type { Profile } from '../profiles/schema';
import type { Fen, ReviewFile } from '../types';
import { isChairResult, mergeReviews, type PanelResult, type PanelReviewer } from './merge-reviews';

export interface ScoreSheetCriterion {
  id: string;
  /** "基本情况：营收规模". */
  label: string;
  max: string;
}

export interface ScoreSheetExpert extends PanelReviewer {
  /** How this expert's total counts, in Chinese: 计入, 未完成（缺…）, 申明利益冲突, 回避, 去掉的最高/最低分. */
  status: string;
  counted: boolean;
  outlier: boolean;
  trimmed: boolean;
}

export interface ScoreSheet {
  applicant: string;
  program: string;
  criteria: ScoreSheetCriterion[];
  experts: ScoreSheetExpert[];
  /** Per criterion, the mean over the counted experts (null when nobody counted scored it). */
  criterionMeans: Record<string, string | null>;
  method: 'mean' | 'trimmed-mean' | null;
  mean: string | null;
  trimmedMean: string | null;
  median: string | null;
  /** The panel's total: the trimmed mean when trimming applies, else the mean. */
  total: string | null;
  band: string | null;
  awardCapFen: Fen | null;
  outliers: string[];
  recusals: { name: string; reason: 'conflict-of-interest' | 'recused'; note: string }[];
  unfinished: { name: string; missing: string[] }[];
  chair: string | null;
  chairSummary: string | null;
  /** Everyone who signs the sheet, experts first, then the chair. */
  signatures: { name: string; organisation: string | null; role: string; signedAt: string | null }[];
  /** Lines of the panel's statistics as printed ("平均分 82.40" …). */
  statistics: string[];
}

function statusOf(reviewer: PanelReviewer, trimmed: boolean, labelOf: (id: string) => string): string {
  if (reviewer.excludedReason === 'conflict-of-interest') return '申明利益冲突，不计分';
  if (reviewer.excludedReason === 'recused') return '回避，不计分';
  if (reviewer.total === null) return '未评分';
  const unfinished = reviewer.missingCriteria.length > 0 ? `未完成（缺：${reviewer.missingCriteria.map(labelOf).join('、')}）；` : '';
  return `${unfinished}${trimmed ? '最高或最低分，去掉' : '计入'}`;
}

/** The score sheet of the given merge; criteria from the profile's rubric. */
export function scoreSheetOf(profile: Profile, category: string, applicant: string, merged: PanelResult): ScoreSheet | null {
  if (!profile.scoring) return null;
  const criteria = profile.scoring.dimensions.flatMap((dimension) => dimension.criteria.map((criterion) => ({
    id: criterion.id, label: `${dimension.label.zh}：${criterion.label.zh}`, max: criterion.max,
  })));
  const panel = merged.panel;
  const labelOf = (id: string) => criteria.find((criterion) => criterion.id === id)?.label ?? id;
  const experts = merged.reviewers
    .filter((reviewer) => Object.keys(reviewer.scores).length > 0 || reviewer.excludedReason !== null || reviewer.role === 'expert')
    .map((reviewer): ScoreSheetExpert => {
      const member = panel?.members.find((entry) => entry.reviewer === reviewer.name);
      const trimmed = member?.trimmed ?? false;
      return {
        ...reviewer,
        status: statusOf(reviewer, trimmed, labelOf),
        counted: reviewer.excludedReason === null && reviewer.total !== null && !trimmed,
        outlier: member?.outlier ?? false,
        trimmed,
      };
    });
  const criterionMeans: Record<string, string | null> = {};
  for (const criterion of criteria) criterionMeans[criterion.id] = panel?.criteria.find((entry) => entry.id === criterion.id)?.mean ?? null;
  const awardCapFen = panel && panel.total !== null ? (panel.awardCapFen[category] ?? 0) : null;
  const statistics: string[] = [];
  if (panel && panel.scoredCount > 0) {
    statistics.push(`计分专家 ${panel.scoredCount} 人；平均分 ${panel.mean}；中位数 ${panel.median}`);
    if (panel.trimmedMean !== null) statistics.push(`去掉一个最高分和一个最低分后的平均分 ${panel.trimmedMean}`);
    statistics.push(`专家组评分 ${panel.total}；${panel.band ? `分数段 ${panel.band}，奖补上限 ${formatCny(awardCapFen ?? 0)}` : '低于最低分数段，不予奖补'}`);
  } else {
    statistics.push('尚无计分的专家评分');
  }
  if (merged.unfinished.length > 0) statistics.push(`${merged.unfinished.join('、')} 的评分未完成：专家组评分非最终`);
  const outliers = experts.filter((expert) => expert.outlier).map((expert) => expert.name);
  if (outliers.length > 0) statistics.push(`偏离中位数较大：${outliers.join('、')}`);
  const chairSigner = merged.chair;
  return {
    applicant,
    program: profile.name.zh,
    criteria,
    experts,
    criterionMeans,
    method: panel?.scoredCount ? panel.method : null,
    mean: panel?.mean ?? null,
    trimmedMean: panel?.trimmedMean ?? null,
    median: panel?.median ?? null,
    total: panel?.total ?? null,
    band: panel?.band ?? null,
    awardCapFen,
    outliers,
    recusals: experts
      .filter((expert) => expert.excludedReason === 'conflict-of-interest' || expert.excludedReason === 'recused')
      .map((expert) => ({ name: expert.name, reason: expert.excludedReason as 'conflict-of-interest' | 'recused', note: expert.conflictOfInterest.note })),
    unfinished: experts.filter((expert) => expert.excludedReason === null && expert.missingCriteria.length > 0).map((expert) => ({ name: expert.name, missing: expert.missingCriteria.map(labelOf) })),
    chair: chairSigner,
    chairSummary: merged.chairSummary,
    signatures: [
      ...experts.map((expert) => ({ name: expert.name, organisation: expert.organisation, role: expert.role, signedAt: expert.signedAt })),
      ...(chairSigner && !experts.some((expert) => expert.name === chairSigner) ? [{ name: chairSigner, organisation: merged.reviewers.find((reviewer) => reviewer.name === chairSigner)?.organisation ?? null, role: 'chair', signedAt: null }] : []),
    ],
    statistics,
  };
}

/** The score sheet of a dossier's review files, or null when no expert scored (or the program has no rubric). */
export function scoreSheetOfReviews(profile: Profile, category: string, applicant: string, reviews: readonly ReviewFile[]): ScoreSheet | null {
  if (!profile.scoring) return null;
  const relevant = reviews.filter((review) => isChairResult(review) || review.reviewer.role !== 'auditor' || Object.keys(review.scores).length > 0);
  if (!relevant.some((review) => !isChairResult(review) && (Object.keys(review.scores).length > 0 || review.conflictOfInterest?.declared))) return null;
  const merged = mergeReviews(profile, relevant.map((review, index) => ({ source: review.reviewer.name || `review ${index + 1}`, review })));
  return scoreSheetOf(profile, category, applicant, merged);
}

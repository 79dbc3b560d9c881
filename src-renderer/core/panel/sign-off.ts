// What a reviewer must have done before signing off: named themselves (name and organisation),
// scored every criterion (an unfinished score is shown and printed as unfinished, never as final),
// written the comments the profile requires for the band the total falls in, and the overall
// opinion where the profile asks for one.
import { resolveRubric, rubricWeightsOf, scoreReview, type ReviewScore } from '../engine/scoring';
import type { Profile } from '../profiles/schema';
import type { ReviewFile } from '../types';

export type SignOffProblemKind = 'reviewer-name' | 'reviewer-organisation' | 'unfinished' | 'comment-required' | 'opinion-required';

export interface SignOffProblem {
  kind: SignOffProblemKind;
  /** The criterion concerned (unfinished, comment-required). */
  criteria?: string[];
  zh: string;
  en: string;
}

/** The name the workstation used before reviewers named themselves; it never signs anything. */
export const PLACEHOLDER_REVIEWER_NAMES: readonly string[] = ['local', '审查员'];

export function isNamedReviewer(reviewer: ReviewFile['reviewer']): boolean {
  const name = reviewer.name.trim();
  return name !== '' && !PLACEHOLDER_REVIEWER_NAMES.includes(name);
}

/**
 * The criteria needing a comment for this score under the profile's rule, and why; empty when none,
 * and while the score is unfinished (the band it falls in is not known until every criterion is scored).
 */
export function commentsRequiredFor(profile: Profile, score: ReviewScore): { criteria: string[]; reason: string | null } {
  const rule = profile.scoring?.commentsRequired;
  if (!rule || score.missingCriteria.length > 0) return { criteria: [], reason: null };
  const inBand = score.band !== null && rule.bands.includes(score.band);
  const below = score.band === null && rule.belowLowestBand;
  if (!inBand && !below) return { criteria: [], reason: null };
  return { criteria: Object.keys(score.perCriterion), reason: below ? 'below-lowest-band' : score.band };
}

function hasText(value: string | undefined): boolean {
  return typeof value === 'string' && value.trim() !== '';
}

/** The review's score against its rubric (the chair's weights when it carries them); null when unscored. */
export function scoreOfReview(profile: Profile, review: ReviewFile, category: string, source?: string): ReviewScore | null {
  if (!profile.scoring || Object.keys(review.scores).length === 0) return null;
  const rubric = resolveRubric(profile.scoring, rubricWeightsOf(review), source);
  return scoreReview(profile.scoring, rubric, category, review.scores, source);
}

/** The comments the profile requires and the review lacks (criterion ids), for the band its total falls in. */
export function missingRequiredComments(profile: Profile, review: ReviewFile, score: ReviewScore | null): string[] {
  if (!score) return [];
  const { criteria } = commentsRequiredFor(profile, score);
  return criteria.filter((id) => !hasText(review.comments?.[id]));
}

/** Everything that stops this review from being signed off; empty when it may be signed. */
export function signOffProblems(profile: Profile, review: ReviewFile, category: string, source?: string): SignOffProblem[] {
  const problems: SignOffProblem[] = [];
  if (!isNamedReviewer(review.reviewer)) {
    problems.push({ kind: 'reviewer-name', zh: '评审人未填写姓名', en: 'The reviewer has not given a name' });
  }
  if (!hasText(review.reviewer.organisation)) {
    problems.push({ kind: 'reviewer-organisation', zh: '评审人未填写工作单位', en: 'The reviewer has not given an organisation' });
  }
  const score = scoreOfReview(profile, review, category, source);
  if (score && score.missingCriteria.length > 0) {
    problems.push({
      kind: 'unfinished', criteria: score.missingCriteria,
      zh: `评分未完成：${score.missingCriteria.join('、')} 未打分`,
      en: `Scoring unfinished: ${score.missingCriteria.join(', ')} not scored`,
    });
  }
  const missing = missingRequiredComments(profile, review, score);
  if (missing.length > 0) {
    const where = score!.band === null ? '低于最低分数段' : `分数段 ${score!.band}`;
    const whereEn = score!.band === null ? 'under the lowest band' : `in band ${score!.band}`;
    problems.push({
      kind: 'comment-required', criteria: missing,
      zh: `总分 ${score!.total}（${where}）须逐项填写评语：${missing.join('、')} 未填写`,
      en: `A total of ${score!.total} (${whereEn}) needs a comment on every criterion: ${missing.join(', ')} missing`,
    });
  }
  if (score && profile.scoring?.commentsRequired?.opinion && !hasText(review.opinion)) {
    problems.push({ kind: 'opinion-required', zh: '未填写总体评审意见', en: 'No overall opinion given' });
  }
  return problems;
}

// The panel screen's PanelEngine on top of the review engine: members scored with scoreReview,
// aggregated with aggregatePanel (conflicts excluded, trimmed mean, outliers), and a criterion
// counted as disputed when its spread, scaled to the whole rubric, exceeds the panel's outlier
// margin (spread × totalMax > margin × criterionMax, compared exactly in hundredths).
import { aggregatePanel, DEFAULT_PANEL_OPTIONS, type PanelMember, type PanelOptions } from '../../core/engine/panel';
import { parsePoints } from '../../core/engine/points';
import { resolveRubric, scoreReview } from '../../core/engine/scoring';
import type { Profile } from '../../core/profiles/schema';
import type { PanelFlag } from '../../core/export/model';
import type { ReviewFile } from '../../core/types';
import type { PanelAggregate, PanelCriterion, PanelEngine } from './panel-model';

export function panelCriteria(profile: Profile): PanelCriterion[] {
  return (profile.scoring?.dimensions ?? []).flatMap((dimension) =>
    dimension.criteria.map((criterion) => ({ id: criterion.id, label: `${dimension.label.zh}：${criterion.label.zh}`, max: criterion.max })));
}

export function panelEngineFor(profile: Profile, category: string, options: Partial<PanelOptions> = {}): PanelEngine {
  const scoring = profile.scoring;
  if (!scoring) throw new Error(`${profile.id}: the program has no expert scoring`);
  const rubric = resolveRubric(scoring);
  const settings = { ...DEFAULT_PANEL_OPTIONS, ...options };
  const marginHundredths = BigInt(parsePoints(settings.outlierMargin, 'outlier margin'));
  const totalMax = BigInt(rubric.totalMaxHundredths);
  const maxOf = new Map(rubric.criteria.map((criterion) => [criterion.id, BigInt(criterion.maxHundredths)]));

  function member(review: ReviewFile): PanelMember {
    const scored = Object.keys(review.scores).length > 0 ? scoreReview(scoring!, rubric, category, review.scores, review.reviewer.name) : null;
    return {
      reviewer: review.reviewer.name,
      role: review.reviewer.role,
      excludedReason: review.conflictOfInterest?.declared ? 'conflict-of-interest' : null,
      totalHundredths: scored?.totalHundredths ?? null,
      perCriterion: scored?.perCriterion ?? {},
    };
  }

  return {
    aggregate(reviews): PanelAggregate {
      const panel = aggregatePanel(scoring, reviews.map(member), settings);
      const scores: Record<string, string | null> = {};
      const disputed: string[] = [];
      for (const criterion of rubric.criteria) {
        const stats = panel.criteria.find((entry) => entry.id === criterion.id);
        scores[criterion.id] = stats?.mean ?? null;
        if (stats && BigInt(parsePoints(stats.spread, 'spread')) * totalMax > marginHundredths * maxOf.get(criterion.id)!) disputed.push(criterion.id);
      }
      const flags: PanelFlag[] = [];
      for (const result of panel.members) {
        if (result.excludedReason === 'conflict-of-interest') flags.push({ code: 'conflict-of-interest', reviewer: result.reviewer, message: `${result.reviewer} 申明利益冲突，评分不计入` });
        if (result.excludedReason === 'recused') flags.push({ code: 'recused', reviewer: result.reviewer, message: `${result.reviewer} 回避，评分不计入` });
        if (result.outlier) flags.push({ code: 'outlier', reviewer: result.reviewer, message: `${result.reviewer} 总分 ${result.total} 偏离中位数 ${result.deviationFromMedian} 分（超过 ${settings.outlierMargin} 分）` });
        if (result.trimmed) flags.push({ code: 'trimmed', reviewer: result.reviewer, message: `${result.reviewer} 的总分为最高或最低分，按去掉最高最低分计算时不计入` });
      }
      for (const id of disputed) flags.push({ code: 'disputed', criterion: id, message: `指标 ${id} 专家评分差距过大，须由组长裁定` });
      return { scores, disputed, flags };
    },
    total(scores) {
      const scored = scoreReview(scoring, rubric, category, scores, 'panel');
      return { total: scored.total, band: scored.band };
    },
  };
}

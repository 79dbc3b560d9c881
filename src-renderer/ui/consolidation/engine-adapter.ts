// The consolidation screen's PanelEngine on top of core/panel (panel-outcome.ts).
import { aggregateReviews, totalOfScores } from '../../core/panel/panel-outcome';
import type { PanelOptions } from '../../core/panel/score-aggregation';
import type { Profile } from '../../core/profiles/schema';
import type { PanelCriterion, PanelEngine } from '../../core/panel/chair-decision';

/** The rubric's criteria, each labelled with its dimension in the chair's language. */
export function panelCriteria(profile: Profile, language: 'zh-CN' | 'en' = 'zh-CN'): PanelCriterion[] {
  const lang = language === 'en' ? 'en' : 'zh';
  const separator = lang === 'en' ? ': ' : '：';
  return (profile.scoring?.dimensions ?? []).flatMap((dimension) =>
    dimension.criteria.map((criterion) => ({ id: criterion.id, label: `${dimension.label[lang]}${separator}${criterion.label[lang]}`, max: criterion.max })));
}

export function panelEngineFor(profile: Profile, category: string, options: Partial<PanelOptions> = {}): PanelEngine {
  if (!profile.scoring) throw new Error(`${profile.id}: the program has no expert scoring`);
  return {
    aggregate(reviews) {
      const { scores, disputed, flags } = aggregateReviews(profile, category, reviews, options);
      return { scores, disputed, flags };
    },
    total(scores) {
      const { total, band } = totalOfScores(profile, category, scores);
      return { total, band };
    },
  };
}

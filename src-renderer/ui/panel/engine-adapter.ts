// The panel screen's PanelEngine on top of the review engine (see core/export/panel.ts).
import { aggregateReviews, totalOfScores } from '../../core/export/panel';
import type { PanelOptions } from '../../core/engine/panel';
import type { Profile } from '../../core/profiles/schema';
import type { PanelCriterion, PanelEngine } from './panel-model';

export function panelCriteria(profile: Profile): PanelCriterion[] {
  return (profile.scoring?.dimensions ?? []).flatMap((dimension) =>
    dimension.criteria.map((criterion) => ({ id: criterion.id, label: `${dimension.label.zh}：${criterion.label.zh}`, max: criterion.max })));
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

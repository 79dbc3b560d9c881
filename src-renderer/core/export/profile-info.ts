// The parts of a program profile the export shows: its Chinese name, rubric, checklist items and
// category labels.
import type { Profile } from '../profiles/schema';
import type { ExportProfileInfo } from './model';

export function exportProfileInfo(profile: Profile): ExportProfileInfo {
  return {
    id: profile.id,
    name: profile.name.zh,
    version: profile.version,
    rubric: (profile.scoring?.dimensions ?? []).flatMap((dimension) =>
      dimension.criteria.map((criterion) => ({ id: criterion.id, label: `${dimension.label.zh}：${criterion.label.zh}`, max: criterion.max }))),
    checklist: [
      ...profile.materials.map((item) => ({ id: item.id, label: item.label.zh, group: 'materials' as const })),
      ...profile.eligibility.map((item) => ({ id: item.id, label: item.label.zh, group: 'eligibility' as const })),
    ],
    categories: profile.categories.map((category) => ({ id: category.id, label: category.label.zh })),
  };
}

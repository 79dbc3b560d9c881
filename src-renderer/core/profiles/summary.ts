// The `profiles --json` view of a profile (DESIGN.md): id, name, version, effective period, source,
// categories, flat rubric, score bands and the audit-cut threshold.

import type { Fen } from '../types';
import type { Profile } from './schema';

export interface ProfileSummary {
  id: string;
  name: string;
  nameEn: string;
  version: string;
  effective: { from: string; to: string | null };
  source: Profile['source'];
  /** The applicant category ids (DESIGN.md fixes them per program). */
  categories: string[];
  categoryLabels: { id: string; label: string; labelEn: string }[];
  rubric: { id: string; label: string; labelEn: string; dimension: string; max: string }[];
  weightsOfficial: boolean | null;
  bands: { label: string; min: string; max: string | null; awardCapFen: Record<string, Fen> }[];
  threshold: string;
}

export function summarizeProfile(profile: Profile): ProfileSummary {
  const scoring = profile.scoring;
  return {
    id: profile.id,
    name: profile.name.zh,
    nameEn: profile.name.en,
    version: profile.version,
    effective: profile.effective,
    source: profile.source,
    categories: profile.categories.map((category) => category.id),
    categoryLabels: profile.categories.map((category) => ({ id: category.id, label: category.label.zh, labelEn: category.label.en })),
    rubric: (scoring?.dimensions ?? []).flatMap((dimension) => dimension.criteria.map((criterion) => ({
      id: criterion.id,
      label: criterion.label.zh,
      labelEn: criterion.label.en,
      dimension: dimension.id,
      max: criterion.max,
    }))),
    weightsOfficial: scoring ? scoring.weightsOfficial : null,
    bands: (scoring?.bands ?? []).map((band) => ({ label: band.label, min: band.min, max: band.max, awardCapFen: band.awardCap })),
    threshold: profile.auditCut.threshold,
  };
}

/** Every labelled id of a profile (rubric criteria, eligibility and material items, categories) with its label in both languages. */
export function profileItemLabels(profile: Profile): Map<string, { zh: string; en: string }> {
  const labels = new Map<string, { zh: string; en: string }>();
  for (const category of profile.categories) labels.set(category.id, category.label);
  for (const item of profile.eligibility) labels.set(item.id, item.label);
  for (const item of profile.materials) labels.set(item.id, item.label);
  for (const dimension of profile.scoring?.dimensions ?? []) {
    for (const criterion of dimension.criteria) labels.set(criterion.id, criterion.label);
  }
  return labels;
}

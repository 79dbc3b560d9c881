// A reviewer's rubric scores: validated against the criteria maxima (the profile defaults or the
// panel chair's weights), totalled, and placed in a score band (lower bound included) whose
// award cap depends on the applicant category.

import { InvalidInputError } from '../result';
import type { ProfileScoring, ScoreBand } from '../profiles/schema';
import type { Fen, ReviewFile } from '../types';
import { formatPoints, parsePoints, type Hundredths } from './points';

export interface RubricCriterionMax {
  id: string;
  dimension: string;
  maxHundredths: Hundredths;
}

export interface Rubric {
  criteria: RubricCriterionMax[];
  totalMaxHundredths: Hundredths;
  official: boolean;
}

export interface ReviewScore {
  totalHundredths: Hundredths;
  total: string;
  band: string | null;
  awardCapFen: Fen;
  perCriterion: Record<string, Hundredths>;
  missingCriteria: string[];
}

/**
 * The rubric in force: the profile's default maxima, or the chair's weights (criterion id →
 * max points) which must name every criterion and add up to the profile's total.
 */
export function resolveRubric(scoring: ProfileScoring, weights?: Record<string, string>, source?: string): Rubric {
  const defaults = scoring.dimensions.flatMap((dimension) => dimension.criteria.map((criterion) => ({
    id: criterion.id,
    dimension: dimension.id,
    maxHundredths: parsePoints(criterion.max, `criterion ${criterion.id} max`),
  })));
  const totalMaxHundredths = parsePoints(scoring.totalMax, 'totalMax');
  if (!weights || Object.keys(weights).length === 0) return { criteria: defaults, totalMaxHundredths, official: scoring.weightsOfficial };
  const known = new Set(defaults.map((criterion) => criterion.id));
  for (const id of Object.keys(weights)) {
    if (!known.has(id)) throw new InvalidInputError(`rubricWeights names unknown criterion "${id}"`, source);
  }
  const criteria = defaults.map((criterion) => {
    const weight = weights[criterion.id];
    if (weight === undefined) throw new InvalidInputError(`rubricWeights gives no weight for criterion "${criterion.id}"`, source);
    return { ...criterion, maxHundredths: parsePoints(weight, `rubricWeights.${criterion.id}`, source) };
  });
  const sum = criteria.reduce((total, criterion) => total + criterion.maxHundredths, 0);
  if (sum !== totalMaxHundredths) {
    throw new InvalidInputError(`rubricWeights add up to ${formatPoints(sum)}, not the rubric total ${formatPoints(totalMaxHundredths)}`, source);
  }
  return { criteria, totalMaxHundredths, official: false };
}

function compareToPoints(totalHundredths: bigint, count: bigint, points: string): number {
  const threshold = BigInt(parsePoints(points, 'band bound')) * count;
  return totalHundredths === threshold ? 0 : totalHundredths < threshold ? -1 : 1;
}

/**
 * The band holding sum / count (an exact mean when count > 1): min <= value < max, the last band
 * open above. Null below the first band.
 */
export function findBand(bands: readonly ScoreBand[], sumHundredths: Hundredths, count = 1): ScoreBand | null {
  const sum = BigInt(sumHundredths);
  const n = BigInt(count);
  for (const band of bands) {
    const aboveMin = compareToPoints(sum, n, band.min) >= 0;
    const belowMax = band.max === null || compareToPoints(sum, n, band.max) < 0;
    if (aboveMin && belowMax) return band;
  }
  return null;
}

/** Validates and totals one reviewer's scores; throws InvalidInputError for unknown criteria or a score above its maximum. */
export function scoreReview(
  scoring: ProfileScoring,
  rubric: Rubric,
  category: string,
  scores: Record<string, string>,
  source?: string,
): ReviewScore {
  const maxima = new Map(rubric.criteria.map((criterion) => [criterion.id, criterion.maxHundredths]));
  const perCriterion: Record<string, Hundredths> = {};
  for (const [id, text] of Object.entries(scores)) {
    const max = maxima.get(id);
    if (max === undefined) {
      throw new InvalidInputError(`scores.${id}: unknown criterion (known: ${[...maxima.keys()].join(', ')})`, source);
    }
    const value = parsePoints(text, `scores.${id}`, source);
    if (value > max) throw new InvalidInputError(`scores.${id} "${text}" is above the criterion's maximum ${formatPoints(max)}`, source);
    perCriterion[id] = value;
  }
  const totalHundredths = Object.values(perCriterion).reduce((sum, value) => sum + value, 0);
  const band = findBand(scoring.bands, totalHundredths);
  return {
    totalHundredths,
    total: formatPoints(totalHundredths),
    band: band?.label ?? null,
    awardCapFen: band?.awardCap[category] ?? 0,
    perCriterion,
    missingCriteria: rubric.criteria.filter((criterion) => !(criterion.id in perCriterion)).map((criterion) => criterion.id),
  };
}

/** The chair's rubric weights carried in a review file (`rubricWeights`), if any. */
export function rubricWeightsOf(review: ReviewFile | null | undefined): Record<string, string> | undefined {
  const weights = review?.rubricWeights;
  if (typeof weights !== 'object' || weights === null || Array.isArray(weights)) return undefined;
  return Object.fromEntries(Object.entries(weights).map(([id, value]) => [id, String(value)]));
}

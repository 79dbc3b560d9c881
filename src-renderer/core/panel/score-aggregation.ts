// Panel aggregation of several reviewers' rubric totals: conflicted or recused reviewers are
// excluded; the panel total is the mean, or the trimmed mean (dropping the highest and lowest)
// once enough reviewers scored; a reviewer more than a margin away from the median is flagged.
// All arithmetic is exact (hundredths of a point, rational means rounded half up for display).

import { divideHalfUp, formatUnits } from '../money/decimal';
import type { ProfileScoring } from '../profiles/schema';
import type { Fen } from '../types';
import { parsePoints, type Hundredths } from '../engine/points';
import { findBand } from '../engine/scoring';

export interface PanelMember {
  reviewer: string;
  role: string;
  /** Why the member's scores do not count, or null. */
  excludedReason: 'conflict-of-interest' | 'recused' | null;
  /** The member's rubric total; null when the member scored nothing (e.g. an auditor). */
  totalHundredths: Hundredths | null;
  perCriterion: Record<string, Hundredths>;
}

export interface PanelOptions {
  /** Trim once at least this many reviewers scored (default 5). */
  trimWhenAtLeast: number;
  /** How many highest and how many lowest totals to drop when trimming (default 1). */
  trimEach: number;
  /** Flag a reviewer whose total is more than this many points from the median (default "15"). */
  outlierMargin: string;
}

export const DEFAULT_PANEL_OPTIONS: PanelOptions = { trimWhenAtLeast: 5, trimEach: 1, outlierMargin: '15' };

export interface PanelMemberResult {
  reviewer: string;
  role: string;
  total: string | null;
  excludedReason: PanelMember['excludedReason'];
  trimmed: boolean;
  deviationFromMedian: string | null;
  outlier: boolean;
}

export interface PanelCriterion {
  id: string;
  mean: string;
  min: string;
  max: string;
  spread: string;
  scoredBy: number;
}

export interface PanelScore {
  method: 'mean' | 'trimmed-mean';
  scoredCount: number;
  mean: string | null;
  trimmedMean: string | null;
  median: string | null;
  /** The panel's total (trimmed mean when trimming applies, else mean). */
  total: string | null;
  band: string | null;
  awardCapFen: Record<string, Fen>;
  members: PanelMemberResult[];
  criteria: PanelCriterion[];
}

/** sum / count in hundredths, rounded half up, as "85.50". */
function formatMean(sum: bigint, count: number): string {
  return formatUnits(divideHalfUp(sum, BigInt(count)), 2);
}

export function aggregatePanel(scoring: ProfileScoring, members: readonly PanelMember[], options: Partial<PanelOptions> = {}): PanelScore {
  const settings = { ...DEFAULT_PANEL_OPTIONS, ...options };
  const marginHundredths = BigInt(parsePoints(settings.outlierMargin, 'outlier margin'));
  const scored = members.filter((member) => member.excludedReason === null && member.totalHundredths !== null);
  const totals = scored.map((member) => member.totalHundredths!).sort((a, b) => a - b);
  const count = totals.length;
  const trimming = settings.trimEach > 0 && count >= settings.trimWhenAtLeast && count > 2 * settings.trimEach;
  const kept = trimming ? totals.slice(settings.trimEach, count - settings.trimEach) : totals;
  const sum = (values: number[]): bigint => values.reduce((acc, value) => acc + BigInt(value), 0n);
  // Twice the median, so that an even count stays an integer.
  const doubleMedian = count === 0 ? null
    : count % 2 === 1 ? 2n * BigInt(totals[(count - 1) / 2]!)
      : BigInt(totals[count / 2 - 1]!) + BigInt(totals[count / 2]!);
  const usedSum = sum(kept);
  const band = kept.length > 0 ? findBand(scoring.bands, Number(usedSum), kept.length) : null;

  // Which members were dropped by trimming: the lowest and highest by total, ties by input order.
  const trimmedMembers = new Set<PanelMember>();
  if (trimming) {
    const ordered = [...scored].sort((a, b) => a.totalHundredths! - b.totalHundredths!);
    for (const member of [...ordered.slice(0, settings.trimEach), ...ordered.slice(ordered.length - settings.trimEach)]) trimmedMembers.add(member);
  }

  const memberResults = members.map((member): PanelMemberResult => {
    const counted = member.excludedReason === null && member.totalHundredths !== null;
    const doubleDeviation = counted && doubleMedian !== null ? 2n * BigInt(member.totalHundredths!) - doubleMedian : null;
    return {
      reviewer: member.reviewer,
      role: member.role,
      total: member.totalHundredths === null ? null : formatUnits(BigInt(member.totalHundredths), 2),
      excludedReason: member.excludedReason,
      trimmed: trimmedMembers.has(member),
      deviationFromMedian: doubleDeviation === null ? null : formatUnits(divideHalfUp(doubleDeviation, 2n), 2),
      outlier: doubleDeviation !== null && (doubleDeviation < 0n ? -doubleDeviation : doubleDeviation) > 2n * marginHundredths,
    };
  });

  const criterionIds = scoring.dimensions.flatMap((dimension) => dimension.criteria.map((criterion) => criterion.id));
  const criteria = criterionIds.flatMap((id): PanelCriterion[] => {
    const values = scored.map((member) => member.perCriterion[id]).filter((value): value is number => value !== undefined);
    if (values.length === 0) return [];
    const min = Math.min(...values);
    const max = Math.max(...values);
    return [{
      id,
      mean: formatMean(sum(values), values.length),
      min: formatUnits(BigInt(min), 2),
      max: formatUnits(BigInt(max), 2),
      spread: formatUnits(BigInt(max - min), 2),
      scoredBy: values.length,
    }];
  });

  return {
    method: trimming ? 'trimmed-mean' : 'mean',
    scoredCount: count,
    mean: count > 0 ? formatMean(sum(totals), count) : null,
    trimmedMean: trimming ? formatMean(usedSum, kept.length) : null,
    median: doubleMedian === null ? null : formatUnits(divideHalfUp(doubleMedian, 2n), 2),
    total: kept.length > 0 ? formatMean(usedSum, kept.length) : null,
    band: band?.label ?? null,
    awardCapFen: kept.length > 0 ? (band ? { ...band.awardCap } : Object.fromEntries(Object.keys(scoring.bands[0]!.awardCap).map((category) => [category, 0]))) : {},
    members: memberResults,
    criteria,
  };
}

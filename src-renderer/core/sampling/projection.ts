// Projecting the cuts found in a sample onto the declared list (DESIGN.md "Sampling a large
// declared list"). Key items count with their actual cuts; the rest is projected:
//
// MUS, per selected fen (a row hit h times counts h times) of a row of book value b < J with cut c:
//   tainting t = c / b (at most 1);
//   projected = J × Σ t;
//   Stringer upper bound = J × (R(0) + Σ_{i=1..k} (R(i) − R(i−1)) × t_(i)), the taintings sorted
//   from the largest, R the Poisson factors at the plan's confidence (./factors.ts).
//   A selected row of book value >= J is not projected: its actual cut counts, as for key items.
// Random (ratio estimate over the n rows drawn from the N rows, restFen in all, outside the key items):
//   R̂ = Σ cut / Σ book; projected = R̂ × restFen;
//   upper = projected + z × N × sqrt((1 − n/N) × s² / n), with s² = Σ (cut − R̂ × book)² / (n − 1)
//   and z the one-sided normal quantile at the plan's confidence. With fewer than two rows drawn
//   (and not all of them) nothing bounds the rest: the upper limit is the whole rest.
//   With no cut in the sample the spread is zero and the upper limit equals the projection: the
//   normal approximation needs misstatements to measure; MUS gives a bound in that case.
//
// Arithmetic is exact (BigInt fractions). Rounding, once, at the end: the projection to the
// nearest fen (half up); upper limits up to the next fen (the square root too), then held to at
// most the whole rest (no more than everything outside the key items can be cut).

import { InvalidInputError } from '../result';
import { exceedsRatio, ratioString } from '../money/ratio';
import { buildLedger, type LedgerSources } from '../engine/ledger';
import type { DossierManifest, Fen, ReviewFile } from '../types';
import { normalQuantileTenThousandths, poissonFactorHundredths } from './factors';
import type { SamplePlan } from './plan';

export interface SampleProjection {
  /** Declared amount of the rows in the sample (key items and selected rows). */
  sampleFen: Fen;
  /** The reviewer's cuts on those rows. */
  sampleCutFen: Fen;
  /** Key items' cuts plus the projection over the rest. */
  projectedCutFen: Fen;
  /** Key items' cuts plus the upper limit over the rest at the plan's confidence. */
  upperCutFen: Fen;
  /** projectedCutFen / claimed, 4 decimals (half up). */
  projectedRatio: string;
  /** upperCutFen / claimed, 4 decimals (half up). */
  upperRatio: string;
  confidence: string;
  method: SamplePlan['method'];
  keyCutFen: Fen;
  /** Cuts on rows outside the sample: known, but not part of the projection. */
  outsideSampleCutFen: Fen;
  /** Selections (MUS) or rows (random) of the sample outside the key items holding a cut. */
  misstatements: number;
  /** With a threshold: the program's cut-ratio threshold and each figure held against it (exactly at it passes). */
  threshold?: string;
  projectedVerdict?: 'pass' | 'fail';
  upperVerdict?: 'pass' | 'fail';
}

export interface ProjectOptions {
  /** Named in errors (the review file). */
  source?: string;
  /** The program's cut-ratio threshold ("0.20"). */
  threshold?: string;
}

export interface ClaimCut {
  claimId: string;
  claimedFen: Fen;
  cutFen: Fen;
}

interface Fraction {
  numerator: bigint;
  denominator: bigint;
}

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

function add(left: Fraction, right: Fraction): Fraction {
  const numerator = left.numerator * right.denominator + right.numerator * left.denominator;
  const denominator = left.denominator * right.denominator;
  const divisor = gcd(numerator, denominator) || 1n;
  return { numerator: numerator / divisor, denominator: denominator / divisor };
}

function scale(fraction: Fraction, factor: bigint): Fraction {
  return { numerator: fraction.numerator * factor, denominator: fraction.denominator };
}

function roundHalfUp(fraction: Fraction): bigint {
  return (2n * fraction.numerator + fraction.denominator) / (2n * fraction.denominator);
}

function roundUp(fraction: Fraction): bigint {
  return (fraction.numerator + fraction.denominator - 1n) / fraction.denominator;
}

/** The smallest integer whose square is at least value (value >= 0). */
export function ceilSqrt(value: bigint): bigint {
  if (value < 0n) throw new RangeError('square root of a negative number');
  if (value < 2n) return value;
  let x = BigInt(Math.ceil(Math.sqrt(Number(value))));
  while (x * x > value) x -= 1n;
  while (x * x < value) x += 1n;
  return x;
}

const ZERO: Fraction = { numerator: 0n, denominator: 1n };

function minBig(a: bigint, b: bigint): bigint {
  return a < b ? a : b;
}

interface RestProjection {
  projected: bigint;
  upper: bigint;
  knownCut: bigint;
  misstatements: number;
}

function projectMus(plan: SamplePlan, cutOf: (claimId: string) => bigint, restFen: bigint): RestProjection {
  const interval = plan.intervalFen === null ? 0n : BigInt(plan.intervalFen);
  const taintings: Fraction[] = [];
  let knownCut = 0n;
  for (const row of plan.sample) {
    if (row.reason !== 'selected') continue;
    const book = BigInt(row.amountFen);
    const cut = minBig(cutOf(row.claimId), book);
    if (book >= interval) {
      knownCut += cut;
      continue;
    }
    if (cut === 0n || book === 0n) continue;
    for (let i = 0; i < (row.hits ?? 1); i++) taintings.push({ numerator: cut, denominator: book });
  }
  taintings.sort((a, b) => {
    const left = a.numerator * b.denominator;
    const right = b.numerator * a.denominator;
    return left > right ? -1 : left < right ? 1 : 0;
  });
  if (interval === 0n) return { projected: knownCut, upper: knownCut, knownCut, misstatements: 0 };
  const taintingSum = taintings.reduce(add, ZERO);
  // R(0) for the basic precision, then each tainting weighted by its factor increment.
  let bound: Fraction = { numerator: BigInt(poissonFactorHundredths(plan.confidence, 0)), denominator: 100n };
  taintings.forEach((tainting, index) => {
    const increment = BigInt(poissonFactorHundredths(plan.confidence, index + 1) - poissonFactorHundredths(plan.confidence, index));
    bound = add(bound, { numerator: tainting.numerator * increment, denominator: tainting.denominator * 100n });
  });
  const projected = knownCut + roundHalfUp(scale(taintingSum, interval));
  const upper = knownCut + minBig(roundUp(scale(bound, interval)), restFen - knownCut > 0n ? restFen - knownCut : 0n);
  return { projected, upper, knownCut, misstatements: taintings.length };
}

function projectRandom(plan: SamplePlan, cutOf: (claimId: string) => bigint, restFen: bigint): RestProjection {
  const drawn = plan.sample.filter((row) => row.reason === 'selected');
  const rows = drawn.map((row) => ({ book: BigInt(row.amountFen), cut: minBig(cutOf(row.claimId), BigInt(row.amountFen)) }));
  const n = BigInt(rows.length);
  const N = BigInt(plan.populationCount - plan.keyItems.length);
  const bookSum = rows.reduce((total, row) => total + row.book, 0n);
  const cutSum = rows.reduce((total, row) => total + row.cut, 0n);
  const misstatements = rows.filter((row) => row.cut > 0n).length;
  if (n === N) return { projected: cutSum, upper: cutSum, knownCut: 0n, misstatements };
  if (bookSum === 0n) return { projected: 0n, upper: restFen, knownCut: 0n, misstatements };
  const projectedFraction: Fraction = { numerator: cutSum * restFen, denominator: bookSum };
  const projected = roundHalfUp(projectedFraction);
  if (n < 2n) return { projected, upper: restFen, knownCut: 0n, misstatements };
  // Σ (cut − R̂ book)² = Σ (cut × Σbook − book × Σcut)² / Σbook².
  const residuals = rows.reduce((total, row) => {
    const residual = row.cut * bookSum - row.book * cutSum;
    return total + residual * residual;
  }, 0n);
  // (z × SE)² = z² × N (N − n) × residuals / (Σbook² n (n − 1)), z in ten-thousandths.
  const z = BigInt(normalQuantileTenThousandths(plan.confidence));
  const numerator = z * z * N * (N - n) * residuals;
  const denominator = 100_000_000n * bookSum * bookSum * n * (n - 1n);
  const margin = ceilSqrt(roundUp({ numerator, denominator }));
  return { projected, upper: minBig(roundUp(projectedFraction) + margin, restFen), knownCut: 0n, misstatements };
}

/**
 * The projection of the reviewer's cuts through the sample plan. `claims` is the cut ledger of the
 * dossier (current claimed amounts and cuts); a sampled row the dossier no longer holds is invalid
 * input naming `source`.
 */
export function projectSample(plan: SamplePlan, claims: readonly ClaimCut[], options: ProjectOptions = {}): SampleProjection {
  const { source, threshold } = options;
  const byId = new Map(claims.map((claim) => [claim.claimId, claim]));
  for (const row of plan.sample) {
    if (!byId.has(row.claimId)) throw new InvalidInputError(`sample row "${row.claimId}" is not a claim of the dossier`, source);
  }
  const cutOf = (claimId: string): bigint => BigInt(byId.get(claimId)?.cutFen ?? 0);
  const sampled = new Set(plan.sample.map((row) => row.claimId));
  const keyRows = plan.sample.filter((row) => row.reason === 'key');
  const keyCut = keyRows.reduce((total, row) => total + cutOf(row.claimId), 0n);
  const keyFen = keyRows.reduce((total, row) => total + BigInt(row.amountFen), 0n);
  const restFen = BigInt(plan.populationFen) - keyFen;
  const rest = plan.method === 'mus' ? projectMus(plan, cutOf, restFen) : projectRandom(plan, cutOf, restFen);
  const claimedFen = claims.reduce((total, claim) => total + claim.claimedFen, 0);
  const projectedCutFen = Number(keyCut + rest.projected);
  const upperCutFen = Number(keyCut + rest.upper);
  return {
    sampleFen: plan.sample.reduce((total, row) => total + row.amountFen, 0),
    sampleCutFen: Number(plan.sample.reduce((total, row) => total + cutOf(row.claimId), 0n)),
    projectedCutFen,
    upperCutFen,
    projectedRatio: ratioString(projectedCutFen, claimedFen),
    upperRatio: ratioString(upperCutFen, claimedFen),
    confidence: plan.confidence,
    method: plan.method,
    keyCutFen: Number(keyCut),
    outsideSampleCutFen: claims.filter((claim) => !sampled.has(claim.claimId)).reduce((total, claim) => total + claim.cutFen, 0),
    misstatements: rest.misstatements,
    ...(threshold === undefined ? {} : {
      threshold,
      projectedVerdict: exceedsRatio(projectedCutFen, claimedFen, threshold) ? 'fail' : 'pass',
      upperVerdict: exceedsRatio(upperCutFen, claimedFen, threshold) ? 'fail' : 'pass',
    }),
  };
}

/** The projection of a review's cuts through its sample plan, or null when the review holds none. */
export function projectReviewSample(manifest: DossierManifest, review: ReviewFile | null | undefined, threshold: string, sources: LedgerSources = {}): SampleProjection | null {
  if (!review?.sample) return null;
  const ledger = buildLedger(manifest, review.cuts, sources);
  return projectSample(review.sample, ledger.claims, { threshold, ...(sources.review ? { source: sources.review } : {}) });
}

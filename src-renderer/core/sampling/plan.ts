// Drawing a documented audit sample from a declared list (DESIGN.md "Sampling a large declared
// list"). Everything is integer fen and BigInt; the only randomness is the seeded sfc32 of
// ./prng.ts, so the same population, request and seed give the same plan everywhere.
//
// Population: the declared rows in the dossier's order, each with its amount.
// Key items: rows at or above the key-item amount, all checked. Without --key-items, MUS takes as
// key items the rows the interval would select with certainty (amount >= interval: the "top
// stratum" of the AICPA guide); random sampling has no key items unless asked.
//
// MUS (monetary unit sampling, probability proportional to amount): the rest of the population is
// laid end to end in the dossier's order, fen by fen; with n selections the interval is
// J = floor(restFen / n) fen (rounded down, so at least n fen are selected), a random start
// r in [1, J] is drawn and the fen r, r + J, r + 2J, … <= restFen are selected; a row is selected
// when one of its fen is, `hits` times when several are.
// Random: n rows of the rest drawn uniformly without replacement (a partial Fisher–Yates shuffle of
// the rest's positions: for i = 0 … n−1 swap position i with i + below(count − i)).
//
// Sample size n: given (--size), or from the confidence, tolerable and expected misstatement rates
// with the AICPA formula n = ceil(R × restFen / (TM − EF × EM)), where R is the Poisson factor for
// no misstatement at that confidence, EF the expansion factor (./factors.ts), TM = tolerable ×
// populationFen and EM = expected × populationFen. For random sampling of rows the same
// attribute-sampling size ceil(R / (tolerable − EF × expected)) is used, at most the rows left.

import { InvalidInputError } from '../result';
import type { Fen } from '../money/fen';
import type { Hasher } from '../ports';
import { formatUnits, parseDecimal, pow10 } from '../money/decimal';
import { expansionFactorHundredths, isConfidenceLevel, poissonFactorHundredths, type ConfidenceLevel, CONFIDENCE_LEVELS } from './factors';
import { PRNG_NAME, seededSfc32 } from './prng';

export const SAMPLE_METHODS = ['mus', 'random'] as const;
export type SampleMethod = (typeof SAMPLE_METHODS)[number];

export const DEFAULT_CONFIDENCE: ConfidenceLevel = '0.95';

export interface PopulationRow {
  claimId: string;
  amountFen: Fen;
}

export interface SampleRow {
  claimId: string;
  amountFen: Fen;
  reason: 'key' | 'selected';
  /** MUS: how many selected fen fall in the row (1 unless the row is longer than the interval). */
  hits?: number;
}

export interface SamplePlan {
  method: SampleMethod;
  seed: string;
  prng: string;
  populationFen: Fen;
  populationCount: number;
  keyItemFen: Fen | null;
  /** MUS: the interval J in fen; null for random sampling or when nothing is left to select. */
  intervalFen: Fen | null;
  /** MUS: the random start r, 1 <= r <= J. */
  randomStartFen?: Fen | null;
  /** n: the selections outside the key items (MUS: fen; random: rows). */
  size: number;
  confidence: ConfidenceLevel;
  tolerable: string | null;
  expected: string | null;
  keyItems: string[];
  sample: SampleRow[];
}

export interface SampleRequest {
  method: SampleMethod;
  seed: string;
  /** n given by the auditor; otherwise tolerable (and expected) rates are needed. */
  size?: number;
  confidence?: string;
  tolerable?: string;
  expected?: string;
  /** Rows at or above it are key items. */
  keyItemFen?: Fen;
}

interface Rate {
  /** value = units / denominator */
  units: bigint;
  denominator: bigint;
}

function rateOf(text: string, what: string): Rate {
  const { units, scale } = parseDecimal(text, what);
  if (units < 0n || units >= pow10(scale)) throw new InvalidInputError(`${what} "${text}" must be a rate from 0 up to (not including) 1, such as 0.05`);
  return { units, denominator: pow10(scale) };
}

/** "0.95", "0.9", ".95" → a tabulated confidence level; anything else is invalid input. */
export function normalizeConfidence(text: string): ConfidenceLevel {
  const { units, scale } = parseDecimal(text.startsWith('.') ? `0${text}` : text, 'confidence');
  const hundredths = scale <= 2 ? units * pow10(2 - scale) : units % pow10(scale - 2) === 0n ? units / pow10(scale - 2) : -1n;
  const normalized = hundredths >= 0n && hundredths < 100n ? `0.${hundredths.toString().padStart(2, '0')}` : '';
  if (!isConfidenceLevel(normalized)) {
    throw new InvalidInputError(`confidence "${text}" is not one of the tabulated levels ${CONFIDENCE_LEVELS.join(', ')}`);
  }
  return normalized;
}

function ceilDivide(numerator: bigint, denominator: bigint): bigint {
  return (numerator + denominator - 1n) / denominator;
}

/** tolerable − EF × expected as a fraction A / B (B > 0); invalid when not positive. */
function designMargin(tolerable: Rate, expected: Rate, confidence: ConfidenceLevel, texts: { tolerable: string; expected: string }): { a: bigint; b: bigint } {
  const expansion = BigInt(expansionFactorHundredths(confidence));
  const a = tolerable.units * expected.denominator * 100n - expected.units * expansion * tolerable.denominator;
  const b = tolerable.denominator * expected.denominator * 100n;
  if (a <= 0n) {
    throw new InvalidInputError(
      `the tolerable rate ${texts.tolerable} must exceed the expected rate ${texts.expected} times the expansion factor ${formatUnits(expansion, 2)} at confidence ${confidence}`,
    );
  }
  return { a, b };
}

function sumFen(rows: readonly PopulationRow[]): bigint {
  return rows.reduce((total, row) => total + BigInt(row.amountFen), 0n);
}

function checkPopulation(rows: readonly PopulationRow[]): void {
  const seen = new Set<string>();
  for (const row of rows) {
    if (seen.has(row.claimId)) throw new InvalidInputError(`claim "${row.claimId}" appears twice in the declared list`);
    seen.add(row.claimId);
    if (!Number.isSafeInteger(row.amountFen) || row.amountFen < 0) throw new InvalidInputError(`claim "${row.claimId}" has no non-negative amount to sample`);
  }
}

interface Split {
  key: Set<string>;
  keyItemFen: Fen | null;
  size: number;
  intervalFen: bigint | null;
}

function splitForMus(rows: readonly PopulationRow[], request: SampleRequest, confidence: ConfidenceLevel, populationFen: bigint): Split {
  const keyAt = (threshold: bigint): Set<string> => new Set(rows.filter((row) => BigInt(row.amountFen) >= threshold).map((row) => row.claimId));
  const restOf = (key: Set<string>): PopulationRow[] => rows.filter((row) => !key.has(row.claimId));
  const finish = (key: Set<string>, keyItemFen: Fen | null, size: number): Split => {
    const restFen = sumFen(restOf(key));
    if (size === 0 || restFen === 0n) return { key, keyItemFen, size: 0, intervalFen: null };
    const interval = restFen / BigInt(size);
    if (interval === 0n) throw new InvalidInputError(`a sample of ${size} is larger than the ${restFen} fen left outside the key items`);
    return { key, keyItemFen, size, intervalFen: interval };
  };
  if (request.size !== undefined) {
    if (request.keyItemFen !== undefined) return finish(keyAt(BigInt(request.keyItemFen)), request.keyItemFen, request.size);
    // Rows at or above the interval are certain to be selected: make them key items and
    // recompute the interval on the rest, until no row of the rest reaches it.
    let key = new Set<string>();
    for (;;) {
      const restFen = sumFen(restOf(key));
      if (request.size === 0 || restFen === 0n) return finish(key, null, request.size);
      const interval = restFen / BigInt(request.size);
      if (interval === 0n) return finish(key, null, request.size);
      const grown = new Set([...key, ...keyAt(interval)]);
      if (grown.size === key.size) return finish(key, key.size > 0 ? Number(interval) : null, request.size);
      key = grown;
    }
  }
  const { a, b } = designMargin(rateOf(request.tolerable!, 'tolerable'), rateOf(request.expected ?? '0', 'expected'), confidence, {
    tolerable: request.tolerable!, expected: request.expected ?? '0',
  });
  const reliability = BigInt(poissonFactorHundredths(confidence, 0));
  // Interval the rates allow: (TM − EF × EM) / R = populationFen × A / B / (R / 100).
  const designInterval = (populationFen * a * 100n) / (b * reliability);
  const keyItemFen = request.keyItemFen !== undefined ? BigInt(request.keyItemFen) : designInterval > 0n ? designInterval : null;
  const key = keyItemFen === null ? new Set<string>() : keyAt(keyItemFen);
  const restFen = sumFen(restOf(key));
  const size = restFen === 0n ? 0 : Number(ceilDivide(reliability * restFen * b, 100n * populationFen * a));
  return finish(key, keyItemFen === null ? null : Number(keyItemFen), size);
}

function randomSize(request: SampleRequest, confidence: ConfidenceLevel, restCount: number): number {
  if (request.size !== undefined) return Math.min(request.size, restCount);
  const { a, b } = designMargin(rateOf(request.tolerable!, 'tolerable'), rateOf(request.expected ?? '0', 'expected'), confidence, {
    tolerable: request.tolerable!, expected: request.expected ?? '0',
  });
  const size = ceilDivide(BigInt(poissonFactorHundredths(confidence, 0)) * b, 100n * a);
  return Number(size < BigInt(restCount) ? size : BigInt(restCount));
}

function checkRequest(request: SampleRequest): void {
  if (!(SAMPLE_METHODS as readonly string[]).includes(request.method)) throw new InvalidInputError(`method "${request.method}" is not mus or random`);
  if (request.seed.length === 0) throw new InvalidInputError('the seed must not be empty');
  if (request.size !== undefined && (!Number.isSafeInteger(request.size) || request.size < 0)) throw new InvalidInputError(`sample size ${request.size} is not a whole number`);
  if (request.size === undefined && request.tolerable === undefined) throw new InvalidInputError('give a sample size, or a tolerable rate (with confidence and expected rate) to compute one');
  if (request.keyItemFen !== undefined && (!Number.isSafeInteger(request.keyItemFen) || request.keyItemFen <= 0)) {
    throw new InvalidInputError('the key-item amount must be more than zero');
  }
}

/** Draws the sample; throws InvalidInputError for an impossible request. */
export async function drawSample(rows: readonly PopulationRow[], request: SampleRequest, hasher: Hasher): Promise<SamplePlan> {
  checkRequest(request);
  checkPopulation(rows);
  const confidence = normalizeConfidence(request.confidence ?? DEFAULT_CONFIDENCE);
  const populationFen = sumFen(rows);
  const random = await seededSfc32(request.seed, hasher);
  const base = {
    method: request.method, seed: request.seed, prng: PRNG_NAME,
    populationFen: Number(populationFen), populationCount: rows.length, confidence,
    tolerable: request.size === undefined ? request.tolerable! : null,
    expected: request.size === undefined ? (request.expected ?? '0') : null,
  };
  if (request.method === 'mus') {
    const split = splitForMus(rows, request, confidence, populationFen);
    const hits = new Map<string, number>();
    let start: bigint | null = null;
    if (split.intervalFen !== null) {
      const interval = split.intervalFen;
      start = 1n + random.below(interval);
      let cumulative = 0n;
      for (const row of rows) {
        if (split.key.has(row.claimId) || row.amountFen === 0) continue;
        const from = cumulative;
        cumulative += BigInt(row.amountFen);
        // Selected fen s = start + kJ with from < s <= cumulative.
        const firstK = from + 1n <= start ? 0n : ceilDivide(from + 1n - start, interval);
        const lastK = cumulative < start ? -1n : (cumulative - start) / interval;
        if (lastK >= firstK) hits.set(row.claimId, Number(lastK - firstK + 1n));
      }
    }
    return {
      ...base,
      keyItemFen: split.keyItemFen,
      intervalFen: split.intervalFen === null ? null : Number(split.intervalFen),
      randomStartFen: start === null ? null : Number(start),
      size: split.size,
      keyItems: rows.filter((row) => split.key.has(row.claimId)).map((row) => row.claimId),
      sample: rows.flatMap((row): SampleRow[] => {
        if (split.key.has(row.claimId)) return [{ claimId: row.claimId, amountFen: row.amountFen, reason: 'key' }];
        const count = hits.get(row.claimId);
        return count ? [{ claimId: row.claimId, amountFen: row.amountFen, reason: 'selected', hits: count }] : [];
      }),
    };
  }
  const keyItemFen = request.keyItemFen ?? null;
  const key = new Set(keyItemFen === null ? [] : rows.filter((row) => row.amountFen >= keyItemFen).map((row) => row.claimId));
  const rest = rows.filter((row) => !key.has(row.claimId));
  const size = randomSize(request, confidence, rest.length);
  const positions = rest.map((_, index) => index);
  for (let i = 0; i < size; i++) {
    const j = i + random.belowNumber(positions.length - i);
    [positions[i], positions[j]] = [positions[j]!, positions[i]!];
  }
  const chosen = new Set(positions.slice(0, size).map((index) => rest[index]!.claimId));
  return {
    ...base,
    keyItemFen,
    intervalFen: null,
    size,
    keyItems: rows.filter((row) => key.has(row.claimId)).map((row) => row.claimId),
    sample: rows.flatMap((row): SampleRow[] => {
      if (key.has(row.claimId)) return [{ claimId: row.claimId, amountFen: row.amountFen, reason: 'key' }];
      return chosen.has(row.claimId) ? [{ claimId: row.claimId, amountFen: row.amountFen, reason: 'selected' }] : [];
    }),
  };
}

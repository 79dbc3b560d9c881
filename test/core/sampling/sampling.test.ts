import { describe, expect, it } from 'vitest';
import {
  Sfc32, ceilSqrt, drawSample, normalizeConfidence, poissonFactorHundredths, projectSample, seededSfc32,
  type ClaimCut, type PopulationRow, type SamplePlan,
} from '../../../src-renderer/core/sampling';
import { InvalidInputError } from '../../../src-renderer/core/result';
import { testHasher } from '../import/hasher';

/** Rows R001 … Rnnn with amounts in fen. */
function population(amounts: number[]): PopulationRow[] {
  return amounts.map((amountFen, index) => ({ claimId: `R${String(index + 1).padStart(3, '0')}`, amountFen }));
}

const STEPPED = population(Array.from({ length: 100 }, (_, index) => (index + 1) * 1000));

describe('sfc32 seeded from SHA-256', () => {
  it('gives the reference outputs of sfc32 (checked against an independent implementation)', () => {
    const generator = new Sfc32(0, 0, 0, 1);
    expect([generator.nextUint32(), generator.nextUint32(), generator.nextUint32()]).toEqual([1, 2, 12]);
  });

  it('seeds from the SHA-256 of the seed text and discards 12 outputs', async () => {
    // SHA-256("dossier-desk") = 5de55884 403e401f aa86ab1e 38007fe4 …; after 12 outputs:
    const generator = await seededSfc32('dossier-desk', testHasher);
    expect(Array.from({ length: 5 }, () => generator.nextUint32())).toEqual([191969004, 1446978555, 2429557687, 503346397, 1073088644]);
  });

  it('draws uniform integers below bounds above 2^32 without bias', async () => {
    const generator = await seededSfc32('wide', testHasher);
    const bound = 30_000_000_000n;
    for (let i = 0; i < 1000; i++) {
      const value = generator.below(bound);
      expect(value >= 0n && value < bound).toBe(true);
    }
    expect(generator.below(1n)).toBe(0n);
  });
});

describe('sample size from confidence, tolerable and expected rates', () => {
  it('follows the AICPA formula n = R × BV / (TM − EF × EM)', async () => {
    // Textbook case: book value 300,000, tolerable 15,000 (5%), expected 6,000 (2%), 95%:
    // n = 300,000 × 3.0 / (15,000 − 6,000 × 1.6) = 166.7 → 167.
    const rows = population(Array.from({ length: 3000 }, () => 10_000));
    const plan = await drawSample(rows, { method: 'mus', seed: 's', confidence: '0.95', tolerable: '0.05', expected: '0.02' }, testHasher);
    expect(plan.size).toBe(167);
    expect(plan.intervalFen).toBe(Math.floor(30_000_000 / 167));
    expect(plan.keyItems).toEqual([]);
    expect(plan.sample.reduce((total, row) => total + (row.hits ?? 0), 0)).toBeGreaterThanOrEqual(167);
  });

  it('with no misstatement expected needs R / tolerable selections (3.00 / 0.20 = 15 at 95%)', async () => {
    const plan = await drawSample(STEPPED, { method: 'random', seed: 's', tolerable: '0.20' }, testHasher);
    expect(plan.size).toBe(15);
    expect(plan.sample).toHaveLength(15);
    expect(plan.confidence).toBe('0.95');
  });

  it('refuses an expected rate the tolerable rate cannot carry, and untabulated confidence levels', async () => {
    await expect(drawSample(STEPPED, { method: 'mus', seed: 's', tolerable: '0.05', expected: '0.04' }, testHasher)).rejects.toThrow(InvalidInputError);
    expect(() => normalizeConfidence('0.97')).toThrow(/tabulated levels/);
    expect(normalizeConfidence('0.9')).toBe('0.90');
  });

  it('tabulates the published Poisson factors', () => {
    expect([0, 1, 2, 3].map((k) => poissonFactorHundredths('0.95', k))).toEqual([300, 475, 630, 776]);
    expect(poissonFactorHundredths('0.90', 20)).toBe(2705);
    expect(poissonFactorHundredths('0.95', 21)).toBe(2907 + (2907 - 2788));
  });
});

describe('drawing a sample', () => {
  it('is the same for the same population, arguments and seed (golden sample)', async () => {
    const request = { method: 'mus' as const, seed: 'shenzhen-2024', size: 8 };
    const first = await drawSample(STEPPED, request, testHasher);
    const again = await drawSample(STEPPED, request, testHasher);
    expect(again).toEqual(first);
    expect(first.intervalFen).toBe(631_250);
    expect({ start: first.randomStartFen, rows: first.sample.map((row) => row.claimId) }).toEqual(GOLDEN_MUS);
    const random = await drawSample(STEPPED, { method: 'random', seed: 'shenzhen-2024', size: 6 }, testHasher);
    expect(random.sample.map((row) => row.claimId)).toEqual(GOLDEN_RANDOM);
    const other = await drawSample(STEPPED, { ...request, seed: 'shenzhen-2025' }, testHasher);
    expect(other.sample.map((row) => row.claimId)).not.toEqual(first.sample.map((row) => row.claimId));
  });

  it('selects every key item, whatever the seed', async () => {
    const rows = population([500_000, 2_000_000, 150_000, 2_000_000, 80_000, 9_000_000, ...Array.from({ length: 50 }, () => 30_000)]);
    for (const method of ['mus', 'random'] as const) {
      for (let seed = 0; seed < 20; seed++) {
        const plan = await drawSample(rows, { method, seed: `k${seed}`, size: 5, keyItemFen: 2_000_000 }, testHasher);
        expect(plan.keyItems).toEqual(['R002', 'R004', 'R006']);
        const keys = plan.sample.filter((row) => row.reason === 'key').map((row) => row.claimId);
        expect(keys).toEqual(['R002', 'R004', 'R006']);
      }
    }
  });

  it('MUS makes rows at or above the interval key items when no key-item amount is given', async () => {
    const rows = population([5_000_000, ...Array.from({ length: 99 }, () => 50_000)]);
    const plan = await drawSample(rows, { method: 'mus', seed: 'top', size: 10 }, testHasher);
    // Without R001 the rest is 4,950,000 fen: interval 495,000, and no other row reaches it.
    expect(plan.keyItems).toEqual(['R001']);
    expect(plan.intervalFen).toBe(495_000);
    expect(plan.keyItemFen).toBe(495_000);
    expect(plan.sample.filter((row) => row.reason === 'selected')).toHaveLength(10);
  });

  it('MUS selects rows with probability proportional to their amount', async () => {
    // 100 rows of 1,000 … 100,000 fen, 10 selections: interval 505,000, so row k is selected with
    // probability k × 1,000 / 505,000. Over 400 seeds every row's frequency stays within 4.5
    // standard errors of it, and the largest tenth is selected far more often than the smallest.
    const seeds = 400;
    const counts = new Map<string, number>();
    for (let seed = 0; seed < seeds; seed++) {
      const plan = await drawSample(STEPPED, { method: 'mus', seed: `freq-${seed}`, size: 10 }, testHasher);
      expect(plan.intervalFen).toBe(505_000);
      for (const row of plan.sample) counts.set(row.claimId, (counts.get(row.claimId) ?? 0) + 1);
    }
    STEPPED.forEach((row) => {
      const p = row.amountFen / 505_000;
      const frequency = (counts.get(row.claimId) ?? 0) / seeds;
      expect(Math.abs(frequency - p)).toBeLessThanOrEqual(4.5 * Math.sqrt((p * (1 - p)) / seeds) + 1 / seeds);
    });
    const tally = (from: number, to: number): number => STEPPED.slice(from, to).reduce((total, row) => total + (counts.get(row.claimId) ?? 0), 0);
    expect(tally(90, 100)).toBeGreaterThan(5 * tally(0, 10));
    expect(tally(50, 60)).toBeGreaterThan(tally(20, 30));
  });

  it('random sampling selects rows uniformly, without replacement', async () => {
    const seeds = 300;
    const counts = new Map<string, number>();
    for (let seed = 0; seed < seeds; seed++) {
      const plan = await drawSample(STEPPED, { method: 'random', seed: `uni-${seed}`, size: 20 }, testHasher);
      expect(new Set(plan.sample.map((row) => row.claimId)).size).toBe(20);
      for (const row of plan.sample) counts.set(row.claimId, (counts.get(row.claimId) ?? 0) + 1);
    }
    const p = 0.2;
    for (const row of STEPPED) {
      expect(Math.abs((counts.get(row.claimId) ?? 0) / seeds - p)).toBeLessThanOrEqual(4.5 * Math.sqrt((p * (1 - p)) / seeds));
    }
  });
});

function musPlan(overrides: Partial<SamplePlan>): SamplePlan {
  return {
    method: 'mus', seed: 'hand', prng: 'sfc32', populationFen: 30_000_000, populationCount: 4, keyItemFen: null,
    intervalFen: 165_700, randomStartFen: 1, size: 181, confidence: '0.95', tolerable: null, expected: null, keyItems: [], sample: [],
    ...overrides,
  };
}

describe('projecting the sample\'s cuts', () => {
  it('MUS: taintings × interval and the Stringer bound (textbook example, interval 1,657)', () => {
    // Misstatements: book 400 / audit 320 (tainting 0.2), book 500 / audit 0 (tainting 1.0), and
    // book 3,000 / audit 2,500 (above the interval: its 500 counts as it is).
    // Projected: 1,657 × (1.0 + 0.2) + 500 = 2,488.40.
    // Upper: 1,657 × (3.00 + (4.75 − 3.00) × 1.0 + (6.30 − 4.75) × 0.2) + 500 = 1,657 × 5.06 + 500 = 8,884.42.
    const plan = musPlan({
      sample: [
        { claimId: 'A', amountFen: 40_000, reason: 'selected', hits: 1 },
        { claimId: 'B', amountFen: 50_000, reason: 'selected', hits: 1 },
        { claimId: 'C', amountFen: 300_000, reason: 'selected', hits: 2 },
      ],
    });
    const claims: ClaimCut[] = [
      { claimId: 'A', claimedFen: 40_000, cutFen: 8_000 },
      { claimId: 'B', claimedFen: 50_000, cutFen: 50_000 },
      { claimId: 'C', claimedFen: 300_000, cutFen: 50_000 },
      { claimId: 'D', claimedFen: 29_610_000, cutFen: 0 },
    ];
    const projection = projectSample(plan, claims);
    expect(projection.projectedCutFen).toBe(248_840);
    expect(projection.upperCutFen).toBe(888_442);
    expect(projection.sampleFen).toBe(390_000);
    expect(projection.sampleCutFen).toBe(108_000);
    expect(projection.projectedRatio).toBe('0.0083');
    expect(projection.upperRatio).toBe('0.0296');
    expect(projection.misstatements).toBe(2);
    const held = projectSample(plan, claims, { threshold: '0.0296' });
    expect([held.projectedVerdict, held.upperVerdict]).toEqual(['pass', 'fail']);
  });

  it('MUS with no misstatement: the projection is nil and the bound is the basic precision R(0) × J', () => {
    const plan = musPlan({ sample: [{ claimId: 'A', amountFen: 40_000, reason: 'selected', hits: 1 }] });
    const projection = projectSample(plan, [{ claimId: 'A', claimedFen: 40_000, cutFen: 0 }, { claimId: 'D', claimedFen: 29_960_000, cutFen: 0 }]);
    expect(projection.projectedCutFen).toBe(0);
    expect(projection.upperCutFen).toBe(497_100); // 3.00 × 165,700
  });

  it('counts key items with their actual cuts and projects only the rest', () => {
    const plan = musPlan({
      populationFen: 1_000_000, keyItemFen: 400_000, keyItems: ['K'], intervalFen: 100_000,
      sample: [{ claimId: 'K', amountFen: 500_000, reason: 'key' }, { claimId: 'A', amountFen: 50_000, reason: 'selected', hits: 1 }],
    });
    const claims: ClaimCut[] = [
      { claimId: 'K', claimedFen: 500_000, cutFen: 120_000 },
      { claimId: 'A', claimedFen: 50_000, cutFen: 25_000 },
      { claimId: 'Z', claimedFen: 450_000, cutFen: 0 },
    ];
    const projection = projectSample(plan, claims);
    // 120,000 + 100,000 × 0.5 = 170,000; upper 120,000 + 100,000 × (3.00 + 1.75 × 0.5) = 507,500.
    expect(projection.keyCutFen).toBe(120_000);
    expect(projection.projectedCutFen).toBe(170_000);
    expect(projection.upperCutFen).toBe(507_500);
    expect(projection.projectedRatio).toBe('0.1700');
  });

  it('random: ratio estimate with its upper confidence limit (hand computed)', () => {
    // 4 of 10 rows drawn, books 1,000 / 2,000 / 3,000 / 4,000, cuts 0 / 200 / 0 / 400; the 10 rows
    // hold 25,000. R̂ = 600 / 10,000 = 0.06, projected 0.06 × 25,000 = 1,500.
    // Residuals −60, 80, −180, 160: s² = 68,000 / 3; SE = 10 × √(0.6 × s² / 4) = 10 × √3,400 = 583.0952;
    // upper = 1,500 + 1.6449 × 583.0952 = 2,459.13 (rounded up to the fen).
    const books = [100_000, 200_000, 300_000, 400_000];
    const cuts = [0, 20_000, 0, 40_000];
    const plan: SamplePlan = {
      method: 'random', seed: 'hand', prng: 'sfc32', populationFen: 2_500_000, populationCount: 10, keyItemFen: null, intervalFen: null,
      size: 4, confidence: '0.95', tolerable: null, expected: null, keyItems: [],
      sample: books.map((amountFen, index) => ({ claimId: `S${index}`, amountFen, reason: 'selected' as const })),
    };
    const claims: ClaimCut[] = [
      ...books.map((amountFen, index) => ({ claimId: `S${index}`, claimedFen: amountFen, cutFen: cuts[index]! })),
      ...Array.from({ length: 6 }, (_, index) => ({ claimId: `U${index}`, claimedFen: 250_000, cutFen: 0 })),
    ];
    const projection = projectSample(plan, claims);
    expect(projection.projectedCutFen).toBe(150_000);
    expect(projection.upperCutFen).toBe(245_914);
    expect(projection.upperRatio).toBe('0.0984');
  });

  it('names a sampled row the dossier does not hold', () => {
    const plan = musPlan({ sample: [{ claimId: 'GONE', amountFen: 40_000, reason: 'selected', hits: 1 }] });
    expect(() => projectSample(plan, [], { source: 'review.json' })).toThrow(/review\.json: sample row "GONE"/);
  });

  it('takes exact integer square roots, rounded up', () => {
    expect(ceilSqrt(0n)).toBe(0n);
    expect(ceilSqrt(16n)).toBe(4n);
    expect(ceilSqrt(17n)).toBe(5n);
    expect(ceilSqrt(10n ** 40n + 1n)).toBe(10n ** 20n + 1n);
  });
});

// Pinned, and reproduced by an independent Python implementation of the documented algorithm
// (sfc32 from SHA-256 of the seed, 12 warm-up rounds, rejection sampling, systematic selection).
const GOLDEN_MUS = { start: 93_505, rows: ['R014', 'R038', 'R052', 'R063', 'R072', 'R081', 'R088', 'R095'] };
const GOLDEN_RANDOM = ['R005', 'R010', 'R020', 'R058', 'R066', 'R093'];

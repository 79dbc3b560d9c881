import { describe, expect, it } from 'vitest';
import { parseReviewJson, serializeReview } from '../../../src-renderer/core/review';

function reviewWith(sample: unknown) {
  return {
    schema: 'dossier-desk/review@1', program: 'shenzhen-2024-dsp', reviewer: { name: '审核员甲', role: 'auditor' },
    cuts: [], scores: {}, fields: [], findings: [], checklists: {}, auditLog: [], sample,
  };
}

const PLAN = {
  method: 'mus', seed: 's1', populationFen: 1_000_000, populationCount: 3, keyItemFen: 600_000, intervalFen: 200_000, randomStartFen: 5,
  size: 2, confidence: '0.95', tolerable: null, expected: null, keyItems: ['K1'],
  sample: [{ claimId: 'K1', amountFen: 600_000, reason: 'key' }, { claimId: 'R2', amountFen: 300_000, reason: 'selected', hits: 2 }],
};

describe('the sample plan in a review file', () => {
  it('is validated and written back with fields it does not know', () => {
    const { review, migrated } = parseReviewJson(reviewWith({ ...PLAN, stratum: 'north', sample: [{ ...PLAN.sample[0], tickedBy: '甲' }, PLAN.sample[1]] }), 'r.json');
    expect(migrated).toEqual([]);
    const text = serializeReview(review);
    expect(JSON.parse(text).sample.stratum).toBe('north');
    expect(JSON.parse(text).sample.sample[0].tickedBy).toBe('甲');
  });

  it('migrates a hand-written plan: confidence as a number, amounts in yuan, no key-item list', () => {
    const { keyItems: _keyItems, ...withoutKeys } = PLAN;
    const handWritten = {
      ...withoutKeys, confidence: 0.9,
      sample: [{ claimId: 'K1', amount: '6000.00', reason: 'key' }, { claimId: 'R2', amountFen: 300_000, reason: 'selected' }],
    };
    const { review, migrated } = parseReviewJson(reviewWith(handWritten), 'r.json');
    expect(review.sample?.confidence).toBe('0.90');
    expect(review.sample?.keyItems).toEqual(['K1']);
    expect(review.sample?.sample[0]).toEqual({ claimId: 'K1', amountFen: 600_000, reason: 'key' });
    expect(migrated).toEqual([
      'sample.confidence: 0.9 → "0.90"',
      'sample.sample[0].amount: "6000.00" → amountFen 600000',
      'sample.keyItems: absent → the rows marked "key"',
    ]);
  });

  it('names what is wrong with a plan', () => {
    expect(() => parseReviewJson(reviewWith({ ...PLAN, method: 'stratified' }), 'r.json')).toThrow(/sample\.method must be mus or random/);
    expect(() => parseReviewJson(reviewWith({ ...PLAN, confidence: '0.97' }), 'r.json')).toThrow(/sample\.confidence must be one of/);
    expect(() => parseReviewJson(reviewWith({ ...PLAN, keyItems: ['K1', 'K9'] }), 'r.json')).toThrow(/"K9" is a key item missing from the sample/);
    expect(() => parseReviewJson(reviewWith({ ...PLAN, intervalFen: null }), 'r.json')).toThrow(/sample\.intervalFen is needed/);
  });
});

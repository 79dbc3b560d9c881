import { describe, expect, it } from 'vitest';
import { newReview, parseReviewJson, parseReviewText, serializeReview } from '../../../src-renderer/core/review';
import { mergeReviews } from '../../../src-renderer/core/panel';
import { InvalidInputError } from '../../../src-renderer/core/result';
import type { ReviewFile } from '../../../src-renderer/core/types';
import { profile, review, shenzhenScores } from './builders';

const SHENZHEN = 'shenzhen-2024-dsp';

describe('review@1 read and write', () => {
  it('round-trips a review, keeping unknown fields at every level', () => {
    const original = {
      ...review(SHENZHEN, [{ claimId: 'C1', amount: '1000.00', reason: 'amount-mismatch', note: '发票金额不符', reviewerTag: 'x' }]),
      futureField: { kept: true },
      reviewer: { name: '专家甲', role: 'expert', organisation: '某大学' },
    };
    const { review: read, migrated } = parseReviewText(JSON.stringify(original), 'r.json');
    expect(migrated).toEqual([]);
    expect(read.futureField).toEqual({ kept: true });
    expect((read.reviewer as Record<string, unknown>).organisation).toBe('某大学');
    expect(read.cuts[0]!.reviewerTag).toBe('x');
    expect(JSON.parse(serializeReview(read))).toEqual(original);
    expect(serializeReview(read).endsWith('}\n')).toBe(true);
  });
  it('migrates a review@0 draft: reviewer as a name, numbers as decimal strings, missing lists', () => {
    const { review: read, migrated } = parseReviewJson({
      program: SHENZHEN, reviewer: '专家乙', reviewerRole: 'expert', scores: { 'basic.revenue': 8.5 },
      cuts: [{ claimId: 'C1', amount: 1000.5, reason: 'other' }], legacyNote: 'kept',
    }, 'old.json');
    expect(read).toMatchObject({
      schema: 'dossier-desk/review@1', reviewer: { name: '专家乙', role: 'expert' }, scores: { 'basic.revenue': '8.5' },
      cuts: [{ claimId: 'C1', amount: '1000.5', reason: 'other' }], fields: [], findings: [], checklists: {}, auditLog: [], legacyNote: 'kept',
    });
    expect(read).not.toHaveProperty('reviewerRole');
    expect(migrated).toEqual(expect.arrayContaining(['reviewer: "专家乙" → { name, role: "expert" }', 'scores.basic.revenue: number 8.5 → "8.5"']));
  });
  it('accepts a hand-written review@1 with numbers for scores and amounts and no lists, saying what it changed', () => {
    const { review: read, migrated } = parseReviewJson({
      schema: 'dossier-desk/review@1', program: SHENZHEN, reviewer: { name: '甲', role: 'auditor' },
      cuts: [{ claimId: 'C1', amount: 2000, reason: 'other' }], scores: { 'basic.revenue': 9.25 },
    }, 'hand.json');
    expect(read).toMatchObject({ cuts: [{ amount: '2000' }], scores: { 'basic.revenue': '9.25' }, fields: [], auditLog: [] });
    expect(migrated).toEqual(['scores.basic.revenue: number 9.25 → "9.25"', 'cuts[0].amount: number 2000 → "2000"', 'fields: absent → empty', 'findings: absent → empty', 'checklists: absent → empty', 'auditLog: absent → empty']);
    expect(() => parseReviewJson({ ...read, scores: { 'basic.revenue': 9.255 } }, 'hand.json')).toThrow('scores.basic.revenue is not a score');
  });
  it.each([
    ['a bad cut reason', { cuts: [{ claimId: 'C1', amount: '1.00', reason: 'dislike' }] }, 'cuts[0].reason must be one of missing-invoice'],
    ['a bad amount', { cuts: [{ claimId: 'C1', amount: '1,00.0', reason: 'other' }] }, 'cuts[0].amount is not a non-negative amount in yuan'],
    ['a negative amount', { cuts: [{ claimId: 'C1', amount: '-1.00', reason: 'other' }] }, 'cuts[0].amount is not a non-negative'],
    ['a score with three decimals', { scores: { 'basic.revenue': '1.234' } }, 'scores.basic.revenue is not a score'],
    ['a score as a word', { scores: { 'basic.revenue': 'high' } }, 'scores.basic.revenue is not a score'],
    ['an empty reviewer name', { reviewer: { name: ' ', role: 'expert' } }, 'reviewer.name must not be empty'],
    ['a bad checklist state', { checklists: { m01: { state: 'maybe' } } }, 'checklists.m01.state must be met, not-met'],
    ['a newer version', { schema: 'dossier-desk/review@2' }, 'schema must be "dossier-desk/review@1"'],
  ])('%s is invalid input naming the field', (_name, patch, message) => {
    const run = () => parseReviewJson({ ...review(SHENZHEN), ...patch }, 'bad.json');
    expect(run).toThrow(InvalidInputError);
    expect(run).toThrow(message);
    expect(run).toThrow(/^bad\.json: invalid review file/);
  });
  it('text that is not JSON names the file', () => {
    expect(() => parseReviewText('{', 'broken.json')).toThrow(/^broken\.json: not valid JSON/);
  });
  it('newReview makes a valid empty review', () => {
    const fresh = newReview(SHENZHEN, { name: '甲', role: 'expert' }, 'abc');
    expect(parseReviewJson(fresh, 'new.json').review).toEqual(fresh);
  });
});

function expert(name: string, total: string, extra: Partial<ReviewFile> = {}): { source: string; review: ReviewFile } {
  return { source: `${name}.json`, review: review(SHENZHEN, [], shenzhenScores(total), { reviewer: { name, role: 'expert' }, ...extra }) };
}

describe('merging reviewers\' files into a panel result', () => {
  it('five experts and an auditor: trimmed mean, band, caps, outlier and disagreements', () => {
    const auditorA = { source: 'auditA.json', review: review(SHENZHEN, [{ claimId: 'C1', amount: '100.00' }], {}, { reviewer: { name: '审核甲', role: 'auditor' } }) };
    const auditorB = { source: 'auditB.json', review: review(SHENZHEN, [{ claimId: 'C1', amount: '150.00' }], {}, { reviewer: { name: '审核乙', role: 'auditor' } }) };
    const result = mergeReviews(profile(SHENZHEN), [
      expert('A', '80'), expert('B', '82'), expert('C', '85'), expert('D', '90'), expert('E', '60'),
      expert('F', '99', { conflictOfInterest: { declared: true, note: '曾任顾问' } }), auditorA, auditorB,
    ]);
    expect(result.panel).toMatchObject({ method: 'trimmed-mean', scoredCount: 5, total: '82.33', median: '82.00', band: '[80,90)' });
    expect(result.panel!.awardCapFen.comprehensive).toBe(500_000_000);
    expect(result.panel!.members.find((member) => member.reviewer === 'F')).toMatchObject({ excludedReason: 'conflict-of-interest' });
    expect(result.disagreements.filter((entry) => entry.kind === 'score-outlier').map((entry) => entry.subject)).toEqual(['E']);
    expect(result.disagreements.find((entry) => entry.kind === 'cut-amount')).toMatchObject({ subject: 'C1', message: '申报项 C1 的核减金额不一致：审核甲 ¥100.00，审核乙 ¥150.00' });
    expect(result.cuts).toEqual([{ claimId: 'C1', agreed: false, byReviewer: [{ reviewer: '审核甲', amountFen: 10_000, reasons: ['other'] }, { reviewer: '审核乙', amountFen: 15_000, reasons: ['other'] }] }]);
    expect(result.reviewers).toHaveLength(8);
    expect(result.schema).toBe('dossier-desk/panel@1');
  });
  it('flags a criterion scored far apart and findings judged differently', () => {
    const a = expert('A', '70', { findings: [{ id: 'duplicate-invoice:C2:1', status: 'accepted' }] });
    const b = expert('B', '70', { findings: [{ id: 'duplicate-invoice:C2:1', status: 'dismissed' }] });
    b.review.scores = { ...b.review.scores, 'basic.revenue': '2', 'concessions.discounts': '15' };
    a.review.scores = { ...a.review.scores, 'basic.revenue': '10' };
    const kinds = mergeReviews(profile(SHENZHEN), [a, b]).disagreements.map((entry) => `${entry.kind}:${entry.subject}`);
    expect(kinds).toEqual(expect.arrayContaining(['criterion-spread:basic.revenue', 'finding-status:duplicate-invoice:C2:1']));
  });
  it.each([
    ['reviews of two programs', [expert('A', '70'), { source: 'gz.json', review: review('guangzhou-2020-voucher', [], {}, { reviewer: { name: 'B', role: 'auditor' } }) }], /gz\.json: program "guangzhou-2020-voucher" differs/],
    ['reviews of two dossiers', [expert('A', '70', { dossierId: 'aaa' }), expert('B', '70', { dossierId: 'bbb' })], /B\.json: dossierId bbb is another dossier/],
    ['the same reviewer twice', [expert('A', '70'), { ...expert('A', '71'), source: 'again.json' }], /again\.json: reviewer "A" already appears in A\.json/],
    ['a score above its maximum', [expert('A', '70'), { source: 'B.json', review: review(SHENZHEN, [], { 'basic.growth': '7.5' }, { reviewer: { name: 'B', role: 'expert' } }) }], /B\.json: scores\.basic\.growth "7\.5" is above/],
  ])('%s is invalid input naming the file', (_name, reviews, message) => {
    expect(() => mergeReviews(profile(SHENZHEN), reviews)).toThrow(message);
  });
});

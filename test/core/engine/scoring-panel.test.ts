import { describe, expect, it } from 'vitest';
import { evaluateDossier, resolveRubric } from '../../../src-renderer/core/engine';
import { aggregatePanel, type PanelMember } from '../../../src-renderer/core/panel';
import { InvalidInputError } from '../../../src-renderer/core/result';
import { manifest, profile, review, shenzhenScores } from './builders';

const SHENZHEN = 'shenzhen-2024-dsp';

function scoreFor(total: string, category = 'comprehensive', extra = {}) {
  return evaluateDossier({
    profile: profile(SHENZHEN),
    manifest: manifest(SHENZHEN, category, [{ amount: '100.00' }]),
    review: review(SHENZHEN, [], shenzhenScores(total), extra),
    sources: { review: 'review.json' },
  }).score;
}

describe('score bands (三(一)2: lower bound included)', () => {
  it.each([
    // total, category, band, award cap in fen
    ['59.99', 'comprehensive', null, 0],
    ['0', 'comprehensive', null, 0],
    ['60', 'comprehensive', '[60,70)', 100_000_000],
    ['60', 'non-comprehensive', '[60,70)', 50_000_000],
    ['69.99', 'comprehensive', '[60,70)', 100_000_000],
    ['70', 'comprehensive', '[70,80)', 300_000_000],
    ['70', 'non-comprehensive', '[70,80)', 100_000_000],
    ['79.99', 'non-comprehensive', '[70,80)', 100_000_000],
    ['80', 'comprehensive', '[80,90)', 500_000_000],
    ['85.5', 'non-comprehensive', '[80,90)', 300_000_000],
    ['89.99', 'comprehensive', '[80,90)', 500_000_000],
    ['90', 'comprehensive', '[90,100]', 1_000_000_000],
    ['90', 'non-comprehensive', '[90,100]', 500_000_000],
    ['100', 'comprehensive', '[90,100]', 1_000_000_000],
  ])('%s points, %s → %s, cap %i fen', (total, category, band, cap) => {
    const score = scoreFor(total, category);
    expect(score).toMatchObject({ band, awardCapFen: cap, rubricOfficial: false, missingCriteria: [] });
    expect(score!.total).toBe(`${total.split('.')[0]}.${(total.split('.')[1] ?? '').padEnd(2, '0')}`);
  });
  it('a score above its criterion maximum is invalid input naming it', () => {
    const scores = { ...shenzhenScores('50'), 'basic.revenue': '10.01' };
    const run = () => evaluateDossier({ profile: profile(SHENZHEN), manifest: manifest(SHENZHEN, 'comprehensive', [{ amount: '1.00' }]), review: review(SHENZHEN, [], scores), sources: { review: 'r.json' } });
    expect(run).toThrow(InvalidInputError);
    expect(run).toThrow('r.json: scores.basic.revenue "10.01" is above the criterion\'s maximum 10.00');
  });
  it('an unknown criterion and a malformed score are invalid input', () => {
    const base = { profile: profile(SHENZHEN), manifest: manifest(SHENZHEN, 'comprehensive', [{ amount: '1.00' }]) };
    expect(() => evaluateDossier({ ...base, review: review(SHENZHEN, [], { 'basic.luck': '1' }) })).toThrow(/scores\.basic\.luck: unknown criterion/);
    expect(() => evaluateDossier({ ...base, review: review(SHENZHEN, [], { 'basic.revenue': '1.234' }) })).toThrow(/scores\.basic\.revenue "1\.234" is not a score/);
  });
  it('scores on a program without a rubric are invalid input', () => {
    expect(() => evaluateDossier({
      profile: profile('guangzhou-2020-voucher'),
      manifest: manifest('guangzhou-2020-voucher', 'sme', [{ amount: '1.00' }]),
      review: review('guangzhou-2020-voucher', [], { x: '1' }),
    })).toThrow(/has no scoring rubric/);
  });
  it('partial scores total what was given and warn', () => {
    const report = evaluateDossier({ profile: profile(SHENZHEN), manifest: manifest(SHENZHEN, 'comprehensive', [{ amount: '1.00' }]), review: review(SHENZHEN, [], { 'basic.revenue': '9.5' }) });
    expect(report.score).toMatchObject({ total: '9.50', band: null, awardCapFen: 0 });
    const incomplete = report.findings.find((finding) => finding.rule === 'score-incomplete');
    expect(incomplete?.message).toContain('企业人数');
    expect(incomplete?.messageEn).toContain('Staff');
    expect(`${incomplete?.message} ${incomplete?.messageEn}`).not.toMatch(/capability\.staff/);
  });
  it('no scores → score null', () => {
    expect(evaluateDossier({ profile: profile(SHENZHEN), manifest: manifest(SHENZHEN, 'comprehensive', [{ amount: '1.00' }]), review: review(SHENZHEN) }).score).toBeNull();
  });
  it('the chair\'s weights replace the default maxima and must add up to 100', () => {
    const scoring = profile(SHENZHEN).scoring!;
    const weights = { 'basic.revenue': '20', 'basic.honours': '5', 'basic.growth': '5', 'capability.products': '10', 'capability.staff': '5', 'capability.innovation': '5', 'performance.enterprises': '10', 'performance.amount': '10', 'performance.effects': '10', 'concessions.discounts': '20' };
    const rubric = resolveRubric(scoring, weights);
    expect(rubric.official).toBe(false);
    expect(rubric.criteria.find((criterion) => criterion.id === 'basic.revenue')!.maxHundredths).toBe(2000);
    expect(() => resolveRubric(scoring, { ...weights, 'basic.revenue': '21' }, 'chair.json')).toThrow('chair.json: rubricWeights add up to 101.00, not the rubric total 100.00');
    expect(() => resolveRubric(scoring, { ...weights, extra: '1' })).toThrow(/unknown criterion "extra"/);
    const withWeights = (scores: Record<string, string>) => evaluateDossier({
      profile: profile(SHENZHEN), manifest: manifest(SHENZHEN, 'comprehensive', [{ amount: '1.00' }]),
      review: review(SHENZHEN, [], scores, { rubricWeights: weights }),
    });
    expect(withWeights({ 'basic.revenue': '20', 'concessions.discounts': '20', 'performance.amount': '10', 'capability.products': '10' }).score)
      .toMatchObject({ total: '60.00', band: '[60,70)', rubricOfficial: false });
    expect(() => withWeights({ 'basic.honours': '5.01' })).toThrow(/above the criterion's maximum 5\.00/);
  });
});

function member(reviewer: string, total: number | null, excludedReason: PanelMember['excludedReason'] = null): PanelMember {
  return { reviewer, role: 'expert', excludedReason, totalHundredths: total, perCriterion: total === null ? {} : { 'basic.revenue': Math.min(total, 1000) } };
}

describe('panel aggregation', () => {
  const scoring = profile(SHENZHEN).scoring!;
  it('five scored: drops one highest and one lowest; flags the reviewer 22 points below the median', () => {
    const panel = aggregatePanel(scoring, [member('A', 8000), member('B', 8200), member('C', 8500), member('D', 9000), member('E', 6000)]);
    expect(panel).toMatchObject({ method: 'trimmed-mean', scoredCount: 5, mean: '79.40', trimmedMean: '82.33', median: '82.00', total: '82.33', band: '[80,90)' });
    expect(panel.awardCapFen).toEqual({ comprehensive: 500_000_000, 'non-comprehensive': 300_000_000 });
    expect(panel.members.map((entry) => [entry.reviewer, entry.trimmed, entry.outlier, entry.deviationFromMedian])).toEqual([
      ['A', false, false, '-2.00'], ['B', false, false, '0.00'], ['C', false, false, '3.00'], ['D', true, false, '8.00'], ['E', true, true, '-22.00'],
    ]);
  });
  it('a conflicted reviewer is excluded, leaving four: plain mean', () => {
    const panel = aggregatePanel(scoring, [member('A', 8000), member('B', 8200), member('C', 8500), member('D', 9000), member('E', 6000, 'conflict-of-interest')]);
    expect(panel).toMatchObject({ method: 'mean', scoredCount: 4, mean: '84.25', trimmedMean: null, median: '83.50', total: '84.25', band: '[80,90)' });
    expect(panel.members[4]).toMatchObject({ excludedReason: 'conflict-of-interest', outlier: false, deviationFromMedian: null });
  });
  it('reviewers without scores (auditors) do not count', () => {
    const panel = aggregatePanel(scoring, [member('A', 7000), member('auditor', null)]);
    expect(panel).toMatchObject({ scoredCount: 1, total: '70.00', band: '[70,80)' });
  });
  it('exactly 15 points from the median is not an outlier; 15.01 is', () => {
    const panel = aggregatePanel(scoring, [member('A', 6500), member('B', 8000), member('C', 8000), member('D', 9500)]);
    expect(panel.median).toBe('80.00');
    expect(panel.members.map((entry) => entry.outlier)).toEqual([false, false, false, false]);
    const flagged = aggregatePanel(scoring, [member('A', 6500), member('B', 8000), member('C', 8000), member('D', 9501)]);
    expect(flagged.median).toBe('80.00');
    expect(flagged.members.map((entry) => entry.outlier)).toEqual([false, false, false, true]);
  });
  it('the band uses the exact mean: 59.99 and 60.00 average 59.995, shown 60.00, no band', () => {
    const panel = aggregatePanel(scoring, [member('A', 5999), member('B', 6000)]);
    expect(panel).toMatchObject({ total: '60.00', band: null, awardCapFen: { comprehensive: 0, 'non-comprehensive': 0 } });
  });
  it('trimming is configurable', () => {
    const members = [member('A', 6000), member('B', 7000), member('C', 8000)];
    expect(aggregatePanel(scoring, members, { trimWhenAtLeast: 3 })).toMatchObject({ method: 'trimmed-mean', total: '70.00' });
    expect(aggregatePanel(scoring, members, { outlierMargin: '5' }).members.map((entry) => entry.outlier)).toEqual([true, false, true]);
  });
});

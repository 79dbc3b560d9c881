import { describe, expect, it } from 'vitest';
import { auditVerdict, buildLedger, evaluateDossier } from '../../../src-renderer/core/engine';
import { InvalidInputError } from '../../../src-renderer/core/result';
import { manifest, profile, review } from './builders';

describe('audit verdict (Shenzhen 十五 注意事项 3: fail when cuts exceed 20%, strictly)', () => {
  it.each([
    // claimed, cut, ratio, verdict, headroom — all in fen, computed by hand
    [1_000_000, 200_000, '0.2000', 'pass', 0],
    [1_000_000, 200_001, '0.2000', 'fail', 0],
    [1_000_000, 199_999, '0.2000', 'pass', 1],
    [1_000_000, 0, '0.0000', 'pass', 200_000],
    [1_000_000, 250_000, '0.2500', 'fail', 0],
    [128_515_999, 0, '0.0000', 'pass', 25_703_199],
    [100_000_000, 20_000_000, '0.2000', 'pass', 0],
    [3, 1, '0.3333', 'fail', 0],
    [5, 1, '0.2000', 'pass', 0],
    [0, 0, '0.0000', 'pass', 0],
  ])('claimed %i, cut %i → %s %s, headroom %i', (claimed, cut, ratio, verdict, headroom) => {
    expect(auditVerdict(claimed, cut, '0.20')).toEqual({ cutRatio: ratio, threshold: '0.20', verdict, headroomFen: headroom });
  });
  it('10000.00 claimed: a cut of 2000.00 passes and 2000.01 fails, end to end', () => {
    const dossier = manifest('shenzhen-2024-dsp', 'comprehensive', [{ amount: '6000.00' }, { amount: '4000.00' }]);
    const pass = evaluateDossier({ profile: profile('shenzhen-2024-dsp'), manifest: dossier, review: review('shenzhen-2024-dsp', [{ claimId: 'C1', amount: '1500.00' }, { claimId: 'C2', amount: '500.00' }]) });
    expect(pass).toMatchObject({ claimedFen: 1_000_000, cutFen: 200_000, approvedFen: 800_000, cutRatio: '0.2000', threshold: '0.20', verdict: 'pass', headroomFen: 0, subsidy: null, score: null });
    const fail = evaluateDossier({ profile: profile('shenzhen-2024-dsp'), manifest: dossier, review: review('shenzhen-2024-dsp', [{ claimId: 'C1', amount: '1500.00' }, { claimId: 'C2', amount: '500.01' }]) });
    expect(fail).toMatchObject({ cutFen: 200_001, verdict: 'fail', headroomFen: 0 });
    expect(fail.findings.find((finding) => finding.rule === 'audit-cut-threshold')).toMatchObject({ severity: 'error', clause: '十五 注意事项 3' });
  });
  it('programs without a cut-ratio rule never fail on cuts; headroom is what is left', () => {
    const dossier = manifest('guangzhou-2020-voucher', 'sme', [{ amount: '10000.00' }]);
    const report = evaluateDossier({ profile: profile('guangzhou-2020-voucher'), manifest: dossier, review: review('guangzhou-2020-voucher', [{ amount: '10000.00' }]) });
    expect(report).toMatchObject({ cutRatio: '1.0000', threshold: '1.00', verdict: 'pass', headroomFen: 0, approvedFen: 0 });
  });
});

describe('cut ledger', () => {
  const dossier = manifest('shenzhen-2024-dsp', 'comprehensive', [{ amount: '100.00' }, { amount: '50.50' }]);
  it('sums claims and cuts per claim', () => {
    const ledger = buildLedger(dossier, review('x', [{ claimId: 'C2', amount: '0.50' }, { claimId: 'C2', amount: '10.00', reason: 'amount-mismatch' }]).cuts);
    expect(ledger).toMatchObject({ claimedFen: 15_050, cutFen: 1_050, approvedFen: 14_000 });
    expect(ledger.claims[1]).toMatchObject({ claimId: 'C2', claimedFen: 5_050, cutFen: 1_050, approvedFen: 4_000 });
  });
  it('a cut of a whole claim is allowed', () => {
    expect(buildLedger(dossier, review('x', [{ claimId: 'C1', amount: '100.00' }]).cuts).approvedFen).toBe(5_050);
  });
  it.each([
    ['a cut of an unknown claim', [{ claimId: 'C9', amount: '1.00' }], /review\.json: cuts\[0\] cuts unknown claim "C9"/],
    ['a cut larger than its claim', [{ claimId: 'C2', amount: '50.51' }], /review\.json: cuts\[0\] makes the cuts of claim "C2" 50\.51, more than its claimed 50\.50/],
    ['cuts adding up to more than the claim', [{ claimId: 'C1', amount: '60.00' }, { claimId: 'C1', amount: '40.01' }], /cuts\[1\] makes the cuts of claim "C1" 100\.01/],
    ['an amount that is not yuan', [{ claimId: 'C1', amount: '1.234' }], /cuts\[0\]\.amount "1\.234" is not an amount/],
  ])('%s is invalid input naming it', (_name, cuts, message) => {
    expect(() => buildLedger(dossier, review('x', cuts).cuts, { review: 'review.json' })).toThrow(InvalidInputError);
    expect(() => buildLedger(dossier, review('x', cuts).cuts, { review: 'review.json' })).toThrow(message);
  });
  it('a duplicate claim id in the manifest is invalid input', () => {
    const twice = manifest('x', 'c', [{ id: 'C1', amount: '1.00' }, { id: 'C1', amount: '2.00' }]);
    expect(() => buildLedger(twice, [], { manifest: 'dossier.json' })).toThrow(/dossier\.json: claims\[1\]\.id "C1"/);
  });
});

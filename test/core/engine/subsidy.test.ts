import { describe, expect, it } from 'vitest';
import { evaluateDossier } from '../../../src-renderer/core/engine';
import type { ManifestClaim, ReviewCut } from '../../../src-renderer/core/types';
import { manifest, profile, review } from './builders';

type Case = [string, string, string, Partial<ManifestClaim>[], Partial<ReviewCut>[], { baseFen: number; subsidyFen: number; perClaim: number[]; firmCapped: boolean }];

// Every expected number computed by hand from the notices: rate on the approved amount, rounded
// down to the fen, capped per contract, summed, capped per firm per year.
const CASES: Case[] = [
  // Guangzhou 附件1 三(三)2: 50% of the invoice amount, at most 20,000 per firm per year.
  ['Guangzhou: 50% of 12720.00', 'guangzhou-2020-voucher', 'sme', [{ amount: '12720.00' }], [],
    { baseFen: 1_272_000, subsidyFen: 636_000, perClaim: [636_000], firmCapped: false }],
  ['Guangzhou: half a fen is rounded down', 'guangzhou-2020-voucher', 'sme', [{ amount: '3.33' }], [],
    { baseFen: 333, subsidyFen: 166, perClaim: [166], firmCapped: false }],
  ['Guangzhou: on the approved amount after a cut', 'guangzhou-2020-voucher', 'sme', [{ amount: '12720.00' }, { amount: '30000.00' }], [{ claimId: 'C2', amount: '1000.01' }],
    // C2 approved 28999.99 → 14499.995 → 14499.99; sum 20859.99 > 20000 → 20000.00
    { baseFen: 4_171_999, subsidyFen: 2_000_000, perClaim: [636_000, 1_449_999], firmCapped: true }],
  ['Guangzhou: the firm cap reached exactly', 'guangzhou-2020-voucher', 'sme', [{ amount: '40000.00' }], [],
    { baseFen: 4_000_000, subsidyFen: 2_000_000, perClaim: [2_000_000], firmCapped: false }],
  // Shandong 2022 二(二): 30% of the contract, digital at most 100,000, cloud at most 50,000.
  ['Shandong 2022 digital: 30% rounded down', 'shandong-2022-voucher', 'digital', [{ amount: '333333.33' }], [],
    { baseFen: 33_333_333, subsidyFen: 9_999_999, perClaim: [9_999_999], firmCapped: false }],
  ['Shandong 2022 digital: two claims of one contract share its cap', 'shandong-2022-voucher', 'digital',
    [{ amount: '200000.00', contractNo: 'K-1' }, { amount: '200000.00', contractNo: 'K-1' }], [],
    { baseFen: 40_000_000, subsidyFen: 10_000_000, perClaim: [6_000_000, 4_000_000], firmCapped: false }],
  ['Shandong 2022 cloud: capped at 50,000', 'shandong-2022-voucher', 'cloud', [{ amount: '200000.00' }], [],
    { baseFen: 20_000_000, subsidyFen: 5_000_000, perClaim: [5_000_000], firmCapped: false }],
  ['Shandong 2022 cloud: two contracts, firm cap 50,000', 'shandong-2022-voucher', 'cloud',
    [{ amount: '100000.00', contractNo: 'A' }, { amount: '100000.00', contractNo: 'B' }], [],
    { baseFen: 20_000_000, subsidyFen: 5_000_000, perClaim: [3_000_000, 3_000_000], firmCapped: true }],
  // Shandong 2023 一: general vouchers 30%, at most 50,000; 专精特新 digital transformation at most 100,000.
  ['Shandong 2023 general: 30% of 150,000', 'shandong-2023-voucher', 'general', [{ amount: '150000.00' }], [],
    { baseFen: 15_000_000, subsidyFen: 4_500_000, perClaim: [4_500_000], firmCapped: false }],
  ['Shandong 2023 general: capped at 50,000', 'shandong-2023-voucher', 'general', [{ amount: '200000.00' }], [],
    { baseFen: 20_000_000, subsidyFen: 5_000_000, perClaim: [5_000_000], firmCapped: false }],
  ['Shandong 2023 specialized: 30% of 200,000 under its 100,000 cap', 'shandong-2023-voucher', 'specialized', [{ amount: '200000.00' }], [],
    { baseFen: 20_000_000, subsidyFen: 6_000_000, perClaim: [6_000_000], firmCapped: false }],
  ['Shandong 2023 specialized: the cap reached exactly', 'shandong-2023-voucher', 'specialized', [{ amount: '333333.34' }], [],
    // 30% of 333333.34 = 100000.002 → 100000.00, exactly the cap
    { baseFen: 33_333_334, subsidyFen: 10_000_000, perClaim: [10_000_000], firmCapped: false }],
  // Shanxi 三: at most 50% of the fees actually paid; 500,000 a year, 1,000,000 inside Jinchuanggu.
  ['Shanxi standard: on what was paid when less than approved', 'shanxi-2024-voucher', 'standard', [{ amount: '100000.00', paidAmount: '80000.00' }], [],
    { baseFen: 8_000_000, subsidyFen: 4_000_000, perClaim: [4_000_000], firmCapped: false }],
  ['Shanxi standard: on approved when a cut leaves less than paid', 'shanxi-2024-voucher', 'standard', [{ amount: '100000.00', paidAmount: '100000.00' }], [{ amount: '30000.00' }],
    { baseFen: 7_000_000, subsidyFen: 3_500_000, perClaim: [3_500_000], firmCapped: false }],
  ['Shanxi standard: capped at 500,000 a year', 'shanxi-2024-voucher', 'standard', [{ amount: '100000.00', paidAmount: '80000.00' }, { amount: '1200000.00' }], [],
    { baseFen: 128_000_000, subsidyFen: 50_000_000, perClaim: [4_000_000, 60_000_000], firmCapped: true }],
  ['Shanxi Jinchuanggu: the same claims stay under 1,000,000', 'shanxi-2024-voucher', 'jinchuanggu', [{ amount: '100000.00', paidAmount: '80000.00' }, { amount: '1200000.00' }], [],
    { baseFen: 128_000_000, subsidyFen: 64_000_000, perClaim: [4_000_000, 60_000_000], firmCapped: false }],
  ['Shanxi Jinchuanggu: the cap reached exactly', 'shanxi-2024-voucher', 'jinchuanggu', [{ amount: '2000000.00' }], [],
    { baseFen: 200_000_000, subsidyFen: 100_000_000, perClaim: [100_000_000], firmCapped: false }],
  ['Shanxi Jinchuanggu: above the cap', 'shanxi-2024-voucher', 'jinchuanggu', [{ amount: '2000000.02' }], [],
    { baseFen: 200_000_002, subsidyFen: 100_000_000, perClaim: [100_000_001], firmCapped: true }],
];

describe('subsidies per program', () => {
  it.each(CASES)('%s', (_name, program, category, claims, cuts, expected) => {
    const report = evaluateDossier({ profile: profile(program), manifest: manifest(program, category, claims), review: review(program, cuts) });
    expect(report.subsidy).toMatchObject({ baseFen: expected.baseFen, subsidyFen: expected.subsidyFen, firmCapped: expected.firmCapped });
    expect(report.subsidy!.perClaim!.map((entry) => entry.subsidyFen)).toEqual(expected.perClaim);
  });
  it('Shenzhen pays awards by score band, not a subsidy on claims', () => {
    const report = evaluateDossier({ profile: profile('shenzhen-2024-dsp'), manifest: manifest('shenzhen-2024-dsp', 'comprehensive', [{ amount: '1.00' }]) });
    expect(report.subsidy).toBeNull();
  });
  it('reports the firm cap as an info finding', () => {
    const report = evaluateDossier({ profile: profile('guangzhou-2020-voucher'), manifest: manifest('guangzhou-2020-voucher', 'sme', [{ amount: '50000.00' }]) });
    expect(report.findings.find((finding) => finding.rule === 'subsidy-firm-cap')).toMatchObject({ severity: 'info', clause: '附件1 三(三)2' });
  });
});

import { describe, expect, it } from 'vitest';
import { evaluateDossier } from '../../../src-renderer/core/engine';
import { shareProRata } from '../../../src-renderer/core/money';
import { applyBatchRules, buildFundingPlan, planBatch, planSheets, type PlanCandidate } from '../../../src-renderer/core/plan';
import type { DossierManifest, ReviewFile } from '../../../src-renderer/core/types';
import { manifest, profile, review, shenzhenScores } from '../engine/builders';

const shenzhen = profile('shenzhen-2024-dsp');
const guangzhou = profile('guangzhou-2020-voucher');
const shanxi = profile('shanxi-2024-voucher');
const scored = { scored: true, lowestBandMin: '60' };

function candidate(dossier: string, capFen: number, score: string | null = '80.00', extra: Partial<PlanCandidate> = {}): PlanCandidate {
  return { dossier, applicant: `${dossier} 公司`, category: 'comprehensive', eligible: true, auditVerdict: 'pass', score, band: '[80,90)', capFen, ...extra };
}

describe('sharing fen pro rata', () => {
  it('floors each share and gives the fen left over to the largest remainders, adding up exactly', () => {
    expect(shareProRata([1, 1, 1], 100)).toEqual([34, 33, 33]);
    expect(shareProRata([300, 200, 100], 100)).toEqual([50, 33, 17]);
    expect(shareProRata([0, 0], 100)).toEqual([0, 0]);
    const shares = shareProRata([100_000_000, 300_000_000, 50_000_000, 7], 199_999_999);
    expect(shares.reduce((sum, value) => sum + value, 0)).toBe(199_999_999);
  });
  it('ties between equal remainders go to the preferred entry', () => {
    expect(shareProRata([1, 1, 1], 100, [2, 0, 1])).toEqual([33, 33, 34]);
  });
});

describe('the funding plan', () => {
  it('award 0 with the reason: ineligible, audit failed, not scored, under 60 (59.99), else the band cap', () => {
    const plan = buildFundingPlan([
      candidate('a', 500_000_000, '85.00'),
      candidate('b', 0, '59.99', { band: null }),
      candidate('c', 100_000_000, '60.00', { band: '[60,70)' }),
      candidate('d', 500_000_000, '88.00', { eligible: false, ineligibleBecause: ['员工人数不足'] }),
      candidate('e', 500_000_000, '88.00', { auditVerdict: 'fail' }),
      candidate('f', 0, null, { band: null }),
    ], 10_000_000_000, 'pro-rata', scored);
    expect(plan.rows.map((row) => [row.dossier, row.awardFen, row.reason])).toEqual([
      ['a', 500_000_000, 'cap'], ['b', 0, 'below-lowest-band'], ['c', 100_000_000, 'cap'],
      ['d', 0, 'ineligible'], ['e', 0, 'audit-failed'], ['f', 0, 'not-scored'],
    ]);
    expect(plan.rows[1]!.reasonText).toBe('专家评分 59.99 低于 60 分，不予资助');
    expect(plan.rows[3]!.reasonText).toBe('不符合申报条件：员工人数不足');
    expect(plan).toMatchObject({ requestedFen: 600_000_000, allocatedFen: 600_000_000 });
  });

  it('pro-rata sums exactly to the budget, the remaining fen to the largest remainders', () => {
    const plan = buildFundingPlan([candidate('a', 100), candidate('b', 100), candidate('c', 100)], 100, 'pro-rata', scored);
    expect(plan.rows.map((row) => row.awardFen)).toEqual([34, 33, 33]);
    expect(plan.allocatedFen).toBe(100);
    const odd = buildFundingPlan([candidate('a', 1_000_000_00), candidate('b', 3_000_000_00), candidate('c', 5_000_000_00)], 777_777_777, 'pro-rata', scored);
    expect(odd.rows.reduce((sum, row) => sum + row.awardFen, 0)).toBe(777_777_777);
    expect(odd.rows.every((row) => row.awardFen <= row.capFen && row.reason === 'pro-rata')).toBe(true);
  });

  it('rank funds the highest scores first in full, the last one partly, the rest nothing', () => {
    const plan = buildFundingPlan([
      candidate('low', 300_000_000, '75.00', { band: '[70,80)' }),
      candidate('top', 1_000_000_000, '95.50', { band: '[90,100]' }),
      candidate('mid', 500_000_000, '85.00'),
      candidate('midToo', 500_000_000, '85.00'),
    ], 1_800_000_000, 'rank', scored);
    expect(plan.rows.map((row) => [row.dossier, row.awardFen, row.reason])).toEqual([
      ['low', 0, 'budget-exhausted'], ['top', 1_000_000_000, 'rank'], ['mid', 500_000_000, 'rank'], ['midToo', 300_000_000, 'rank-partial'],
    ]);
    expect(plan.allocatedFen).toBe(1_800_000_000);
  });

  it('a budget equal to the caps funds every cap; a budget of 0 funds nothing', () => {
    expect(buildFundingPlan([candidate('a', 100), candidate('b', 200)], 300, 'rank', scored).rows.map((row) => row.reason)).toEqual(['cap', 'cap']);
    expect(buildFundingPlan([candidate('a', 100)], 0, 'pro-rata', scored).allocatedFen).toBe(0);
  });

  it('planBatch: panel totals from the experts, the lowest band at exactly 60.00, caps by category', () => {
    const expert = (name: string, total: string): ReviewFile => review('shenzhen-2024-dsp', [], shenzhenScores(total), { reviewer: { name, role: 'expert' } });
    const plan = planBatch([
      { dossier: 'A', profile: shenzhen, manifest: manifest('shenzhen-2024-dsp', 'comprehensive', [{ amount: '100.00' }], { name: '甲公司', creditCode: '91440300A' }), reviews: [expert('x', '59.99'), expert('y', '60.01')] },
      { dossier: 'B', profile: shenzhen, manifest: manifest('shenzhen-2024-dsp', 'non-comprehensive', [{ amount: '100.00' }], { name: '乙公司', creditCode: '91440300B' }), reviews: [expert('x', '59.98'), expert('y', '60.00')] },
    ], 100_000_000_000, 'pro-rata').plan;
    expect(plan.rows.map((row) => [row.dossier, row.score, row.band, row.capFen, row.reason])).toEqual([
      ['A', '60.00', '[60,70)', 100_000_000, 'cap'],
      ['B', '59.99', null, 0, 'below-lowest-band'],
    ]);
  });
});

describe('planBatch: the audit verdict qualified', () => {
  it('provisional while an error finding is open on an unsigned review; settled once decided or signed', () => {
    // A service bought from the applicant itself: a related-party error.
    const related = manifest('shenzhen-2024-dsp', 'comprehensive', [{ amount: '100.00', counterparty: '测试申报有限公司' }], { name: '测试申报有限公司', creditCode: '91440300A' });
    const plain = manifest('shenzhen-2024-dsp', 'comprehensive', [{ amount: '100.00' }], { name: '乙公司', creditCode: '91440300B' });
    const run = (reviews: ReviewFile[]) => planBatch([
      { dossier: 'A', profile: shenzhen, manifest: related, reviews },
      { dossier: 'B', profile: shenzhen, manifest: plain, reviews: [review('shenzhen-2024-dsp')] },
    ], 100_000_000_000, 'pro-rata');
    const open = run([review('shenzhen-2024-dsp')]);
    expect(open.verdicts.get('A')).toMatchObject({ verdict: 'pass', provisional: true, open: { errorFindings: 1, proposals: 0 } });
    expect(open.verdicts.get('B')).toMatchObject({ verdict: 'pass', provisional: false });
    const errorId = open.reports.get('A')!.findings.find((finding) => finding.severity === 'error')!.id;
    expect(run([review('shenzhen-2024-dsp', [], {}, { findings: [{ id: errorId, status: 'accepted' }] })]).verdicts.get('A')).toMatchObject({ provisional: false });
    expect(run([review('shenzhen-2024-dsp', [], {}, { decision: { signedAt: '2026-12-06T09:00:00Z' } })]).verdicts.get('A')).toMatchObject({ provisional: false, signed: true });
    // The 扶持计划 sheet's 专项审计 column says so; without the verdicts it reads as before.
    const column = (sheets: ReturnType<typeof planSheets>) => sheets[0]!.rows.slice(0, 2).map((row) => (row[5] as { value: string }).value);
    expect(planSheets(open.plan, undefined, undefined, open.verdicts)[0]!.columns[5]!.header).toBe('专项审计');
    expect(column(planSheets(open.plan, undefined, undefined, open.verdicts))).toEqual(['通过（暂定：按已确认核减计算；尚有 1 项错误待处理）', '通过']);
    expect(column(planSheets(open.plan))).toEqual(['通过', '通过']);
  });
});

function voucher(program: string, category: string, name: string, creditCode: string, claims: Partial<DossierManifest['claims'][number]>[], contact?: { name: string; phone: string }): DossierManifest {
  return manifest(program, category, claims, { name, creditCode, ...(contact ? { contact } : {}) });
}

function batch(profileId: 'guangzhou' | 'shanxi', manifests: [string, DossierManifest][], issueFen?: number) {
  const chosen = profileId === 'guangzhou' ? guangzhou : shanxi;
  const dossiers = manifests.map(([dossier, entry]) => ({ dossier, manifest: entry, report: evaluateDossier({ profile: chosen, manifest: entry }) }));
  return applyBatchRules(chosen, dossiers, issueFen === undefined ? {} : { issueFen });
}

describe('rules over the round', () => {
  it('Guangzhou: one firm\'s two dossiers share its 20,000 yearly cap, each finding naming the other dossier', () => {
    const first = voucher('guangzhou-2020-voucher', 'sme', '广州甲公司', '91440101A', [{ amount: '30000.00', counterparty: '服务商一', invoiceDate: '2020-05-01' }]);
    const second = voucher('guangzhou-2020-voucher', 'sme', '广州甲公司', '91440101A', [{ amount: '20000.00', counterparty: '服务商二', invoiceDate: '2020-06-01' }]);
    const result = batch('guangzhou', [['gz/1', first], ['gz/2', second]]);
    expect(result.payableFen.get('gz/1')).toBe(1_500_000);
    expect(result.payableFen.get('gz/2')).toBe(500_000);
    const findings = result.findings.filter((entry) => entry.finding.rule === 'firm-yearly-cap-across-dossiers');
    expect(findings.map((entry) => entry.dossier)).toEqual(['gz/1', 'gz/2']);
    expect(findings[0]!.finding.message).toContain('gz/2');
    expect(findings[0]!.finding.clause).toBe('附件1 三(三)2');
  });

  it('Guangzhou provider caps are computed on payable subsidies: 1,200,000 claimed from one provider by one firm is 20,000 payable, no warning', () => {
    const big = voucher('guangzhou-2020-voucher', 'sme', '广州乙公司', '91440101B', [{ amount: '1200000.00', counterparty: '大服务商', invoiceDate: '2020-05-01' }]);
    const report = evaluateDossier({ profile: guangzhou, manifest: big });
    expect(report.subsidy!.subsidyFen).toBe(2_000_000);
    expect(report.findings.map((finding) => finding.rule)).not.toContain('subsidy-provider-cap');
    const result = batch('guangzhou', [['one', big]], 100_000_000_00);
    expect(result.findings.filter((entry) => entry.finding.rule === 'provider-cap-across-dossiers')).toEqual([]);
  });

  it('Guangzhou: a provider over 500,000 payable across 26 firms, or over 10% of the city\'s issue, is named on each dossier', () => {
    const dossiers: [string, DossierManifest][] = Array.from({ length: 26 }, (_, index) => [
      `gz/${index + 1}`, voucher('guangzhou-2020-voucher', 'sme', `广州企业${index + 1}`, `9144010${index}`, [{ amount: '40000.00', counterparty: '热门服务商（广州）有限公司', invoiceDate: '2020-05-01' }]),
    ]);
    const result = batch('guangzhou', dossiers, 100_000_000_00);
    const fixed = result.findings.filter((entry) => entry.finding.rule === 'provider-cap-across-dossiers' && entry.finding.clause === '附件1 四(三)');
    expect(fixed).toHaveLength(26);
    expect(fixed[0]!.finding.message).toContain('¥520,000.00');
    expect(fixed[0]!.finding.message).toContain('广州企业2（gz/2）');
    const share = batch('guangzhou', dossiers.slice(0, 3).concat([['gz/other', voucher('guangzhou-2020-voucher', 'sme', '另一企业', '91440199', [{ amount: '4000.00', counterparty: '别的服务商', invoiceDate: '2020-05-01' }])]]));
    // issue = 3 × 20,000 + 2,000 = 62,000; 10% = 6,200: the popular provider (60,000 payable) is over, the other (2,000) is not
    expect(share.findings.filter((entry) => entry.finding.clause === '附件3 二(三)').map((entry) => entry.dossier)).toEqual(['gz/1', 'gz/2', 'gz/3']);
  });

  it('Shanxi: the 500,000 cap (1,000,000 in Jinchuanggu) over a firm\'s dossiers', () => {
    const one = voucher('shanxi-2024-voucher', 'standard', '运城甲公司', '91140800A', [{ amount: '800000.00', paidAmount: '800000.00', counterparty: '检测机构', invoiceDate: '2024-03-01' }]);
    const two = voucher('shanxi-2024-voucher', 'standard', '运城甲公司', '91140800A', [{ amount: '600000.00', paidAmount: '600000.00', counterparty: '检测机构', invoiceDate: '2024-05-01' }]);
    const result = batch('shanxi', [['sx/1', one], ['sx/2', two]]);
    expect([result.payableFen.get('sx/1'), result.payableFen.get('sx/2')]).toEqual([40_000_000, 10_000_000]);
    const jin = (amount: string) => voucher('shanxi-2024-voucher', 'jinchuanggu', '晋创谷乙公司', '91140800B', [{ amount, paidAmount: amount, counterparty: '检测机构', invoiceDate: '2024-03-01' }]);
    const within = batch('shanxi', [['j/1', jin('1000000.00')], ['j/2', jin('1000000.00')]]);
    expect([within.payableFen.get('j/1'), within.payableFen.get('j/2')]).toEqual([50_000_000, 50_000_000]);
    expect(within.findings).toEqual([]);
  });

  it('Shanxi 二(一): an invoice after 2024-09-30 moves to the next round, not rejected and not paid now', () => {
    const late = voucher('shanxi-2024-voucher', 'standard', '运城丙公司', '91140800C', [
      { amount: '10000.00', paidAmount: '10000.00', counterparty: '检测机构', invoiceDate: '2024-09-30' },
      { amount: '20000.00', paidAmount: '20000.00', counterparty: '检测机构', invoiceDate: '2024-10-01' },
    ]);
    const report = evaluateDossier({ profile: shanxi, manifest: late });
    expect(report.findings.filter((finding) => finding.rule === 'invoice-date-window')).toEqual([]);
    const deferred = report.findings.filter((finding) => finding.rule === 'invoice-next-round');
    expect(deferred.map((finding) => [finding.claimId, finding.severity, finding.clause])).toEqual([['C2', 'info', '二(一)']]);
    expect(report.subsidy!.subsidyFen).toBe(500_000);
    expect(report.subsidy!.perClaim!.find((entry) => entry.claimId === 'C2')).toMatchObject({ baseFen: 0, deferred: true });
    expect(report.cutFen).toBe(0);
  });

  it('the same contact phone across applicants is named on both dossiers', () => {
    const a = voucher('shenzhen-2024-dsp', 'comprehensive', '甲', '91440300A', [{ amount: '1.00' }], { name: '张三', phone: '138-0000-0000' });
    const b = voucher('shenzhen-2024-dsp', 'comprehensive', '乙', '91440300B', [{ amount: '1.00' }], { name: '李四', phone: '+86 13800000000' });
    const dossiers = [['sz/a', a], ['sz/b', b]] as const;
    const result = applyBatchRules(shenzhen, dossiers.map(([dossier, entry]) => ({ dossier, manifest: entry, report: evaluateDossier({ profile: shenzhen, manifest: entry }) })));
    expect(result.findings.map((entry) => [entry.dossier, entry.finding.rule])).toEqual([['sz/a', 'shared-contact-phone'], ['sz/b', 'shared-contact-phone']]);
    expect(result.findings[0]!.finding.message).toContain('乙（sz/b）');
  });
});

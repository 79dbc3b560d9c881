import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDossier } from '../../src-main/cli/read-dossier';
import { cli } from './run-cli';

let scratch = '';
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'dossier-desk-cli-plan-'));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

const full: Record<string, string> = {
  'basic.revenue': '10', 'basic.honours': '8', 'basic.growth': '7', 'capability.products': '8', 'capability.staff': '8',
  'capability.innovation': '9', 'performance.enterprises': '12', 'performance.amount': '12', 'performance.effects': '11', 'concessions.discounts': '15',
};

/** Scores adding up to `total` whole points, taken off the last criteria. */
function scoresFor(total: number): Record<string, string> {
  let drop = 100 - total;
  const scores: Record<string, string> = {};
  for (const [id, max] of Object.entries(full).reverse()) {
    const off = Math.min(Number(max), drop);
    drop -= off;
    scores[id] = String(Number(max) - off);
  }
  return scores;
}

async function dossier(name: string, applicant: Record<string, unknown>, claims: Record<string, unknown>[], program = 'shenzhen-2024-dsp'): Promise<{ path: string; id: string }> {
  const path = join(scratch, name);
  await mkdir(path, { recursive: true });
  await writeFile(join(path, 'dossier.json'), JSON.stringify({ schema: 'dossier-desk/dossier@1', program, applicant, documents: [], claims }));
  return { path, id: (await readDossier([path])).dossierId };
}

async function reviewFile(name: string, dossierId: string, reviewer: string, scores: Record<string, string>, extra: Record<string, unknown> = {}): Promise<string> {
  const path = join(scratch, `${name}.json`);
  await writeFile(path, JSON.stringify({
    schema: 'dossier-desk/review@1', dossierId, program: 'shenzhen-2024-dsp', reviewer: { name: reviewer, role: 'expert' },
    cuts: [], scores, fields: [], findings: [], checklists: {}, auditLog: [], ...extra,
  }));
  return path;
}

describe('dossier-desk plan', () => {
  it('awards by band cap within the budget: pro-rata to the fen, rank by score, zero with its reason; writes 扶持计划 and 公示名单', async () => {
    const claims = [{ id: 'R1', amount: '1000000.00', counterparty: '客户' }];
    const a = await dossier('a', { name: '甲数字科技有限公司', creditCode: '91440300A00000001X', category: 'comprehensive' }, claims);
    const b = await dossier('b', { name: '乙信息技术有限公司', creditCode: '91440300B00000001X', category: 'non-comprehensive' }, claims);
    const c = await dossier('c', { name: '丙软件有限公司', creditCode: '91440300C00000001X', category: 'comprehensive' }, claims);
    const d = await dossier('d', { name: '丁云服务有限公司', creditCode: '91440300D00000001X', category: 'comprehensive' }, claims);
    const reviews = [
      await reviewFile('a1', a.id, '专家一', scoresFor(92)), await reviewFile('a2', a.id, '专家二', scoresFor(90)),
      await reviewFile('b1', b.id, '专家一', scoresFor(85)), await reviewFile('b2', b.id, '专家二', scoresFor(75)),
      await reviewFile('c1', c.id, '专家一', scoresFor(60)), await reviewFile('c2', c.id, '专家二', scoresFor(59)),
      await reviewFile('d1', d.id, '专家一', scoresFor(72)),
      await reviewFile('d-cut', d.id, '审计甲', {}, { reviewer: { name: '审计甲', role: 'auditor' }, cuts: [{ claimId: 'R1', amount: '200000.01', reason: 'amount-mismatch' }] }),
    ];
    const args = [a.path, b.path, c.path, d.path, ...reviews.flatMap((path) => ['--review', path])];
    // caps: a 91.00 → 10,000,000; b 80.00 → 3,000,000 (non-comprehensive); c 59.50 → 0; d audit failed (20.0000001%)
    const out = join(scratch, 'plan.xlsx');
    const proRata = await cli(['plan', ...args, '--budget', '10000000.01', '--out', out, '--json']);
    expect(proRata.stderr).toBe('');
    expect(proRata.code).toBe(0);
    const plan = JSON.parse(proRata.stdout);
    expect(plan).toMatchObject({ budgetFen: 1_000_000_001, requestedFen: 1_300_000_000, allocatedFen: 1_000_000_001, allocation: 'pro-rata' });
    expect(plan.rows.map((row: Record<string, unknown>) => [row.applicant, row.score, row.band, row.capFen, row.awardFen, row.reason, row.auditVerdict])).toEqual([
      ['甲数字科技有限公司', '91.00', '[90,100]', 1_000_000_000, 769_230_770, 'pro-rata', 'pass'],
      ['乙信息技术有限公司', '80.00', '[80,90)', 300_000_000, 230_769_231, 'pro-rata', 'pass'],
      ['丙软件有限公司', '59.50', null, 0, 0, 'below-lowest-band', 'pass'],
      ['丁云服务有限公司', '72.00', '[70,80)', 300_000_000, 0, 'audit-failed', 'fail'],
    ]);
    expect(Object.keys(plan.rows[0])).toEqual(expect.arrayContaining(['dossier', 'applicant', 'category', 'eligible', 'auditVerdict', 'score', 'band', 'capFen', 'awardFen', 'reason']));

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await readFile(out) as unknown as ExcelJS.Buffer);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['扶持计划', '公示名单']);
    const notice = workbook.getWorksheet('公示名单')!;
    expect(notice.getRow(1).values).toEqual([undefined, '序号', '申报单位', '统一社会信用代码', '类别', '专家评分', '拟扶持金额']);
    expect(notice.rowCount).toBe(3);
    expect(notice.getRow(2).getCell(6).value).toBe(7_692_307.7);
    const planSheet = workbook.getWorksheet('扶持计划')!;
    expect(planSheet.getRow(4).getCell(11).value).toBe('专家评分 59.50 低于 60 分，不予资助');
    // Each row names its applicant with the credit code the dossier gives, and the dossier as given on the command line.
    const byApplicant = new Map(planSheet.getSheetValues().slice(2).map((row) => [String((row as unknown[])[2]), row as unknown[]]));
    for (const row of plan.rows as { applicant: string; creditCode?: string; dossier: string }[]) {
      expect(byApplicant.get(row.applicant)?.[3] ?? '').toBe(row.creditCode ?? '');
      expect(byApplicant.get(row.applicant)?.[12]).toBe(row.dossier);
    }

    const rank = JSON.parse((await cli(['plan', ...args, '--budget', '12000000', '--allocation', 'rank', '--json'])).stdout);
    expect(rank.rows.map((row: { awardFen: number; reason: string }) => [row.awardFen, row.reason])).toEqual([
      [1_000_000_000, 'rank'], [200_000_000, 'rank-partial'], [0, 'below-lowest-band'], [0, 'audit-failed'],
    ]);
  }, 60_000);

  it('bad input: no budget is a usage error; an unknown allocation too; a review of another dossier exits 3 naming it', async () => {
    const a = await dossier('x', { name: '戊公司', category: 'comprehensive' }, [{ id: 'R1', amount: '1.00' }]);
    const b = await dossier('y', { name: '己公司', category: 'comprehensive' }, [{ id: 'R1', amount: '2.00' }]);
    expect((await cli(['plan', a.path])).code).toBe(2);
    expect((await cli(['plan', a.path, '--budget', '100', '--allocation', 'lottery'])).code).toBe(2);
    const stray = await reviewFile('stray', 'f'.repeat(64), '专家', scoresFor(80));
    const result = await cli(['plan', a.path, b.path, '--budget', '100', '--review', stray]);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('stray.json');
  }, 60_000);

  it('Guangzhou: one firm\'s dossiers share the 20,000 yearly cap and the provider cap counts payable subsidies only', async () => {
    const firm = { name: '广州某某科技有限公司', creditCode: '91440101MA5XXXXX1X', category: 'sme' };
    const one = await dossier('gz1', firm, [{ id: 'V1', amount: '1200000.00', counterparty: '大服务商有限公司', invoiceDate: '2020-05-01' }], 'guangzhou-2020-voucher');
    const two = await dossier('gz2', firm, [{ id: 'V1', amount: '10000.00', counterparty: '小服务商有限公司', invoiceDate: '2020-06-01' }], 'guangzhou-2020-voucher');
    const result = await cli(['plan', one.path, two.path, '--budget', '1000000', '--json']);
    expect(result.stderr).toBe('');
    const plan = JSON.parse(result.stdout);
    expect(plan.rows.map((row: { capFen: number; awardFen: number }) => [row.capFen, row.awardFen])).toEqual([[2_000_000, 2_000_000], [0, 0]]);
    const rules = plan.batchFindings.map((entry: { dossier: string; rule: string }) => [entry.dossier, entry.rule]);
    expect(rules).toContainEqual([two.path, 'firm-yearly-cap-across-dossiers']);
    expect(rules.filter(([, rule]: [string, string]) => rule === 'provider-cap-across-dossiers' || rule === 'subsidy-provider-cap')).toEqual([
      [one.path, 'provider-cap-across-dossiers'], // 20,000 > 10% of the round's 20,000 issue; not the 500,000 cap
    ]);
    expect(plan.batchFindings.find((entry: { rule: string }) => entry.rule === 'provider-cap-across-dossiers').clause).toBe('附件3 二(三)');
  }, 60_000);
});

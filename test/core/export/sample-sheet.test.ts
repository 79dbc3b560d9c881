// The sample plan in the exports: the 抽样方案 sheet of the XLSX (read back with exceljs) and the
// 抽样方案 section of the printed review sheet (read back with pdf.js): method, parameters, seed,
// interval, key items, every sampled row with its cut, and the projected and upper cut ratios.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { ExportDossier } from '../../../src-renderer/core/export/model';
import { buildExportSheets } from '../../../src-renderer/core/export/tables';
import { declaredPopulation, drawSample, projectSample, type SamplePlan } from '../../../src-renderer/core/sampling';
import { buildLedger } from '../../../src-renderer/core/engine/ledger';
import { renderReviewSheetsPdf } from '../../../src-renderer/export/review-sheet-pdf';
import { writeXlsx } from '../../../src-renderer/export/xlsx';
import { testHasher } from '../import/hasher';
import { sampleDossier } from './fixture';
import { readPdfText } from '../../fixtures/pdf-text';

const require = createRequire(import.meta.url);
const font = new Uint8Array(readFileSync(require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf')));

const claims = Array.from({ length: 60 }, (_, index) => {
  const fen = index % 25 === 4 ? 30_000_000 : 200_000 + ((index * 7919) % 3_000_000);
  return { id: `R${String(index + 1).padStart(3, '0')}`, counterparty: `深圳市客户${index + 1}有限公司`, amount: `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}` };
});

async function dossierWithSample(): Promise<{ dossier: ExportDossier; plan: SamplePlan; cutRow: string }> {
  const base = sampleDossier();
  const manifest = { ...base.manifest, claims };
  const plan = await drawSample(declaredPopulation(manifest), { method: 'mus', seed: 'audit-2024', confidence: '0.95', tolerable: '0.1', expected: '0.01' }, testHasher);
  const drawn = plan.sample.find((row) => row.reason === 'selected')!;
  const [auditor, ...experts] = base.reviews;
  const review = { ...auditor!, cuts: [{ claimId: drawn.claimId, amount: `${Math.floor(drawn.amountFen / 400)}.00`, reason: 'amount-mismatch' as const }], sample: plan };
  const claimedFen = declaredPopulation(manifest).reduce((total, row) => total + row.amountFen, 0);
  return { dossier: { ...base, manifest, reviews: [review, ...experts.map((expert) => ({ ...expert, cuts: [] }))], report: { ...base.report, claimedFen } }, plan, cutRow: drawn.claimId };
}

describe('the sample plan in the exports', () => {
  it('has its own XLSX sheet: the plan line with parameters and projection, then every sampled row with its cut', async () => {
    const { dossier, plan, cutRow } = await dossierWithSample();
    const bytes = await writeXlsx(buildExportSheets([dossier]), { created: new Date('2024-10-22T00:00:00Z') });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
    const sheet = workbook.getWorksheet('抽样方案')!;
    const headers = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
    const cell = (row: number, header: string) => sheet.getRow(row).getCell(headers.indexOf(header) + 1).value;
    expect(sheet.rowCount).toBe(1 + 1 + plan.sample.length);
    expect(cell(2, '行类别')).toBe('抽样方案');
    expect(cell(2, '抽样方法')).toContain('货币单位抽样');
    expect(cell(2, '随机种子')).toBe('audit-2024');
    expect(cell(2, '随机数算法')).toBe(plan.prng);
    expect(cell(2, '置信度')).toBe('0.95');
    expect(cell(2, '可容忍错报率')).toBe('0.1');
    expect(cell(2, '样本量')).toBe(plan.size);
    expect(cell(2, '抽样间隔')).toBe(plan.intervalFen! / 100);
    expect(cell(2, '关键项目行数')).toBe(plan.keyItems.length);
    expect(plan.keyItems.length).toBeGreaterThan(0);
    const ledger = buildLedger(dossier.manifest, dossier.reviews[0]!.cuts);
    const projection = projectSample(plan, ledger.claims, { threshold: '0.20' });
    expect(projection.projectedCutFen).toBeGreaterThan(0);
    expect(cell(2, '推断核减')).toBe(projection.projectedCutFen / 100);
    expect(cell(2, '核减上限')).toBe(projection.upperCutFen / 100);
    expect(cell(2, '推断核减比例')).toBeCloseTo(Number(projection.projectedRatio), 4);
    expect(cell(2, '核减上限比例')).toBeCloseTo(Number(projection.upperRatio), 4);
    expect(sheet.getRow(2).getCell(headers.indexOf('核减上限比例') + 1).numFmt).toBe('0.00%');
    expect(cell(2, '阈值')).toBe(0.2);
    expect(String(cell(2, '推断结论'))).toMatch(/^推断核减(未超过|超过)阈值；置信度 0.95 的核减上限(未超过|超过)阈值$/);
    const listed = Array.from({ length: plan.sample.length }, (_, index) => ({ id: cell(3 + index, '申报行'), kind: cell(3 + index, '行类别'), cut: cell(3 + index, '核减金额') }));
    expect(listed.map((row) => row.id)).toEqual(plan.sample.map((row) => row.claimId));
    expect(listed.filter((row) => row.kind === '关键项目').map((row) => row.id)).toEqual(plan.keyItems);
    expect(listed.find((row) => row.id === cutRow)!.cut).toBe(ledger.claims.find((claim) => claim.claimId === cutRow)!.cutFen / 100);
  });

  it('has no rows when no review holds a sample', async () => {
    const sheet = buildExportSheets([sampleDossier()]).find((entry) => entry.name === '抽样方案')!;
    expect(sheet.rows).toEqual([]);
  });

  it('is a section of the printed review sheet with the parameters, the projection and every sampled row', async () => {
    const { dossier, plan } = await dossierWithSample();
    const bytes = await renderReviewSheetsPdf([dossier], { font, created: new Date('2024-10-22T00:00:00Z') });
    const { text } = await readPdfText(bytes);
    const projection = projectSample(plan, buildLedger(dossier.manifest, dossier.reviews[0]!.cuts).claims, { threshold: '0.20' });
    const percent = (ratio: string) => `${(Number(ratio) * 100).toFixed(2)}%`;
    for (const expected of ['抽样方案', '货币单位抽样', '随机种子', '“audit-2024”', '置信度0.95，可容忍错报率0.1，预计错报率0.01', `抽样间隔¥`, '关键项目', '推断核减', `比例${percent(projection.projectedRatio)}`, `比例${percent(projection.upperRatio)}`, '核减上限']) {
      expect(text).toContain(expected);
    }
    for (const row of plan.sample) expect(text).toContain(row.claimId);
    expect(text.indexOf('抽样方案')).toBeLessThan(text.indexOf('审查人签字'));
  });
});

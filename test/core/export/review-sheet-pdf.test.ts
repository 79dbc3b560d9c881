import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { ratioAsPercent, renderReviewSheetsPdf } from '../../../src-renderer/export/review-sheet-pdf';
import { sampleDossier } from './fixture';
import { readPdfText } from '../../fixtures/pdf-text';

const require = createRequire(import.meta.url);
const font = new Uint8Array(readFileSync(require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf')));

describe('review sheet PDF (read back with pdf.js)', () => {
  it('embeds the Chinese text: applicant, program, totals, verdict, scores, findings, reviewers, signature lines', async () => {
    const bytes = await renderReviewSheetsPdf([sampleDossier()], { font, created: new Date('2024-10-22T00:00:00Z') });
    expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe('%PDF-');
    const { text } = await readPdfText(bytes);
    const head = sampleDossier().auditLog.at(-1)!;
    expect(text).toContain(`审计日志链头第${head.seq}条·SHA-256${head.hash}`);
    for (const expected of [
      '评审意见表',
      '深圳市示例数字科技有限公司',
      '91440300MA5EXAMPLE',
      '深圳市2024年中小企业数字化转型服务商支持计划',
      '申报金额', '¥22,720.00',
      '核减金额', '¥3,000.00',
      '核定金额', '¥19,720.00',
      '13.20%',
      '结论', '通过',
      '评分表', '基本情况', '服务能力', '30.5', '29.25', '赵专家（申明回避）',
      '审查发现', '发票金额与申报金额不符', '已采纳',
      '核减明细', '金额不符', '¥2,000.00',
      '王审计', '李专家', '签字', '评审组长签字', '陈组长',
    ]) {
      expect(text).toContain(expected.replace(/\s+/g, ''));
    }
  });

  it('states a verdict of an unsigned review with work open as provisional, with what is open', async () => {
    const dossier = sampleDossier();
    dossier.reviews = dossier.reviews.map(({ decision: _signed, ...review }) => review);
    const { text } = await readPdfText(await renderReviewSheetsPdf([dossier], { font }));
    expect(text).toContain('通过（暂定：按已确认核减计算；尚有1项错误待处理）');
    dossier.report = { ...dossier.report, findings: dossier.report.findings.map((finding) => ({ ...finding, status: 'dismissed' as const })) };
    const settled = (await readPdfText(await renderReviewSheetsPdf([dossier], { font }))).text;
    expect(settled).toContain('结论通过');
    expect(settled).not.toContain('暂定');
  });

  it('numbers its sections without a gap when a section is left out (no scores: 评分表 is not printed)', async () => {
    const dossier = sampleDossier();
    dossier.reviews = dossier.reviews.map((review) => ({ ...review, scores: {} }));
    dossier.panel = null;
    const { text } = await readPdfText(await renderReviewSheetsPdf([dossier], { font }));
    expect(text).not.toContain('评分表');
    expect(text).toContain('一、申报单位');
    expect(text).toContain('二、审核金额与结论');
    expect(text).toContain('三、审查发现');
    expect(text).toContain('四、核减明细');
  });

  it('prints the registration place by its name, not the profile id', async () => {
    const dossier = sampleDossier();
    dossier.manifest = { ...dossier.manifest, applicant: { ...dossier.manifest.applicant, registeredIn: 'shenzhen' } };
    const { text } = await readPdfText(await renderReviewSheetsPdf([dossier], { font }));
    expect(text).toContain('注册地深圳市');
    expect(text).not.toContain('注册地shenzhen');
  });

  it('gives each dossier its own pages', async () => {
    const second = { ...sampleDossier(), dossierId: 'e'.repeat(64) };
    second.manifest = { ...second.manifest, applicant: { ...second.manifest.applicant, name: '第二申报单位有限公司' } };
    const one = await readPdfText(await renderReviewSheetsPdf([sampleDossier()], { font }));
    const two = await readPdfText(await renderReviewSheetsPdf([sampleDossier(), second], { font }));
    expect(two.pages).toBe(one.pages * 2);
    expect(two.text).toContain('第二申报单位有限公司');
  });

  it('writes ratios as exact percentages', () => {
    expect(ratioAsPercent('0.2000')).toBe('20.00%');
    expect(ratioAsPercent('0.20')).toBe('20.00%');
    expect(ratioAsPercent('1.0000')).toBe('100.00%');
    expect(ratioAsPercent('0.0005')).toBe('0.05%');
  });

  it('keeps a 5,000-character name within one row and shows a bidi override as 〔U+202E〕', async () => {
    const normal = await readPdfText(await renderReviewSheetsPdf([sampleDossier()], { font, created: new Date('2024-10-22T00:00:00Z') }));
    const dossier = sampleDossier();
    dossier.manifest = { ...dossier.manifest, applicant: { ...dossier.manifest.applicant, name: '深'.repeat(5000) } };
    dossier.reviews = [{ ...dossier.reviews[0]!, reviewer: { name: '\u202Eexe.tset', role: 'auditor' } }, ...dossier.reviews.slice(1)];
    const long = await readPdfText(await renderReviewSheetsPdf([dossier], { font, created: new Date('2024-10-22T00:00:00Z') }));
    expect(long.pages).toBeLessThanOrEqual(normal.pages + 1);
    expect(long.text).toContain('…（共5000字，全文见JSON数据包）');
    expect(long.text).toContain('〔U+202E〕exe.tset');
    expect(long.text).not.toContain('\u202E');
  });
});

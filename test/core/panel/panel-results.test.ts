import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { evaluateDossier } from '../../../src-renderer/core/engine';
import { buildExportSheets } from '../../../src-renderer/core/export/tables';
import { assembleExportDossier } from '../../../src-renderer/core/export/assemble';
import { mergeReviews, scoreSheetOfReviews, signOffProblems } from '../../../src-renderer/core/panel';
import { parseProfile } from '../../../src-renderer/core/profiles';
import { InvalidInputError } from '../../../src-renderer/core/result';
import { parseReviewJson, serializeReview } from '../../../src-renderer/core/review';
import type { ReviewFile } from '../../../src-renderer/core/types';
import { renderReviewSheetsPdf } from '../../../src-renderer/export/review-sheet-pdf';
import { manifest, profile, review, shenzhenScores } from '../engine/builders';
import { readPdfText } from '../../fixtures/pdf-text';

const shenzhen = profile('shenzhen-2024-dsp');
const require = createRequire(import.meta.url);

function expert(name: string, total: string, extra: Partial<ReviewFile> = {}): ReviewFile {
  return review('shenzhen-2024-dsp', [], shenzhenScores(total), { reviewer: { name, role: 'expert', organisation: `${name}所在大学` }, ...extra });
}

function commentsFor(scores: Record<string, string>, text = '依据材料评分'): Record<string, string> {
  return Object.fromEntries(Object.keys(scores).map((id) => [id, `${id}：${text}`]));
}

describe('review file: comments, opinion and the reviewer\'s organisation', () => {
  it('keeps comments, opinion, organisation and unknown fields through read and write', () => {
    const written = expert('张教授', '85', { comments: { 'basic.revenue': '营收稳定' }, opinion: '建议支持', extraNote: { kept: true } });
    const read = parseReviewJson(JSON.parse(serializeReview(written)), 'expert.json');
    expect(read.review.comments).toEqual({ 'basic.revenue': '营收稳定' });
    expect(read.review.opinion).toBe('建议支持');
    expect(read.review.reviewer.organisation).toBe('张教授所在大学');
    expect(read.review.extraNote).toEqual({ kept: true });
    expect(read.migrated).toEqual([]);
  });

  it('migrates comments written as a list and the reviewer\'s "organization"', () => {
    const read = parseReviewJson({
      schema: 'dossier-desk/review@1', program: 'shenzhen-2024-dsp',
      reviewer: { name: '李工', role: 'expert', organization: '某研究院' },
      scores: { 'basic.revenue': 8 },
      comments: [{ criterion: 'basic.revenue', text: '规模一般' }, { criterionId: 'basic.growth', comment: '增长快' }],
    }, 'old.json');
    expect(read.review.comments).toEqual({ 'basic.revenue': '规模一般', 'basic.growth': '增长快' });
    expect(read.review.reviewer.organisation).toBe('某研究院');
    expect(read.review.reviewer.organization).toBeUndefined();
    expect(read.migrated).toEqual(expect.arrayContaining(['comments: list of 2 → record by criterion', 'reviewer.organization → reviewer.organisation']));
  });

  it('a comment that is not text or a declared relation of an unknown kind is invalid input naming the file', () => {
    expect(() => parseReviewJson({ ...expert('甲', '70'), comments: { 'basic.revenue': 5 } }, 'bad.json')).toThrow(InvalidInputError);
    expect(() => parseReviewJson({ ...expert('甲', '70'), conflictOfInterest: { declared: false, relations: [{ name: '某公司', relation: 'friend' }] } }, 'bad.json'))
      .toThrow(/bad\.json[\s\S]*must be employer or client/);
  });
});

describe('comments required where the profile says (lowest and highest bands, under 60) and sign-off', () => {
  const cases: [string, boolean][] = [['59.99', true], ['60.00', true], ['69.99', true], ['70.00', false], ['89.99', false], ['90.00', true], ['100', true]];
  for (const [total, required] of cases) {
    it(`a total of ${total} ${required ? 'needs' : 'does not need'} a comment on every criterion`, () => {
      const scored = expert('甲', total, { opinion: '意见' });
      const problems = signOffProblems(shenzhen, scored, 'comprehensive');
      expect(problems.some((problem) => problem.kind === 'comment-required')).toBe(required);
      const commented = { ...scored, comments: commentsFor(scored.scores) };
      expect(signOffProblems(shenzhen, commented, 'comprehensive')).toEqual([]);
    });
  }

  it('sign-off needs a named reviewer with an organisation, every criterion scored and the opinion', () => {
    const scores = shenzhenScores('75');
    delete scores['concessions.discounts'];
    const unfinished = review('shenzhen-2024-dsp', [], scores, { reviewer: { name: 'local', role: 'expert' } });
    expect(signOffProblems(shenzhen, unfinished, 'comprehensive').map((problem) => problem.kind))
      .toEqual(['reviewer-name', 'reviewer-organisation', 'unfinished', 'opinion-required']);
  });

  it('check reports missing required comments, and a signed review that lacks the opinion or organisation', () => {
    const signed = review('shenzhen-2024-dsp', [], shenzhenScores('92'), { reviewer: { name: '甲', role: 'expert' }, decision: { signedAt: '2024-10-20T10:00:00+08:00' } });
    const report = evaluateDossier({ profile: shenzhen, manifest: manifest('shenzhen-2024-dsp', 'comprehensive', [{ amount: '100.00' }]), review: signed });
    const rules = report.findings.map((finding) => finding.rule);
    expect(rules).toContain('score-comment-required');
    expect(report.findings.filter((finding) => finding.rule === 'sign-off-incomplete').map((finding) => finding.message))
      .toEqual(['已签署，但评审人未填写工作单位', '已签署，但未填写总体评审意见']);
  });

  it('a profile naming a band that does not exist in commentsRequired is rejected', () => {
    const json = JSON.parse(readFileSync('resources/profiles/shenzhen-2024-dsp.json', 'utf8'));
    json.scoring.commentsRequired.bands = ['[95,100]'];
    expect(() => parseProfile(json, 'custom.json')).toThrow(/commentsRequired\.bands: unknown band "\[95,100\]"/);
  });
});

describe('the chair\'s merge and 专家评分汇总表', () => {
  const panelReviews = (): ReviewFile[] => {
    const a = expert('甲', '85', { opinion: '建议资助', decision: { signedAt: '2024-10-20T10:00:00+08:00' } });
    a.comments = { 'basic.revenue': '营收规模较大' };
    const b = expert('乙', '75', { opinion: '基本符合' });
    const cScores = shenzhenScores('60');
    delete cScores['concessions.discounts'];
    const c = review('shenzhen-2024-dsp', [], cScores, { reviewer: { name: '丙', role: 'expert' } });
    const d = expert('丁', '99', { conflictOfInterest: { declared: true, note: '曾为申报单位顾问' } });
    const chair = review('shenzhen-2024-dsp', [], {}, { reviewer: { name: '组长王', role: 'chair', organisation: '市工信局专家库' }, opinion: '专家组同意按平均分确定档次' });
    return [a, b, c, d, chair];
  };

  it('carries every expert\'s scores, comments, opinion and organisation, the unfinished one and the chair\'s summary', () => {
    const merged = mergeReviews(shenzhen, panelReviews().map((entry, index) => ({ source: `r${index}.json`, review: entry })));
    expect(merged.reviewers.map((entry) => [entry.name, entry.organisation, entry.total, entry.opinion, entry.excludedReason])).toEqual([
      ['甲', '甲所在大学', '85.00', '建议资助', null],
      ['乙', '乙所在大学', '75.00', '基本符合', null],
      ['丙', null, '60.00', null, null],
      ['丁', '丁所在大学', '99.00', null, 'conflict-of-interest'],
      ['组长王', '市工信局专家库', null, '专家组同意按平均分确定档次', null],
    ]);
    expect(merged.reviewers[0]!.comments).toEqual({ 'basic.revenue': '营收规模较大' });
    expect(merged.reviewers[2]!.missingCriteria).toEqual(['concessions.discounts']);
    expect(merged.unfinished).toEqual(['丙']);
    expect(merged.chairSummary).toBe('专家组同意按平均分确定档次');
    expect(merged.chair).toBe('组长王');
    expect(merged.panel?.mean).toBe('73.33');
  });

  it('the workbook sheet and the printed sheet show scores, comments, opinions, statistics, recusals and a signature for everyone', async () => {
    const dossier = assembleExportDossier({
      profile: shenzhen, dossierId: 'e'.repeat(64),
      manifest: manifest('shenzhen-2024-dsp', 'comprehensive', [{ amount: '100.00' }], { name: '深圳市示例数字科技有限公司' }),
      files: [], extractions: [], reviews: panelReviews(),
    });
    const sheet = buildExportSheets([dossier]).find((entry) => entry.name === '专家评分汇总表')!;
    const text = sheet.rows.map((row) => row.map((cell) => ('value' in cell ? String(cell.value) : '')).join('|'));
    expect(text).toContain('深圳市示例数字科技有限公司|甲（甲所在大学）|基本情况：营收规模|10|10.00|营收规模较大|');
    expect(text).toContain('深圳市示例数字科技有限公司|丙|合计||60.00||未完成（缺：让利优惠：服务商给予折扣优惠）；计入');
    expect(text).toContain('深圳市示例数字科技有限公司|甲（甲所在大学）|总体意见|||建议资助|');
    expect(text).toContain('深圳市示例数字科技有限公司|专家组|平均分||73.33||');
    expect(text).toContain('深圳市示例数字科技有限公司|丁|回避|||曾为申报单位顾问|申明利益冲突');
    expect(text).toContain('深圳市示例数字科技有限公司|组长 组长王|组长意见|||专家组同意按平均分确定档次|');
    expect(text.filter((line) => line.includes('|签字|'))).toHaveLength(5);

    const font = new Uint8Array(readFileSync(require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf')));
    const bytes = await renderReviewSheetsPdf([dossier], { font, created: new Date('2024-10-22T00:00:00Z') });
    const { text: printed } = await readPdfText(bytes);
    for (const expected of ['专家评分汇总表', '营收规模较大', '建议资助', '未完成', '曾为申报单位顾问', '专家组同意按平均分确定档次', '甲（甲所在大学）', '组长王（市工信局专家库）']) {
      expect(printed).toContain(expected);
    }
  }, 60_000);

  it('one unfinished expert alone: the score sheet marks it unfinished, the review sheet prints it as not final', async () => {
    const scores = shenzhenScores('80');
    delete scores['basic.growth'];
    const lone = review('shenzhen-2024-dsp', [], scores, { reviewer: { name: '甲', role: 'expert' } });
    const sheet = scoreSheetOfReviews(shenzhen, 'comprehensive', '某公司', [lone])!;
    expect(sheet.experts[0]!.status).toBe('未完成（缺：基本情况：成长性）；计入');
    expect(sheet.statistics).toContain('甲 的评分未完成：专家组评分非最终');
  });
});

import { mkdtemp, readFile, rm, writeFile, mkdir, cp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, withoutProgress } from './run-cli';

const FIXTURES = 'test/fixtures/dossiers';
let scratch = '';

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'dossier-desk-cli-engine-'));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

/**
 * The fixture dossiers keep their review and extraction files beside dossier.json: `check` reads them only through
 * --review / --extractions, and names each one on stderr as a file that is not part of the dossier. Nothing else
 * may be said there.
 */
function expectOnlyReviewFilesRefused(stderr: string) {
  const lines = withoutProgress(stderr).split('\n').filter(Boolean);
  for (const line of lines) expect(line).toMatch(/^test\/fixtures\/dossiers\/[^:]+: (?:review[\w-]*|extract)\.json: refused \(unsupported-type\): only dossier\.json at the dossier's root is read/);
}

async function checkJson(args: string[]) {
  const { code, stdout, stderr } = await cli(['check', ...args, '--json']);
  expectOnlyReviewFilesRefused(stderr);
  expect(code).toBe(0);
  return JSON.parse(stdout);
}

/**
 * The fixture dossiers hold dossier.json and reviews only: the files their manifests list are not there,
 * so the check (which reads the dossier's files) finds none of the invoices the claims list.
 */
function engineFindings<T extends { rule: string }>(findings: T[]): T[] {
  return findings.filter((finding) => finding.rule !== 'invoice-not-found');
}

/** A copy of a fixture dossier with another applicant category. */
async function withCategory(fixture: string, category: string): Promise<string> {
  const folder = join(scratch, `${fixture}-${category}`);
  await mkdir(folder, { recursive: true });
  const manifest = JSON.parse(await readFile(join(FIXTURES, fixture, 'dossier.json'), 'utf8'));
  manifest.applicant.category = category;
  await writeFile(join(folder, 'dossier.json'), JSON.stringify(manifest));
  return folder;
}

const PREREVIEW_RULES = new Set(['document-unreadable', 'document-unclassified', 'document-kind-mismatch', 'material-missing', 'material-check', 'material-not-applicable']);

/** The findings of the audit, without those of the formal pre-review of the dossier's files. */
function auditFindings<T extends { rule: string }>(findings: T[]): T[] {
  return findings.filter((finding) => !PREREVIEW_RULES.has(finding.rule));
}

// Every number below is computed by hand from the fixture files and the notices (see each comment).
describe('check --json on fixture dossiers of every program', () => {
  it('Shenzhen comprehensive: cuts of 200,000.00 on 1,000,000.00 are exactly 20% and pass; 85.50 points → [80,90), cap 5,000,000', async () => {
    const report = await checkJson([`${FIXTURES}/shenzhen-comprehensive`, '--review', `${FIXTURES}/shenzhen-comprehensive/review.json`]);
    const { reconciliation, proposedCutFen, verdictIfAccepted, importProblems: _problems, ...rest } = report;
    expect(reconciliation.map((row: { claimId: string; proposals: { reason: string }[] }) => [row.claimId, row.proposals.map((p) => p.reason)])).toEqual([
      ['C1', ['missing-invoice']], ['C2', ['missing-invoice']], ['C3', ['missing-invoice']],
    ]);
    // The reviewer's cuts (200,000.00) leave 800,000.00 of the rows to cut; accepting that fails.
    expect({ proposedCutFen, verdictIfAccepted }).toEqual({ proposedCutFen: 80_000_000, verdictIfAccepted: 'fail' });
    expect({ ...rest, findings: engineFindings(rest.findings) }).toEqual({
      program: 'shenzhen-2024-dsp', profileVersion: '2024.1',
      claimedFen: 100_000_000, cutFen: 20_000_000, approvedFen: 80_000_000,
      cutRatio: '0.2000', threshold: '0.20', verdict: 'pass', headroomFen: 0,
      subsidy: null,
      score: { total: '85.50', band: '[80,90)', awardCapFen: 500_000_000, rubricOfficial: false, missingCriteria: [] },
      findings: expect.any(Array),
      materials: expect.any(Array), documents: expect.any(Array), supplementNotice: expect.any(Array),
    });
    // The fixture is a manifest of the audit's figures: the files it lists are not in the folder,
    // so the pre-review reports each as unreadable and the materials it lacks; nothing else is found.
    expect(engineFindings(auditFindings(report.findings))).toEqual([]);
    expect(report.findings.filter((finding: { rule: string }) => finding.rule === 'document-unreadable')).toHaveLength(9);
  }, 30_000);
  it('Shenzhen comprehensive: one fen more (200,000.01) fails', async () => {
    const report = await checkJson([`${FIXTURES}/shenzhen-comprehensive`, '--review', `${FIXTURES}/shenzhen-comprehensive/review-over.json`]);
    expect(report).toMatchObject({ cutFen: 20_000_001, cutRatio: '0.2000', verdict: 'fail', headroomFen: 0, score: null });
    expect(report.findings[0]).toMatchObject({ rule: 'audit-cut-threshold', severity: 'error', clause: '十五 注意事项 3' });
  });
  it('Shenzhen without a review: nothing cut, headroom is 20% of the claims', async () => {
    expect(await checkJson([`${FIXTURES}/shenzhen-comprehensive`])).toMatchObject({ cutFen: 0, verdict: 'pass', headroomFen: 20_000_000, score: null });
  });
  it('Shenzhen non-comprehensive: 16,000.01 of 80,000.01 is above 20% (ratio shows 0.2000) and fails; 59.99 points → no band', async () => {
    // 1,600,001 × 100 = 160,000,100 > 8,000,001 × 20 = 160,000,020
    const report = await checkJson([`${FIXTURES}/shenzhen-non-comprehensive`, '--review', `${FIXTURES}/shenzhen-non-comprehensive/review.json`]);
    expect(report).toMatchObject({
      claimedFen: 8_000_001, cutFen: 1_600_001, approvedFen: 6_400_000, cutRatio: '0.2000', verdict: 'fail', headroomFen: 0,
      subsidy: null, score: { total: '59.99', band: null, awardCapFen: 0 },
    });
  });
  it('Guangzhou: 50% rounded down, capped at 20,000 per firm; payment below 50% and an invoice after 2020-11-30', async () => {
    // C1 12,720.00 → 6,360.00; C2 30,000.00 − 1,000.01 = 28,999.99 → 14,499.99; C3 cut in full → 0; 20,859.99 → cap 20,000.00
    const report = await checkJson([`${FIXTURES}/guangzhou-sme`, '--review', `${FIXTURES}/guangzhou-sme/review.json`]);
    expect(report).toMatchObject({
      program: 'guangzhou-2020-voucher', claimedFen: 4_772_000, cutFen: 600_001, approvedFen: 4_171_999,
      cutRatio: '0.1257', threshold: '1.00', verdict: 'pass', headroomFen: 4_171_999,
      subsidy: { baseFen: 4_171_999, subsidyFen: 2_000_000, firmCapped: true, perClaim: [
        { claimId: 'C1', baseFen: 1_272_000, subsidyFen: 636_000 }, { claimId: 'C2', baseFen: 2_899_999, subsidyFen: 1_449_999 }, { claimId: 'C3', baseFen: 0, subsidyFen: 0 },
      ] },
      score: null,
    });
    expect(engineFindings<{ rule: string; id: string }>(report.findings).map((finding) => finding.id)).toEqual(['invoice-date-window:C3:2020-12-05', 'payment-ratio:C3', 'subsidy-firm-cap']);
  });
  it('Shandong 2022 digital: 30%, one contract capped at 100,000, firm cap 100,000', async () => {
    // SD-1: 60,000 + 45,000 → 100,000 (C2 gets 40,000); SD-2: 70,000 × 30% = 21,000; 121,000 → 100,000
    const report = await checkJson([`${FIXTURES}/shandong-2022-digital`, '--review', `${FIXTURES}/shandong-2022-digital/review.json`]);
    expect(report).toMatchObject({
      claimedFen: 43_000_000, cutFen: 1_000_000, approvedFen: 42_000_000, cutRatio: '0.0233', verdict: 'pass', headroomFen: 42_000_000,
      subsidy: { baseFen: 42_000_000, subsidyFen: 10_000_000, firmCapped: true },
    });
    expect(report.subsidy.perClaim.map((entry: { subsidyFen: number }) => entry.subsidyFen)).toEqual([6_000_000, 4_000_000, 2_100_000]);
  });
  it('Shandong 2022 cloud: the same claims under the 50,000 caps', async () => {
    const report = await checkJson([await withCategory('shandong-2022-digital', 'cloud'), '--review', `${FIXTURES}/shandong-2022-digital/review.json`]);
    expect(report.subsidy).toMatchObject({ subsidyFen: 5_000_000, firmCapped: true });
    expect(report.subsidy.perClaim.map((entry: { subsidyFen: number }) => entry.subsidyFen)).toEqual([5_000_000, 0, 2_100_000]);
  });
  it('Shandong 2023 specialized: 30% of 333,333.34 is exactly the 100,000 cap; general is capped at 50,000', async () => {
    const specialized = await checkJson([`${FIXTURES}/shandong-2023-specialized`, '--review', `${FIXTURES}/shandong-2023-specialized/review.json`]);
    expect(specialized).toMatchObject({ claimedFen: 33_333_334, cutFen: 0, headroomFen: 33_333_334, subsidy: { baseFen: 33_333_334, subsidyFen: 10_000_000, firmCapped: false } });
    const general = await checkJson([await withCategory('shandong-2023-specialized', 'general')]);
    expect(general.subsidy).toMatchObject({ subsidyFen: 5_000_000, firmCapped: false });
  });
  it('Shanxi Jinchuanggu: 50% of what was paid, a service dated 2024-10-01 moved to the next round (and cut as training); standard capped at 500,000', async () => {
    // C1 min(100,000, paid 80,000) → 40,000; C2 1,200,000 → 600,000; C3 cut in full → 0; 640,000 < 1,000,000
    const report = await checkJson([`${FIXTURES}/shanxi-jinchuanggu`, '--review', `${FIXTURES}/shanxi-jinchuanggu/review.json`]);
    expect(report).toMatchObject({
      claimedFen: 220_000_000, cutFen: 90_000_000, approvedFen: 130_000_000, cutRatio: '0.4091', verdict: 'pass', headroomFen: 130_000_000,
      subsidy: { baseFen: 128_000_000, subsidyFen: 64_000_000, firmCapped: false },
    });
    expect(report.findings.map((finding: { id: string }) => finding.id)).toContain('invoice-next-round:C3:2024-10-01');
    const standard = await checkJson([await withCategory('shanxi-jinchuanggu', 'standard'), '--review', `${FIXTURES}/shanxi-jinchuanggu/review.json`]);
    expect(standard.subsidy).toMatchObject({ subsidyFen: 50_000_000, firmCapped: true });
  });
  it('--extractions: invoice fields read from the files drive date, party and service rules, with the page as evidence', async () => {
    const folder = `${FIXTURES}/shanxi-jinchuanggu`;
    const report = await checkJson([folder, '--review', `${folder}/review.json`, '--extractions', `${folder}/extract.json`]);
    expect(report.findings.map((finding: { id: string; evidence?: { file: string } }) => [finding.id, finding.evidence?.file ?? null])).toEqual([
      ['invoice-next-round:C3:2024-10-01', 'invoices/C3.pdf'],
      ['payment-partial:C1', null],
      ['party-mismatch:C2:14080000000000000002:seller', 'invoices/C2.pdf'],
      ['excluded-service:C3:technical-training', 'invoices/C3.pdf'],
    ]);
    expect(report.subsidy.subsidyFen).toBe(64_000_000);
  });
  it('--against flags the same contact phone across Shenzhen applicants', async () => {
    const report = await checkJson([`${FIXTURES}/shenzhen-comprehensive`, '--against', `${FIXTURES}/shenzhen-non-comprehensive`]);
    expect(engineFindings(auditFindings(report.findings))).toEqual([expect.objectContaining({ rule: 'shared-contact-phone', severity: 'warning', clause: '十五 注意事项 2' })]);
  });
  it('--against flags an invoice the other dossier also claims, on the claim that cites it', async () => {
    const folder = join(scratch, 'shenzhen-claims-c2-invoice');
    await mkdir(folder, { recursive: true });
    const manifest = JSON.parse(await readFile(join(FIXTURES, 'shenzhen-non-comprehensive', 'dossier.json'), 'utf8'));
    manifest.claims[1].invoiceNumbers = ['24442000000000000002'];
    await writeFile(join(folder, 'dossier.json'), JSON.stringify(manifest));
    const report = await checkJson([`${FIXTURES}/shenzhen-comprehensive`, '--against', folder]);
    expect(report.findings).toContainEqual(expect.objectContaining({ rule: 'duplicate-invoice-across-dossiers', severity: 'error', claimId: 'C2', clause: '十五 注意事项 3' }));
  });
  it('a custom profile file replaces the bundled one (threshold 25%: the one-fen-over review passes)', async () => {
    const custom = JSON.parse(await readFile('resources/profiles/shenzhen-2024-dsp.json', 'utf8'));
    custom.version = '2024.1-local';
    custom.auditCut.threshold = '0.25';
    const path = join(scratch, 'custom-profile.json');
    await writeFile(path, JSON.stringify(custom));
    const report = await checkJson([`${FIXTURES}/shenzhen-comprehensive`, '--review', `${FIXTURES}/shenzhen-comprehensive/review-over.json`, '--profile', path]);
    expect(report).toMatchObject({ profileVersion: '2024.1-local', threshold: '0.25', verdict: 'pass', headroomFen: 4_999_999 });
  });
});

describe('check without --json', () => {
  it('prints a zh-CN summary with ¥ amounts', async () => {
    const { code, stdout } = await cli(['check', `${FIXTURES}/guangzhou-sme`, '--review', `${FIXTURES}/guangzhou-sme/review.json`]);
    expect(code).toBe(0);
    expect(stdout).toContain('申报金额 ¥47,720.00');
    expect(stdout).toContain('核减金额 ¥6,000.01');
    expect(stdout).toContain('核定金额 ¥41,719.99');
    expect(stdout).toContain('结论 通过 (pass)');
    expect(stdout).toContain('补助 ¥20,000.00');
    expect(stdout).toContain('[错误] 申报项 C3：发票日期 2020-12-05 不在支持期 2019-12-01 至 2020-11-30 内');
  });
  it('shows the band, the cap and that the weights are not official', async () => {
    const { stdout } = await cli(['check', `${FIXTURES}/shenzhen-comprehensive`, '--review', `${FIXTURES}/shenzhen-comprehensive/review.json`]);
    expect(stdout).toContain('核减比例 20.00%（阈值 20%，超过即不通过）');
    expect(stdout).toContain('评分 85.50 分；分数段 [80,90)，奖补上限 ¥5,000,000.00（评分权重为默认值，非官方）');
  });
});

describe('check: invalid input exits 3 naming the file and the reason, never a stack trace', () => {
  const dossier = `${FIXTURES}/shenzhen-comprehensive`;
  it.each([
    ['a score above its maximum', ['--review', `${dossier}/review-invalid-score.json`], 'review-invalid-score.json: scores.basic.growth "7.01" is above the criterion\'s maximum 7.00'],
    ['a cut of an unknown claim', ['--review', `${dossier}/review-unknown-claim.json`], 'review-unknown-claim.json: cuts[0] cuts unknown claim "C9"'],
    ['a cut larger than its claim', ['--review', `${dossier}/review-cut-too-large.json`], 'review-cut-too-large.json: cuts[0] makes the cuts of claim "C3" 100000.01, more than its claimed 100000.00'],
    ['a missing review file', ['--review', `${dossier}/nope.json`], 'nope.json: no such review file'],
    ['an unknown profile id', ['--profile', 'beijing-2030'], 'unknown program "beijing-2030"'],
    ['a missing profile file', ['--profile', './missing-profile.json'], './missing-profile.json: no such profile file'],
  ])('%s', async (_name, extra, message) => {
    const { code, stderr, stdout } = await cli(['check', dossier, ...extra]);
    expect(code).toBe(3);
    expect(stdout).toBe('');
    expect(stderr).toContain(message);
    expect(stderr).not.toMatch(/\n\s+at /);
  });
  it('a review that is not JSON, and one with a bad field', async () => {
    const broken = join(scratch, 'broken.json');
    await writeFile(broken, '{ "schema": ');
    const first = await cli(['check', dossier, '--review', broken]);
    expect(first.code).toBe(3);
    expect(first.stderr).toContain('broken.json: not valid JSON');
    const badReason = join(scratch, 'bad-reason.json');
    const review = JSON.parse(await readFile(`${dossier}/review.json`, 'utf8'));
    review.cuts[0].reason = 'too-expensive';
    await writeFile(badReason, JSON.stringify(review));
    const second = await cli(['check', dossier, '--review', badReason]);
    expect(second.code).toBe(3);
    expect(second.stderr).toContain('bad-reason.json: invalid review file');
    expect(second.stderr).toContain('cuts[0].reason must be one of');
  });
  it('a folder with nothing readable, and a manifest with a bad amount', async () => {
    const empty = join(scratch, 'empty-dossier');
    await mkdir(empty, { recursive: true });
    const missing = await cli(['check', empty]);
    expect(missing.code).toBe(3);
    expect(missing.stderr).toContain('empty-dossier: nothing in it could be read as a dossier');
    const bad = join(scratch, 'bad-dossier');
    await cp(`${FIXTURES}/guangzhou-sme`, bad, { recursive: true });
    const manifest = JSON.parse(await readFile(join(bad, 'dossier.json'), 'utf8'));
    manifest.claims[1].amount = '30,000.001';
    await writeFile(join(bad, 'dossier.json'), JSON.stringify(manifest));
    const invalid = await cli(['check', bad]);
    expect(invalid.code).toBe(3);
    expect(invalid.stderr).toContain('dossier.json: invalid dossier manifest');
    expect(invalid.stderr).toContain('claims[1].amount');
  });
  it('a custom profile with a wrong field names it', async () => {
    const custom = JSON.parse(await readFile('resources/profiles/shenzhen-2024-dsp.json', 'utf8'));
    custom.scoring.bands[0].awardCap.comprehensive = '一百万';
    const path = join(scratch, 'wrong-profile.json');
    await writeFile(path, JSON.stringify(custom));
    const { code, stderr } = await cli(['check', dossier, '--profile', path]);
    expect(code).toBe(3);
    expect(stderr).toContain('wrong-profile.json: invalid profile');
    expect(stderr).toContain('scoring.bands[0].awardCap.comprehensive: "一百万" is not');
  });
  it('a folder without dossier.json needs --profile, and --category when the program has several', async () => {
    const folder = join(scratch, 'no-manifest');
    await mkdir(folder, { recursive: true });
    await writeFile(join(folder, 'claims.csv'), 'id,amount\nC1,1000.00\n');
    const noProgram = await cli(['check', folder]);
    expect(noProgram.code).toBe(3);
    expect(noProgram.stderr).toContain('no-manifest: the dossier names no program (no dossier.json); give one with --profile ID');
    const noCategory = await cli(['check', folder, '--profile', 'shanxi-2024-voucher']);
    expect(noCategory.code).toBe(3);
    expect(noCategory.stderr).toContain('give one with --category (standard, jinchuanggu)');
    const report = await checkJson([folder, '--profile', 'shanxi-2024-voucher', '--category', 'jinchuanggu']);
    expect(report).toMatchObject({ program: 'shanxi-2024-voucher', claimedFen: 100_000, subsidy: { subsidyFen: 50_000 } });
  });
  it('usage errors exit 2', async () => {
    expect((await cli(['check'])).code).toBe(2);
    expect((await cli(['check', dossier, '--colour'])).code).toBe(2);
    expect((await cli(['check', dossier, dossier])).code).toBe(2);
  });
});

describe('merge', () => {
  async function expertReview(name: string, scores: Record<string, string>, extra: Record<string, unknown> = {}) {
    const path = join(scratch, `expert-${name}.json`);
    await writeFile(path, JSON.stringify({
      schema: 'dossier-desk/review@1', program: 'shenzhen-2024-dsp', reviewer: { name, role: 'expert' },
      cuts: [], scores, fields: [], findings: [], checklists: {}, auditLog: [], ...extra,
    }));
    return path;
  }
  const full = { 'basic.revenue': '10', 'basic.honours': '8', 'basic.growth': '7', 'capability.products': '8', 'capability.staff': '8', 'capability.innovation': '9', 'performance.enterprises': '12', 'performance.amount': '12', 'performance.effects': '11' };
  it('writes the panel result: mean of three experts (a conflicted fourth excluded), band and caps, outliers', async () => {
    // totals 85, 75, 62 → mean 74.00 (no trimming under 5); median 75; 62 is 13 from it (not > 15)
    const files = [
      await expertReview('甲', { ...full }),
      await expertReview('乙', { ...full, 'concessions.discounts': '0', 'performance.enterprises': '2' }),
      await expertReview('丙', { ...full, 'performance.enterprises': '0', 'performance.amount': '1' }),
      await expertReview('丁', { ...full, 'concessions.discounts': '15' }, { conflictOfInterest: { declared: true, note: '股东亲属' } }),
    ];
    const out = join(scratch, 'panel-result.json');
    const { code, stdout, stderr } = await cli(['merge', ...files, '--out', out]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('平均分 74.00');
    const result = JSON.parse(await readFile(out, 'utf8'));
    expect(result.panel).toMatchObject({ method: 'mean', scoredCount: 3, mean: '74.00', median: '75.00', total: '74.00', band: '[70,80)', awardCapFen: { comprehensive: 300_000_000, 'non-comprehensive': 100_000_000 } });
    expect(result.panel.members.map((member: { total: string; excludedReason: string | null; outlier: boolean }) => [member.total, member.excludedReason, member.outlier])).toEqual([
      ['85.00', null, false], ['75.00', null, false], ['62.00', null, false], ['100.00', 'conflict-of-interest', false],
    ]);
    const flagged = await cli(['merge', ...files, '--out', out, '--margin', '10', '--json']);
    expect(JSON.parse(flagged.stdout).disagreements.filter((entry: { kind: string }) => entry.kind === 'score-outlier').map((entry: { subject: string }) => entry.subject)).toEqual(['丙']);
  });
  it('an invalid review exits 3 naming it; a missing --out exits 2', async () => {
    const good = await expertReview('甲', full);
    const bad = await expertReview('乙', { 'basic.honours': '9' });
    const invalid = await cli(['merge', good, bad, '--out', join(scratch, 'x.json')]);
    expect(invalid.code).toBe(3);
    expect(invalid.stderr).toContain('expert-乙.json: scores.basic.honours "9" is above the criterion\'s maximum 8.00');
    expect((await cli(['merge', good])).code).toBe(2);
    const noFolder = await cli(['merge', good, '--out', join(scratch, 'no-such-folder', 'x.json')]);
    expect(noFolder.code).toBe(3);
    expect(noFolder.stderr).toContain('x.json: cannot write the panel result: its folder does not exist');
  });
});

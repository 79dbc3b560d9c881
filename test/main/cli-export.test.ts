// export and verify end to end through runCli, on a small dossier copied from the bundled sample
// (rows R0004, R0007 and R0013: two XML e-invoices and one PDF e-invoice, no OCR), opened afterwards with exceljs and pdf.js.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { resourcesDir } from '../../src-main/cli/paths';
import { nodeHasher } from '../../src-main/cli/adapters/hasher';
import { nextAuditEntry } from '../../src-renderer/core/audit';
import type { AuditEntry, ReviewFile } from '../../src-renderer/core/types';
import { cli } from './run-cli';
import { readPdfText } from '../fixtures/pdf-text';

const sample = join(resourcesDir(), 'samples', 'shenzhen-dsp');

let work: string;

const INVOICES = ['发票/23442000001510000027.xml', '发票/23442000001510000046.pdf', '发票/23442000001510000086.xml'];

async function auditChain(actor: string): Promise<AuditEntry[]> {
  const entries: AuditEntry[] = [];
  const events = [
    { actor, action: 'cut.add', target: 'R0004', before: null, after: { amount: '20000.00' } },
    { actor, action: 'decision.sign', target: 'review', before: null, after: { signedAt: '2024-10-20T10:00:00+08:00' } },
  ];
  for (const [index, event] of events.entries()) {
    entries.push(await nextAuditEntry(entries.at(-1), event, { now: () => `2024-10-20T0${index + 8}:00:00+08:00` }, nodeHasher));
  }
  return entries;
}

function review(name: string, role: string, patch: Partial<ReviewFile>): ReviewFile {
  return {
    schema: 'dossier-desk/review@1', program: 'shenzhen-2024-dsp', reviewer: { name, role },
    conflictOfInterest: { declared: false, note: '' }, cuts: [], scores: {}, fields: [], findings: [], checklists: {},
    decision: { signedAt: '2024-10-21T10:00:00+08:00' }, auditLog: [], ...patch,
  };
}

const scores = (concessions: string) => ({
  'basic.revenue': '8', 'basic.honours': '6', 'basic.growth': '5', 'capability.products': '6', 'capability.staff': '6',
  'capability.innovation': '7', 'performance.enterprises': '9', 'performance.amount': '9', 'performance.effects': '8', 'concessions.discounts': concessions,
});

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'dossier-export-'));
  const dossier = join(work, 'dossier');
  const manifest = JSON.parse(readFileSync(join(sample, 'dossier.json'), 'utf8')) as { documents: { file: string }[]; claims: { id: string }[] };
  manifest.documents = manifest.documents.filter((document) => INVOICES.includes(document.file));
  manifest.claims = manifest.claims.filter((claim) => ['R0004', 'R0007', 'R0013'].includes(claim.id));
  for (const file of INVOICES) {
    mkdirSync(dirname(join(dossier, file)), { recursive: true });
    copyFileSync(join(sample, file), join(dossier, file));
  }
  writeFileSync(join(dossier, 'dossier.json'), JSON.stringify(manifest, null, 2));
  writeFileSync(join(work, 'auditor.json'), JSON.stringify(review('王审计', 'auditor', {
    cuts: [{ claimId: 'R0004', amount: '20000.00', reason: 'amount-mismatch', note: '=HYPERLINK("http://x")' }],
    auditLog: await auditChain('王审计'),
  })));
  writeFileSync(join(work, 'expert1.json'), JSON.stringify(review('李专家', 'expert', { scores: scores('11') })));
  writeFileSync(join(work, 'expert2.json'), JSON.stringify(review('张专家', 'expert', { scores: scores('15') })));
  writeFileSync(join(work, 'bad-review.json'), JSON.stringify(review('错误', 'auditor', { cuts: [{ claimId: 'C99', amount: '1.00', reason: 'other' }] })));
}, 60_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

const REVIEWS = ['--review', 'auditor.json', '--review', 'expert1.json', '--review', 'expert2.json'];

describe('cli export', () => {
  it('writes an XLSX workbook that exceljs reads back', async () => {
    const { code, stdout, stderr } = await cli(['export', 'dossier', ...REVIEWS, '--format', 'xlsx', '--out', 'out/results.xlsx'], work);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('results.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(readFileSync(join(work, 'out/results.xlsx')) as unknown as ExcelJS.Buffer);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['汇总', '核减明细', '核查明细', '抽样方案', '发票台账', '审查发现', '专家评分', '专家评分汇总表', '材料清单', '资格条件', '形式预审', '补正通知', '操作日志', '文件清单']);
    const summary = workbook.getWorksheet('汇总')!;
    const header = (summary.getRow(1).values as unknown[]).slice(1);
    const cell = (name: string) => summary.getRow(2).getCell(header.indexOf(name) + 1);
    expect(summary.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(cell('申报单位').value).toBe('深圳市智联数字服务有限公司');
    expect(cell('申报金额').value).toBe(1057835.96);
    expect(cell('申报金额').numFmt).toBe('"¥"#,##0.00');
    expect(cell('核减金额').value).toBe(20000);
    expect(cell('结论').value).toBe('通过');
    expect(cell('专家评分').value).toBe(77);
    expect(cell('类别').value).toBe('非综合服务商');
    const cuts = workbook.getWorksheet('核减明细')!;
    expect((cuts.getRow(2).values as unknown[])).toContain('=HYPERLINK("http://x")');
    cuts.getRow(2).eachCell((cell) => expect(cell.type).not.toBe(ExcelJS.ValueType.Formula));
    const reconciliation = workbook.getWorksheet('核查明细')!;
    const reconciled = reconciliation.getSheetValues().slice(2).map((values) => (values as unknown[]).slice(1));
    const column = (name: string) => ((reconciliation.getRow(1).values as unknown[]).slice(1)).indexOf(name);
    expect(new Set(reconciled.map((values) => values[column('申报行')]))).toEqual(new Set(['R0004', 'R0007', 'R0013']));
    for (const values of reconciled) expect(String(values[column('关联发票')])).toMatch(/^\d{20} .*第1页）/);
    expect(reconciled.map((values) => values[column('审查决定')]).every((decision) => typeof decision === 'string' && decision !== '')).toBe(true);
    const invoices = workbook.getWorksheet('发票台账')!;
    expect(invoices.rowCount).toBe(4);
    const log = workbook.getWorksheet('操作日志')!;
    expect(log.rowCount).toBe(3);
    const files = workbook.getWorksheet('文件清单')!;
    expect(files.getRow(2).getCell(5).value).toMatch(/^[0-9a-f]{64}$/);
  }, 60_000);

  it('writes the summary and the cuts as two BOM-prefixed CSV files', async () => {
    const { code } = await cli(['export', 'dossier', ...REVIEWS, '--format', 'csv', '--out', 'out/summary.csv'], work);
    expect(code).toBe(0);
    const summary = readFileSync(join(work, 'out/summary.csv'));
    const cuts = readFileSync(join(work, 'out/summary-cuts.csv'));
    expect([...summary.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect([...cuts.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(summary.toString('utf8')).toContain('深圳市智联数字服务有限公司,914403009M82GNWC8M');
    expect(summary.toString('utf8')).toContain(',1057835.96,20000.00,');
    expect(cuts.toString('utf8')).toContain(`"'=HYPERLINK(""http://x"")"`);
  }, 60_000);

  it('writes review sheets whose Chinese text pdf.js reads', async () => {
    const { code } = await cli(['export', 'dossier', ...REVIEWS, '--format', 'pdf', '--out', 'out/sheets.pdf'], work);
    expect(code).toBe(0);
    const { text } = await readPdfText(new Uint8Array(readFileSync(join(work, 'out/sheets.pdf'))));
    for (const expected of ['评审意见表', '深圳市智联数字服务有限公司', '¥1,057,835.96', '¥20,000.00', '通过', '李专家', '张专家', '王审计', '评审组长签字']) {
      expect(text).toContain(expected);
    }
  }, 60_000);

  it('usage errors exit 2, invalid reviews exit 3 naming the file', async () => {
    expect((await cli(['export', 'dossier', '--out', 'x.xlsx'], work)).code).toBe(2);
    const unknown = await cli(['export', 'dossier', '--format', 'docx', '--out', 'x.docx'], work);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('docx');
    expect((await cli(['export', '--format', 'xlsx', '--out', 'x.xlsx'], work)).code).toBe(2);
    const bad = await cli(['export', 'dossier', '--review', 'bad-review.json', '--format', 'xlsx', '--out', 'x.xlsx'], work);
    expect(bad.code).toBe(3);
    expect(bad.stderr).toContain('bad-review.json');
    expect(bad.stderr).toContain('C99');
    expect(bad.stderr).not.toMatch(/\n\s+at /);
    const missing = await cli(['export', 'no-such-dossier', '--format', 'xlsx', '--out', 'x.xlsx'], work);
    expect(missing.code).toBe(3);
  }, 60_000);
});

describe('cli verify', () => {
  let packageText: string;

  beforeAll(async () => {
    const { code, stderr } = await cli(['export', 'dossier', ...REVIEWS, '--format', 'json', '--out', 'out/package.json'], work);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    packageText = readFileSync(join(work, 'out/package.json'), 'utf8');
  }, 60_000);

  it('exits 0 on an intact package and says what it checked', async () => {
    const { code, stdout, stderr } = await cli(['verify', 'out/package.json'], work);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('intact');
    expect(stdout).toContain('summary recomputed by the engine');
    expect(stdout).toContain('review 1 by 王审计');
    expect(stdout).toContain('exported file 审查结果.xlsx (content)');
    expect(stdout).toMatch(/audit log \(hash chain, 2 entries\)/);
    const pkg = JSON.parse(packageText) as { versions: Record<string, string>; exports: { file: string }[] };
    expect(Object.keys(pkg.versions).sort()).toEqual(['app', 'engine', 'ocrModel']);
    expect(pkg.exports.map((entry) => entry.file)).toEqual(['审查结果.xlsx', '汇总.csv', '核减明细.csv', '评审意见表.pdf']);
  }, 60_000);

  it('exits 3 and names every alteration: review, summary value, source hash, audit entry, exported file', async () => {
    const pkg = JSON.parse(packageText);
    const dossier = pkg.dossiers[0];
    dossier.reviews[2].scores['basic.revenue'] = '10';
    dossier.summary.report.verdict = 'fail';
    dossier.sources[0].sha256 = '0'.repeat(64);
    dossier.reviews[0].auditLog[0].after = { amount: '2000.00' };
    const xlsx = Buffer.from(pkg.exports[0].base64, 'base64');
    xlsx[xlsx.length - 10] = (xlsx[xlsx.length - 10] ?? 0) ^ 0xff;
    pkg.exports[0].base64 = xlsx.toString('base64');
    writeFileSync(join(work, 'out/altered.json'), JSON.stringify(pkg, null, 2));

    const { code, stderr, stdout } = await cli(['verify', 'out/altered.json'], work);
    expect(code).toBe(3);
    expect(stderr).toMatch(/review 3 by 张专家: altered/);
    expect(stderr).toMatch(/summary value verdict altered: package says "fail", recomputed "pass"/);
    expect(stderr).toMatch(/source file 发票\/23442000001510000027\.xml \(hash entry\): altered/);
    expect(stderr).toMatch(/review 1 by 王审计 audit log: audit entry 1 .* was altered/);
    expect(stderr).toMatch(/exported file 审查结果\.xlsx: content altered/);
    expect(stdout).toContain('ALTERED');
  }, 60_000);

  it('exports a round of dossiers that share a contact: the cross-dossier finding is recomputed by verify', async () => {
    const twin = join(work, 'twin');
    mkdirSync(twin, { recursive: true });
    const manifest = JSON.parse(readFileSync(join(work, 'dossier', 'dossier.json'), 'utf8'));
    manifest.applicant = { ...manifest.applicant, name: '深圳市另一家数字服务有限公司', creditCode: '91440300MA5XXXXXX1' };
    manifest.documents = [];
    manifest.claims = manifest.claims.slice(0, 1);
    writeFileSync(join(twin, 'dossier.json'), JSON.stringify(manifest));
    const orphan = await cli(['export', 'dossier', 'twin', '--review', 'auditor.json', '--format', 'json', '--out', 'out/round.json'], work);
    expect(orphan.code).toBe(3);
    expect(orphan.stderr).toContain('auditor.json');
    const { code, stderr } = await cli(['export', 'dossier', 'twin', '--format', 'json', '--out', 'out/round.json'], work);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const pkg = JSON.parse(readFileSync(join(work, 'out/round.json'), 'utf8'));
    expect(pkg.dossiers).toHaveLength(2);
    expect(pkg.dossiers[0].evaluation.peers.map((peer: { dossier: string }) => peer.dossier)).toEqual(['twin']);
    const rules = pkg.dossiers[0].summary.report.findings.map((finding: { rule: string }) => finding.rule);
    expect(rules.some((rule: string) => /contact/.test(rule))).toBe(true);
    const verified = await cli(['verify', 'out/round.json'], work);
    expect(verified.stderr).toBe('');
    expect(verified.code).toBe(0);
  }, 60_000);

  it('refuses what is not a package with exit 3', async () => {
    writeFileSync(join(work, 'not-a-package.json'), '{"schema":"dossier-desk/review@1"}');
    const { code, stderr } = await cli(['verify', 'not-a-package.json'], work);
    expect(code).toBe(3);
    expect(stderr).toContain('not-a-package.json');
    expect((await cli(['verify'], work)).code).toBe(2);
  });
});

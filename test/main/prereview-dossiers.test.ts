import { mkdtemp, readFile, rm } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writePrereviewDossiers, type PrereviewDossier } from '../fixtures/prereview/dossiers';
import { cli, withoutProgress } from './run-cli';

// Dossiers as applicants upload them (scan0001.pdf …, text PDFs, scans as PDF, PNG and JPEG, csv
// lists), with known missing and wrong items: `check` must place every file in its material item by
// its content (OCR for the scans) and list exactly the known defects in the supplement notice.
let scratch = '';
let dossiers: PrereviewDossier[] = [];

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'dossier-desk-prereview-'));
  dossiers = await writePrereviewDossiers(join(scratch, 'dossiers'));
}, 180_000);
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

async function check(folder: string, json: boolean) {
  const { code, stdout, stderr } = await cli(['check', folder, ...(json ? ['--json'] : [])]);
  expect(withoutProgress(stderr)).toBe('');
  expect(code).toBe(0);
  return stdout;
}

describe('the formal pre-review of dossiers with meaningless file names', () => {
  for (const name of ['shenzhen-comprehensive', 'shenzhen-non-comprehensive', 'shanxi-voucher']) {
    it(`${name}: every file lands in its material item and the notice lists exactly the defects, each with its clause`, async () => {
      const dossier = dossiers.find((entry) => entry.folder.endsWith(name))!;
      const report = JSON.parse(await check(dossier.folder, true));
      const placed = Object.fromEntries(report.documents.map((document: { file: string; material: string | null }) => [document.file, document.material]));
      expect(placed).toEqual(dossier.placements);
      expect(report.supplementNotice.map((entry: { item: string }) => entry.item)).toEqual(dossier.notice);
      for (const entry of report.supplementNotice) expect(entry.clause).toMatch(/^[一二三四五六七八九十(（]/);
      const mismatches = report.findings.filter((finding: { rule: string }) => finding.rule === 'document-kind-mismatch').map((finding: { evidence: { file: string } }) => finding.evidence.file);
      expect(mismatches).toEqual(dossier.kindMismatches);
      expect(report.findings.filter((finding: { rule: string }) => finding.rule === 'document-unclassified' || finding.rule === 'document-unreadable')).toEqual([]);
      const notice = report.materials.filter((material: { status: string }) => material.status === 'missing' || material.status === 'doubtful').map((material: { item: string }) => material.item);
      expect(notice).toEqual(dossier.notice);
    }, 240_000);
  }
  it('the text report prints the completeness of each item and the numbered supplement notice', async () => {
    const dossier = dossiers.find((entry) => entry.folder.endsWith('shanxi-voucher'))!;
    const text = await check(dossier.folder, false);
    expect(text).toContain('形式预审：');
    expect(text).toContain('四(四)4 服务结果报告（检测报告、查新检索报告等）：齐全（scan0005.pdf）');
    expect(text).toContain('补正通知（1 项）：\n  1. [四(四)6] 缺少无关联关系承诺书，请补充提供无关联关系承诺书');
  }, 240_000);
  it('the workbook carries the supplement notice and the completeness of every item; the review-sheet PDF prints the notice', async () => {
    const dossier = dossiers.find((entry) => entry.folder.endsWith('shenzhen-non-comprehensive'))!;
    const out = join(scratch, 'notice.xlsx');
    const { code: result } = await cli(['export', dossier.folder, '--format', 'xlsx', '--out', out]);
    expect(result).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await readFile(out) as unknown as ExcelJS.Buffer);
    const notice = workbook.getWorksheet('补正通知')!;
    const rows = notice.getSheetValues().slice(2).map((row) => (row as unknown[]).slice(1, 7));
    expect(rows.map((row) => row[2])).toEqual(['五(五)', '四(二)4', '五(十六)']);
    expect(rows.map((row) => row[4])).toEqual(['补充提供', '补正', '补充提供']);
    const completeness = workbook.getWorksheet('形式预审')!;
    expect(completeness.getColumn(4).values.filter((value) => value === '缺少')).toHaveLength(2);
    const pdf = join(scratch, 'notice.pdf');
    expect((await cli(['export', dossier.folder, '--format', 'pdf', '--out', pdf])).code).toBe(0);
    expect((await readFile(pdf)).subarray(0, 5).toString()).toBe('%PDF-');
  }, 240_000);
});

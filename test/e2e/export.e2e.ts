// Exports from the workstation in Chromium (web mode): open the bundled sample, cut a claim, click
// export-xlsx / export-pdf / export-json and open each download with an independent reader —
// exceljs for the workbook, pdf.js for the review sheet, the package verifier (engine re-run with
// the installed profile) for the JSON package.
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import type { Download } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeHasher } from '../../src-main/cli/adapters/hasher';
import { recomputePackagedReport } from '../../src-renderer/core/export/assemble';
import { parseDossierPackage, verifyDossierPackage } from '../../src-renderer/core/export/package';
import { parseProfile } from '../../src-renderer/core/profiles';
import { fillReviewerDialog } from './reviewer';
import { openSession, type E2eSession } from './browser';
import { readPdfText } from '../fixtures/pdf-text';

const resources = new URL('../../resources/', import.meta.url);
const manifest = JSON.parse(readFileSync(new URL('samples/shenzhen-dsp/dossier.json', resources), 'utf8')) as {
  applicant: { name: string };
  documents: { file: string }[];
  claims: { id: string; amount: string }[];
};
const profile = parseProfile(JSON.parse(readFileSync(new URL('profiles/shenzhen-2024-dsp.json', resources), 'utf8')), 'shenzhen-2024-dsp.json');
const fen = (yuan: string) => Number(yuan.replace('.', ''));
const claimedFen = manifest.claims.reduce((sum, claim) => sum + fen(claim.amount), 0);
const APPLICANT = manifest.applicant.name;
const CUT = { claim: 'R0004', amount: '20000.00', reason: 'amount-mismatch', label: '金额不符', note: '合同约定金额为十万元，超出部分核减' };

function headers(sheet: ExcelJS.Worksheet): string[] {
  return (sheet.getRow(1).values as unknown[]).slice(1).map(String);
}

function cellOf(sheet: ExcelJS.Worksheet, row: number, header: string): ExcelJS.Cell {
  const index = headers(sheet).indexOf(header);
  if (index < 0) throw new Error(`no column ${header} on sheet ${sheet.name}`);
  return sheet.getRow(row).getCell(index + 1);
}

describe('exports from the workstation', () => {
  let session: E2eSession;

  /** Clicks an export button and returns the downloaded file's name and bytes. */
  async function download(testId: string): Promise<{ name: string; bytes: Uint8Array }> {
    const { page } = session;
    const [file] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.getByTestId(testId).click()]) as [Download, void];
    const path = await file.path();
    return { name: file.suggestedFilename(), bytes: new Uint8Array(readFileSync(path)) };
  }

  beforeAll(async () => {
    session = await openSession();
  });
  afterAll(async () => {
    await session?.close();
  });

  it('opens the sample and cuts a claim with a reason and a note', async () => {
    const { page } = session;
    await page.goto(session.baseUrl);
    await page.getByTestId('open-sample').click();
    await page.getByTestId('document-tree').waitFor({ timeout: 60_000 });
    await page.getByTestId('tab-claims').click();
    await page.getByTestId(`cut-reason-${CUT.claim}`).selectOption(CUT.reason);
    await page.getByTestId(`cut-amount-${CUT.claim}`).fill(CUT.amount);
    await page.getByTestId(`cut-amount-${CUT.claim}`).press('Enter');
    await fillReviewerDialog(page, { name: '周审计', organisation: '深圳市某会计师事务所' });
    await page.getByTestId(`cut-note-${CUT.claim}`).fill(CUT.note);
    await page.getByTestId(`cut-note-${CUT.claim}`).press('Tab');
    await expect.poll(() => page.getByTestId('total-cut').textContent(), { timeout: 15_000 }).toBe('¥20,000.00');
    await expect.poll(() => page.getByTestId(`cut-note-${CUT.claim}`).evaluate((input) => input.classList.contains('draft')), { timeout: 15_000 }).toBe(false);
  });

  it('export-xlsx downloads a workbook with the nine sheets, the summary in yuan and the cut made in the UI', async () => {
    const { name, bytes } = await download('export-xlsx');
    expect(name).toMatch(/^审查结果-.+-\d{8}-\d{4}\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['汇总', '核减明细', '核查明细', '抽样方案', '发票台账', '审查发现', '专家评分', '专家评分汇总表', '材料清单', '资格条件', '形式预审', '补正通知', '操作日志', '文件清单']);
    for (const sheet of workbook.worksheets) expect(sheet.views[0], sheet.name).toMatchObject({ state: 'frozen', ySplit: 1 });

    const summary = workbook.getWorksheet('汇总')!;
    expect(summary.rowCount).toBe(2);
    expect(cellOf(summary, 2, '申报单位').value).toBe(APPLICANT);
    const claimed = cellOf(summary, 2, '申报金额');
    expect(claimed.value).toBe(claimedFen / 100);
    expect(claimed.numFmt).toBe('"¥"#,##0.00');
    expect(cellOf(summary, 2, '核减金额').value).toBe(20000);

    const cuts = workbook.getWorksheet('核减明细')!;
    expect(cuts.rowCount).toBe(2);
    expect(cellOf(cuts, 2, '申报项').value).toBe(CUT.claim);
    const cutAmount = cellOf(cuts, 2, '核减金额');
    expect(cutAmount.value).toBe(20000);
    expect(cutAmount.numFmt).toBe('"¥"#,##0.00');
    expect(cellOf(cuts, 2, '核减原因').value).toBe(CUT.label);
    expect(cellOf(cuts, 2, '说明').value).toBe(CUT.note);

    const files = workbook.getWorksheet('文件清单')!;
    expect(files.rowCount - 1).toBe(manifest.documents.length);
  });

  it('export-pdf downloads a review sheet whose text holds the applicant in Chinese', async () => {
    const { name, bytes } = await download('export-pdf');
    expect(name).toMatch(/^评审意见表-.+-\d{8}-\d{4}\.pdf$/);
    const { text } = await readPdfText(bytes);
    expect(text).toContain(APPLICANT);
    expect(text).toContain('20,000.00');
  });

  it('export-json downloads a package that verifies: hashes, audit chain, dossier id and the engine re-run', async () => {
    const { name, bytes } = await download('export-json');
    expect(name).toMatch(/^审查结果包-.+-\d{8}-\d{4}\.json$/);
    const parsed = parseDossierPackage(new TextDecoder().decode(bytes));
    if (!('pkg' in parsed)) throw new Error(parsed.problem);
    const result = await verifyDossierPackage(parsed.pkg, nodeHasher, { recomputeReport: async (dossier) => ({ report: recomputePackagedReport(dossier, profile) }) });
    expect(result.problems).toEqual([]);
    expect(result.ok).toBe(true);
    const checked = result.checked.map((check) => check.item);
    expect(checked).toEqual(expect.arrayContaining(['dossiers/0/summary#recomputed', 'dossiers/0/id#recomputed', 'dossiers/0/audit-log#chain']));
    expect(parsed.pkg.dossiers[0]!.summary.report.cutFen).toBe(2_000_000);
    expect(parsed.pkg.exports.map((entry) => entry.file)).toEqual(['审查结果.xlsx', '汇总.csv', '核减明细.csv', '评审意见表.pdf']);
    expect(session.outsideRequests).toEqual([]);
  });
});

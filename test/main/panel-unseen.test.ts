// #16's "done when" on panel files nobody tuned for: three reviewers this test writes (names,
// organisations, scores, a comment per criterion where they wrote one, an overall opinion) merge into
// one panel result, and the bureau workbook's 专家评分汇总表 lists each expert by name with their
// scores, comments and opinion.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDossier } from '../../src-main/cli/read-dossier';
import { cli } from './run-cli';

let scratch = '';
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'dossier-desk-panel-unseen-'));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

const REVIEWERS = [
  { name: '欧阳明远', organisation: '华南理工大学', scores: { 'basic.revenue': '9', 'basic.honours': '7', 'basic.growth': '6', 'capability.products': '8', 'capability.staff': '7', 'capability.innovation': '8', 'performance.enterprises': '11', 'performance.amount': '10', 'performance.effects': '10', 'concessions.discounts': '13' }, comment: '收入结构清晰，数电发票与回款一一对应', opinion: '同意推荐，建议按85分段安排' },
  { name: '司徒婉清', organisation: '深圳市软件行业协会', scores: { 'basic.revenue': '8', 'basic.honours': '6', 'basic.growth': '6', 'capability.products': '7', 'capability.staff': '7', 'capability.innovation': '7', 'performance.enterprises': '10', 'performance.amount': '10', 'performance.effects': '9', 'concessions.discounts': '12' }, comment: '服务成效佐证偏少', opinion: '基本符合，成效材料需补充' },
  { name: 'Mira Okafor', organisation: '中国信通院南方分院', scores: { 'basic.revenue': '10', 'basic.honours': '8', 'basic.growth': '7', 'capability.products': '8', 'capability.staff': '8', 'capability.innovation': '9', 'performance.enterprises': '12', 'performance.amount': '11', 'performance.effects': '10', 'concessions.discounts': '14' }, comment: '生态整合能力突出', opinion: '推荐' },
];

describe('panel files from reviewers nobody has seen', () => {
  it('merge with names, comments and opinions, and the 专家评分汇总表 lists each expert', async () => {
    const folder = join(scratch, 'dossier');
    await mkdir(folder, { recursive: true });
    await writeFile(join(folder, 'dossier.json'), JSON.stringify({
      schema: 'dossier-desk/dossier@1', program: 'shenzhen-2024-dsp',
      applicant: { name: '深圳市澜湾智造科技有限公司', creditCode: '91440300MA5J8Q2W6R', category: 'comprehensive' }, documents: [], claims: [{ id: 'R1', amount: '1000000.00' }],
    }));
    const dossierId = (await readDossier([folder])).dossierId;
    const files: string[] = [];
    for (const [index, reviewer] of REVIEWERS.entries()) {
      const path = join(scratch, `expert-${index + 1}.json`);
      await writeFile(path, JSON.stringify({
        schema: 'dossier-desk/review@1', dossierId, program: 'shenzhen-2024-dsp',
        reviewer: { name: reviewer.name, role: 'expert', organisation: reviewer.organisation },
        cuts: [], scores: reviewer.scores, comments: { 'performance.effects': reviewer.comment }, opinion: reviewer.opinion,
        fields: [], findings: [], checklists: {}, auditLog: [],
      }));
      files.push(path);
    }
    const out = join(scratch, 'panel.json');
    const merged = await cli(['merge', ...files, '--out', out, '--summary', '三位专家意见一致，同意推荐', '--json']);
    expect(merged.stderr).toBe('');
    expect(merged.code).toBe(0);
    const written = await readFile(out, 'utf8');
    for (const reviewer of REVIEWERS) {
      expect(written).toContain(reviewer.name);
      expect(written).toContain(reviewer.comment);
      expect(written).toContain(reviewer.opinion);
    }
    expect(written).toContain('三位专家意见一致，同意推荐');

    const workbookPath = join(scratch, 'panel.xlsx');
    const exported = await cli(['export', folder, ...files.flatMap((path) => ['--review', path]), '--format', 'xlsx', '--out', workbookPath]);
    expect(exported.code).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await readFile(workbookPath) as unknown as ExcelJS.Buffer);
    const rows = workbook.getWorksheet('专家评分汇总表')!.getSheetValues().slice(2).map((row) => (row as unknown[]).slice(1).map((cell) => String(cell ?? '')));
    for (const reviewer of REVIEWERS) {
      const own = rows.filter((row) => row[1]?.includes(reviewer.name));
      expect(own.length, reviewer.name).toBeGreaterThanOrEqual(10);
      expect(own.some((row) => row[5]?.includes(reviewer.comment)), reviewer.name).toBe(true);
      expect(rows.some((row) => row.join(' ').includes(reviewer.opinion)), reviewer.name).toBe(true);
    }
  }, 120_000);
});

// Panel results in the workstation: the reviewer is asked to name themselves before the first score
// (with the employers and clients of the last three years, imported from a list, screened against
// the dossier before scoring), comments beside the scores and the overall opinion (required in the
// lowest band), an unfinished score shown as unfinished, sign-off only once nothing is missing, the
// consolidation with a second expert's file, and the Plan screen over every dossier in the store.
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSession, type E2eSession } from './browser';
import { fillReviewerDialog } from './reviewer';

const SAMPLE_MANIFEST = JSON.parse(readFileSync(new URL('../../resources/samples/shenzhen-dsp/dossier.json', import.meta.url), 'utf8')) as {
  applicant: { name: string; creditCode: string }; claims: { counterparty?: string }[];
};
const SAMPLE = SAMPLE_MANIFEST.applicant.name;
const SAMPLE_CODE = SAMPLE_MANIFEST.applicant.creditCode;
/** A customer of the sample, declared by the expert with a space inside its name (matched after normalisation). */
const CUSTOMER = SAMPLE_MANIFEST.claims.find((claim) => claim.counterparty)!.counterparty!;
const CUSTOMER_SPACED = CUSTOMER.replace('有限公司', ' 有限公司');
const SECOND = '深圳市同号码科技有限公司';
// A total of 65.00: band [60,70), where the profile asks a comment on every criterion and an opinion.
const SCORES: Record<string, string> = {
  'basic.revenue': '7', 'basic.honours': '5', 'basic.growth': '4', 'capability.products': '5', 'capability.staff': '5',
  'capability.innovation': '6', 'performance.enterprises': '8', 'performance.amount': '8', 'performance.effects': '7', 'concessions.discounts': '10',
};
const SHOTS = process.env.PANEL_SHOTS_DIR ?? '/tmp';

async function shoot(session: E2eSession, name: string) {
  for (const [width, height] of [[1440, 900], [1280, 720]] as const) {
    await session.page.setViewportSize({ width, height });
    await session.page.waitForTimeout(150);
    await session.page.screenshot({ path: `${SHOTS}/panel-${name}-${width}.png` });
  }
  await session.page.setViewportSize({ width: 1440, height: 900 });
}

describe('panel results: the named reviewer, comments, opinion, consolidation and the funding plan', () => {
  let session: E2eSession;
  beforeAll(async () => {
    session = await openSession();
    const { page } = session;
    await page.goto(session.baseUrl);
    await page.getByTestId('open-sample').click();
    await page.getByTestId('document-tree').waitFor({ timeout: 60_000 });
  });
  afterAll(async () => {
    await session?.close();
  });

  it('asks the reviewer to name themselves before the first score, then keeps that score', async () => {
    const { page } = session;
    expect(await page.getByTestId('reviewer-profile').textContent()).toBe('未登记评审人');
    await page.getByTestId('tab-score').click();
    await page.getByTestId('score-basic.revenue').fill('7');
    await page.getByTestId('score-basic.revenue').press('Enter');
    const dialog = page.getByTestId('reviewer-dialog');
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('评分或核减前，请先登记评审人信息。');
    // Saving without an organisation is refused.
    await page.getByTestId('reviewer-name').fill('陈专家');
    await page.getByTestId('reviewer-save').click();
    expect(await page.getByTestId('reviewer-problem').textContent()).toBe('请填写姓名和工作单位');
    // The list of employers and clients, imported from a file: one by credit code, one by name.
    await page.getByTestId('relation-file').setInputFiles({
      name: '近三年任职及服务单位.csv', mimeType: 'text/csv',
      buffer: Buffer.from(`名称,统一社会信用代码,关系\n智联集团（控股）,${SAMPLE_CODE},任职\n${CUSTOMER_SPACED},,客户\n广州市无关有限公司,,客户\n`),
    });
    await expect.poll(() => page.locator('[data-testid^="relation-name-"]').count()).toBe(3);
    await shoot(session, 'reviewer-dialog-zh');
    await fillReviewerDialog(page, { name: '陈专家', organisation: '深圳大学', role: 'expert' });
    await expect.poll(() => page.getByTestId('reviewer-profile').textContent()).toBe('评审人：陈专家');
    await expect.poll(() => page.getByTestId('score-basic.revenue').inputValue()).toBe('7');
    await expect.poll(() => page.getByTestId('score-total').getAttribute('data-total')).toBe('7.00');
    expect(await page.getByTestId('reviewer-shown').textContent()).toBe('陈专家 · 评审专家 · 深圳大学');
  });

  it('flags the declared relations that are parties of the dossier before scoring, with the matched name and code', async () => {
    const { page } = session;
    const hits = page.getByTestId('coi-hits');
    await hits.waitFor();
    expect(await page.getByTestId('coi-screening').getAttribute('data-hits')).toBe('2');
    // Asked once: the score that waited for the name is recorded once.
    await page.getByTestId('tab-log').click();
    await expect.poll(() => page.locator('.tabpanel').textContent()).toContain('陈专家评分“营收规模”：无 → 7 分');
    expect((await page.locator('.tabpanel').textContent())!.split('评分“营收规模”').length).toBe(2);
    await page.getByTestId('tab-score').click();
    const text = await hits.textContent();
    expect(text).toContain(`您申报的任职“智联集团（控股）”与申报单位“${SAMPLE}”统一社会信用代码相同（${SAMPLE_CODE}）`);
    expect(text).toContain(`您申报的客户“${CUSTOMER_SPACED}”与客户“${CUSTOMER}”名称相同（规范化后）`);
    expect(text).not.toContain('广州市无关有限公司');
  });

  it('shows an unfinished score as unfinished, and asks for the comments and opinion the band needs', async () => {
    const { page } = session;
    expect(await page.getByTestId('score-total').getAttribute('data-unfinished')).toBe('true');
    expect(await page.getByTestId('score-unfinished').textContent()).toBe('评分未完成（9 项未打分）');
    expect(await page.getByTestId('score-band').textContent()).toBe('未完成');
    expect(await page.getByTestId('award-cap').textContent()).toBe('—');
    expect(await page.getByTestId('sign-off').isDisabled()).toBe(true);
    expect(await page.getByTestId('sign-off-problems').textContent()).toContain('评分未完成：资质荣誉、成长性');
    // Which comments are required is known once the total is: none is asked while scoring is unfinished.
    expect(await page.getByTestId('comments-required').count()).toBe(0);
    await shoot(session, 'score-unfinished-zh');
    for (const [criterion, value] of Object.entries(SCORES).slice(1)) {
      await page.getByTestId(`score-${criterion}`).fill(value);
      await page.getByTestId(`score-${criterion}`).press('Enter');
    }
    await expect.poll(() => page.getByTestId('score-total').getAttribute('data-total')).toBe('65.00');
    expect(await page.getByTestId('score-total').getAttribute('data-unfinished')).toBeNull();
    expect(await page.getByTestId('score-band').textContent()).toBe('[60,70)');
    expect(await page.getByTestId('comments-required').textContent()).toBe('总分 65.00 落在须逐项写评语的分数段（[60,70)）');
    expect(await page.getByTestId('comment-required-basic.growth').textContent()).toBe('必填 · 未填写');
    const problems = await page.getByTestId('sign-off-problems').textContent();
    expect(problems).toContain('以下指标缺评语：');
    expect(problems).toContain('营收规模');
    expect(problems).toContain('未填写总体评审意见');
  });

  it('records a comment beside each score and the opinion, each as a sentence in the log', async () => {
    const { page } = session;
    for (const criterion of Object.keys(SCORES)) {
      await page.getByTestId(`comment-${criterion}`).fill(`${criterion} 依据申报材料评定`);
      await page.getByTestId(`comment-${criterion}`).press('Tab');
    }
    await page.getByTestId('comment-basic.growth').fill('近两年增长率低于 10%，扣 3 分');
    await page.getByTestId('comment-basic.growth').press('Tab');
    await page.getByTestId('opinion').fill('服务能力一般，建议按最低档资助。');
    await page.getByTestId('opinion').press('Tab');
    await expect.poll(() => page.getByTestId('sign-off-problems').count(), { timeout: 15_000 }).toBe(0);
    expect(await page.getByTestId('comment-required-basic.growth').textContent()).toBe('必填');
    await shoot(session, 'score-commented-zh');
    await page.getByTestId('tab-log').click();
    const log = page.locator('.tabpanel');
    await expect.poll(() => log.textContent()).toContain('评语“成长性”：“basic.growth 依据申报材料评定” → “近两年增长率低于 10%，扣 3 分”');
    expect(await log.textContent()).toContain('总体评审意见：无 → “服务能力一般，建议按最低档资助。”');
    expect(await log.textContent()).toContain('陈专家');
    expect(await log.textContent()).not.toContain('local');
    await expect.poll(() => page.getByTestId('integrity-status').getAttribute('data-status'), { timeout: 30_000 }).toBe('ok');
  });

  it('signs off under the reviewer\'s name, which locks the comments and the opinion', async () => {
    const { page } = session;
    await page.getByTestId('tab-score').click();
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByTestId('sign-off').click();
    await page.getByTestId('signed-at').waitFor();
    expect(await page.getByTestId('comment-basic.growth').isDisabled()).toBe(true);
    expect(await page.getByTestId('opinion').isDisabled()).toBe(true);
    expect(await page.getByTestId('reviewer-shown').textContent()).toBe('陈专家 · 评审专家 · 深圳大学');
    await page.getByTestId('tab-log').click();
    await expect.poll(() => page.locator('.tabpanel').textContent()).toContain('评审人登记为 陈专家（评审专家，深圳大学）');
    await expect.poll(() => page.getByTestId('integrity-status').getAttribute('data-status'), { timeout: 30_000 }).toBe('ok');
    await page.getByTestId('tab-score').click();
  });

  it('consolidates this review with a second expert\'s file, with both experts\' comments and opinions', async () => {
    const { page } = session;
    await page.getByTestId('open-panel').click();
    const dialog = page.getByTestId('panel-dialog');
    await dialog.waitFor();
    const second = {
      schema: 'dossier-desk/review@1', program: 'shenzhen-2024-dsp', reviewer: { name: '林专家', role: 'expert', organisation: '中山大学' },
      cuts: [], fields: [], findings: [], checklists: {}, auditLog: [],
      scores: { ...SCORES, 'concessions.discounts': '11' },
      comments: { 'concessions.discounts': '优惠幅度明确，加 1 分' }, opinion: '同意资助。',
    };
    await page.getByTestId('panel-load-reviews').setInputFiles({ name: '林专家.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(second)) });
    await page.getByTestId('panel-reviewer-林专家').waitFor();
    expect(await page.getByTestId('panel-reviewer-陈专家').count()).toBe(1);
    expect(await page.getByTestId('panel-opinion-陈专家').textContent()).toBe('服务能力一般，建议按最低档资助。');
    expect(await page.getByTestId('panel-opinion-林专家').textContent()).toBe('同意资助。');
    expect(await page.getByTestId('panel-comments-林专家').textContent()).toContain('优惠幅度明确，加 1 分');
    expect(await page.getByTestId('panel-comments-陈专家').textContent()).toContain('近两年增长率低于 10%，扣 3 分');
    await shoot(session, 'consolidation-zh');
    await dialog.getByRole('button', { name: '关闭' }).first().click();
  });

  it('plans every dossier in the store within the budget: awards and reasons, batch findings naming the other dossier, the workbook', async () => {
    const { page } = session;
    const manifest = JSON.parse(readFileSync(new URL('../../resources/samples/shenzhen-dsp/dossier.json', import.meta.url), 'utf8')) as { applicant: { contact: { phone: string } } };
    const secondManifest = {
      schema: 'dossier-desk/dossier@1', program: 'shenzhen-2024-dsp',
      applicant: { name: SECOND, category: 'non-comprehensive', creditCode: '91440300MA5H000001', contact: { name: '王其他', phone: manifest.applicant.contact.phone } },
      documents: [], claims: [{ id: 'C1', description: '云服务', amount: '120000.00' }],
    };
    const chooser = page.waitForEvent('filechooser');
    await page.getByTestId('import-files-sidebar').click();
    await (await chooser).setFiles([{ name: 'dossier.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(secondManifest)) }]);
    await expect.poll(() => page.locator('.dossier-item').count(), { timeout: 30_000 }).toBe(2);

    await page.getByTestId('open-plan').click();
    const dialog = page.getByTestId('plan-dialog');
    await dialog.waitFor();
    await page.getByTestId('plan-budget').fill('600000.00');
    const table = page.getByTestId('plan-table');
    await table.waitFor({ timeout: 30_000 });
    const rows = table.locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(2);
    const sample = rows.filter({ hasText: SAMPLE });
    const other = rows.filter({ hasText: SECOND });
    expect(await other.getAttribute('data-award-fen')).toBe('0');
    expect(await other.getAttribute('data-reason')).toBe('not-scored');
    expect(await other.textContent()).toContain('尚无专家评分');
    const reason = await sample.getAttribute('data-reason');
    if (reason === 'pro-rata') {
      expect(await sample.getAttribute('data-award-fen')).toBe('60000000');
      expect(await page.getByTestId('plan-allocated').getAttribute('data-fen')).toBe('60000000');
    } else if (reason === 'cap') {
      // The band cap is below the budget: the dossier gets its whole cap, and that is all that is allocated.
      const award = Number(await sample.getAttribute('data-award-fen'));
      expect(award).toBeGreaterThan(0);
      expect(award).toBeLessThan(60000000);
      expect(Number(await page.getByTestId('plan-allocated').getAttribute('data-fen'))).toBe(award);
    } else {
      // Not fundable as it stands (ineligible or the audit failed): 0, with the reason shown.
      expect(['ineligible', 'audit-failed']).toContain(reason);
      expect(await sample.getAttribute('data-award-fen')).toBe('0');
    }
    const findings = page.getByTestId('plan-findings');
    expect(Number(await findings.getAttribute('data-count'))).toBeGreaterThanOrEqual(2);
    const phone = page.getByTestId('plan-finding-shared-contact-phone');
    expect(await phone.count()).toBe(2);
    expect(await phone.filter({ hasText: `${SECOND}（` }).count()).toBe(1);
    expect(await phone.filter({ hasText: `${SAMPLE}（` }).count()).toBe(1);
    await page.getByTestId('plan-allocation').selectOption('rank');
    await expect.poll(() => page.getByTestId('plan-summary').textContent()).toContain('¥600,000.00');
    await shoot(session, 'plan-zh');

    const download = page.waitForEvent('download', { timeout: 60_000 });
    await page.getByTestId('plan-export').click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^扶持计划-2份申报-\d{8}-\d{4}\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(readFileSync((await file.path())!) as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['扶持计划', '公示名单']);
    const planSheet = workbook.getWorksheet('扶持计划')!;
    const applicants = planSheet.getColumn(2).values.slice(2).map(String);
    expect(applicants).toEqual(expect.arrayContaining([SAMPLE, SECOND, '合计']));
  });

  it('shows the same screens in English', async () => {
    const { page } = session;
    await page.getByTestId('language').selectOption('en');
    await expect.poll(() => page.getByTestId('plan-summary').textContent()).toMatch(/^Budget ¥600,000\.00/);
    await shoot(session, 'plan-en');
    await page.keyboard.press('Escape');
    await page.getByTestId('dossier-list').locator('.dossier-item', { hasText: SAMPLE }).click();
    await page.getByTestId('tab-score').click();
    await page.getByTestId('signed-at').waitFor({ timeout: 30_000 });
    await shoot(session, 'score-signed-en');
    await page.getByTestId('reviewer-profile').click();
    await page.getByTestId('reviewer-dialog').waitFor();
    await shoot(session, 'reviewer-dialog-en');
    await page.keyboard.press('Escape');
    await page.getByTestId('language').selectOption('zh-CN');
  });

  it('keeps every request on 127.0.0.1', () => {
    expect(session.outsideRequests).toEqual([]);
  });
});

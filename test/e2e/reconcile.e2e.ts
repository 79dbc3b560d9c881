// The special audit's reconciliation in Chromium: a generated Shenzhen revenue dossier (附件5 rows
// with contracts, invoices and bank receipts, and planted defects) imported as a zip; every declared
// row listed with what its evidence supports; proposals accepted and rejected with clicks and with
// the keys; the gauge, the verdict and the verdict-if-accepted following; exactly 20% passing and
// one fen more failing; everything still there after a reload, with the integrity check green.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { zipFolder } from '../fixtures/files-on-disk';
import { generateAuditDossier, type ExpectedReconciliation } from '../fixtures/audit-dossier';
import { fillReviewerDialog } from './reviewer';
import { openSession, type E2eSession } from './browser';

// Seed and defects chosen so that the declared total is a multiple of 5 fen (20% of it is a whole
// number of fen) and accepting the whole-row proposals takes the audit past 20%.
const OPTIONS = {
  seed: 'reconcile-e2e-21', rows: 10, program: 'shenzhen-2024-dsp' as const, scannedReceipts: 0,
  defects: { 'missing-invoice': 1, 'customer-outside': 1, 'amount-short': 2, 'partly-paid': 1, 'missing-contract': 1 },
};

const yuan = (fen: number) => `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;

describe('the reconciliation workspace', () => {
  let session: E2eSession;
  let work: string;
  let expected: ExpectedReconciliation;
  let zip: Buffer;
  const proposalOf = (reason: string) => {
    const row = expected.rows.find((candidate) => candidate.proposals.some((proposal) => proposal.reason === reason))!;
    return { claimId: row.claimId, id: `${row.claimId}:${reason}`, amountFen: row.proposals.find((proposal) => proposal.reason === reason)!.amountFen };
  };

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'reconcile-e2e-'));
    ({ expected } = await generateAuditDossier(join(work, 'dossier'), OPTIONS, join(work, 'expected.json')));
    zip = zipFolder(join(work, 'dossier'), 'dossier');
    session = await openSession();
  }, 120_000);
  afterAll(async () => {
    await session?.close();
    rmSync(work, { recursive: true, force: true });
  });

  const ratio = () => session.page.getByTestId('cut-ratio').getAttribute('data-ratio');
  const verdict = () => session.page.getByTestId('verdict').getAttribute('data-verdict');

  it('imports the revenue dossier and lists every declared row with what its evidence supports', async () => {
    const { page } = session;
    expect(expected.claimedFen % 5).toBe(0);
    await page.goto(session.baseUrl);
    const chooser = page.waitForEvent('filechooser');
    await page.getByTestId('import-dossier').click();
    await (await chooser).setFiles([{ name: 'shenzhen-revenue.zip', mimeType: 'application/zip', buffer: zip }]);
    await page.getByTestId('document-tree').waitFor({ timeout: 60_000 });
    await page.getByTestId('tab-reconcile').click();
    // Every document read (no provisional notice), then every row as DESIGN.md's rules give it.
    await page.getByTestId(`reconcile-row-${expected.rows[0]!.claimId}`).waitFor({ timeout: 60_000 });
    await expect.poll(() => page.getByTestId('provisional').count(), { timeout: 240_000, interval: 500 }).toBe(0);
    for (const row of expected.rows) {
      await expect.poll(() => page.getByTestId(`reconcile-row-${row.claimId}`).getAttribute('data-supported-fen'), { timeout: 30_000 }).toBe(String(row.supportedFen));
    }
    expect(await ratio()).toBe('0.0000');
    expect(await page.getByTestId('proposed-cut').getAttribute('data-proposed-cut-fen')).toBe(String(expected.proposedCutFen));
    expect(await page.getByTestId('verdict-if-accepted').getAttribute('data-verdict')).toBe('fail');
    // The filter: rows with proposals only.
    await page.getByTestId('reconcile-filter-proposals').click();
    const withProposals = expected.rows.filter((row) => row.proposals.length > 0).map((row) => row.claimId);
    expect(await page.locator('[data-testid^="reconcile-row-"]').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-testid')!.slice('reconcile-row-'.length))))
      .toEqual(withProposals);
  }, 300_000);

  it('shows the selected row\'s contract, invoices and receipts side by side with the matched fields marked', async () => {
    const { page } = session;
    const partial = proposalOf('amount-mismatch');
    await page.getByTestId(`reconcile-row-${partial.claimId}`).click();
    const board = page.getByTestId('evidence-board');
    await expect.poll(() => board.getAttribute('data-claim')).toBe(partial.claimId);
    for (const kind of ['contract', 'invoice', 'payment']) {
      expect(await board.getByTestId(`evidence-column-${kind}`).locator('article').count()).toBeGreaterThan(0);
    }
    // A contract page drawn with its matched fields boxed; the invoice total the proposal is about marked as failed.
    const contractPage = board.getByTestId('evidence-column-contract').locator('.evidence-page').first();
    await contractPage.and(page.locator('[data-state="done"]')).waitFor({ timeout: 30_000 });
    expect(await contractPage.locator('[data-mark="match"]').count()).toBeGreaterThan(2);
    expect(await board.getByTestId('evidence-column-invoice').locator('[data-field="totalAmount"].failed').count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId(`proposal-${partial.id}`).textContent()).toContain(`¥${yuan(partial.amountFen).replace(/\B(?=(\d{3})+(?!\d))/g, ',')}`);
    await page.screenshot({ path: '/tmp/reconcile-1-evidence.png' });
  });

  it('accepts and rejects proposals with clicks and keys; the gauge and the verdict follow', async () => {
    const { page } = session;
    const contract = proposalOf('missing-contract');
    const invoice = proposalOf('missing-invoice');
    const customer = proposalOf('customer-not-eligible');
    const claimed = expected.claimedFen;

    // Click: accept the missing contract.
    await page.getByTestId(`reconcile-row-${contract.claimId}`).click();
    await page.getByTestId(`proposal-accept-${contract.id}`).click();
    await expect.poll(() => page.getByTestId('total-cut').getAttribute('data-cut-fen')).toBe(String(contract.amountFen));
    expect(await verdict()).toBe('pass');
    expect(await page.getByTestId(`proposal-${contract.id}`).getAttribute('data-status')).toBe('accepted');
    expect(await page.getByTestId('proposed-cut').getAttribute('data-proposed-cut-fen')).toBe(String(expected.proposedCutFen - contract.amountFen));

    // Key: select the missing invoice row and press A.
    await page.getByTestId(`reconcile-row-${invoice.claimId}`).click();
    await page.keyboard.press('a');
    await expect.poll(() => page.getByTestId('total-cut').getAttribute('data-cut-fen')).toBe(String(contract.amountFen + invoice.amountFen));
    expect(await verdict()).toBe('pass');

    // Click: accepting the customer outside Shenzhen takes the cuts past 20%.
    await page.getByTestId(`reconcile-row-${customer.claimId}`).click();
    await page.getByTestId(`proposal-accept-${customer.id}`).click();
    const threeFen = contract.amountFen + invoice.amountFen + customer.amountFen;
    expect(threeFen * 100).toBeGreaterThan(claimed * 20);
    await expect.poll(verdict).toBe('fail');
    await page.screenshot({ path: '/tmp/reconcile-2-fail.png' });

    // Key: X rejects the selected (accepted) proposal: the cut goes, the verdict passes again.
    await page.keyboard.press('x');
    await expect.poll(verdict).toBe('pass');
    expect(await page.getByTestId(`proposal-${customer.id}`).getAttribute('data-status')).toBe('rejected');
    expect(await page.getByTestId('total-cut').getAttribute('data-cut-fen')).toBe(String(contract.amountFen + invoice.amountFen));

    // Exactly 20%: a cut of the reviewer's own on a clean row brings the total to claimed × 20 / 100.
    const clean = expected.rows.find((row) => row.proposals.length === 0)!;
    const rest = (claimed * 20) / 100 - contract.amountFen - invoice.amountFen;
    expect(rest).toBeGreaterThan(0);
    expect(rest).toBeLessThan(clean.declaredFen);
    await page.getByTestId('tab-claims').click();
    const cutInput = page.getByTestId(`cut-amount-${clean.claimId}`);
    await cutInput.fill(yuan(rest));
    await cutInput.press('Enter');
    // The reviewer's own first cut asks who is reviewing; it goes ahead once they are named.
    await fillReviewerDialog(page, { name: '周审计', organisation: '深圳市某会计师事务所' });
    await expect.poll(ratio).toBe('0.2000');
    expect(await verdict()).toBe('pass');
    await cutInput.fill(yuan(rest + 1));
    await cutInput.press('Enter');
    await expect.poll(verdict).toBe('fail');
    await cutInput.fill(yuan(rest));
    await cutInput.press('Enter');
    await expect.poll(verdict).toBe('pass');
    // The accepted proposals are not the reviewer's own cut: they show beside it, and the own cut stays editable.
    expect(await page.getByTestId(`accepted-cut-${contract.claimId}`).count()).toBe(1);
    expect(await page.getByTestId(`cut-amount-${contract.claimId}`).inputValue()).toBe('');

    // Back in the reconciliation: U reopens the accepted missing invoice.
    await page.getByTestId('tab-reconcile').click();
    await page.getByTestId(`reconcile-row-${invoice.claimId}`).click();
    await page.keyboard.press('u');
    await expect.poll(() => page.getByTestId(`proposal-${invoice.id}`).getAttribute('data-status')).toBe('open');
    await expect.poll(() => page.getByTestId('total-cut').getAttribute('data-cut-fen')).toBe(String(contract.amountFen + rest));
    expect(await verdict()).toBe('pass');
    // The filter "decided" lists the rows whose proposals are all decided.
    await page.getByTestId('reconcile-filter-decided').click();
    expect(await page.locator('[data-testid^="reconcile-row-"]').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-testid')!.slice('reconcile-row-'.length))))
      .toEqual([contract.claimId, customer.claimId]);
    await page.getByTestId('reconcile-filter-all').click();
  });

  it('keeps every decision after a reload, logs each as a sentence, and the integrity check stays green', async () => {
    const { page } = session;
    const contract = proposalOf('missing-contract');
    const customer = proposalOf('customer-not-eligible');
    await page.reload();
    await page.getByTestId('tab-reconcile').click();
    await page.getByTestId(`reconcile-row-${contract.claimId}`).click();
    await expect.poll(() => page.getByTestId(`proposal-${contract.id}`).getAttribute('data-status'), { timeout: 60_000 }).toBe('accepted');
    await page.getByTestId(`reconcile-row-${customer.claimId}`).click();
    expect(await page.getByTestId(`proposal-${customer.id}`).getAttribute('data-status')).toBe('rejected');
    await expect.poll(() => page.getByTestId('integrity-status').getAttribute('data-status'), { timeout: 30_000 }).toBe('ok');
    await page.getByTestId('tab-log').click();
    const log = page.getByTestId('tab-log').page().locator('#tabpanel-log');
    await expect.poll(() => log.textContent()).toContain(`采纳申报项 ${contract.claimId} 的核减建议“缺少合同”`);
    expect(await log.textContent()).toContain(`不采纳申报项 ${customer.claimId} 的核减建议“客户不符合条件”`);
    expect(await log.textContent()).toContain('重新打开申报项');
    expect(session.outsideRequests).toEqual([]);
  });
});

// `dossier-desk check DOSSIER --json` end to end on dossiers generated for this test alone (seeds used
// nowhere else): real-looking text PDFs, 数电 XML invoices, contract key pages and bank receipts, one
// of them scanned, and nothing but the declared rows in dossier.json. The check reads the files itself
// (no --extractions) and must give every row the supportedFen and the proposals DESIGN.md's rules give
// (the generator's expected outcome); proposals do not count as cuts until a review accepts them, and
// accepted cuts that take a Shenzhen provider below its revenue threshold are an eligibility finding.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateAuditDossier, type ExpectedReconciliation } from '../fixtures/audit-dossier/index';

const run = promisify(execFile);
const scratch = mkdtempSync(join(tmpdir(), 'check-generated-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

interface CheckJson {
  threshold: string;
  claimedFen: number;
  cutFen: number;
  verdict: string;
  proposedCutFen: number;
  verdictIfAccepted: string;
  reconciliation: { claimId: string; supportedFen: number; proposals: { id: string; reason: string; amountFen: number; status: string }[] }[];
  findings: { id: string; rule: string; severity: string; clause?: string }[];
}

async function check(dossier: string, ...extra: string[]): Promise<CheckJson> {
  const { stdout } = await run(process.execPath, ['bin/dossier-desk.mjs', 'check', dossier, '--json', ...extra], { maxBuffer: 64 * 1024 * 1024 });
  return JSON.parse(stdout) as CheckJson;
}

/** Every row's outcome as the check gives it and as the generator planned it, side by side. */
function outcomes(report: CheckJson, expected: ExpectedReconciliation) {
  const got = report.reconciliation.map((row) => ({ claimId: row.claimId, supportedFen: row.supportedFen, proposals: row.proposals.map((p) => ({ reason: p.reason, amountFen: p.amountFen })) }));
  const want = expected.rows.map((row) => ({ claimId: row.claimId, supportedFen: row.supportedFen, proposals: row.proposals }));
  return { got, want };
}

/** cut / claimed strictly above the threshold ratio ("0.20"), in integers. */
function above(threshold: string, cutFen: number, claimedFen: number): boolean {
  const [whole, fraction = ''] = threshold.split('.');
  const scale = 10 ** fraction.length;
  return cutFen * scale > claimedFen * (Number(whole) * scale + Number(fraction || '0'));
}

const SHENZHEN = join(scratch, 'shenzhen');
const VOUCHER = join(scratch, 'shandong');

describe('check on generated dossiers, reading the files itself', { timeout: 300_000 }, () => {
  let shenzhen: { expected: ExpectedReconciliation; report: CheckJson };
  let voucher: { expected: ExpectedReconciliation; report: CheckJson };

  beforeAll(async () => {
    const [sz, sd] = await Promise.all([
      generateAuditDossier(SHENZHEN, {
        seed: 'check-e2e-sz-41c7', rows: 12, program: 'shenzhen-2024-dsp', category: 'non-comprehensive', amountRangeYuan: [900_000, 1_300_000],
        defects: {
          'missing-invoice': 1, 'party-mismatch': 1, 'related-party': 1, 'customer-outside': 1, 'out-of-period': 1, 'duplicate-invoice': 1,
          'missing-contract': 1, 'amount-short': 1, 'partly-paid': 1, 'missing-receipt': 1,
        },
        rowsPerContract: 2, invoicePdfShare: 0.5, scannedReceipts: 1,
      }),
      generateAuditDossier(VOUCHER, {
        seed: 'check-e2e-sd-9b20', rows: 7, program: 'shandong-2023-voucher',
        defects: { 'party-mismatch': 1, 'related-party': 1, 'missing-contract': 1, 'amount-short': 1, 'partly-paid': 1, 'missing-receipt': 1 },
        rowsPerContract: 2, invoicePdfShare: 0.5, scannedReceipts: 1, receiptsPerFile: 3,
      }),
    ]);
    const [szReport, sdReport] = await Promise.all([check(SHENZHEN), check(VOUCHER)]);
    shenzhen = { expected: sz.expected, report: szReport };
    voucher = { expected: sd.expected, report: sdReport };
  }, 300_000);

  it('Shenzhen (revenue, the provider the seller): every row supported and proposed as DESIGN.md says', () => {
    const { got, want } = outcomes(shenzhen.report, shenzhen.expected);
    expect(got).toEqual(want);
    expect(new Set(want.flatMap((row) => row.proposals.map((p) => p.reason)))).toEqual(new Set([
      'missing-invoice', 'party-mismatch', 'related-party', 'customer-not-eligible', 'out-of-period', 'duplicate', 'missing-contract', 'amount-mismatch', 'missing-payment',
    ]));
    expect(shenzhen.report.proposedCutFen).toBe(shenzhen.expected.proposedCutFen);
    expect(shenzhen.report.claimedFen).toBe(shenzhen.expected.claimedFen);
  });

  it('a voucher program (the applicant the buyer): every row as DESIGN.md says', () => {
    const { got, want } = outcomes(voucher.report, voucher.expected);
    expect(got).toEqual(want);
    expect(voucher.report.proposedCutFen).toBe(voucher.expected.proposedCutFen);
  });

  it('proposals are not cuts: cutFen and the verdict ignore them, verdictIfAccepted counts them', () => {
    for (const { report, expected } of [shenzhen, voucher]) {
      expect(report.cutFen).toBe(0);
      expect(report.verdict).toBe('pass');
      expect(report.verdictIfAccepted).toBe(above(report.threshold, expected.proposedCutFen, expected.claimedFen) ? 'fail' : 'pass');
      expect(report.reconciliation.flatMap((row) => row.proposals).every((proposal) => proposal.status === 'open')).toBe(true);
    }
    expect(shenzhen.report.findings.map((finding) => finding.rule)).toContain('proposed-total-below-threshold');
    expect(shenzhen.report.findings.map((finding) => finding.rule)).not.toContain('audited-total-below-threshold');
  });

  it('accepting the proposals in a review makes them cuts, and the provider falls below its revenue threshold (四(二)4)', async () => {
    const proposals = shenzhen.report.reconciliation.flatMap((row) => row.proposals.map((proposal) => ({ claimId: row.claimId, ...proposal })));
    const cuts = proposals.map((proposal) => ({
      claimId: proposal.claimId, amount: `${Math.floor(proposal.amountFen / 100)}.${String(proposal.amountFen % 100).padStart(2, '0')}`,
      reason: proposal.reason, note: '核查采纳', proposal: proposal.id,
    }));
    const review = {
      schema: 'dossier-desk/review@1', program: 'shenzhen-2024-dsp', reviewer: { name: '周审计', role: 'auditor' },
      cuts, scores: {}, fields: [], findings: [], checklists: {}, auditLog: [],
    };
    writeFileSync(join(scratch, 'review.json'), JSON.stringify(review));
    const accepted = await check(SHENZHEN, '--review', join(scratch, 'review.json'));
    expect(accepted.cutFen).toBe(shenzhen.expected.proposedCutFen);
    expect(accepted.proposedCutFen).toBe(0);
    expect(accepted.reconciliation.flatMap((row) => row.proposals).every((proposal) => proposal.status === 'accepted')).toBe(true);
    expect(accepted.claimedFen - accepted.cutFen).toBeLessThan(800_000_000);
    expect(accepted.findings.filter((finding) => finding.rule === 'audited-total-below-threshold').map((finding) => [finding.id, finding.severity, finding.clause]))
      .toEqual([['audited-total-below-threshold:n4-revenue-8m', 'error', '四(二)4']]);
    expect(accepted.verdict).toBe(above(accepted.threshold, accepted.cutFen, accepted.claimedFen) ? 'fail' : 'pass');
  });
});

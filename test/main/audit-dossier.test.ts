// The generated audit dossiers the reconciliation is tested on: seeded and reproducible, no evidence
// values in dossier.json, every planted defect's row given DESIGN.md's outcome in the expected file,
// and every written contract, invoice and receipt read back by the one extraction pipeline as planned.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createNodeExtractPorts } from '../../src-main/cli/adapters';
import { extractFiles } from '../../src-renderer/core/extract/pipeline';
import { expectedContractFields } from '../fixtures/evidence/contracts';
import { expectedPaymentFields } from '../fixtures/evidence/receipts';
import { generateAuditDossier, planAuditDossier } from '../fixtures/audit-dossier/index';
import { filePathsUnder } from '../fixtures/files-on-disk';

const ports = createNodeExtractPorts({ ocr: false });
afterAll(() => ports.dispose());

const DEFECT_MIX = {
  'missing-invoice': 1, 'party-mismatch': 1, 'related-party': 1, 'customer-outside': 1, 'out-of-period': 1,
  'duplicate-invoice': 1, 'missing-contract': 1, 'amount-short': 1, 'partly-paid': 1,
} as const;

describe('generated audit dossiers', { timeout: 300_000 }, () => {
  it('the same seed and options give the same plan; another seed another', () => {
    const options = { seed: 'a', rows: 30, program: 'shenzhen-2024-dsp' as const, defects: DEFECT_MIX };
    expect(JSON.stringify(planAuditDossier(options))).toBe(JSON.stringify(planAuditDossier(options)));
    expect(JSON.stringify(planAuditDossier({ ...options, seed: 'b' }))).not.toBe(JSON.stringify(planAuditDossier(options)));
  });

  it('a Shenzhen revenue dossier: the applicant issues the invoices to 4403 customers in 2023; each defect gets its outcome', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'audit-dossier-')), 'shenzhen');
    const { manifest, expected, plan } = await generateAuditDossier(dir, { seed: 'test', rows: 14, program: 'shenzhen-2024-dsp', defects: DEFECT_MIX, scannedReceipts: 0 });
    const claims = manifest.claims as Record<string, unknown>[];
    for (const claim of claims) expect(Object.keys(claim).sort()).toEqual(['amount', 'contractNo', 'counterparty', 'description', 'id', 'invoiceNumbers']);
    expect(JSON.parse(readFileSync(`${dir}.expected.json`, 'utf8'))).toEqual(expected);
    const outcome = (defect: string) => expected.rows.find((row) => row.defect === defect)!;
    for (const defect of ['missing-invoice', 'party-mismatch', 'related-party', 'out-of-period', 'missing-contract', 'duplicate-invoice']) {
      expect(outcome(defect)).toMatchObject({ supportedFen: 0, proposals: [{ amountFen: outcome(defect).declaredFen }] });
    }
    expect(outcome('customer-outside').proposals).toEqual([{ reason: 'customer-not-eligible', amountFen: outcome('customer-outside').declaredFen }]);
    expect(outcome('duplicate-invoice').proposals[0]!.reason).toBe('duplicate');
    expect(outcome('amount-short').proposals.map((p) => p.reason)).toEqual(['amount-mismatch']);
    expect(outcome('partly-paid').proposals.map((p) => p.reason)).toEqual(['missing-payment']);
    for (const row of expected.rows) expect(row.supportedFen).toBe(row.declaredFen - row.proposals.reduce((sum, p) => sum + p.amountFen, 0));
    expect(expected.rows.filter((row) => row.defect === null).every((row) => row.proposals.length === 0)).toBe(true);

    const clean = plan.rows.filter((row) => row.defect === null);
    expect(clean.every((row) => row.invoice!.seller.taxId === plan.applicant.taxId && row.invoice!.buyer.taxId.slice(2, 6) === '4403' && row.invoice!.issueDate.startsWith('2023'))).toBe(true);

    const files = filePathsUnder(dir).filter((file) => !file.endsWith('.json') && !file.endsWith('.csv'));
    const extractions = await extractFiles(await Promise.all(files.map(async (file) => ({ path: relative(dir, file), bytes: new Uint8Array(readFileSync(file)) }))), ports);
    expect(extractions.flatMap((extraction) => extraction.errors)).toEqual([]);
    const invoices = extractions.flatMap((extraction) => extraction.invoices);
    const written = plan.rows.filter((row) => row.invoice).map((row) => row.invoice!);
    expect(invoices.map((invoice) => invoice.fields.invoiceNumber).sort()).toEqual(written.map((invoice) => invoice.invoiceNumber).sort());
    const payments = extractions.flatMap((extraction) => extraction.payments ?? []);
    expect(payments.map((payment) => payment.fields).sort((a, b) => a.serial!.localeCompare(b.serial!)))
      .toEqual(plan.rows.filter((row) => row.receipt).map((row) => expectedPaymentFields(row.receipt!)).sort((a, b) => a.serial!.localeCompare(b.serial!)));
    const contracts = extractions.flatMap((extraction) => extraction.contracts ?? []);
    expect(contracts.map((contract) => contract.fields).sort((a, b) => a.contractNo!.localeCompare(b.contractNo!)))
      .toEqual(plan.contracts.map(expectedContractFields).sort((a, b) => a.contractNo!.localeCompare(b.contractNo!)));
  });

  it('a voucher dossier runs the buyer way, receipts and contracts in batches', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'audit-dossier-')), 'guangzhou');
    const { plan, expected, manifest } = await generateAuditDossier(dir, {
      seed: 'voucher', rows: 8, program: 'guangzhou-2020-voucher', defects: { 'partly-paid': 1, 'out-of-period': 1 },
      scannedReceipts: 0, invoicePdfShare: 0, receiptsPerFile: 4, contractsPerFile: 2,
    });
    expect(plan.rows.every((row) => row.invoice === null || row.invoice.buyer.taxId === plan.applicant.taxId)).toBe(true);
    expect(plan.rows.every((row) => row.receipt === null || row.receipt.payer.name === plan.applicant.name)).toBe(true);
    // Guangzhou pays the firm's own share: below half the invoice the rest is missing-payment in whole.
    const partly = expected.rows.find((row) => row.defect === 'partly-paid')!;
    expect(partly.proposals).toEqual([{ reason: 'missing-payment', amountFen: partly.declaredFen }]);
    const documents = manifest.documents as { file: string; kind: string }[];
    expect(documents.filter((document) => document.kind === 'payment')).toHaveLength(2);
    const extraction = await extractFiles([{ path: 'batch.pdf', bytes: new Uint8Array(readFileSync(join(dir, documents.find((d) => d.kind === 'payment')!.file))) }], ports);
    expect(extraction[0]!.payments).toHaveLength(4);
  });
});

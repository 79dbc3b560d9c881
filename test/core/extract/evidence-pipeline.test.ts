// Contracts and bank receipts read by the one extraction pipeline (the app's worker and the CLI):
// text PDFs by their text layer, scans (image files and image-only PDFs) by OCR, each page
// classified by its content first. Invoice files read as before, with no contracts or payments.
import { afterAll, describe, expect, it } from 'vitest';
import { createNodeExtractPorts } from '../../../src-main/cli/adapters';
import { extractFile } from '../../../src-renderer/core/extract/pipeline';
import type { ExtractedContract, ExtractedPayment } from '../../../src-renderer/core/types';
import { contractLayouts, expectedContractFields } from '../../fixtures/evidence/contracts';
import { BANK_NAMES, expectedPaymentFields, receiptLayout } from '../../fixtures/evidence/receipts';
import { scanImage, scannedPdf } from '../../fixtures/evidence/scans';
import { specimenContracts, specimenReceipts } from '../../fixtures/evidence/specimens';
import { layoutsToPdf } from '../../fixtures/sample-dossier/render';
import { invoiceXml } from '../../fixtures/sample-dossier/invoice-xml';
import { sampleClaims } from '../../fixtures/sample-dossier/data';

const ports = createNodeExtractPorts();
afterAll(() => ports.dispose());

function rightFields(read: Record<string, string | null>, expected: Record<string, string>): string[] {
  return Object.keys(expected).filter((field) => read[field] === expected[field]);
}

describe('the pipeline reads contracts and receipts', { timeout: 60_000 }, () => {
  it('a text PDF of receipts of four banks: four payments, one a page, read from the text layer', async () => {
    const receipts = specimenReceipts().slice(0, 4);
    const result = await extractFile({ path: 'receipts.pdf', bytes: new Uint8Array(await layoutsToPdf(receipts.map(receiptLayout), 'receipts')) }, ports);
    expect(result.errors).toEqual([]);
    expect(result.invoices).toEqual([]);
    expect(result.contracts).toEqual([]);
    expect(result.payments!.map((payment) => [payment.page, payment.method])).toEqual([[1, 'text'], [2, 'text'], [3, 'text'], [4, 'text']]);
    expect(result.payments!.map((payment) => payment.fields)).toEqual(receipts.map(expectedPaymentFields));
  });

  it('a text PDF of contract key pages: one contract with the page of each later field', async () => {
    const contract = specimenContracts()[1]!;
    const result = await extractFile({ path: 'contract.pdf', bytes: new Uint8Array(await layoutsToPdf(contractLayouts(contract, '测试'), 'contract')) }, ports);
    expect(result.errors).toEqual([]);
    expect(result.payments).toEqual([]);
    expect(result.contracts).toHaveLength(1);
    expect(result.contracts![0]).toMatchObject({ page: 1, method: 'text', fields: expectedContractFields(contract), pages: { amount: 2, signDate: 3 } });
  });

  it('an invoice file has no contracts or payments', async () => {
    const invoice = sampleClaims().find((claim) => claim.invoice?.format === 'xml')!.invoice!;
    const result = await extractFile({ path: 'invoice.xml', bytes: new TextEncoder().encode(invoiceXml(invoice)) }, ports);
    expect(result.invoices).toHaveLength(1);
    expect(result.contracts).toEqual([]);
    expect(result.payments).toEqual([]);
  });

  it('a file with no invoice, contract or receipt is still not-an-invoice', async () => {
    const lines = ['致深圳市工业和信息化局：', '本公司承诺所报材料真实、准确、完整，不存在虚假记载和重大遗漏。', '如有不实，本公司愿承担由此产生的一切法律责任。', '特此承诺。', '承诺单位：深圳市智联数字服务有限公司', '2024年09月20日'];
    const letter = { width: 595, height: 842, ops: lines.map((text, i) => ({ op: 'text' as const, x: 72, y: 100 + i * 24, size: 12, text })) };
    const result = await extractFile({ path: 'letter.pdf', bytes: new Uint8Array(await layoutsToPdf([letter], 'letter')) }, ports);
    expect(result.errors.map((error) => error.code)).toEqual(['not-an-invoice']);
  });
});

describe('scans by OCR', () => {
  it.each(['cmb', 'icbc'] as const)('%s receipt scanned to JPEG: parties, amount and bank exact, at least 8 of 9 fields', { timeout: 300_000 }, async (bank) => {
    const receipt = specimenReceipts().find((r) => r.bank === bank)!;
    const result = await extractFile({ path: `${bank}.jpg`, bytes: new Uint8Array(await scanImage(receiptLayout(receipt), { seed: 3 })) }, ports);
    expect(result.errors).toEqual([]);
    expect(result.payments).toHaveLength(1);
    const payment: ExtractedPayment = result.payments![0]!;
    const expected = expectedPaymentFields(receipt);
    expect(payment.method).toBe('ocr');
    expect(payment.fields).toMatchObject({ payerName: expected.payerName, payeeName: expected.payeeName, amount: expected.amount, bank: BANK_NAMES[bank] });
    expect(rightFields(payment.fields as unknown as Record<string, string | null>, expected).length).toBeGreaterThanOrEqual(8);
    expect(payment.confidence.amount).toBeGreaterThan(0.5);
  });

  it('a service contract scanned to an image-only PDF: number, amount and term exact, at least 8 of 10 fields', { timeout: 300_000 }, async () => {
    const contract = specimenContracts().find((c) => c.kind === 'service')!;
    const result = await extractFile({ path: 'contract-scan.pdf', bytes: new Uint8Array(await scannedPdf(contractLayouts(contract, '测试'), { seed: 0 })) }, ports);
    expect(result.errors).toEqual([]);
    expect(result.contracts).toHaveLength(1);
    const read: ExtractedContract = result.contracts![0]!;
    const expected = expectedContractFields(contract);
    expect(read.method).toBe('ocr');
    expect(read.fields).toMatchObject({ contractNo: expected.contractNo, amount: expected.amount, periodFrom: expected.periodFrom, periodTo: expected.periodTo });
    expect(rightFields(read.fields as unknown as Record<string, string | null>, expected).length).toBeGreaterThanOrEqual(8);
  });
});

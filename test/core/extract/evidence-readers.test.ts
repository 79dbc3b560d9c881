// The contract and bank-receipt readers on generated key pages and receipts in each bank's layout:
// text PDFs read through the PDF reader port, and scans (skewed, speckled, seals over the text) read
// by OCR. Each field must come with its box and confidence.
import { afterAll, describe, expect, it } from 'vitest';
import { createNodeExtractPorts } from '../../../src-main/cli/adapters';
import { ocrToPage } from '../../../src-renderer/core/extract';
import { assembleContracts, looksLikeContract, parseContractPage } from '../../../src-renderer/core/extract/contract';
import { prepareForOcr } from '../../../src-renderer/core/extract/raster';
import { looksLikeReceipt, parseReceiptPage, toPayment } from '../../../src-renderer/core/extract/receipt';
import type { PositionedPage } from '../../../src-renderer/core/extract/positioned-text';
import { contractLayouts, expectedContractFields } from '../../fixtures/evidence/contracts';
import { BANK_NAMES, expectedPaymentFields, receiptLayout, receiptSheet } from '../../fixtures/evidence/receipts';
import { specimenContracts, specimenReceipts } from '../../fixtures/evidence/specimens';
import { invoiceLayout } from '../../fixtures/sample-dossier/layout';
import { sampleClaims } from '../../fixtures/sample-dossier/data';
import { layoutsToPdf, layoutToScan } from '../../fixtures/sample-dossier/render';
import type { PageLayout } from '../../fixtures/sample-dossier/layout';

const ports = createNodeExtractPorts();
afterAll(() => ports.dispose());

async function textPages(layouts: PageLayout[]): Promise<PositionedPage[]> {
  const doc = await ports.pdf.open(new Uint8Array(await layoutsToPdf(layouts, 'test')));
  const pages: PositionedPage[] = [];
  for (let page = 1; page <= doc.pageCount; page++) {
    const text = await doc.pageText(page);
    pages.push({ page, width: text.width, height: text.height, items: text.items.map((item) => ({ text: item.str, box: item.box, confidence: 1 })) });
  }
  await doc.close();
  return pages;
}

async function scannedPage(layout: PageLayout, page: number, seed: number): Promise<PositionedPage> {
  const scan = await layoutToScan(layout, { dpi: 200, skewDegrees: seed % 2 === 0 ? 0.5 : -0.6, noise: 0.001, seed, format: 'jpeg' });
  const prepared = prepareForOcr(await ports.image.decode(new Uint8Array(scan.bytes)), { targetWidth: 2480, maxPixels: 10_000_000, binarize: true });
  const result = await ports.ocr!.recognize(prepared);
  return ocrToPage(result, page, layout.width, layout.height, layout.width / prepared.width);
}

function within(box: [number, number, number, number] | undefined, layout: { width: number; height: number }): boolean {
  return box !== undefined && box[0] >= 0 && box[1] >= 0 && box[0] + box[2] <= layout.width + 1 && box[1] + box[3] <= layout.height + 1;
}

describe('bank receipts, text layer', () => {
  it.each(specimenReceipts().map((receipt) => [receipt.bank, receipt] as const))('%s: every field, with its box and the amount in words agreeing', async (_bank, receipt) => {
    const layout = receiptLayout(receipt);
    const [page] = await textPages([layout]);
    const readings = parseReceiptPage(page!);
    expect(readings).toHaveLength(1);
    const payment = toPayment(readings[0]!, 1, 'text');
    expect(payment.fields).toEqual(expectedPaymentFields(receipt));
    for (const field of Object.keys(payment.fields) as (keyof typeof payment.fields)[]) {
      expect(within(payment.boxes[field], layout), `${field} box`).toBe(true);
      expect(payment.confidence[field]).toBe(1);
    }
    expect(payment.checks).toEqual([expect.objectContaining({ id: 'amount-in-words', ok: true })]);
  });

  it('three receipts printed on one sheet are three payments, in order', async () => {
    const receipts = specimenReceipts().filter((receipt) => receipt.bank === 'icbc' || receipt.bank === 'cmb' || receipt.bank === 'boc');
    const [page] = await textPages([receiptSheet(receipts)]);
    const readings = parseReceiptPage(page!);
    expect(readings.map((reading) => toPayment(reading, 1, 'text').fields)).toEqual(receipts.map(expectedPaymentFields));
  });

  it('figures that disagree with the amount in words keep the figures and fail the check', async () => {
    const receipt = specimenReceipts().find((r) => r.bank === 'ccb')!;
    const layout = receiptLayout(receipt);
    const tampered = { ...layout, ops: layout.ops.map((op) => (op.op === 'text' && op.text.startsWith('¥') ? { ...op, text: '¥10,600,000.70' } : op)) };
    const [page] = await textPages([tampered]);
    const payment = toPayment(parseReceiptPage(page!)[0]!, 1, 'text');
    expect(payment.fields.amount).toBe('10600000.70');
    expect(payment.checks).toEqual([expect.objectContaining({ id: 'amount-in-words', ok: false })]);
  });

  it('an invoice page is neither a receipt nor a contract', async () => {
    const invoice = sampleClaims().find((claim) => claim.invoice)!.invoice!;
    const [page] = await textPages([invoiceLayout(invoice)]);
    const text = page!.items.map((item) => item.text).join('\n');
    expect(looksLikeReceipt(text)).toBe(false);
    expect(looksLikeContract(text)).toBe(false);
    expect(parseReceiptPage(page!)).toEqual([]);
  });
});

describe('contract key pages, text layer', () => {
  it.each(specimenContracts().map((contract) => [contract.kind, contract] as const))('%s: every field over its key pages, each with the page it is on', async (_kind, contract) => {
    const layouts = contractLayouts(contract, '测试');
    const pages = await textPages(layouts);
    expect(looksLikeContract(pages[0]!.items.map((item) => item.text).join('\n'))).toBe(true);
    const contracts = assembleContracts(pages.map((page) => ({ page: page.page, method: 'text' as const, reading: parseContractPage(page) })));
    expect(contracts).toHaveLength(1);
    const [read] = contracts;
    expect(read!.fields).toEqual(expectedContractFields(contract));
    expect(read!.page).toBe(1);
    expect(read!.checks).toEqual([expect.objectContaining({ id: 'amount-in-words', ok: true })]);
    for (const field of Object.keys(read!.fields) as (keyof typeof read.fields)[]) expect(within(read!.boxes[field], layouts[0]!), `${field} box`).toBe(true);
    // The amount is on a later key page in every template but the plain service contract.
    if (contract.kind !== 'service') expect(read!.pages?.amount).toBe(2);
  });

  it('two contracts in one file are two contracts', async () => {
    const [first, second] = specimenContracts();
    const pages = await textPages([...contractLayouts(first!, '测试'), ...contractLayouts(second!, '测试')]);
    const contracts = assembleContracts(pages.map((page) => ({ page: page.page, method: 'text' as const, reading: parseContractPage(page) })));
    expect(contracts.map((contract) => [contract.page, contract.fields.contractNo])).toEqual([[1, first!.contractNo], [4, second!.contractNo]]);
  });
});

describe('scans read by OCR', () => {
  it.each(['cmb', 'icbc'] as const)('%s receipt scan: parties and amount exact, most other fields right', { timeout: 240_000 }, async (bank) => {
    const receipt = specimenReceipts().find((r) => r.bank === bank)!;
    const page = await scannedPage(receiptLayout(receipt), 1, 3);
    const readings = parseReceiptPage(page, { fromOcr: true });
    expect(readings).toHaveLength(1);
    const payment = toPayment(readings[0]!, 1, 'ocr');
    const expected = expectedPaymentFields(receipt);
    expect(payment.fields).toMatchObject({ payerName: expected.payerName, payeeName: expected.payeeName, amount: expected.amount, bank: BANK_NAMES[bank] });
    const right = Object.entries(expected).filter(([field, value]) => payment.fields[field as keyof typeof payment.fields] === value).length;
    expect(right).toBeGreaterThanOrEqual(8);
    expect(payment.confidence.amount).toBeGreaterThan(0.5);
    expect(payment.confidence.amount).toBeLessThanOrEqual(1);
  });

  it('service contract scan: number, parties and amount exact', { timeout: 240_000 }, async () => {
    const contract = specimenContracts().find((c) => c.kind === 'service')!;
    const layouts = contractLayouts(contract, '测试');
    const pages = [];
    for (const [index, layout] of layouts.entries()) pages.push(await scannedPage(layout, index + 1, index));
    const [read] = assembleContracts(pages.map((page) => ({ page: page.page, method: 'ocr' as const, reading: parseContractPage(page, { fromOcr: true }) })));
    const expected = expectedContractFields(contract);
    expect(read!.method).toBe('ocr');
    expect(read!.fields).toMatchObject({ contractNo: expected.contractNo, partyA: expected.partyA, partyB: expected.partyB, amount: expected.amount });
    const right = Object.entries(expected).filter(([field, value]) => read!.fields[field as keyof typeof read.fields] === value).length;
    expect(right).toBeGreaterThanOrEqual(8);
  });
});

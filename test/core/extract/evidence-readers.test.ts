// The contract and bank-receipt readers on generated key pages and receipts in each bank's layout:
// text PDFs read through the PDF reader port. Each field must come with its box and confidence.
import { afterAll, describe, expect, it } from 'vitest';
import { createNodeExtractPorts } from '../../../src-main/cli/adapters';
import { assembleContracts, looksLikeContract, parseContractPage } from '../../../src-renderer/core/extract/contract';
import { looksLikeReceipt, parseReceiptPage, toPayment } from '../../../src-renderer/core/extract/receipt';
import type { PositionedPage } from '../../../src-renderer/core/extract/positioned-text';
import { contractLayouts, expectedContractFields } from '../../fixtures/evidence/contracts';
import { expectedPaymentFields, receiptLayout, receiptSheet } from '../../fixtures/evidence/receipts';
import { specimenContracts, specimenReceipts } from '../../fixtures/evidence/specimens';
import { invoiceLayout } from '../../fixtures/sample-dossier/layout';
import { sampleClaims } from '../../fixtures/sample-dossier/data';
import { layoutsToPdf } from '../../fixtures/sample-dossier/render';
import type { PageLayout } from '../../fixtures/sample-dossier/layout';
import type { ExtractedContract } from '../../../src-renderer/core/types';

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

function within(box: [number, number, number, number] | undefined, layout: { width: number; height: number }): boolean {
  return box !== undefined && box[0] >= 0 && box[1] >= 0 && box[0] + box[2] <= layout.width + 1 && box[1] + box[3] <= layout.height + 1;
}

describe('bank receipts, text layer', { timeout: 60_000 }, () => {
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

describe('contract key pages, text layer', { timeout: 60_000 }, () => {
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
    for (const field of Object.keys(read!.fields) as (keyof ExtractedContract['fields'])[]) expect(within(read!.boxes[field], layouts[0]!), `${field} box`).toBe(true);
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

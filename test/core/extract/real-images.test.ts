// The real invoice images of the corpus through OCR (test/fixtures/real-invoices/img, see its README):
// screen renders, a specimen scan, screenshots with other windows around the invoice, a masked scan,
// a cropped preview, a bus-ticket photo (read as a ticket) and two synthetic renders. The floors below are what the
// engine reads today, so that a regression shows; where the identity (code, number, date) is read
// it must stay exact, and no field may be wrong with a high confidence.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { extractFile } from '../../../src-renderer/core/extract/pipeline';
import { createNodeExtractPorts } from '../../../src-main/cli/adapters';
import { KEY_FIELDS, REAL_INVOICES_DIR, expectedKeyFields, loadGroundTruth } from './ground-truth';

const ports = createNodeExtractPorts();
afterAll(() => ports.dispose());

/** Key fields read right, at least (of the fields the ground truth gives). */
const floors: Record<string, number> = { I01: 10, I02: 11, I08: 10, I09: 7, I10: 8, I11: 11, I12: 10, I13: 10, I14: 9, I15: 6, I16: 4, I17: 10 };
/** Images whose code, number and date are read exactly. */
const identityRead = new Set(['I01', 'I02', 'I08', 'I13', 'I16', 'I17']);
/** Images whose invoice QR code is read (I17: a small code in a screenshot, found by the retries in grey). */
const qrRead = new Set(['I01', 'I08', 'I13', 'I14', 'I17']);
const CONFIDENT = 0.8;
/** The sample dossier's invoices (its 23442000001510000005.png: a clean letter-spaced page, soft print). */
const SAMPLE_INVOICES_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../../resources/samples/shenzhen-dsp/发票');
const images = loadGroundTruth().filter((entry) => entry.file.startsWith('img/') && floors[entry.file.slice(4, 7)] !== undefined);

describe('real invoice images (OCR)', () => {
  it.each(images.map((entry) => [entry.file, entry] as const))('%s: key fields at or above the floor, none confidently wrong', { timeout: 300_000 }, async (file, entry) => {
    const id = file.slice(4, 7);
    const result = await extractFile({ path: file, bytes: new Uint8Array(readFileSync(resolve(REAL_INVOICES_DIR, file))) }, ports);
    expect(result.errors).toEqual([]);
    const invoice = result.invoices[0]!;
    expect(invoice.method).toBe('ocr');
    const expected = expectedKeyFields(entry);
    if (identityRead.has(id)) expect([invoice.fields.invoiceCode, invoice.fields.invoiceNumber, invoice.fields.issueDate]).toEqual([expected.invoiceCode, expected.invoiceNumber, expected.issueDate]);
    const right = KEY_FIELDS.filter((field) => invoice.fields[field] === expected[field] && expected[field] !== null);
    expect(right.length).toBeGreaterThanOrEqual(floors[id]!);
    // A wrong value carries a low confidence itself, whatever other check of the invoice fails.
    const confidentlyWrong = KEY_FIELDS.filter((field) => expected[field] !== null && invoice.fields[field] !== null && invoice.fields[field] !== expected[field]
      && (invoice.confidence[field as keyof typeof invoice.confidence] ?? 0) >= CONFIDENT);
    expect(confidentlyWrong).toEqual([]);
    if (qrRead.has(id)) expect(invoice.checks.find((check) => check.id === 'qr-matches')?.ok, `${id}: QR code read and matching`).toBe(true);
    if (id === 'I17') {
      // The invoice fills part of the screenshot: its number's box is drawn where the number shows in
      // the screenshot (the viewer's coordinates), not where it lies on the page cut out for OCR.
      const [x, y, width, height] = invoice.boxes.invoiceNumber!;
      expect([x + width / 2, y + height / 2]).toEqual([expect.closeTo(808, -2), expect.closeTo(390, -2)]);
    }
  });

  it('the sample dossier\'s letter-spaced PNG scan: 价税合计 read with its box and sure (its soft print is not darkened)', { timeout: 300_000 }, async () => {
    const path = resolve(SAMPLE_INVOICES_DIR, '23442000001510000005.png');
    const result = await extractFile({ path: '23442000001510000005.png', bytes: new Uint8Array(readFileSync(path)) }, ports);
    const invoice = result.invoices[0]!;
    expect(invoice.fields.totalAmount).toBe('441574.25');
    expect(invoice.boxes.totalAmount).toBeDefined();
    expect(invoice.confidence.totalAmount).toBeGreaterThanOrEqual(CONFIDENT);
  });

  it('the bus-ticket photo (I16), whose page enlarged gives the engine no word, is read at its own size and at a darker cut: a ticket, its text there for search, no VAT check asked of it', { timeout: 300_000 }, async () => {
    const file = loadGroundTruth().find((entry) => entry.file.startsWith('img/I16'))!.file;
    const texts: string[] = [];
    const result = await extractFile({ path: file, bytes: new Uint8Array(readFileSync(resolve(REAL_INVOICES_DIR, file))) }, ports, {
      onOcrText: (text) => texts.push(text.items.map((item) => item.str).join('')),
    });
    expect(texts.join('\n').replace(/\s+/g, '')).toContain('221021325353');
    const invoice = result.invoices[0]!;
    expect(invoice.kind).toBe('ticket');
    expect(invoice.fields).toMatchObject({ invoiceCode: '221021325353', invoiceNumber: '10283819', issueDate: '2013-06-29', totalAmount: '8.00', buyerName: null, sellerName: null });
    expect(invoice.checks.map((check) => check.id)).not.toContain('amount-plus-tax');
    expect(invoice.checks.map((check) => check.id)).not.toContain('total-in-words');
  });
});

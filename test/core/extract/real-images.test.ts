// The two real invoice images of the corpus through OCR: a 980×575 screen render of an old-layout
// e-invoice (I01) and a small scanned 专用发票 specimen (I02). Neither has enough resolution for every
// field; the floors below are what the engine reads today, so that a regression shows, and the
// invoice's identity (code, number, date) must always be right.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { extractFile } from '../../../src-renderer/core/extract/pipeline';
import { createNodeExtractPorts } from '../../../src-main/cli/adapters';
import { KEY_FIELDS, REAL_INVOICES_DIR, expectedKeyFields, loadGroundTruth } from './ground-truth';

const ports = createNodeExtractPorts();
afterAll(() => ports.dispose());

const floors: Record<string, number> = { I01: 10, I02: 7 };
const images = loadGroundTruth().filter((entry) => entry.file.startsWith('img/'));

describe('real invoice images (OCR)', () => {
  it.each(images.map((entry) => [entry.file, entry] as const))('%s: identity exact, key fields at or above the floor', { timeout: 180_000 }, async (file, entry) => {
    const result = await extractFile({ path: file, bytes: new Uint8Array(readFileSync(resolve(REAL_INVOICES_DIR, file))) }, ports);
    expect(result.errors).toEqual([]);
    const invoice = result.invoices[0]!;
    expect(invoice.method).toBe('ocr');
    const expected = expectedKeyFields(entry);
    expect([invoice.fields.invoiceCode, invoice.fields.invoiceNumber, invoice.fields.issueDate]).toEqual([expected.invoiceCode, expected.invoiceNumber, expected.issueDate]);
    const right = KEY_FIELDS.filter((field) => invoice.fields[field] === expected[field]);
    const wrong = KEY_FIELDS.filter((field) => invoice.fields[field] !== null && invoice.fields[field] !== expected[field]);
    expect(right.length).toBeGreaterThanOrEqual(floors[file.slice(4, 7)]!);
    expect(wrong).toEqual([]);
  });
});

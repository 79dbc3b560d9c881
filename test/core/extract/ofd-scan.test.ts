// A scan saved as OFD: pages without text, each covered by one image. The image is read by OCR
// (with its QR code) as an image file would be; a page image the decoders cannot read is an error
// naming the page and the part.
import { strToU8 } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { extractFile } from '../../../src-renderer/core/extract/pipeline';
import { createNodeExtractPorts } from '../../../src-main/cli/adapters';
import { groundTruthOf, syntheticInvoice } from '../../fixtures/invoices/invoice-data';
import { invoiceScan, scanOptionsFor } from '../../fixtures/invoices/generate-invoices';
import { pageSizeMm } from '../../fixtures/invoices/draw-invoice';
import { scannedOfd } from '../../fixtures/invoices/scanned-ofd';
import { KEY_FIELDS } from './ground-truth';

const ports = createNodeExtractPorts();
afterAll(() => ports.dispose());

describe('scanned OFDs', () => {
  it('a page that is one scanned image is read by OCR, with the QR code cross-check', { timeout: 180_000 }, async () => {
    const invoice = syntheticInvoice(25, 'digital');
    const scan = invoiceScan(invoice, { ...scanOptionsFor(2), seal: false, format: 'jpeg' });
    const result = await extractFile({ path: 'scan.ofd', bytes: scannedOfd(new Uint8Array(scan), 'jpg', pageSizeMm(invoice)) }, ports);
    expect(result.errors).toEqual([]);
    expect(result.invoices).toHaveLength(1);
    const [read] = result.invoices;
    expect(read!.method).toBe('ocr');
    expect(read!.page).toBe(1);
    const truth = groundTruthOf(invoice) as Record<string, unknown>;
    const fields = read!.fields as unknown as Record<string, unknown>;
    expect(KEY_FIELDS.filter((field) => fields[field] === truth[field]).length / KEY_FIELDS.length).toBeGreaterThanOrEqual(0.9);
    expect(read!.checks.find((check) => check.id === 'qr-matches')).toMatchObject({ ok: true });
    const [x, , w] = read!.boxes.invoiceNumber!;
    expect(x + w).toBeLessThanOrEqual(pageSizeMm(invoice)[0] * (72 / 25.4) + 1);
  });

  it('a page image that is not PNG or JPEG is an error naming the page and the part', async () => {
    const result = await extractFile({ path: 'tiff.ofd', bytes: scannedOfd(strToU8('II*\u0000 not really a tiff'), 'tif', [210, 140]) }, ports);
    expect(result.invoices).toEqual([]);
    expect(result.errors).toEqual([{ code: 'unreadable', message: 'tiff.ofd: page 1 is a scan whose image (Doc_0/Res/scan.tif) is missing or not PNG or JPEG' }]);
  });
});

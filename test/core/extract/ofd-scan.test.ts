// A scan saved as OFD: pages without text, each covered by one image. The image is read by OCR
// (with its QR code) as an image file would be; a page image the decoders cannot read is an error
// naming the page and the part.
import { strToU8, zipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { extractFile } from '../../../src-renderer/core/extract';
import { createNodeExtractPorts } from '../../../src-main/cli/adapters';
import { groundTruthOf, syntheticInvoice } from '../../fixtures/invoices/invoice-data';
import { invoiceScan, scanOptionsFor } from '../../fixtures/invoices/generate-invoices';
import { pageSizeMm } from '../../fixtures/invoices/draw-invoice';
import { KEY_FIELDS } from './ground-truth';

const ports = createNodeExtractPorts();
afterAll(() => ports.dispose());

const OFD_NS = 'xmlns:ofd="http://www.ofdspec.org/2016"';

/** An OFD of one page holding one image (Res/scan.<ext>) over the whole page. */
function scannedOfd(image: Uint8Array, ext: string, [width, height]: [number, number]): Uint8Array {
  return zipSync({
    'OFD.xml': strToU8(`<?xml version="1.0" encoding="UTF-8"?><ofd:OFD ${OFD_NS} Version="1.1" DocType="OFD"><ofd:DocBody><ofd:DocInfo><ofd:DocID>scan</ofd:DocID></ofd:DocInfo><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>`),
    'Doc_0/Document.xml': strToU8(`<?xml version="1.0" encoding="UTF-8"?><ofd:Document ${OFD_NS}><ofd:CommonData><ofd:MaxUnitID>3</ofd:MaxUnitID><ofd:PageArea><ofd:PhysicalBox>0 0 ${width} ${height}</ofd:PhysicalBox></ofd:PageArea><ofd:DocumentRes>DocumentRes.xml</ofd:DocumentRes></ofd:CommonData><ofd:Pages><ofd:Page ID="1" BaseLoc="Pages/Page_0/Content.xml"/></ofd:Pages></ofd:Document>`),
    'Doc_0/DocumentRes.xml': strToU8(`<?xml version="1.0" encoding="UTF-8"?><ofd:Res ${OFD_NS} BaseLoc="Res"><ofd:MultiMedias><ofd:MultiMedia ID="2" Type="Image"><ofd:MediaFile>scan.${ext}</ofd:MediaFile></ofd:MultiMedia></ofd:MultiMedias></ofd:Res>`),
    'Doc_0/Pages/Page_0/Content.xml': strToU8(`<?xml version="1.0" encoding="UTF-8"?><ofd:Page ${OFD_NS}><ofd:Content><ofd:Layer ID="3"><ofd:ImageObject ID="4" ResourceID="2" Boundary="0 0 ${width} ${height}" CTM="${width} 0 0 ${height} 0 0"/></ofd:Layer></ofd:Content></ofd:Page>`),
    [`Doc_0/Res/scan.${ext}`]: image,
  });
}

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

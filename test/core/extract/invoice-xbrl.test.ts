// XBRL invoice files (the e-voucher accounting data standard's instance of a 数电 invoice) read as
// structured data, on their own and attached inside an OFD package: every key field, the item line,
// and no OCR (the OCR engine given here fails if called).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { extractFile } from '../../../src-renderer/core/extract/pipeline';
import { createNodeExtractPorts } from '../../../src-main/cli/adapters';
import { REAL_INVOICES_DIR } from './ground-truth';

const FIXTURE = resolve(REAL_INVOICES_DIR, '../invoices/xbrl/einvoice-24112000000048542163.xbrl');
const ports = { ...createNodeExtractPorts({ ocr: false }), ocr: { modelVersion: 'none', recognize: () => Promise.reject(new Error('an XBRL invoice must not reach OCR')) } };

const expected = {
  invoiceCode: null, invoiceNumber: '24112000000048542163', issueDate: '2024-05-28',
  buyerName: '海南麒麟云服科技有限公司', buyerTaxId: '91460300MAA92DJN95', sellerName: '北京互联三六五科技有限公司', sellerTaxId: '91110108690017781B',
  amountExclTax: '4197.17', taxAmount: '251.83', totalAmount: '4449.00', totalInWords: '肆仟肆佰肆拾玖圆整',
};

describe('XBRL invoice files', () => {
  it('an XBRL instance on its own gives every key field and the item line', async () => {
    const result = await extractFile({ path: 'einvoice.xbrl', bytes: new Uint8Array(readFileSync(FIXTURE)) }, ports);
    expect(result.errors).toEqual([]);
    const [invoice] = result.invoices;
    expect(invoice?.method).toBe('xml');
    expect(invoice?.fields).toMatchObject(expected);
    expect(invoice?.fields.items).toEqual([{ name: '*信息技术服务*技术服务费', amount: '4197.17', rate: '6%', tax: '251.83' }]);
    expect(invoice?.checks.filter((check) => !check.ok && check.severity === 'error')).toEqual([]);
  });

  it('the XBRL attached inside an OFD package is the invoice; the pages of the package, without text, do not go to OCR', async () => {
    const ofd = unzipSync(new Uint8Array(readFileSync(resolve(REAL_INVOICES_DIR, 'ofd/O04_zhejiang_83089647.ofd'))));
    const withoutInvoiceData = Object.fromEntries(Object.entries(ofd).filter(([name]) => !/original_invoice|CustomTag|Tags\//i.test(name)));
    const pages = Object.keys(withoutInvoiceData).filter((name) => /Content\.xml$/.test(name));
    for (const page of pages) withoutInvoiceData[page] = strToU8('<?xml version="1.0" encoding="UTF-8"?><ofd:Page xmlns:ofd="http://www.ofdspec.org/2016"><ofd:Content/></ofd:Page>');
    // The package keeps its structure and pages; the invoice data it had (custom data, tags, original_invoice.xml) go.
    withoutInvoiceData['OFD.xml'] = strToU8(strFromU8(ofd['OFD.xml']!).replace(/<ofd:CustomDatas>[\s\S]*?<\/ofd:CustomDatas>/, ''));
    withoutInvoiceData['Doc_0/Attachs/einvoice.xbrl'] = new Uint8Array(readFileSync(FIXTURE));
    const result = await extractFile({ path: 'with-xbrl.ofd', bytes: zipSync(withoutInvoiceData) }, ports);
    expect(result.errors).toEqual([]);
    expect(result.invoices).toHaveLength(1);
    expect(result.invoices[0]?.method).toBe('ofd');
    expect(result.invoices[0]?.fields).toMatchObject(expected);
  });
});

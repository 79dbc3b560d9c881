// Variants that real 数电 XML and OFD invoices show and that the readers must cope with: pretty-
// printed OFD parts, a lost tag index, a package zipped from its folder, tags referring to objects
// by page, an invoice XML the attachment list does not name, GBK and BOM-prefixed XML, other
// wrappers around the same EInvoice element names, red-letter (红字) invoices.
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { extractFile } from '../../../src-renderer/core/extract/pipeline';
import { readOfd } from '../../../src-renderer/core/extract/ofd';
import { readInvoiceXml } from '../../../src-renderer/core/extract/invoice-xml';
import { normalizeAmount, normalizeChineseAmountText, normalizeCjkRadicals, normalizeName } from '../../../src-renderer/core/extract/text-normalize';
import { checkInvoice } from '../../../src-renderer/core/extract/checks';
import { decodeXmlBytes, parseXml } from '../../../src-renderer/core/extract/xml';
import { createNodeExtractPorts } from '../../../src-main/cli/adapters';

const NS = 'xmlns:ofd="http://www.ofdspec.org/2016"';

function ofdXml(customData = ''): string {
  return `<?xml version="1.0" encoding="UTF-8"?><ofd:OFD ${NS} DocType="OFD" Version="1.0"><ofd:DocBody><ofd:DocInfo><ofd:DocID>x</ofd:DocID>`
    + `<ofd:CustomDatas>${customData}</ofd:CustomDatas></ofd:DocInfo><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>`;
}

function documentXml(pages: string[], extra = ''): string {
  return `<?xml version="1.0" encoding="UTF-8"?><ofd:Document ${NS}><ofd:CommonData><ofd:PhysicalBox>0 0 210 140</ofd:PhysicalBox></ofd:CommonData>`
    + `<ofd:Pages>${pages.map((id, i) => `<ofd:Page ID="${id}" BaseLoc="Pages/Page_${i}/Content.xml"/>`).join('')}</ofd:Pages>${extra}</ofd:Document>`;
}

function text(id: string, x: number, y: number, value: string, pretty = false): string {
  const code = pretty ? `\n                    ${value}\n                ` : value;
  return `<ofd:TextObject ID="${id}" Boundary="${x} ${y} 80 5" Font="1" Size="3.175">\n                <ofd:TextCode X="0" Y="3">${code}</ofd:TextCode>\n            </ofd:TextObject>`;
}

function page(objects: string[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?><ofd:Page ${NS}><ofd:Area><ofd:PhysicalBox>0 0 210 140</ofd:PhysicalBox></ofd:Area><ofd:Content><ofd:Layer ID="9">${objects.join('\n')}</ofd:Layer></ofd:Content></ofd:Page>`;
}

function zip(parts: Record<string, string>): Uint8Array {
  return zipSync(Object.fromEntries(Object.entries(parts).map(([name, value]) => [name, strToU8(value)])));
}

const TAGS = `<?xml version="1.0" encoding="UTF-8"?><ofd:root ${NS} version="1.0">`
  + '<ofd:InvoiceNo><ofd:ObjectRef PageRef="61">11</ofd:ObjectRef></ofd:InvoiceNo>'
  + '<ofd:Item><ofd:ObjectRef PageRef="61">12</ofd:ObjectRef><ofd:ObjectRef PageRef="61">13</ofd:ObjectRef></ofd:Item>'
  + '<ofd:Note><ofd:ObjectRef PageRef="61">14</ofd:ObjectRef><ofd:ObjectRef PageRef="61">15</ofd:ObjectRef></ofd:Note></ofd:root>';

const PAGE_0 = page([
  text('11', 170, 10, '25442000000127444519', true),
  text('12', 4.5, 56, '*建筑服务*', true),
  text('13', 4.5, 60.6, '【KX240122008】客户响', true),
  text('14', 11, 104.5, '项目地点：阳江市江城区', true),
  text('15', 11, 107.8, '采购订单号：PO-YJ-0006', true),
]);

describe('OFD variants', () => {
  it('reads pretty-printed TextCode text without the XML indentation', () => {
    const content = readOfd(zip({
      'OFD.xml': ofdXml(), 'Doc_0/Document.xml': documentXml(['61'], '<ofd:CustomTags>Tags/CustomTags.xml</ofd:CustomTags>'),
      'Doc_0/Pages/Page_0/Content.xml': PAGE_0,
      'Doc_0/Tags/CustomTags.xml': `<ofd:CustomTags ${NS}><ofd:CustomTag TypeID="root"><ofd:FileLoc>CustomTag.xml</ofd:FileLoc></ofd:CustomTag></ofd:CustomTags>`,
      'Doc_0/Tags/CustomTag.xml': TAGS,
    }));
    expect(content.pages[0]!.items.map((item) => item.text)).toContain('25442000000127444519');
    const byPath = Object.fromEntries(content.tags.map((tag) => [tag.path.join('/'), tag]));
    expect(byPath.InvoiceNo!.text).toBe('25442000000127444519');
    expect(byPath.Item!.text).toBe('*建筑服务*【KX240122008】客户响');
    expect(byPath.Note!.lines).toEqual(['项目地点：阳江市江城区', '采购订单号：PO-YJ-0006']);
  });

  it('finds the tag file when the tag index is missing, and a package zipped from its folder', () => {
    const content = readOfd(zip({
      'invoice/OFD.xml': ofdXml(), 'invoice/Doc_0/Document.xml': documentXml(['61'], '<ofd:CustomTags>Tags/CustomTags.xml</ofd:CustomTags>'),
      'invoice/Doc_0/Pages/Page_0/Content.xml': PAGE_0,
      'invoice/Doc_0/Tags/CustomTag.xml': TAGS,
    }));
    expect(content.tags.map((tag) => tag.path.join('/'))).toEqual(['InvoiceNo', 'Item', 'Note']);
  });

  it('places the characters of vertical text (DeltaY) one below the other', () => {
    const vertical = '<ofd:TextObject ID="7" Boundary="5 30 4 20" Font="1" Size="3"><ofd:TextCode X="0" Y="3" DeltaY="3.5 3.5 3.5 3.5">购买方信息</ofd:TextCode></ofd:TextObject>';
    const content = readOfd(zip({ 'OFD.xml': ofdXml(), 'Doc_0/Document.xml': documentXml(['1']), 'Doc_0/Pages/Page_0/Content.xml': page([vertical]) }));
    const items = content.pages[0]!.items;
    expect(items.map((item) => item.text)).toEqual(['购', '买', '方', '信', '息']);
    expect(new Set(items.map((item) => item.box[0])).size).toBe(1);
    expect(items[4]!.box[1] - items[0]!.box[1]).toBeCloseTo(14 * 72 / 25.4, 0);
  });

  it('reads the pages of every document of a package holding several', () => {
    const ofd2 = `<ofd:OFD ${NS}><ofd:DocBody><ofd:DocInfo><ofd:CustomDatas><ofd:CustomData Name="发票号码">11111111111111111111</ofd:CustomData></ofd:CustomDatas></ofd:DocInfo><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody>`
      + '<ofd:DocBody><ofd:DocInfo><ofd:CustomDatas><ofd:CustomData Name="发票号码">22222222222222222222</ofd:CustomData></ofd:CustomDatas></ofd:DocInfo><ofd:DocRoot>Doc_1/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>';
    const content = readOfd(zip({
      'OFD.xml': ofd2,
      'Doc_0/Document.xml': documentXml(['1']), 'Doc_0/Pages/Page_0/Content.xml': page([text('1', 170, 10, '11111111111111111111')]),
      'Doc_1/Document.xml': documentXml(['1']), 'Doc_1/Pages/Page_0/Content.xml': page([text('1', 170, 10, '22222222222222222222')]),
    }));
    expect(content.pages.map((p) => [p.page, p.items.map((i) => i.text).join()])).toEqual([[1, '11111111111111111111'], [2, '22222222222222222222']]);
    expect(content.customData).toEqual({ 发票号码: '11111111111111111111' });
  });

  it('resolves object references by their page when ids repeat across pages', () => {
    const tags = `<ofd:root ${NS}><ofd:InvoiceNo><ofd:ObjectRef PageRef="2">5</ofd:ObjectRef></ofd:InvoiceNo></ofd:root>`;
    const content = readOfd(zip({
      'OFD.xml': ofdXml(), 'Doc_0/Document.xml': documentXml(['1', '2'], '<ofd:CustomTags>Tags/CustomTags.xml</ofd:CustomTags>'),
      'Doc_0/Pages/Page_0/Content.xml': page([text('5', 10, 10, '销货清单')]),
      'Doc_0/Pages/Page_1/Content.xml': page([text('5', 170, 10, '12345678')]),
      'Doc_0/Tags/CustomTags.xml': `<ofd:CustomTags ${NS}><ofd:CustomTag><ofd:FileLoc>CustomTag.xml</ofd:FileLoc></ofd:CustomTag></ofd:CustomTags>`,
      'Doc_0/Tags/CustomTag.xml': tags,
    }));
    expect(content.tags).toMatchObject([{ path: ['InvoiceNo'], text: '12345678', page: 2 }]);
  });

  it('finds parts named relative to the package root, in other letter case or percent-encoded', () => {
    const documentXml2 = `<ofd:Document ${NS}><ofd:Pages><ofd:Page ID="1" BaseLoc="Doc_0/Pages/Page_0/Content.xml"/><ofd:Page ID="2" BaseLoc="pages/%E7%AC%AC2%E9%A1%B5/content.XML"/></ofd:Pages>`
      + '<ofd:Attachments>Attachs/Attachments.xml</ofd:Attachments></ofd:Document>';
    const content = readOfd(zip({
      'OFD.xml': ofdXml(), 'Doc_0/Document.xml': documentXml2,
      'Doc_0/Pages/Page_0/Content.xml': page([text('1', 10, 10, '第一页')]),
      'Doc_0/Pages/第2页/Content.xml': page([text('1', 10, 10, '第二页')]),
      'Doc_0/Attachs/Attachments.xml': `<ofd:Attachments ${NS}><ofd:Attachment Name="original_invoice"><ofd:FileLoc>Attachs/invoice.xml</ofd:FileLoc></ofd:Attachment></ofd:Attachments>`,
      'Doc_0/Attachs/invoice.xml': '<eInvoice><InvoiceNo>1</InvoiceNo></eInvoice>',
    }));
    expect(content.pages.map((p) => p.items.map((i) => i.text).join())).toEqual(['第一页', '第二页']);
    expect(content.attachments.map((a) => a.name)).toEqual(['original_invoice']);
  });

  it('reads an invoice XML the attachment list does not name', () => {
    const content = readOfd(zip({
      'OFD.xml': ofdXml(), 'Doc_0/Document.xml': documentXml(['1']),
      'Doc_0/Pages/Page_0/Content.xml': page([]),
      'Doc_0/Attachs/original_invoice.xml': '<?xml version="1.0" encoding="UTF-8"?><fp:eInvoice xmlns:fp="http://www.edrm.org.cn/schema/e-invoice/2019"><fp:InvoiceNo>1</fp:InvoiceNo></fp:eInvoice>',
    }));
    expect(content.attachments.map((a) => a.name)).toEqual(['Doc_0/Attachs/original_invoice.xml']);
  });

  it('reads the invoice XML of a zip that is not an OFD (the platform download bundle)', async () => {
    const ports = createNodeExtractPorts({ ocr: false });
    try {
      const bytes = zip({ 'dzfp_26337904450900255091.xml': EINVOICE, 'readme.txt': 'x' });
      const result = await extractFile({ path: 'bundle.zip', bytes }, ports);
      expect(result.errors).toEqual([]);
      expect(result.invoices[0]!.fields).toMatchObject({ invoiceNumber: '26337904450900255091', totalAmount: '-5.61' });
      const empty = await extractFile({ path: 'other.zip', bytes: zip({ 'a.xml': '<a/>' }) }, ports);
      expect(empty.errors.map((e) => e.code)).toEqual(['unreadable']);
    } finally {
      await ports.dispose();
    }
  });

  it('reads a tax total printed as *** as zero when the totals with and without tax agree (不征税)', async () => {
    const ports = createNodeExtractPorts({ ocr: false });
    try {
      const tags = `<ofd:root ${NS}><ofd:InvoiceNo><ofd:ObjectRef PageRef="1">1</ofd:ObjectRef></ofd:InvoiceNo><ofd:TaxExclusiveTotalAmount><ofd:ObjectRef PageRef="1">2</ofd:ObjectRef></ofd:TaxExclusiveTotalAmount>`
        + '<ofd:TaxTotalAmount><ofd:ObjectRef PageRef="1">3</ofd:ObjectRef></ofd:TaxTotalAmount><ofd:TaxInclusiveTotalAmount><ofd:ObjectRef PageRef="1">4</ofd:ObjectRef></ofd:TaxInclusiveTotalAmount></ofd:root>';
      const bytes = zip({
        'OFD.xml': ofdXml(), 'Doc_0/Document.xml': documentXml(['1'], '<ofd:CustomTags>Tags/CustomTags.xml</ofd:CustomTags>'),
        'Doc_0/Pages/Page_0/Content.xml': page([text('1', 170, 10, '25957000000138053316'), text('2', 130, 90, '¥8.00'), text('3', 180, 90, '***'), text('4', 155, 96, '¥8.00')]),
        'Doc_0/Tags/CustomTag.xml': tags,
      });
      const fields = (await extractFile({ path: 'untaxed.ofd', bytes }, ports)).invoices[0]!.fields;
      expect(fields).toMatchObject({ invoiceNumber: '25957000000138053316', amountExclTax: '8.00', taxAmount: '0.00', totalAmount: '8.00' });
    } finally {
      await ports.dispose();
    }
  });

  it('extracts the whole multi-line remark and the item split over lines from tags', async () => {
    const ports = createNodeExtractPorts({ ocr: false });
    try {
      const bytes = zip({
        'OFD.xml': ofdXml('<ofd:CustomData Name="开票日期">2025年03月07日</ofd:CustomData><ofd:CustomData Name="合计金额">20000.00</ofd:CustomData>'),
        'Doc_0/Document.xml': documentXml(['61'], '<ofd:CustomTags>Tags/CustomTags.xml</ofd:CustomTags>'),
        'Doc_0/Pages/Page_0/Content.xml': PAGE_0,
        'Doc_0/Tags/CustomTag.xml': TAGS,
      });
      const result = await extractFile({ path: 'pretty.ofd', bytes }, ports);
      const fields = result.invoices[0]!.fields;
      expect(fields.invoiceNumber).toBe('25442000000127444519');
      expect(fields.issueDate).toBe('2025-03-07');
      expect(fields.remarks).toBe('项目地点：阳江市江城区 采购订单号：PO-YJ-0006');
    } finally {
      await ports.dispose();
    }
  });
});

const EINVOICE = `<EInvoice>
  <Header><EIid>26337904450900255091</EIid><Version>0.32</Version></Header>
  <EInvoiceData>
    <SellerInformation><SellerIdNum>91330000142942095H</SellerIdNum><SellerName>浙江沪杭甬高速公路股份有限公司</SellerName></SellerInformation>
    <BuyerInformation><BuyerIdNum>91330106MACKX4QG41</BuyerIdNum><BuyerName>杭州开轩科技有限公司</BuyerName></BuyerInformation>
    <BasicInformation><TotalAmWithoutTax>-5.45</TotalAmWithoutTax><TotalTaxAm>-0.16</TotalTaxAm><TotalTax-includedAmount>-5.61</TotalTax-includedAmount>
      <TotalTax-includedAmountInChinese>（负数）伍元陆角壹分</TotalTax-includedAmountInChinese><RequestTime>2026-09-14 12:51:03</RequestTime></BasicInformation>
    <IssuItemInformation><ItemName>*经营租赁*通行费</ItemName><Amount>-5.45</Amount><TaxRate>0.03</TaxRate><ComTaxAm>-0.16</ComTaxAm><TotaltaxIncludedAmount>-5.61</TotaltaxIncludedAmount></IssuItemInformation>
    <SpecificInformation><Toll><PlateNumber>浙AB59453</PlateNumber></Toll><RedEInvoice><OriginalInvoiceCode>26337904450900255000</OriginalInvoiceCode></RedEInvoice></SpecificInformation>
    <AdditionalInformation><Remark>被红冲蓝字数电票号码：26337904450900255000</Remark></AdditionalInformation>
  </EInvoiceData>
  <TaxSupervisionInfo><InvoiceNumber>26337904450900255091</InvoiceNumber><IssueTime>2026-09-14 12:51:03</IssueTime></TaxSupervisionInfo>
</EInvoice>`;

describe('invoice XML variants', () => {
  it('reads a red-letter toll invoice: negative amounts, （负数） words, date with time', () => {
    const draft = readInvoiceXml(parseXml(EINVOICE))!;
    expect(draft.values).toMatchObject({
      invoiceNumber: '26337904450900255091', issueDate: '2026-09-14', amountExclTax: '-5.45', taxAmount: '-0.16',
      totalAmount: '-5.61', totalInWords: '（负数）伍元陆角壹分', remarks: '被红冲蓝字数电票号码：26337904450900255000',
    });
    expect(draft.items).toEqual([{ name: '*经营租赁*通行费', amount: '-5.45', rate: '3%', tax: '-0.16' }]);
  });

  it('the 大写 check accepts the （负数） marker of a red-letter invoice', () => {
    const draft = readInvoiceXml(parseXml(EINVOICE))!;
    const fields = { invoiceCode: null, invoiceNumber: null, issueDate: null, buyerName: null, buyerTaxId: null, sellerName: null, sellerTaxId: null, amountExclTax: null, taxAmount: null, remarks: null, items: [], totalAmount: draft.values.totalAmount!, totalInWords: draft.values.totalInWords! };
    expect(checkInvoice(fields).find((check) => check.id === 'total-in-words')).toMatchObject({ ok: true });
  });

  it('reads namespaced elements and another wrapper around the same element names', () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?><Invoice xmlns="http://www.chinatax.gov.cn/tirip/dsw/1.0"><Header><EIid>26337000000651169782</EIid><IssueTime>2026-07-06</IssueTime>
      <SellerInfo><SellerIdNum>91330110MA7LQLWL32</SellerIdNum><SellerName>杭州洋橙电子商务有限公司</SellerName></SellerInfo>
      <BuyerInfo><BuyerIdNum>12140000405700021K</BuyerIdNum><BuyerName>太原理工大学</BuyerName></BuyerInfo></Header>
      <Body><IssueOrdinaryInfo><TotalTax-includedAmount>120.62</TotalTax-includedAmount></IssueOrdinaryInfo>
      <ItemDetails><Item><ItemName>*计算机外部设备*拓展坞</ItemName><Amount>106.74</Amount><TaxRate>0.13</TaxRate><ComTaxAm>13.88</ComTaxAm></Item></ItemDetails></Body></Invoice>`;
    const draft = readInvoiceXml(parseXml(xml))!;
    expect(draft.values).toMatchObject({ invoiceNumber: '26337000000651169782', issueDate: '2026-07-06', sellerTaxId: '91330110MA7LQLWL32', buyerName: '太原理工大学', totalAmount: '120.62' });
    expect(draft.values.amountExclTax).toBeUndefined();
    expect(draft.items).toEqual([{ name: '*计算机外部设备*拓展坞', amount: '106.74', rate: '13%', tax: '13.88' }]);
  });

  it('reads item lines nested in a wrapper (IssuItemInformation/ItemDetail with TaxAm)', () => {
    const xml = `<EInvoice><Header><EIid>26320000000000100006</EIid></Header><EInvoiceData>
      <BasicInformation><TotalAmWithoutTax>300.00</TotalAmWithoutTax><TotalTaxAm>24.00</TotalTaxAm><TotalTax-includedAmount>324.00</TotalTax-includedAmount><Remark>差额征税：200.00。</Remark></BasicInformation>
      <IssuItemInformation><ItemDetail><ItemName>软件服务</ItemName><Amount>100.00</Amount><TaxRate>0.06</TaxRate><TaxAm>6.00</TaxAm></ItemDetail>
      <ItemDetail><ItemName>咨询服务</ItemName><Amount>200.00</Amount><TaxRate>0.09</TaxRate><TaxAm>18.00</TaxAm></ItemDetail></IssuItemInformation>
      <SpecificInformation><ConstructionServices><ItemName>重庆九龙坡110kV劳动村变电站配套送出工程</ItemName></ConstructionServices></SpecificInformation>
      </EInvoiceData></EInvoice>`;
    const draft = readInvoiceXml(parseXml(xml))!;
    expect(draft.items).toEqual([
      { name: '软件服务', amount: '100.00', rate: '6%', tax: '6.00' },
      { name: '咨询服务', amount: '200.00', rate: '9%', tax: '18.00' },
    ]);
    expect(draft.values).toMatchObject({ invoiceNumber: '26320000000000100006', totalAmount: '324.00', remarks: '差额征税：200.00。' });
  });

  it('reads invoice XML labelled in Chinese or with pinyin abbreviations', () => {
    const chinese = readInvoiceXml(parseXml('<发票><发票号码>26110000000000100004</发票号码><开票日期>2026-09-18</开票日期><购买方名称>示例科技（北京）有限公司</购买方名称>'
      + '<购买方纳税人识别号>91110000MAXXXXXX1A</购买方纳税人识别号><合计金额>-2500.00</合计金额><合计税额>-150.00</合计税额><价税合计>-2650.00</价税合计><备注>红冲：销货退回</备注></发票>'))!;
    expect(chinese.values).toMatchObject({ invoiceNumber: '26110000000000100004', issueDate: '2026-09-18', buyerTaxId: '91110000MAXXXXXX1A', totalAmount: '-2650.00', remarks: '红冲：销货退回' });
    const pinyin = readInvoiceXml(parseXml('<fp><FPHM>26320000000000100007</FPHM><KPRQ>2026-07-30</KPRQ><XSFMC>示例生活服务（无锡）有限公司</XSFMC><GMFMC>个人</GMFMC><GMFNSRSBH></GMFNSRSBH><HJJE>57.28</HJJE><HJSE>1.72</HJSE><JSHJXX>59.00</JSHJXX></fp>'))!;
    expect(pinyin.values).toEqual({ invoiceNumber: '26320000000000100007', issueDate: '2026-07-30', sellerName: '示例生活服务（无锡）有限公司', buyerName: '个人', amountExclTax: '57.28', taxAmount: '1.72', totalAmount: '59.00' });
    expect(readInvoiceXml(parseXml('<root><name>x</name></root>'))).toBeNull();
  });

  it('skips a DOCTYPE with an internal subset', () => {
    expect(parseXml('<?xml version="1.0"?><!DOCTYPE a [ <!ENTITY x "y"> <!ELEMENT a (#PCDATA)> ]><a>1</a>').text).toBe('1');
  });

  it('decodes GBK-declared and BOM-prefixed XML', async () => {
    const gbk = new Uint8Array([...strToU8('<?xml version="1.0" encoding="GBK"?><a>'), 0xb7, 0xa2, 0xc6, 0xb1, ...strToU8('</a>')]);
    expect(parseXml(gbk).text).toBe('发票');
    expect(decodeXmlBytes(new Uint8Array([0xef, 0xbb, 0xbf, ...strToU8('<a>发票</a>')]))).toBe('<a>发票</a>');
    const ports = createNodeExtractPorts({ ocr: false });
    try {
      const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...strToU8(EINVOICE)]);
      const result = await extractFile({ path: 'bom.xml', bytes: bom }, ports);
      expect(result.errors).toEqual([]);
      expect(result.invoices[0]!.fields.invoiceNumber).toBe('26337904450900255091');
    } finally {
      await ports.dispose();
    }
  });

  it('keeps the red-letter marker of 大写 amounts as printed', () => {
    expect(normalizeChineseAmountText('⊗（负数）伍佰圆整')).toBe('（负数）伍佰圆整');
    expect(normalizeChineseAmountText('负伍佰圆整')).toBe('负伍佰圆整');
    expect(normalizeChineseAmountText('⊗伍拾圆整')).toBe('伍拾圆整');
  });

  it('reads Kangxi radicals as the ideographs they stand for', () => {
    expect(normalizeCjkRadicals('电\u2f26发票 \u2fa6额 纳税\u2f08')).toBe('电子发票 金额 纳税人');
    expect(normalizeCjkRadicals('（小写）¥1.00')).toBe('（小写）¥1.00');
  });

  it('keeps the space between Latin words of a name and drops spaces around Chinese characters', () => {
    expect(normalizeName('SIEMENS  LTD., CHINA')).toBe('SIEMENS LTD., CHINA');
    expect(normalizeName('江 苏 京 利 华 新材料有限公司')).toBe('江苏京利华新材料有限公司');
    expect(normalizeName('A p p l e')).toBe('Apple');
    expect(normalizeName('苹果电子产品商贸（北京） 有限公司 Apple')).toBe('苹果电子产品商贸（北京）有限公司Apple');
  });

  it('reads amounts written with more decimals than the fen, when the extra ones are zeros', () => {
    expect(normalizeAmount('235.8500')).toBe('235.85');
    expect(normalizeAmount('-5.610')).toBe('-5.61');
    expect(normalizeAmount('19')).toBe('19.00');
    expect(normalizeAmount('235.851')).toBeNull();
  });
});

// Structured invoice XML: the 数电/全电 EInvoice file the tax platform issues, and the
// GB/T 36639-style eInvoice (fp: namespace) embedded in OFD invoices as original_invoice.xml, and
// the XBRL instance of the e-voucher accounting data standard (invoice-xbrl.ts).
import { type InvoiceDraft, type ScalarFieldName, emptyDraft, setField } from './draft';
import { type XmlElement, child, childrenNamed, descendant, textOf } from './xml';
import { isInvoiceXbrlRoot, readInvoiceXbrl } from './invoice-xbrl';
import { normalizeAmount, normalizeChineseAmountText, normalizeDate, normalizeName, normalizeRate, normalizeTaxId } from './text-normalize';

const STRUCTURED_CONFIDENCE = 1;

function collapse(text: string | null): string | null {
  return text === null ? null : text.replace(/\s+/g, ' ').trim() || null;
}

function put(draft: InvoiceDraft, field: ScalarFieldName, value: string | null): void {
  setField(draft, field, value, STRUCTURED_CONFIDENCE);
}

/** Element names (local, any namespace) that mark the tax platform's 数电 invoice XML. */
const DIGITAL_MARKERS = ['EInvoiceData', 'TaxSupervisionInfo', 'EIid'];

function isDigitalInvoice(root: XmlElement): boolean {
  return DIGITAL_MARKERS.some((name) => root.name === name || descendant(root, name) !== undefined);
}

/** True for the root elements this module reads. */
export function isInvoiceXmlRoot(root: XmlElement): boolean {
  if (root.name === 'xbrl') return isInvoiceXbrlRoot(root);
  return root.name === 'EInvoice' || root.name === 'eInvoice' || (root.name === 'Invoice' && isDigitalInvoice(root));
}

/** Trimmed text of the first of these element names found under `scope` (in order of the names). */
function pick(scope: XmlElement | undefined, ...names: string[]): string | null {
  for (const name of names) {
    const value = textOf(scope, name);
    if (value !== null) return value;
  }
  return null;
}

/** The item lines of an invoice XML, in document order. */
function itemElements(data: XmlElement | undefined): XmlElement[] {
  // Each item line is the element holding an ItemName and an amount of its own: IssuItemInformation
  // in the platform's files, Item or ItemDetail inside a wrapper in others. (The ItemName of a
  // 建筑服务 project under SpecificInformation has no amount and is no item line.)
  const lines: XmlElement[] = [];
  const walk = (element: XmlElement) => {
    for (const c of element.children) {
      if (child(c, 'ItemName') && ['Amount', 'TaxRate', 'ComTaxAm', 'TaxAm'].some((name) => child(c, name))) lines.push(c);
      else walk(c);
    }
  };
  if (data) walk(data);
  return lines;
}

/**
 * 数电 EInvoice (Header/EInvoiceData/TaxSupervisionInfo, schema versions 0.2x to 0.3x, with or
 * without namespaces) and its relatives that keep the same element names under other wrappers
 * (an Invoice root with Header/SellerInfo/BuyerInfo/Body/ItemDetails). Every field is looked up by
 * element name under the part of the tree that holds it, not by a fixed path.
 */
function readDigitalEInvoice(root: XmlElement): InvoiceDraft {
  const draft = emptyDraft();
  const data = child(root, 'EInvoiceData') ?? child(root, 'Body') ?? root;
  const supervision = descendant(root, 'TaxSupervisionInfo');
  const header = child(root, 'Header');
  const seller = descendant(root, 'SellerInformation') ?? descendant(root, 'SellerInfo') ?? descendant(root, 'Seller');
  const buyer = descendant(root, 'BuyerInformation') ?? descendant(root, 'BuyerInfo') ?? descendant(root, 'Buyer');
  const basic = descendant(data, 'BasicInformation') ?? descendant(data, 'IssueOrdinaryInfo') ?? data;
  const items = itemElements(data);
  // Totals are read outside the item lines (whose own Amount/TaxRate/... share names with them).
  const totalsScope: XmlElement = basic === data ? { ...data, children: data.children.filter((c) => !items.includes(c) && c.name !== 'ItemDetails') } : basic;
  put(draft, 'invoiceCode', pick(supervision, 'InvoiceCode') ?? pick(header, 'InvoiceCode'));
  put(draft, 'invoiceNumber', (pick(supervision, 'InvoiceNumber', 'EInvoiceNumber', 'InvoiceNo') ?? pick(header, 'EIid', 'InvoiceNumber', 'InvoiceNo') ?? pick(root, 'EIid'))?.replace(/\s+/g, '') ?? null);
  put(draft, 'issueDate', normalizeDate(pick(supervision, 'IssueTime', 'IssueDate') ?? pick(header, 'IssueTime', 'IssueDate') ?? pick(totalsScope, 'IssueTime', 'IssueDate', 'RequestTime')));
  put(draft, 'sellerName', normalizeName(pick(seller, 'SellerName', 'Name')));
  put(draft, 'sellerTaxId', normalizeTaxId(pick(seller, 'SellerIdNum', 'SellerTaxID', 'SellerTaxId', 'SellerTaxNo', 'IdNum')));
  put(draft, 'buyerName', normalizeName(pick(buyer, 'BuyerName', 'Name')));
  put(draft, 'buyerTaxId', normalizeTaxId(pick(buyer, 'BuyerIdNum', 'BuyerTaxID', 'BuyerTaxId', 'BuyerTaxNo', 'IdNum')));
  put(draft, 'amountExclTax', normalizeAmount(pick(totalsScope, 'TotalAmWithoutTax', 'TotalAmountWithoutTax')));
  put(draft, 'taxAmount', normalizeAmount(pick(totalsScope, 'TotalTaxAm', 'TotalTaxAmount')));
  put(draft, 'totalAmount', normalizeAmount(pick(totalsScope, 'TotalTax-includedAmount', 'TotalTaxIncludedAmount', 'TotalTax-IncludedAmount')));
  put(draft, 'totalInWords', normalizeChineseAmountText(pick(totalsScope, 'TotalTax-includedAmountInChinese', 'TotalTaxIncludedAmountInChinese', 'TotalTax-IncludedAmountInChinese')));
  put(draft, 'remarks', collapse(pick(descendant(data, 'AdditionalInformation'), 'Remark', 'Remarks') ?? pick(totalsScope, 'Remark', 'Remarks', 'Note')));
  draft.items = items.map((item) => ({
    name: collapse(textOf(item, 'ItemName')) ?? '',
    amount: normalizeAmount(textOf(item, 'Amount')),
    rate: normalizeRate(textOf(item, 'TaxRate')),
    tax: normalizeAmount(textOf(item, 'ComTaxAm') ?? textOf(item, 'TaxAm') ?? textOf(item, 'TaxAmount')),
  }));
  if (draft.items.length > 0) draft.confidence.items = STRUCTURED_CONFIDENCE;
  return draft;
}

/** eInvoice with fp: elements (OFD attachment original_invoice.xml). */
function readFpEInvoice(root: XmlElement): InvoiceDraft {
  const draft = emptyDraft();
  const buyer = descendant(root, 'Buyer');
  const seller = descendant(root, 'Seller');
  put(draft, 'invoiceCode', textOf(root, 'InvoiceCode'));
  put(draft, 'invoiceNumber', textOf(root, 'InvoiceNo'));
  put(draft, 'issueDate', normalizeDate(textOf(root, 'IssueDate')));
  put(draft, 'buyerName', normalizeName(textOf(buyer, 'BuyerName')));
  put(draft, 'buyerTaxId', normalizeTaxId(textOf(buyer, 'BuyerTaxID')));
  put(draft, 'sellerName', normalizeName(textOf(seller, 'SellerName')));
  put(draft, 'sellerTaxId', normalizeTaxId(textOf(seller, 'SellerTaxID')));
  put(draft, 'amountExclTax', normalizeAmount(textOf(root, 'TaxExclusiveTotalAmount')));
  put(draft, 'taxAmount', normalizeAmount(textOf(root, 'TaxTotalAmount')));
  put(draft, 'totalAmount', normalizeAmount(textOf(root, 'TaxInclusiveTotalAmount')));
  put(draft, 'remarks', collapse(textOf(root, 'Note')));
  const goods = childrenNamed(descendant(root, 'GoodsInfos'), 'GoodsInfo');
  draft.items = goods.map((item) => ({
    name: textOf(item, 'Item') ?? '',
    amount: normalizeAmount(textOf(item, 'Amount')),
    rate: normalizeRate(textOf(item, 'TaxScheme')),
    tax: normalizeAmount(textOf(item, 'TaxAmount')),
  }));
  if (draft.items.length > 0) draft.confidence.items = STRUCTURED_CONFIDENCE;
  const graphCode = textOf(root, 'GraphCode');
  if (graphCode) draft.qrPayload = graphCode;
  return draft;
}

/**
 * Element names of invoice XML written with the data standard's Chinese labels (发票号码, 开票日期,
 * …) or their pinyin abbreviations (FPHM, KPRQ, …), as accounting and e-voucher exports do.
 */
const LABELLED_FIELDS: Record<string, ScalarFieldName> = {
  发票代码: 'invoiceCode', FPDM: 'invoiceCode', 发票号码: 'invoiceNumber', 数电票号码: 'invoiceNumber', 全电发票号码: 'invoiceNumber', FPHM: 'invoiceNumber',
  开票日期: 'issueDate', KPRQ: 'issueDate', 购买方名称: 'buyerName', 购方名称: 'buyerName', GMFMC: 'buyerName',
  购买方纳税人识别号: 'buyerTaxId', 购买方统一社会信用代码: 'buyerTaxId', '购买方统一社会信用代码/纳税人识别号': 'buyerTaxId', GMFNSRSBH: 'buyerTaxId',
  销售方名称: 'sellerName', 销方名称: 'sellerName', XSFMC: 'sellerName',
  销售方纳税人识别号: 'sellerTaxId', 销售方统一社会信用代码: 'sellerTaxId', '销售方统一社会信用代码/纳税人识别号': 'sellerTaxId', XSFNSRSBH: 'sellerTaxId',
  合计金额: 'amountExclTax', HJJE: 'amountExclTax', 合计税额: 'taxAmount', HJSE: 'taxAmount',
  价税合计: 'totalAmount', 价税合计小写: 'totalAmount', '价税合计（小写）': 'totalAmount', JSHJ: 'totalAmount', JSHJXX: 'totalAmount',
  价税合计大写: 'totalInWords', '价税合计（大写）': 'totalInWords', JSHJDX: 'totalInWords', 备注: 'remarks', BZ: 'remarks',
};

function labelledFields(root: XmlElement): Map<ScalarFieldName, string> {
  const found = new Map<ScalarFieldName, string>();
  const walk = (element: XmlElement) => {
    const field = LABELLED_FIELDS[element.name];
    const value = element.text.trim();
    if (field && value && !found.has(field)) found.set(field, value);
    for (const c of element.children) walk(c);
  };
  walk(root);
  return found;
}

function readLabelledInvoice(root: XmlElement): InvoiceDraft | null {
  const found = labelledFields(root);
  if (!found.has('invoiceNumber') || !(found.has('totalAmount') || found.has('amountExclTax'))) return null;
  const draft = emptyDraft();
  const value = (field: ScalarFieldName) => found.get(field) ?? null;
  put(draft, 'invoiceCode', value('invoiceCode')?.replace(/\s+/g, '') ?? null);
  put(draft, 'invoiceNumber', value('invoiceNumber')?.replace(/\s+/g, '') ?? null);
  put(draft, 'issueDate', normalizeDate(value('issueDate')));
  put(draft, 'buyerName', normalizeName(value('buyerName')));
  put(draft, 'buyerTaxId', normalizeTaxId(value('buyerTaxId')));
  put(draft, 'sellerName', normalizeName(value('sellerName')));
  put(draft, 'sellerTaxId', normalizeTaxId(value('sellerTaxId')));
  put(draft, 'amountExclTax', normalizeAmount(value('amountExclTax')));
  put(draft, 'taxAmount', normalizeAmount(value('taxAmount')));
  put(draft, 'totalAmount', normalizeAmount(value('totalAmount')));
  put(draft, 'totalInWords', normalizeChineseAmountText(value('totalInWords')));
  put(draft, 'remarks', collapse(value('remarks')));
  return draft;
}

/** Reads an invoice XML root; null when the root is not an invoice this module knows. */
export function readInvoiceXml(root: XmlElement): InvoiceDraft | null {
  if (root.name === 'xbrl') return readInvoiceXbrl(root);
  if ((root.name === 'EInvoice' || root.name === 'Invoice') && isDigitalInvoice(root)) return readDigitalEInvoice(root);
  if (root.name === 'eInvoice' || root.name === 'EInvoice') return readFpEInvoice(root);
  return readLabelledInvoice(root);
}

// Structured invoice XML: the 数电/全电 EInvoice file the tax platform issues, and the
// GB/T 36639-style eInvoice (fp: namespace) embedded in OFD invoices as original_invoice.xml.
import { type InvoiceDraft, type ScalarFieldName, emptyDraft, setField } from './draft';
import { type XmlElement, child, childrenNamed, descendant, descendants, textOf } from './xml';
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

/** The closest element holding the item lines' parent, so that item-level totals are not taken for the invoice's. */
function itemElements(data: XmlElement | undefined): XmlElement[] {
  const issued = descendants(data, 'IssuItemInformation');
  if (issued.length > 0) return issued;
  return descendants(data, 'Item').filter((item) => descendant(item, 'ItemName') !== undefined);
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
  put(draft, 'remarks', collapse(pick(descendant(data, 'AdditionalInformation') ?? data, 'Remark', 'Remarks', 'Note')));
  draft.items = items.map((item) => ({
    name: collapse(textOf(item, 'ItemName')) ?? '',
    amount: normalizeAmount(textOf(item, 'Amount')),
    rate: normalizeRate(textOf(item, 'TaxRate')),
    tax: normalizeAmount(textOf(item, 'ComTaxAm') ?? textOf(item, 'TaxAmount')),
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

/** Reads an invoice XML root; null when the root is not an invoice this module knows. */
export function readInvoiceXml(root: XmlElement): InvoiceDraft | null {
  if ((root.name === 'EInvoice' || root.name === 'Invoice') && isDigitalInvoice(root)) return readDigitalEInvoice(root);
  if (root.name === 'eInvoice' || root.name === 'EInvoice') return readFpEInvoice(root);
  return null;
}

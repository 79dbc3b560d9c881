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

/** True for the root elements this module reads. */
export function isInvoiceXmlRoot(root: XmlElement): boolean {
  return root.name === 'EInvoice' || root.name === 'eInvoice';
}

/** 数电 EInvoice (Header/EInvoiceData/TaxSupervisionInfo). */
function readDigitalEInvoice(root: XmlElement): InvoiceDraft {
  const draft = emptyDraft();
  const data = child(root, 'EInvoiceData');
  const supervision = child(root, 'TaxSupervisionInfo');
  const seller = child(data, 'SellerInformation');
  const buyer = child(data, 'BuyerInformation');
  const basic = child(data, 'BasicInformation');
  put(draft, 'invoiceNumber', textOf(supervision, 'InvoiceNumber') ?? textOf(child(root, 'Header'), 'EIid'));
  put(draft, 'issueDate', normalizeDate(textOf(supervision, 'IssueTime') ?? textOf(basic, 'RequestTime')));
  put(draft, 'sellerName', normalizeName(textOf(seller, 'SellerName')));
  put(draft, 'sellerTaxId', normalizeTaxId(textOf(seller, 'SellerIdNum')));
  put(draft, 'buyerName', normalizeName(textOf(buyer, 'BuyerName')));
  put(draft, 'buyerTaxId', normalizeTaxId(textOf(buyer, 'BuyerIdNum')));
  put(draft, 'amountExclTax', normalizeAmount(textOf(basic, 'TotalAmWithoutTax')));
  put(draft, 'taxAmount', normalizeAmount(textOf(basic, 'TotalTaxAm')));
  put(draft, 'totalAmount', normalizeAmount(textOf(basic, 'TotalTax-includedAmount')));
  put(draft, 'totalInWords', normalizeChineseAmountText(textOf(basic, 'TotalTax-includedAmountInChinese')));
  put(draft, 'remarks', collapse(textOf(child(data, 'AdditionalInformation'), 'Remark')));
  draft.items = descendants(data, 'IssuItemInformation').map((item) => ({
    name: textOf(item, 'ItemName') ?? '',
    amount: normalizeAmount(textOf(item, 'Amount')),
    rate: normalizeRate(textOf(item, 'TaxRate')),
    tax: normalizeAmount(textOf(item, 'ComTaxAm')),
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
  if (root.name === 'EInvoice' && child(root, 'EInvoiceData')) return readDigitalEInvoice(root);
  if (root.name === 'eInvoice' || root.name === 'EInvoice') return readFpEInvoice(root);
  return null;
}

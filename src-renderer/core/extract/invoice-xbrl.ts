// XBRL instance documents of invoices: the 电子凭证会计数据标准 (e-voucher accounting data standard)
// files that accompany 数电 invoices for booking, sent on their own (.xml/.xbrl) or attached inside
// OFD packages. An instance is an xbrli:xbrl root holding contexts, units and facts; the invoice's
// facts are elements of the einv taxonomy (InvoiceNumber, SellerName, SellerIdNum,
// TotalAmWithoutTax, TotalTaxAm, TotalTax-includedAmount, …, the names of the 数电 XML). Item lines
// are facts in contexts of their own (a typed dimension per line) or tuples grouping their facts.
import { type InvoiceDraft, type ScalarFieldName, emptyDraft, setField } from './draft';
import type { XmlElement } from './xml';
import { normalizeAmount, normalizeChineseAmountText, normalizeDate, normalizeName, normalizeRate, normalizeTaxId } from './text-normalize';

const STRUCTURED_CONFIDENCE = 1;
/** Parts of an instance that are not facts. */
const INSTANCE_STRUCTURE = new Set(['context', 'unit', 'schemaRef', 'linkbaseRef', 'roleRef', 'arcroleRef', 'footnoteLink']);

/** Element names (in order of preference) of each field's fact. */
const FIELD_FACTS: [ScalarFieldName, string[]][] = [
  ['invoiceNumber', ['InvoiceNumber', 'EInvoiceNumber', 'InvoiceNo']],
  ['invoiceCode', ['InvoiceCode']],
  ['issueDate', ['DateOfIssue', 'IssueDate', 'IssueTime', 'InvoiceDate', 'DateOfInvoice', 'RequestTime']],
  ['buyerName', ['BuyerName', 'NameOfBuyer']],
  ['buyerTaxId', ['BuyerIdNum', 'BuyerTaxId', 'BuyerTaxID', 'UnifiedSocialCreditCodeOfBuyer']],
  ['sellerName', ['SellerName', 'NameOfSeller']],
  ['sellerTaxId', ['SellerIdNum', 'SellerTaxId', 'SellerTaxID', 'UnifiedSocialCreditCodeOfSeller']],
  ['amountExclTax', ['TotalAmWithoutTax', 'TotalAmountWithoutTax']],
  ['taxAmount', ['TotalTaxAm', 'TotalTaxAmount']],
  ['totalAmount', ['TotalTax-includedAmount', 'TotalTaxIncludedAmount']],
  ['totalInWords', ['TotalTax-includedAmountInChinese', 'TotalTaxIncludedAmountInChinese']],
  ['remarks', ['Remark', 'Remarks']],
];

interface Fact {
  name: string;
  value: string;
  /** The context of the fact, or the tuple holding it. */
  group: string;
}

function facts(root: XmlElement): Fact[] {
  const found: Fact[] = [];
  let tuples = 0;
  const walk = (element: XmlElement, group: string | null) => {
    if (element.children.length > 0) {
      const tuple = `tuple-${tuples++}`;
      for (const c of element.children) walk(c, tuple);
      return;
    }
    found.push({ name: element.name, value: element.text.trim(), group: group ?? element.attrs.contextRef ?? '' });
  };
  for (const c of root.children) if (!INSTANCE_STRUCTURE.has(c.name)) walk(c, null);
  return found;
}

/** True for an XBRL instance that carries an invoice (an einv InvoiceNumber fact). */
export function isInvoiceXbrlRoot(root: XmlElement): boolean {
  return root.name === 'xbrl' && facts(root).some((fact) => fact.name === 'InvoiceNumber' || fact.name === 'EInvoiceNumber');
}

function normalize(field: ScalarFieldName, value: string): string | null {
  switch (field) {
    case 'issueDate': return normalizeDate(value);
    case 'amountExclTax': case 'taxAmount': case 'totalAmount': return normalizeAmount(value);
    case 'buyerTaxId': case 'sellerTaxId': return normalizeTaxId(value);
    case 'buyerName': case 'sellerName': return normalizeName(value);
    case 'totalInWords': return normalizeChineseAmountText(value);
    case 'invoiceCode': case 'invoiceNumber': return value.replace(/\s+/g, '') || null;
    default: return value.replace(/\s+/g, ' ').trim() || null;
  }
}

/** Reads an invoice XBRL instance; null when it carries no invoice number. */
export function readInvoiceXbrl(root: XmlElement): InvoiceDraft | null {
  const all = facts(root);
  const numberFact = all.find((fact) => fact.name === 'InvoiceNumber' || fact.name === 'EInvoiceNumber');
  if (!numberFact) return null;
  // The invoice's own facts share the number's context; item lines have contexts (or tuples) of their own.
  const itemGroups = [...new Set(all.filter((fact) => fact.name === 'ItemName').map((fact) => fact.group))].filter((group) => group !== numberFact.group);
  const documentFacts = all.filter((fact) => !itemGroups.includes(fact.group));
  const draft = emptyDraft();
  for (const [field, names] of FIELD_FACTS) {
    for (const name of names) {
      const fact = documentFacts.find((candidate) => candidate.name === name && candidate.value !== '');
      if (!fact) continue;
      setField(draft, field, normalize(field, fact.value), STRUCTURED_CONFIDENCE);
      break;
    }
  }
  draft.items = itemGroups.map((group) => {
    const value = (...names: string[]) => names.map((name) => all.find((fact) => fact.group === group && fact.name === name)?.value).find((text) => text !== undefined && text !== '') ?? null;
    return {
      name: (value('ItemName') ?? '').replace(/\s+/g, ' ').trim(),
      amount: normalizeAmount(value('Amount')),
      rate: normalizeRate(value('TaxRate')),
      tax: normalizeAmount(value('ComTaxAm', 'TaxAm', 'TaxAmount')),
    };
  });
  if (draft.items.length > 0) draft.confidence.items = STRUCTURED_CONFIDENCE;
  return draft;
}

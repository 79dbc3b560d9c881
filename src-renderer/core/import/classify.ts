// Which DESIGN.md document kind a file is, from its name first and its content second.
import type { DocumentKind } from '../types';
import { baseName } from './paths';
import type { FileType } from './sniff';

export type KindSource = 'manifest' | 'name' | 'content' | 'type' | 'default';

export interface Classification {
  kind: DocumentKind;
  source: KindSource;
  /** The word in the name or content that decided it. */
  evidence?: string;
}

// Most specific first: "审计报告" must win over "报告", "收入明细表" over "表".
const NAME_RULES: { kind: DocumentKind; words: string[] }[] = [
  { kind: 'audit-report', words: ['审计报告', '专项审计', '鉴证报告', '审计', 'audit'] },
  { kind: 'credit-report', words: ['信用报告', '征信', '信用记录', '信用中国', 'credit'] },
  { kind: 'revenue-list', words: ['收入明细', '营业收入', '收入清单', '收入表', '服务收入', '项目明细', '费用明细', '申报明细', '清单明细', 'revenue', 'claims'] },
  { kind: 'customer-list', words: ['客户名单', '客户清单', '客户列表', '服务客户', '服务对象', 'customer'] },
  { kind: 'application', words: ['申请书', '申报书', '申请表', '申报表', '申请材料', '承诺书', 'application'] },
  { kind: 'certificate', words: ['证书', '证明', '营业执照', '执照', '资质', '认证', '专利', '软著', '著作权', 'certificate', 'license', 'licence'] },
  { kind: 'invoice', words: ['发票', '数电', '电子票', 'fapiao', 'invoice', 'dzfp'] },
  { kind: 'contract', words: ['合同', '协议', '订单', 'contract', 'agreement'] },
  { kind: 'payment', words: ['付款', '支付', '回单', '转账', '汇款', '银行流水', '流水', '收款', '凭证', 'payment', 'receipt', 'transfer'] },
];

export function classifyByName(path: string): Classification | null {
  const name = baseName(path).toLowerCase();
  const folders = path.toLowerCase().split('/').slice(0, -1).reverse();
  for (const candidate of [name, ...folders]) {
    for (const rule of NAME_RULES) {
      const word = rule.words.find((w) => candidate.includes(w));
      if (word) return { kind: rule.kind, source: 'name', evidence: word };
    }
  }
  return null;
}

const XML_INVOICE_MARKERS = ['<EInvoice', '<einvoice', 'EInvoiceData', '<Fpdm', '<FPHM', '<InvoiceNumber', '发票号码', '<TaxSupervisionInfo'];

/** Content clues: e-invoice XML, OFD containers, claim tables. */
export function classifyByContent(type: FileType, clues: { text?: string; claimHeaders?: number; invoicesFound?: number }): Classification | null {
  if (clues.invoicesFound && clues.invoicesFound > 0) return { kind: 'invoice', source: 'content', evidence: 'invoice fields read from the file' };
  if (type === 'xml' && clues.text) {
    const marker = XML_INVOICE_MARKERS.find((m) => clues.text!.includes(m));
    if (marker) return { kind: 'invoice', source: 'content', evidence: marker };
  }
  if ((type === 'csv' || type === 'xlsx') && clues.claimHeaders && clues.claimHeaders >= 2) {
    return { kind: 'revenue-list', source: 'content', evidence: 'claim-list column headers' };
  }
  return null;
}

/** OFD files in a dossier are, in practice, e-invoices; the type alone is a fair default. */
export function classifyByType(type: FileType): Classification | null {
  if (type === 'ofd') return { kind: 'invoice', source: 'type', evidence: 'OFD e-invoice format' };
  return null;
}

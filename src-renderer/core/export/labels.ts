// Chinese labels for the codes that appear in exported tables and review sheets.
import type { CutReason, ExtractionMethod, Severity } from '../types';
import type { VerdictQualifier } from '../engine/verdict-open-work';

export const CUT_REASON_LABELS: Record<CutReason, string> = {
  'missing-invoice': '缺少发票',
  'amount-mismatch': '金额不符',
  'out-of-period': '不在申报期内',
  'party-mismatch': '主体不符',
  'related-party': '关联交易',
  duplicate: '重复申报',
  'ineligible-service': '不属于支持范围',
  'missing-payment': '缺少付款凭证',
  'missing-contract': '缺少合同',
  'customer-not-eligible': '客户不符合条件',
  other: '其他',
};

export const VERDICT_LABELS: Record<'pass' | 'fail', string> = { pass: '通过', fail: '不通过' };

/** What is still open, e.g. "尚有 7 项错误待处理、2 项核减建议未处理；建议全部采纳则不通过". */
function openWorkLabel(qualifier: VerdictQualifier): string {
  const open = [
    ...(qualifier.open.errorFindings > 0 ? [`${qualifier.open.errorFindings} 项错误待处理`] : []),
    ...(qualifier.open.proposals > 0 ? [`${qualifier.open.proposals} 项核减建议未处理`] : []),
  ];
  const ifAccepted = qualifier.verdictIfAccepted ? `；建议全部采纳则${VERDICT_LABELS[qualifier.verdictIfAccepted]}` : '';
  return `尚有 ${open.join('、')}${ifAccepted}`;
}

/**
 * The verdict as a review sheet states it: settled, or provisional with what is still open, e.g.
 * "通过（暂定：按已确认核减计算；尚有 7 项错误待处理、2 项核减建议未处理；建议全部采纳则不通过）".
 */
export function qualifiedVerdictLabel(qualifier: VerdictQualifier): string {
  const label = VERDICT_LABELS[qualifier.verdict];
  return qualifier.provisional ? `${label}（暂定：按已确认核减计算；${openWorkLabel(qualifier)}）` : label;
}

/**
 * Whether the verdict of a table's 结论 column is settled, for the column beside it (结论 itself stays
 * 通过/不通过 to filter on): 已签署, 确定（无待处理事项）, or 暂定 with what is open.
 */
export function verdictStateLabel(qualifier: VerdictQualifier): string {
  if (qualifier.signed) return '已签署';
  return qualifier.provisional ? `暂定：按已确认核减计算；${openWorkLabel(qualifier)}` : '确定（无待处理事项）';
}

export const SEVERITY_LABELS: Record<Severity, string> = { error: '错误', warning: '警告', info: '提示' };

export const FINDING_STATUS_LABELS: Record<string, string> = { open: '待处理', accepted: '已采纳', dismissed: '已排除' };

export const CHECKLIST_STATE_LABELS: Record<string, string> = {
  met: '符合',
  'not-met': '不符合',
  'not-applicable': '不适用',
  unchecked: '未核查',
};

export const METHOD_LABELS: Record<ExtractionMethod, string> = { text: '文本层', ocr: 'OCR识别', ofd: 'OFD', xml: 'XML' };

/** What kind of invoice a reading is (ExtractedInvoice.kind; absent: a VAT invoice). */
export function invoiceKindLabel(kind: 'ticket' | undefined): string {
  return kind === 'ticket' ? '客票或定额票据' : '增值税发票';
}

export const ROLE_LABELS: Record<string, string> = { auditor: '审计', expert: '评审专家', chair: '组长' };

export const INVOICE_FIELD_LABELS: Record<string, string> = {
  invoiceCode: '发票代码', invoiceNumber: '发票号码', issueDate: '开票日期', buyerName: '购买方名称', buyerTaxId: '购买方税号',
  sellerName: '销售方名称', sellerTaxId: '销售方税号', items: '项目', amountExclTax: '金额（不含税）', taxAmount: '税额',
  totalAmount: '价税合计', totalInWords: '价税合计（大写）', remarks: '备注',
};

export const DECISION_STATUS_LABELS: Record<string, string> = { ...FINDING_STATUS_LABELS, ...CHECKLIST_STATE_LABELS, rejected: '已驳回' };

/**
 * An audit time as the bureau reads it: `2024-10-22 09:00:00 UTC+08:00`, in the offset it was
 * recorded with; a UTC time (`…Z`) in the local time of the machine that exports it.
 */
export function readableTimestamp(iso: string): string {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(?:\.\d+)?(Z|[+-]\d{2}:\d{2})$/.exec(iso);
  if (!match) return iso;
  const [, date, time, zone] = match;
  if (zone !== 'Z') return `${date} ${time} UTC${zone}`;
  const instant = new Date(iso);
  const offset = -instant.getTimezoneOffset();
  const pad = (value: number) => String(Math.trunc(Math.abs(value))).padStart(2, '0');
  const local = new Date(instant.getTime() + offset * 60_000).toISOString();
  return `${local.slice(0, 10)} ${local.slice(11, 19)} UTC${offset >= 0 ? '+' : '-'}${pad(offset / 60)}:${pad(offset % 60)}`;
}

export function labelOf(labels: Record<string, string>, code: string): string {
  return labels[code] ?? code;
}

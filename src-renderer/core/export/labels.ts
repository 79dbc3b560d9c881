// Chinese labels for the codes that appear in exported tables and review sheets.
import type { CutReason, ExtractionMethod, Severity } from '../types';

export const CUT_REASON_LABELS: Record<CutReason, string> = {
  'missing-invoice': '缺少发票',
  'amount-mismatch': '金额不符',
  'out-of-period': '不在申报期内',
  'party-mismatch': '主体不符',
  'related-party': '关联交易',
  duplicate: '重复申报',
  'ineligible-service': '不属于支持范围',
  'missing-payment': '缺少付款凭证',
  other: '其他',
};

export const VERDICT_LABELS: Record<'pass' | 'fail', string> = { pass: '通过', fail: '不通过' };

export const SEVERITY_LABELS: Record<Severity, string> = { error: '错误', warning: '警告', info: '提示' };

export const FINDING_STATUS_LABELS: Record<string, string> = { open: '待处理', accepted: '已采纳', dismissed: '已排除' };

export const CHECKLIST_STATE_LABELS: Record<string, string> = {
  met: '符合',
  'not-met': '不符合',
  'not-applicable': '不适用',
  unchecked: '未核查',
};

export const METHOD_LABELS: Record<ExtractionMethod, string> = { text: '文本层', ocr: 'OCR识别', ofd: 'OFD', xml: 'XML' };

export const ROLE_LABELS: Record<string, string> = { auditor: '审计', expert: '评审专家', chair: '组长' };

export function labelOf(labels: Record<string, string>, code: string): string {
  return labels[code] ?? code;
}

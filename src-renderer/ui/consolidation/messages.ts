// The panel screen's texts, zh-CN first.
import { interpolate } from '../../i18n/interpolate';
export type PanelLanguage = 'zh-CN' | 'en';

const zhCN = {
  title: '专家合议',
  load: '载入评审文件',
  loadHint: '选择各位专家的评审文件（.json，可多选，例如从U盘拷入）',
  noReviews: '尚未载入评审文件',
  pickedNone: '未选择文件',
  picked: '已选择 {count} 个文件',
  remove: '移除',
  unnamedReviewer: '未登记姓名的评审人',
  criterion: '评分指标',
  max: '满分',
  aggregate: '合议计算',
  decision: '组长裁定',
  note: '裁定理由',
  total: '合计',
  band: '档次',
  conflict: '（申明回避）',
  disputed: '分歧',
  flags: '提示',
  produce: '生成合议结果',
  produced: '合议结果已生成：总分 {total}',
  replaced: '{file}：已替换 {name} 先前载入的评审文件',
  'problem.not-a-number': '{criterion}：裁定分数须为数字',
  'problem.above-max': '{criterion}：裁定分数超过满分',
  'problem.negative': '{criterion}：裁定分数不能为负',
  'problem.needs-note': '{criterion}：专家意见分歧，须填写裁定理由',
  'problem.no-score': '{criterion}：无有效评分，须由组长裁定',
  comments: '专家评语与意见',
  opinion: '总体意见',
  noComments: '未填写评语和意见',
} as const;

export type PanelMessageKey = keyof typeof zhCN;

const en: Record<PanelMessageKey, string> = {
  title: 'Panel consolidation',
  load: 'Load review files',
  loadHint: "Pick the experts' review files (.json, several at once, e.g. from a USB stick)",
  noReviews: 'No review file loaded yet',
  pickedNone: 'No file chosen',
  picked: '{count} {count|file|files} chosen',
  remove: 'Remove',
  unnamedReviewer: 'Reviewer not named',
  criterion: 'Criterion',
  max: 'Max',
  aggregate: 'Aggregate',
  decision: "Chair's decision",
  note: 'Reason',
  total: 'Total',
  band: 'Band',
  conflict: ' (conflict declared)',
  disputed: 'disputed',
  flags: 'Flags',
  produce: 'Produce panel result',
  produced: 'Panel result produced: total {total}',
  replaced: '{file}: replaces the review of {name} loaded before',
  'problem.not-a-number': '{criterion}: the decision must be a number',
  'problem.above-max': '{criterion}: the decision is above the maximum',
  'problem.negative': '{criterion}: the decision cannot be negative',
  'problem.needs-note': '{criterion}: the experts disagree; give the reason for the decision',
  'problem.no-score': '{criterion}: nobody scored it; the chair must decide',
  comments: "Experts' comments and opinions",
  opinion: 'Overall opinion',
  noComments: 'No comments or opinion given',
};

export function panelText(language: PanelLanguage, key: PanelMessageKey, params: Record<string, string> = {}): string {
  const template: string = language === 'en' ? en[key] : zhCN[key];
  return interpolate(template, params);
}

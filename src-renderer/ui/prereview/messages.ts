// The formal pre-review view's texts, zh-CN first; English has exactly the same keys.
import { Fragment, createElement, useCallback, type ReactNode } from 'react';
import { useUi } from '../../state/ui';
import { interpolate } from '../../i18n/interpolate';

const zhCN = {
  heading: '形式预审',
  lead: '按文件内容将每个文件归入申报指南所列的申报材料，并逐项核对；缺少或不合格的材料列入补正通知。',
  reading: '正在按内容读取材料：还有 {count} 个文件',
  byManifest: '内容读取完成前，按清单登记的类别归类。',
  noProfile: '计划规则尚未加载。',
  noDocuments: '本卷宗未列出申报材料文件，无需形式预审。',
  'count.present': '齐全 {count}',
  'count.missing': '缺少 {count}',
  'count.doubtful': '存疑 {count}',
  'count.not-required': '无需提供 {count}',
  'status.present': '齐全',
  'status.missing': '缺少',
  'status.doubtful': '存疑',
  'status.not-required': '无需提供',
  noticeHeading: '补正通知',
  noticeNone: '材料齐全，符合申报指南要求，无需补正。',
  noticeLead: '申报单位须补充或更正以下 {count} 项：',
  'action.supply': '补充提供',
  'action.correct': '补正',
  printNotice: '打印补正通知（PDF）',
  exportWorkbook: '导出工作簿（含补正通知）',
  printing: '正在生成…',
  printed: '已保存：{file}',
  materialsHeading: '申报材料核对',
  otherHeading: '未归入申报材料的文件',
  otherNone: '每个文件均已归入申报材料。',
  files: '文件',
  noFile: '未找到文件',
  missingTypes: '缺少：{types}',
  checks: '核对',
  'check.passed': '通过',
  'check.failed': '不通过',
  'check.unsure': '需人工核对',
  page: '第 {page} 页',
  pages: '共 {count} 页',
  'source.content': '按内容',
  'source.manifest': '按清单类别',
  'source.reviewer': '审查员改正',
  'source.none': '未能归类',
  contentSuggests: '内容显示为：{item}',
  signals: '依据：{signals}',
  moveTo: '归入',
  moveLabel: '“{file}”归入的申报材料',
  notMaterial: '非申报材料',
  restore: '恢复按内容归类',
  'applies.category': '仅{categories}需提供；本申报单位为{category}。',
  'applies.categoryMet': '仅{categories}需提供。',
  'applies.registeredIn': '仅注册地为 {places} 的申报单位需提供。',
  'applies.notRegisteredIn': '注册地为 {places} 的申报单位无需提供。',
  'applies.applicantPlace': '本申报单位注册地：{place}。',
  'applies.applicantPlaceUnknown': '申报材料未写明注册地。',
  'applies.alternative': '与 {clause} 二选一：已提供其中一项即可。',
  reviewerState: '清单中已标为：{state}',
  unreadable: '无法读取：{reason}',
  kindMismatch: '清单登记的类别为“{kind}”，与文件内容不符。',
  notApplicable: '本申报单位无需提供此项材料。',
} as const;

const en: Record<PrereviewMessageKey, string> = {
  heading: 'Formal pre-review',
  lead: "Every file is placed in a material item of the notice by its content, and each item is checked; missing or deficient materials go into the supplement notice.",
  reading: 'Reading the materials by content: {count} {count|file|files} to go',
  byManifest: "Until the content is read, files are placed by the manifest's kinds.",
  noProfile: 'The program rules are not loaded yet.',
  noDocuments: 'This dossier lists no material files: there is nothing to pre-review.',
  'count.present': 'Complete {count}',
  'count.missing': 'Missing {count}',
  'count.doubtful': 'Doubtful {count}',
  'count.not-required': 'Not required {count}',
  'status.present': 'Complete',
  'status.missing': 'Missing',
  'status.doubtful': 'Doubtful',
  'status.not-required': 'Not required',
  noticeHeading: 'Supplement notice',
  noticeNone: 'The materials are complete and meet the guidelines: nothing to supply or correct.',
  noticeLead: 'Items the applicant must supply or correct: {count}',
  'action.supply': 'Supply',
  'action.correct': 'Correct',
  printNotice: 'Print the supplement notice (PDF)',
  exportWorkbook: 'Export the workbook (with the notice)',
  printing: 'Producing…',
  printed: 'Saved: {file}',
  materialsHeading: 'Material items',
  otherHeading: 'Files not placed in a material item',
  otherNone: 'Every file is placed in a material item.',
  files: 'Files',
  noFile: 'No file found',
  missingTypes: 'Missing: {types}',
  checks: 'Checks',
  'check.passed': 'Passed',
  'check.failed': 'Failed',
  'check.unsure': 'Check by hand',
  page: 'p. {page}',
  pages: '{count} {count|page|pages}',
  'source.content': 'by content',
  'source.manifest': "by the manifest's kind",
  'source.reviewer': 'corrected by the reviewer',
  'source.none': 'unclassified',
  contentSuggests: 'The content shows: {item}',
  signals: 'Found: {signals}',
  moveTo: 'Place in',
  moveLabel: 'Material item of "{file}"',
  notMaterial: 'Not a material',
  restore: 'Back to the content',
  'applies.category': 'Only for {categories}; this applicant is a {category}.',
  'applies.categoryMet': 'Only for {categories}.',
  'applies.registeredIn': 'Only for applicants registered in {places}.',
  'applies.notRegisteredIn': 'Not for applicants registered in {places}.',
  'applies.applicantPlace': 'This applicant is registered in {place}.',
  'applies.applicantPlaceUnknown': 'The dossier does not say where the applicant is registered.',
  'applies.alternative': 'Either this or {clause}: one of the two is enough.',
  reviewerState: 'Marked in the checklist: {state}',
  unreadable: 'Cannot be read: {reason}',
  kindMismatch: 'The manifest lists it as "{kind}", which its content contradicts.',
  notApplicable: 'This applicant need not supply this material.',
};

export type PrereviewMessageKey = keyof typeof zhCN;

export function prereviewText(language: 'zh-CN' | 'en', key: PrereviewMessageKey, params?: Record<string, string | number>): string {
  const template: string = language === 'en' ? en[key] : zhCN[key];
  return interpolate(template, params);
}

export function usePrereviewText() {
  const language = useUi((state) => state.language);
  return useCallback((key: PrereviewMessageKey, params?: Record<string, string | number>) => prereviewText(language, key, params), [language]);
}

/**
 * A message whose placeholders are data (file names, clauses, registration places, reasons): each
 * value is marked translate="no", so that neither a translator nor the language scan takes it for
 * interface text.
 */
export function usePrereviewRich() {
  const language = useUi((state) => state.language);
  return useCallback((key: PrereviewMessageKey, params: Record<string, string | number>): ReactNode => {
    const template: string = language === 'en' ? en[key] : zhCN[key];
    const parts = template.split(/\{(\w+)\}/);
    return createElement(Fragment, null, ...parts.map((part, index) => (index % 2 === 1 && part in params
      ? createElement('span', { key: index, translate: 'no' }, String(params[part]))
      : part)));
  }, [language]);
}

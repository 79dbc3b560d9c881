// The plan as the bureau's workbook: 扶持计划 (every dossier with score, band, cap, award and reason)
// and 公示名单 (the public notice: the applicants awarded, with their award).
import { decimalCell, integerCell, moneyCell, textCell, type ExportSheet } from '../export/cells';
import { formatCny } from '../money/yuan';
import { VERDICT_LABELS, qualifiedVerdictLabel } from '../export/labels';
import type { VerdictQualifier } from '../engine/verdict-open-work';
import type { FundingPlan } from './funding-plan';

export const PLAN_SHEET_NAMES = { plan: '扶持计划', notice: '公示名单' } as const;

/**
 * The 扶持计划 and 公示名单 sheets. `dossierReference` says how the 申报材料 column names a dossier (the
 * command line: its folder as given; the app: its dossier id). With `verdicts` (planBatch's), the
 * 专项审计 column says a verdict is provisional and what is open, as the review sheet does.
 */
export function planSheets(plan: FundingPlan, categoryLabel: (category: string) => string = (category) => category, dossierReference: (dossier: string) => string = (dossier) => dossier, verdicts?: ReadonlyMap<string, VerdictQualifier>): ExportSheet[] {
  const auditText = (dossier: string, verdict: 'pass' | 'fail') => {
    const qualifier = verdicts?.get(dossier);
    return qualifier && qualifier.verdict === verdict ? qualifiedVerdictLabel(qualifier) : VERDICT_LABELS[verdict];
  };
  const planSheet: ExportSheet = {
    name: PLAN_SHEET_NAMES.plan,
    columns: [
      { header: '序号', kind: 'integer' }, { header: '申报单位', kind: 'text' }, { header: '统一社会信用代码', kind: 'text' }, { header: '类别', kind: 'text' },
      { header: '资格', kind: 'text' }, { header: '专项审计', kind: 'text' }, { header: '专家评分', kind: 'decimal' },
      { header: '档次', kind: 'text' }, { header: '上限', kind: 'money' }, { header: '拟扶持金额', kind: 'money' },
      { header: '说明', kind: 'text' }, { header: '申报材料', kind: 'text' },
    ],
    rows: [
      ...plan.rows.map((row, index) => [
        integerCell(index + 1), textCell(row.applicant), textCell(row.creditCode ?? ''), textCell(categoryLabel(row.category)),
        textCell(row.eligible ? '符合' : '不符合'), textCell(auditText(row.dossier, row.auditVerdict)), decimalCell(row.score),
        textCell(row.band), moneyCell(row.capFen), moneyCell(row.awardFen), textCell(row.reasonText), textCell(dossierReference(row.dossier)),
      ]),
      [textCell(''), textCell('合计'), textCell(''), textCell(''), textCell(''), textCell(''), textCell(''),
        textCell(plan.allocation === 'rank' ? '按评分排序安排' : '按比例安排'), moneyCell(plan.requestedFen), moneyCell(plan.allocatedFen),
        textCell(`年度预算 ${formatCny(plan.budgetFen)}`), textCell('')],
    ],
  };
  const awarded = plan.rows.filter((row) => row.awardFen > 0);
  const notice: ExportSheet = {
    name: PLAN_SHEET_NAMES.notice,
    columns: [
      { header: '序号', kind: 'integer' }, { header: '申报单位', kind: 'text' }, { header: '统一社会信用代码', kind: 'text' }, { header: '类别', kind: 'text' },
      { header: '专家评分', kind: 'decimal' }, { header: '拟扶持金额', kind: 'money' },
    ],
    rows: awarded.map((row, index) => [
      integerCell(index + 1), textCell(row.applicant), textCell(row.creditCode ?? ''), textCell(categoryLabel(row.category)), decimalCell(row.score), moneyCell(row.awardFen),
    ]),
  };
  return [planSheet, notice];
}

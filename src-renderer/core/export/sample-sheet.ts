// The 抽样方案 sheet: each review's documented audit sample (core/sampling) as the bureau reads it.
// Per plan, one 方案 line with the method, parameters, seed, interval, random start, key-item amount
// and population, and the projection of the reviewer's cuts (projected and upper cut, their ratios
// against the threshold); then one line per sampled row (key items first marked 关键项目) with its
// declared amount, its MUS hits and its cut.
import { buildLedger } from '../engine/ledger';
import { projectSample, type SamplePlan, type SampleProjection } from '../sampling';
import type { ReviewFile } from '../types';
import { integerCell, moneyCell, ratioCell, textCell, EMPTY_CELL, type ExportCell, type ExportColumn, type ExportSheet } from './cells';
import type { ExportDossier } from './model';

export const SAMPLE_SHEET_NAME = '抽样方案';

const METHOD_TEXT: Record<SamplePlan['method'], string> = {
  mus: '货币单位抽样（MUS，按金额概率比例，固定间隔、随机起点）',
  random: '随机抽样（等概率、不放回）',
};

const COLUMNS: ExportColumn[] = [
  { header: '申报单位', kind: 'text' }, { header: '评审人', kind: 'text' }, { header: '行类别', kind: 'text' },
  { header: '抽样方法', kind: 'text' }, { header: '随机种子', kind: 'text' }, { header: '随机数算法', kind: 'text' },
  { header: '置信度', kind: 'text' }, { header: '可容忍错报率', kind: 'text' }, { header: '预计错报率', kind: 'text' },
  { header: '样本量', kind: 'integer' }, { header: '抽样间隔', kind: 'money' }, { header: '随机起点', kind: 'money' },
  { header: '关键项目金额', kind: 'money' }, { header: '关键项目行数', kind: 'integer' }, { header: '总体行数', kind: 'integer' }, { header: '总体金额', kind: 'money' },
  { header: '申报行', kind: 'text' }, { header: '交易对方', kind: 'text' }, { header: '申报金额', kind: 'money' }, { header: '抽中次数', kind: 'integer' },
  { header: '核减金额', kind: 'money' },
  { header: '推断核减', kind: 'money' }, { header: '核减上限', kind: 'money' }, { header: '推断核减比例', kind: 'ratio' }, { header: '核减上限比例', kind: 'ratio' },
  { header: '阈值', kind: 'ratio' }, { header: '推断结论', kind: 'text' },
];

/** "0.2000" as a ratio cell of its own digits. */
function decimalRatio(value: string): ExportCell {
  const match = /^(\d+)(?:\.(\d+))?$/.exec(value);
  if (!match) return textCell(value);
  const fraction = match[2] ?? '';
  return ratioCell(value, Number(`${match[1]}${fraction}`), 10 ** fraction.length);
}

function verdictText(projection: SampleProjection): string {
  const against = (verdict: 'pass' | 'fail' | undefined) => (verdict === 'fail' ? '超过阈值' : '未超过阈值');
  return `推断核减${against(projection.projectedVerdict)}；置信度 ${projection.confidence} 的核减上限${against(projection.upperVerdict)}`;
}

export interface ReviewPlanProjection {
  /** The reviewer's cut on each declared row (fen). */
  cuts: Map<string, number>;
  projection: SampleProjection | null;
  /** Why nothing is projected (the plan names a row the dossier no longer holds). */
  problem: string | null;
}

/** The projection of a review's cuts through its plan, against the program's threshold (as `check` gives it). */
export function projectReviewPlan(dossier: ExportDossier, review: ReviewFile, plan: SamplePlan): ReviewPlanProjection {
  const ledger = buildLedger(dossier.manifest, review.cuts);
  const cuts = new Map(ledger.claims.map((claim) => [claim.claimId, claim.cutFen]));
  try {
    return { cuts, projection: projectSample(plan, ledger.claims, { threshold: dossier.report.threshold }), problem: null };
  } catch (error) {
    return { cuts, projection: null, problem: `无法推断：${error instanceof Error ? error.message : String(error)}` };
  }
}

export function samplePlanMethodText(plan: SamplePlan): string {
  return METHOD_TEXT[plan.method];
}

export function sampleVerdictText(projection: SampleProjection): string {
  return verdictText(projection);
}

function planRows(dossier: ExportDossier, review: ReviewFile, plan: SamplePlan): ExportCell[][] {
  const applicant = textCell(dossier.manifest.applicant.name);
  const reviewer = textCell(review.reviewer.name);
  const counterparties = new Map(dossier.manifest.claims.map((claim) => [claim.id, claim.counterparty ?? null]));
  const { cuts, projection, problem } = projectReviewPlan(dossier, review, plan);
  const head: ExportCell[] = [
    applicant, reviewer, textCell('抽样方案'),
    textCell(METHOD_TEXT[plan.method]), textCell(plan.seed), textCell(plan.prng), textCell(plan.confidence), textCell(plan.tolerable ?? null), textCell(plan.expected ?? null),
    integerCell(plan.size), moneyCell(plan.intervalFen), moneyCell(plan.randomStartFen ?? null), moneyCell(plan.keyItemFen), integerCell(plan.keyItems.length),
    integerCell(plan.populationCount), moneyCell(plan.populationFen),
    EMPTY_CELL, EMPTY_CELL, moneyCell(plan.sample.reduce((total, row) => total + row.amountFen, 0)), EMPTY_CELL,
    projection ? moneyCell(projection.sampleCutFen) : EMPTY_CELL,
    projection ? moneyCell(projection.projectedCutFen) : EMPTY_CELL, projection ? moneyCell(projection.upperCutFen) : EMPTY_CELL,
    projection ? decimalRatio(projection.projectedRatio) : EMPTY_CELL, projection ? decimalRatio(projection.upperRatio) : EMPTY_CELL,
    decimalRatio(dossier.report.threshold), textCell(projection ? verdictText(projection) : problem),
  ];
  const rows = plan.sample.map((row): ExportCell[] => [
    applicant, reviewer, textCell(row.reason === 'key' ? '关键项目' : '抽中'),
    ...Array.from({ length: 13 }, () => EMPTY_CELL),
    textCell(row.claimId), textCell(counterparties.get(row.claimId) ?? null), moneyCell(row.amountFen),
    row.reason === 'selected' ? integerCell(row.hits ?? 1) : EMPTY_CELL, moneyCell(cuts.get(row.claimId) ?? 0),
    ...Array.from({ length: 6 }, () => EMPTY_CELL),
  ]);
  return [head, ...rows];
}

/** The sheet: every dossier's reviews that hold a sample plan, in export order; no rows when none does. */
export function sampleSheet(dossiers: ExportDossier[]): ExportSheet {
  const rows: ExportCell[][] = [];
  for (const dossier of dossiers) {
    for (const review of dossier.reviews) {
      if (review.sample) rows.push(...planRows(dossier, review, review.sample));
    }
  }
  return { name: SAMPLE_SHEET_NAME, columns: COLUMNS, rows };
}

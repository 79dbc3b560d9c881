// The chair's consolidation of a panel: the engine's aggregation of the experts' scores, the chair's
// decisions on disputed criteria, and the panel result that goes into the export. Pure functions;
// the PanelConsolidation component renders them.
import { compareDecimals, isDecimal, parseDecimal } from '../money/decimal';
import type { PanelFlag, PanelOutcome } from './panel-outcome';
import type { ReviewFile } from '../types';

export interface PanelCriterion {
  id: string;
  label: string;
  /** Maximum points, exact decimal string. */
  max: string;
}

/** The engine's aggregation of the loaded reviews, as the panel screen shows it. */
export interface PanelAggregate {
  /** Aggregated score per criterion (exact decimal), null when no eligible expert scored it. */
  scores: Record<string, string | null>;
  /** Criteria on which the experts disagree beyond the panel's tolerance: the chair must decide them. */
  disputed: string[];
  flags: PanelFlag[];
}

export interface PanelEngine {
  /** Aggregates the experts' scores (the engine's panel aggregation). */
  aggregate(reviews: ReviewFile[]): PanelAggregate;
  /** Total and band of a set of criterion scores (the engine's scoring). */
  total(scores: Record<string, string>): { total: string; band: string | null };
}

/** The chair's decision on one criterion: a value (empty keeps the aggregate) and the reason. */
export interface ChairDecision {
  value: string;
  note: string;
}

export interface ChairResult {
  outcome: PanelOutcome;
  /** The chair's review file holding the resolved scores, to store or hand on with the dossier. */
  review: ReviewFile;
}

export type DecisionProblem = { criterion: string; problem: 'not-a-number' | 'above-max' | 'negative' | 'needs-note' | 'no-score' };

/** What stops the chair from producing the result, per criterion. */
export function decisionProblems(criteria: PanelCriterion[], aggregate: PanelAggregate, decisions: Record<string, ChairDecision>): DecisionProblem[] {
  const problems: DecisionProblem[] = [];
  for (const criterion of criteria) {
    const decision = decisions[criterion.id];
    const value = decision?.value.trim() ?? '';
    if (value !== '') {
      if (!isDecimal(value)) { problems.push({ criterion: criterion.id, problem: 'not-a-number' }); continue; }
      const parsed = parseDecimal(value);
      if (parsed.units < 0n) { problems.push({ criterion: criterion.id, problem: 'negative' }); continue; }
      if (isDecimal(criterion.max) && compareDecimals(parsed, parseDecimal(criterion.max)) > 0) { problems.push({ criterion: criterion.id, problem: 'above-max' }); continue; }
    } else if ((aggregate.scores[criterion.id] ?? null) === null && aggregate.disputed.includes(criterion.id)) {
      problems.push({ criterion: criterion.id, problem: 'no-score' });
      continue;
    }
    if (aggregate.disputed.includes(criterion.id) && (decision?.note.trim() ?? '') === '') problems.push({ criterion: criterion.id, problem: 'needs-note' });
  }
  return problems;
}

/** The resolved score per criterion: the chair's value where given, else the aggregate. */
export function resolvedScores(criteria: PanelCriterion[], aggregate: PanelAggregate, decisions: Record<string, ChairDecision>): Record<string, string> {
  const scores: Record<string, string> = {};
  for (const criterion of criteria) {
    const chosen = decisions[criterion.id]?.value.trim() || aggregate.scores[criterion.id];
    if (chosen !== null && chosen !== undefined && chosen !== '') scores[criterion.id] = chosen;
  }
  return scores;
}

export function producePanelResult(input: {
  criteria: PanelCriterion[];
  reviews: ReviewFile[];
  aggregate: PanelAggregate;
  decisions: Record<string, ChairDecision>;
  engine: PanelEngine;
  chair: string;
  signedAt: string;
}): ChairResult {
  const { criteria, reviews, aggregate, decisions, engine, chair, signedAt } = input;
  const problems = decisionProblems(criteria, aggregate, decisions);
  if (problems.length > 0) throw new Error(`the panel result cannot be produced yet: ${problems.map((entry) => `${entry.criterion} (${entry.problem})`).join(', ')}`);
  const scores = resolvedScores(criteria, aggregate, decisions);
  const { total, band } = engine.total(scores);
  const resolutions = criteria
    .filter((criterion) => {
      const decision = decisions[criterion.id];
      return decision !== undefined && (decision.value.trim() !== '' || decision.note.trim() !== '');
    })
    .map((criterion) => ({ criterion: criterion.id, value: scores[criterion.id] ?? '', note: decisions[criterion.id]!.note.trim() }));
  const outcome: PanelOutcome = { total, band, scores, flags: aggregate.flags, chair, resolutions };
  const first = reviews[0];
  const review: ReviewFile = {
    schema: 'dossier-desk/review@1',
    ...(first?.dossierId ? { dossierId: first.dossierId } : {}),
    program: first?.program ?? '',
    reviewer: { name: chair, role: 'chair' },
    conflictOfInterest: { declared: false, note: '' },
    cuts: [],
    scores,
    fields: [],
    findings: [],
    checklists: {},
    decision: { signedAt },
    auditLog: [],
    panel: {
      members: reviews.map((entry) => ({ name: entry.reviewer.name, role: entry.reviewer.role, conflictDeclared: entry.conflictOfInterest?.declared ?? false })),
      total,
      band,
      resolutions,
      flags: aggregate.flags,
    },
  };
  return { outcome, review };
}

// What the import report shows for each file: its outcome in the reviewer's terms (a duplicate or
// an encrypted PDF is imported but deserves its own word) and the counts for the summary line.
import type { FileOutcome } from '../db/store';

export const OUTCOME_LABELS = ['imported', 'warning', 'duplicate', 'encrypted', 'refused'] as const;
export type OutcomeLabel = (typeof OUTCOME_LABELS)[number];

export function outcomeLabel(outcome: FileOutcome): OutcomeLabel {
  if (outcome.status === 'refused') return 'refused';
  if (outcome.problems.some((problem) => problem.code === 'duplicate')) return 'duplicate';
  if (outcome.problems.some((problem) => problem.code === 'pdf-encrypted')) return 'encrypted';
  return outcome.status;
}

export interface OutcomeCounts {
  total: number;
  /** Imported without any message. */
  imported: number;
  /** Imported with a warning (duplicates and encrypted PDFs included). */
  warnings: number;
  refused: number;
}

export function countOutcomes(outcomes: readonly FileOutcome[]): OutcomeCounts {
  const counts: OutcomeCounts = { total: outcomes.length, imported: 0, warnings: 0, refused: 0 };
  for (const outcome of outcomes) {
    if (outcome.status === 'refused') counts.refused++;
    else if (outcome.status === 'warning') counts.warnings++;
    else counts.imported++;
  }
  return counts;
}

/** Refused files first, then those with warnings, then the clean ones; by path within each. */
export function sortForReport(outcomes: readonly FileOutcome[]): FileOutcome[] {
  const rank: Record<FileOutcome['status'], number> = { refused: 0, warning: 1, imported: 2 };
  return [...outcomes].sort((a, b) => rank[a.status] - rank[b.status] || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

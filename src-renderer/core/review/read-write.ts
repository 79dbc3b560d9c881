// Reading and writing review files: migrate on read, validate with precise paths, keep unknown
// fields, write back as stable pretty JSON.

import { InvalidInputError } from '../result';
import type { ReviewFile } from '../types';
import { describeJsonPath } from '../profiles/parse-profile';
import { migrateReview } from './migrate';
import { reviewSchema } from './schema';

export interface ReviewRead {
  review: ReviewFile;
  /** Changes made by migration (empty for a current review@1 file). */
  migrated: string[];
}

/** Validates a parsed JSON value as a review; throws InvalidInputError naming sourceName and each wrong field. */
export function parseReviewJson(json: unknown, sourceName: string): ReviewRead {
  const { json: migratedJson, notes } = migrateReview(json);
  const parsed = reviewSchema.safeParse(migratedJson);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${describeJsonPath(issue.path)} ${issue.message}`);
    const shown = problems.slice(0, 20);
    const more = problems.length > shown.length ? `\n  … and ${problems.length - shown.length} more` : '';
    throw new InvalidInputError(`invalid review file:\n  ${shown.join('\n  ')}${more}`, sourceName);
  }
  return { review: parsed.data as ReviewFile, migrated: notes };
}

/** Parses review file text. */
export function parseReviewText(text: string, sourceName: string): ReviewRead {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new InvalidInputError(`not valid JSON (${error instanceof Error ? error.message : String(error)})`, sourceName);
  }
  return parseReviewJson(json, sourceName);
}

/** The review as file text: two-space JSON with a final newline; unknown fields included. */
export function serializeReview(review: ReviewFile): string {
  return `${JSON.stringify(review, null, 2)}\n`;
}

/** An empty review@1 for a reviewer, ready to fill. */
export function newReview(program: string, reviewer: ReviewFile['reviewer'], dossierId?: string): ReviewFile {
  return {
    schema: 'dossier-desk/review@1',
    ...(dossierId ? { dossierId } : {}),
    program,
    reviewer,
    conflictOfInterest: { declared: false, note: '' },
    cuts: [],
    scores: {},
    fields: [],
    findings: [],
    checklists: {},
    auditLog: [],
  };
}

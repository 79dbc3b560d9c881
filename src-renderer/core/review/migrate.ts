// Older review files are brought up to review@1 before validation. Known history:
//  - review@0 (drafts written before the contract was fixed, also files without `schema`):
//    `reviewer` as a plain name, scores and cut amounts as JSON numbers, `reviewerRole` beside it,
//    missing lists. Unknown fields are carried over untouched.

import { REVIEW_SCHEMA_ID } from './schema';

export interface Migration {
  json: unknown;
  /** What was changed, for the reviewer to see ("scores.basic.revenue: number 8 → "8""). */
  notes: string[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function migrateFromVersion0(input: Record<string, unknown>, notes: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = { ...input, schema: REVIEW_SCHEMA_ID };
  notes.push(`schema: ${JSON.stringify(input.schema ?? null)} → "${REVIEW_SCHEMA_ID}"`);
  if (typeof input.reviewer === 'string') {
    const role = typeof input.reviewerRole === 'string' ? input.reviewerRole : 'expert';
    out.reviewer = { name: input.reviewer, role };
    delete out.reviewerRole;
    notes.push(`reviewer: "${input.reviewer}" → { name, role: "${role}" }`);
  }
  if (isRecord(input.scores)) {
    const scores: Record<string, unknown> = {};
    for (const [id, value] of Object.entries(input.scores)) {
      if (typeof value === 'number') {
        scores[id] = String(value);
        notes.push(`scores.${id}: number ${value} → "${scores[id] as string}"`);
      } else scores[id] = value;
    }
    out.scores = scores;
  }
  if (Array.isArray(input.cuts)) {
    out.cuts = input.cuts.map((cut: unknown, index) => {
      if (isRecord(cut) && typeof cut.amount === 'number') {
        notes.push(`cuts[${index}].amount: number ${cut.amount} → "${String(cut.amount)}"`);
        return { ...cut, amount: String(cut.amount) };
      }
      return cut;
    });
  }
  return out;
}

const LIST_DEFAULTS: [string, () => unknown][] = [
  ['cuts', () => []], ['scores', () => ({})], ['fields', () => []], ['findings', () => []],
  ['checklists', () => ({})], ['auditLog', () => []],
];

/** Migrates any known older shape to review@1 and fills absent lists; other input passes through. */
export function migrateReview(json: unknown): Migration {
  const notes: string[] = [];
  if (!isRecord(json)) return { json, notes };
  let current: Record<string, unknown> = json;
  if (current.schema === undefined || current.schema === 'dossier-desk/review@0') current = migrateFromVersion0(current, notes);
  if (current.schema !== REVIEW_SCHEMA_ID) return { json: current, notes };
  const filled = { ...current };
  for (const [key, make] of LIST_DEFAULTS) {
    if (filled[key] === undefined) {
      filled[key] = make();
      notes.push(`${key}: absent → empty`);
    }
  }
  return { json: filled, notes };
}

// Review files are brought up to review@1 before validation. Known history:
//  - review@0 (drafts written before the contract was fixed, also files without `schema`):
//    `reviewer` as a plain name with `reviewerRole` beside it.
//  - comments written as a list ([{ "criterion": "basic.revenue", "text": "…" }]) instead of the
//    record by criterion id, and the reviewer's `organization` (US spelling) or `org`: written as
//    `comments` and `reviewer.organisation`.
//  - any version: scores and cut amounts written as JSON numbers (8.5 instead of "8.5"), and absent
//    lists, as hand-written files often have; proposal decisions written as a list
//    ([{ "id", "status", "note" }]) instead of a map by id, and accepted ones among them (an
//    acceptance is the cut that names the proposal, so only rejections are kept). JSON numbers with at most 15 significant digits print
//    back exactly, so the conversion is lossless for points and yuan amounts.
//  - a sample plan (`sample`) written by hand or by a draft: see ../sampling/migrate.ts.
// Unknown fields are carried over untouched; every change is reported.

import { migrateSamplePlan } from '../sampling/migrate';
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
  return out;
}

function numbersToDecimalStrings(input: Record<string, unknown>, notes: string[]): Record<string, unknown> {
  const out = { ...input };
  if (isRecord(input.scores)) {
    const scores: Record<string, unknown> = {};
    for (const [id, value] of Object.entries(input.scores)) {
      scores[id] = typeof value === 'number' ? String(value) : value;
      if (typeof value === 'number') notes.push(`scores.${id}: number ${value} → "${String(value)}"`);
    }
    out.scores = scores;
  }
  if (Array.isArray(input.cuts)) {
    out.cuts = input.cuts.map((cut: unknown, index) => {
      if (!isRecord(cut) || typeof cut.amount !== 'number') return cut;
      notes.push(`cuts[${index}].amount: number ${cut.amount} → "${String(cut.amount)}"`);
      return { ...cut, amount: String(cut.amount) };
    });
  }
  return out;
}

function commentsAndOrganisation(input: Record<string, unknown>, notes: string[]): Record<string, unknown> {
  const out = { ...input };
  if (Array.isArray(input.comments)) {
    const comments: Record<string, unknown> = {};
    for (const entry of input.comments as unknown[]) {
      if (!isRecord(entry)) continue;
      const id = entry.criterion ?? entry.criterionId ?? entry.id;
      const text = entry.text ?? entry.comment;
      if (typeof id === 'string' && typeof text === 'string') comments[id] = text;
    }
    out.comments = comments;
    notes.push(`comments: list of ${input.comments.length} → record by criterion`);
  }
  if (isRecord(input.reviewer) && input.reviewer.organisation === undefined) {
    const spelled = input.reviewer.organization !== undefined ? 'organization' : input.reviewer.org !== undefined ? 'org' : null;
    if (spelled && typeof input.reviewer[spelled] === 'string') {
      const reviewer: Record<string, unknown> = { ...input.reviewer, organisation: input.reviewer[spelled] };
      delete reviewer[spelled];
      out.reviewer = reviewer;
      notes.push(`reviewer.${spelled} → reviewer.organisation`);
    }
  }
  return out;
}

function proposalListToMap(input: Record<string, unknown>, notes: string[]): Record<string, unknown> {
  if (!Array.isArray(input.proposals)) return input;
  const map: Record<string, unknown> = {};
  input.proposals.forEach((entry: unknown, index) => {
    if (!isRecord(entry) || typeof entry.id !== 'string') {
      map[`(proposals[${index}] without an id)`] = entry;
      return;
    }
    const { id, ...decision } = entry;
    if (decision.status === 'accepted') {
      notes.push(`proposals[${index}] "${id}": accepted → dropped (an accepted proposal is the cut naming it)`);
      return;
    }
    map[id] = decision;
  });
  notes.push(`proposals: list of ${input.proposals.length} → map by proposal id`);
  return { ...input, proposals: map };
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
  const filled = proposalListToMap(commentsAndOrganisation(numbersToDecimalStrings(current, notes), notes), notes);
  if (filled.sample !== undefined) filled.sample = migrateSamplePlan(filled.sample, notes);
  for (const [key, make] of LIST_DEFAULTS) {
    if (filled[key] === undefined) {
      filled[key] = make();
      notes.push(`${key}: absent → empty`);
    }
  }
  return { json: filled, notes };
}

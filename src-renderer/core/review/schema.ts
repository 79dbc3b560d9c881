// The review file `dossier-desk/review@1` as a zod schema. Every object is loose: fields this
// version does not know are kept as they are and written back unchanged.

import { z } from 'zod';
import { tryParseYuan } from '../money/yuan';
import { CUT_REASONS } from '../types';
import { samplePlanSchema } from '../sampling/schema';

export const REVIEW_SCHEMA_ID = 'dossier-desk/review@1';

const yuanString = z.string().refine((text) => {
  const fen = tryParseYuan(text);
  return fen !== null && fen >= 0;
}, { message: 'is not a non-negative amount in yuan such as "1000.00"' });
const scoreString = z.string().regex(/^\d+(\.\d{1,2})?$/, { message: 'is not a score such as "18.5" (at most 2 decimals)' });

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'is not a date YYYY-MM-DD' });

const evidenceSchema = z.looseObject({ file: z.string().min(1), page: z.number().int().positive().optional() });
const pageRefSchema = z.looseObject({ file: z.string().min(1), page: z.number().int().positive() });

export const reviewSchema = z.looseObject({
  schema: z.literal(REVIEW_SCHEMA_ID, { message: `must be "${REVIEW_SCHEMA_ID}"` }),
  dossierId: z.string().optional(),
  program: z.string().min(1, { message: 'must name a program id' }),
  reviewer: z.looseObject({
    name: z.string().trim().min(1, { message: 'must not be empty' }),
    role: z.string().min(1, { message: 'must not be empty' }),
    organisation: z.string().optional(),
  }),
  conflictOfInterest: z.looseObject({
    declared: z.boolean(),
    note: z.string().optional(),
    relations: z.array(z.looseObject({
      name: z.string().trim().min(1, { message: 'must name the organisation' }),
      creditCode: z.string().optional(),
      relation: z.enum(['employer', 'client'], { message: 'must be employer or client' }),
      from: isoDate.optional(),
      to: isoDate.optional(),
    })).optional(),
  }).optional(),
  cuts: z.array(z.looseObject({
    claimId: z.string().min(1, { message: 'must name a claim' }),
    amount: yuanString,
    reason: z.enum(CUT_REASONS, { message: `must be one of ${CUT_REASONS.join(', ')}` }),
    note: z.string().optional(),
    proposal: z.string().min(1, { message: 'must name a reconciliation proposal such as "R001:amount-mismatch"' }).optional(),
  })),
  scores: z.record(z.string(), scoreString),
  comments: z.record(z.string(), z.string()).optional(),
  opinion: z.string().optional(),
  fields: z.array(z.looseObject({
    file: z.string().min(1),
    page: z.number().int().positive(),
    field: z.string().min(1),
    value: z.string().nullable(),
  })),
  findings: z.array(z.looseObject({
    id: z.string().min(1),
    status: z.enum(['open', 'accepted', 'dismissed'], { message: 'must be open, accepted or dismissed' }),
    note: z.string().optional(),
  })),
  checklists: z.record(z.string(), z.looseObject({
    state: z.enum(['met', 'not-met', 'not-applicable', 'unchecked'], { message: 'must be met, not-met, not-applicable or unchecked' }),
    evidence: z.array(evidenceSchema).optional(),
    note: z.string().optional(),
  })),
  decision: z.looseObject({ signedAt: z.string().optional() }).optional(),
  sample: samplePlanSchema.optional(),
  proposals: z.record(z.string(), z.looseObject({
    status: z.literal('rejected', { message: 'must be "rejected" (an accepted proposal is a cut naming it)' }),
    note: z.string().optional(),
  })).optional(),
  links: z.record(z.string(), z.looseObject({
    invoices: z.array(pageRefSchema).optional(),
    contracts: z.array(pageRefSchema).optional(),
    payments: z.array(pageRefSchema).optional(),
  })).optional(),
  counterparties: z.record(z.string(), z.looseObject({ eligible: z.boolean(), note: z.string().optional() })).optional(),
  classifications: z.record(z.string(), z.looseObject({
    material: z.string().min(1, { message: 'must name a material item of the profile, or be null for "not a material"' }).nullable(),
    type: z.string().nullable().optional(),
  })).optional(),
  auditLog: z.array(z.looseObject({
    seq: z.number().int(),
    time: z.string(),
    actor: z.string(),
    action: z.string(),
    target: z.string(),
    before: z.unknown(),
    after: z.unknown(),
    prevHash: z.string(),
    hash: z.string(),
  })),
});

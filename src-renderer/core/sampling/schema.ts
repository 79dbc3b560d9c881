// The sample plan as stored in a review file (`"sample": { … }`). Loose objects: fields a later
// version adds are kept and written back unchanged.

import { z } from 'zod';
import { CONFIDENCE_LEVELS } from './factors';
import { SAMPLE_METHODS } from './plan';

const fen = z.number().int({ message: 'must be a whole number of fen' }).nonnegative({ message: 'must not be negative' });
const positiveFen = z.number().int({ message: 'must be a whole number of fen' }).positive({ message: 'must be more than zero' });

export const samplePlanSchema = z.looseObject({
  method: z.enum(SAMPLE_METHODS, { message: 'must be mus or random' }),
  seed: z.string().min(1, { message: 'must not be empty' }),
  prng: z.string().optional(),
  populationFen: fen,
  populationCount: z.number().int().nonnegative(),
  keyItemFen: positiveFen.nullable(),
  intervalFen: positiveFen.nullable(),
  randomStartFen: positiveFen.nullable().optional(),
  size: z.number().int().nonnegative(),
  confidence: z.enum(CONFIDENCE_LEVELS, { message: `must be one of ${CONFIDENCE_LEVELS.join(', ')}` }),
  tolerable: z.string().nullable().optional(),
  expected: z.string().nullable().optional(),
  keyItems: z.array(z.string().min(1)),
  sample: z.array(z.looseObject({
    claimId: z.string().min(1, { message: 'must name a claim' }),
    amountFen: fen,
    reason: z.enum(['key', 'selected'], { message: 'must be key or selected' }),
    hits: z.number().int().positive().optional(),
  })),
}).superRefine((plan, context) => {
  const selected = plan.sample.some((row) => row.reason === 'selected');
  if (plan.method === 'mus' && selected && plan.intervalFen === null) {
    context.addIssue({ code: 'custom', path: ['intervalFen'], message: 'is needed: a MUS sample with selected rows has an interval' });
  }
  const listed = new Set(plan.sample.filter((row) => row.reason === 'key').map((row) => row.claimId));
  plan.keyItems.forEach((claimId, index) => {
    if (!listed.has(claimId)) context.addIssue({ code: 'custom', path: ['keyItems', index], message: `"${claimId}" is a key item missing from the sample` });
  });
});

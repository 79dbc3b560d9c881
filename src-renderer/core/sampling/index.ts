export { PRNG_NAME, Sfc32, seededSfc32 } from './prng';
export { CONFIDENCE_LEVELS, isConfidenceLevel, poissonFactorHundredths, expansionFactorHundredths, normalQuantileTenThousandths, type ConfidenceLevel } from './factors';
export {
  drawSample, normalizeConfidence, DEFAULT_CONFIDENCE, SAMPLE_METHODS,
  type PopulationRow, type SampleMethod, type SamplePlan, type SampleRequest, type SampleRow,
} from './plan';
export { projectSample, projectReviewSample, ceilSqrt, type ClaimCut, type ProjectOptions, type SampleProjection } from './projection';
export { samplePlanSchema } from './schema';
export { migrateSamplePlan } from './migrate';
export { declaredPopulation } from './population';

// The funding plan of a batch and the rules over a whole round of dossiers.
export { buildFundingPlan, ALLOCATIONS, type Allocation, type AwardReason, type FundingPlan, type PlanCandidate, type PlanRow, type PlanRules } from './funding-plan';
export { applyBatchRules, firmKey, type BatchDossier, type BatchResult } from './batch-rules';
export { planBatch, type PlanDossierInput, type BatchPlan } from './plan-batch';
export { planSheets, PLAN_SHEET_NAMES } from './plan-sheets';

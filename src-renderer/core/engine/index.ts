export { dossierStanding, evaluateDossier, rubricWeightsOf, type DossierStanding, type EvaluateInput } from './evaluate';
export { buildLedger, type CutLedger, type LedgerClaim, type LedgerCut, type LedgerSources } from './ledger';
export { auditVerdict, type AuditVerdict } from './verdict';
export { computeSubsidy, type SubsidyResult, type ClaimSubsidy } from './subsidy';
export { resolveRubric, scoreReview, findBand, type Rubric, type ReviewScore } from './scoring';
export { parsePoints, tryParsePoints, formatPoints } from './points';
export {
  runDossierRules, matchInvoicesToClaims, sharedContactFindings, sharedInvoiceFindings, normalizePartyName, normalizePhone, samePartyName,
  type CrossDossierFinding, type LabelledManifest, type MatchedInvoice, type RuleContext,
} from './findings';
export {
  reconcileDossier, summarizeProposals, proposalId, creditCodeDivision,
  type Reconciliation, type ReconcileInput,
} from './reconcile';

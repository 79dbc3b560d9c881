// Panel consolidation, in one place: several experts' review files of one dossier become the panel's
// score (score-aggregation), the chair's merge with every expert's scores, comments and opinion and
// the disagreements (merge-reviews), the chair's decisions on disputed criteria (chair-decision),
// the outcome the export shows (panel-outcome) and the one review the check report is computed
// from (review-for-report).
export { aggregatePanel, DEFAULT_PANEL_OPTIONS, type PanelMember, type PanelOptions, type PanelScore, type PanelMemberResult, type PanelCriterion as PanelCriterionScore } from './score-aggregation';
export { mergeReviews, isChairResult, type PanelReviewer, type NamedReview, type MergeOptions, type PanelResult, type Disagreement, type ClaimCutComparison } from './merge-reviews';
export { aggregateReviews, panelOutcomeOf, totalOfScores, isScoringReview, type PanelAggregation, type PanelFlag, type PanelOutcome } from './panel-outcome';
export { reviewForReport } from './review-for-report';
export {
  decisionProblems, producePanelResult, resolvedScores,
  type ChairDecision, type DecisionProblem, type PanelAggregate, type PanelCriterion, type PanelEngine, type ChairResult,
} from './chair-decision';
export { scoreSheetOf, scoreSheetOfReviews, type ScoreSheet, type ScoreSheetExpert, type ScoreSheetCriterion } from './score-sheet';
export { signOffProblems, missingRequiredComments, commentsRequiredFor, isNamedReviewer, scoreOfReview, PLACEHOLDER_REVIEWER_NAMES, type SignOffProblem, type SignOffProblemKind } from './sign-off';
export { normaliseOrganisationName, partiesOfDossier, screenConflicts, type ConflictHit, type ScreenedParty } from './conflict-screening';
export { parseDeclaredRelations } from './relations-list';

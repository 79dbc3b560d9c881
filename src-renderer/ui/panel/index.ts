export { PanelConsolidation, type PanelConsolidationProps } from './PanelConsolidation';
export { PanelForProfile, readReviewFile, type PanelForProfileProps } from './PanelForProfile';
export { panelCriteria, panelEngineFor } from './engine-adapter';
export { producePanelResult, decisionProblems, resolvedScores, type PanelResult, type PanelEngine, type PanelAggregate, type PanelCriterion, type ChairDecision } from './panel-model';

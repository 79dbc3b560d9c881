export { PanelConsolidation, type PanelConsolidationProps } from './PanelConsolidation';
export { PanelForProfile, readReviewFile, type PanelForProfileProps } from './PanelForProfile';
export { panelCriteria, panelEngineFor } from './engine-adapter';

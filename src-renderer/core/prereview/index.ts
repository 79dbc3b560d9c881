// The formal pre-review (形式预审): files classified by content into the profile's material items,
// each item checked where the notice says so, and the supplement notice (补正通知).
export { type DocumentReading, type Recognition, rankRecognitions, recognitionOfKind } from './classify';
export {
  type ClassificationCorrection, type MaterialCheckResult, type MaterialStatus, type MaterialStatusValue, type PlacedDocument,
  type PlacementSource, type PrereviewInput, type PrereviewResult, type SupplementEntry, EVIDENCE_KINDS, correctionsOf, effectiveKind, evaluatePrereview, isEvidenceDocument, prereviewSummary,
} from './evaluate';
export { type PrereviewPorts, type PrereviewReadOptions, prereviewFileType, readForPrereview } from './read';
export { characterCount, datesIn, documentDate, matchForm, reportYears } from './text';

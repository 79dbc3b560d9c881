export { DossierStore, ImportCancelledError, ReviewSignedError, StaleEditError, type DossierStoreOptions, type EditOptions, type FileOutcome } from './store';
export {
  DossierDatabase, DATABASE_NAME, SCHEMA_VERSIONS, declareSchema, type DossierRow, type DocumentRow, type BlobRow, type PageRow,
  type InvoiceRow, type ClaimRow, type CutRow, type FindingRow, type ScoreRow, type ChecklistRow, type ReviewerRow, type ReviewRow, type AuditRow, defaultReview,
  type DerivationVersions,
} from './schema';
export { requestPersistentStorage, estimateSpace, ensureSpaceFor, StorageFullError, isQuotaError, type SpaceEstimate, type StorageManagerLike } from './storage';

export { canonicalJson } from './canonical-json';
export { GENESIS_HASH, hashAuditEntry, nextAuditEntry, verifyAuditChain, type AuditEvent, type AuditVerification } from './chain';
export {
  auditedChanges, auditedState, checkAuditWitness, compareReviewWithAuditLog, compareStates, compareWithAuditLog, reviewFieldValue, reviewFileState, kindOfKey, showValue, subjectOfKey,
  type AuditedKind, type AuditedValue, type AuditWitness, type CompareOptions, type StateMismatch, type WitnessProblem,
} from './replay';
export { integrityReport, type IntegrityProblem, type IntegrityReport } from './integrity';
export { compareReadings, parseReadingWitness, readingDigest, readingRecordLine, type ReadingProblem, type ReadingRecord } from './readings';

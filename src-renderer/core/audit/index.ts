export { canonicalJson } from './canonical-json';
export { GENESIS_HASH, hashAuditEntry, nextAuditEntry, verifyAuditChain, type AuditEvent, type AuditVerification } from './chain';

// What an integrity check of a dossier finds: the audit chain broken or its recorded head not met,
// a head kept outside the store no longer in the chain, a stored row that disagrees with the log,
// a reading that no longer has the digest kept outside the store, or a manifest that no longer
// gives the dossier's id. Each problem names the entry, the row or the file and carries an English
// sentence; the UI translates from the structured fields.
import type { AuditVerification } from './chain';
import type { ReadingProblem } from './readings';
import type { StateMismatch, WitnessProblem } from './replay';

export type IntegrityProblem =
  | { kind: 'chain'; problem: Extract<AuditVerification, { ok: false }>['problem']; seq: number; message: string }
  | { kind: 'head-missing'; seq: number; message: string }
  | { kind: 'witness'; problem: WitnessProblem['problem']; seq: number; source: string; recordedAt: string; message: string }
  | { kind: 'state'; mismatch: StateMismatch; message: string }
  | ({ kind: 'reading' } & ReadingProblem)
  | { kind: 'dossier-id'; claimId?: string; message: string };

export interface IntegrityReport {
  ok: boolean;
  /** Entries in the chain. */
  entries: number;
  /** The head the chain ends with (null for an empty log). */
  head: { seq: number; hash: string } | null;
  problems: IntegrityProblem[];
}

export function integrityReport(entries: number, head: IntegrityReport['head'], problems: IntegrityProblem[]): IntegrityReport {
  return { ok: problems.length === 0, entries, head, problems };
}

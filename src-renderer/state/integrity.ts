// The open dossier's integrity as the `integrity-status` element shows it. A check recomputes the
// reviewer's work from the audit log and compares it with the stored rows, verifies the chain to the
// head recorded on the dossier and to the head the host keeps outside IndexedDB (the desktop data
// folder; the browser's local storage in web mode), and checks the manifest against the dossier id.
// It runs when a dossier opens, after every stored edit and before every export; only a chain found
// intact moves the head kept outside the store forward, so a rewrite is never laundered into it.
import { create } from 'zustand';
import type { AuditWitness, IntegrityProblem, IntegrityReport } from '../core/audit';
import { integrityReport, showValue } from '../core/audit';
import type { DossierStore } from '../db/store';
import { formatDateTime } from '../i18n';
import type { MessageKey } from '../i18n/messages';
import { getHost } from '../platform/host';
import { witnessedReadings } from './reading-witness';
import type { HostApi } from '../../src-main/shared/contract';

export type IntegrityStatus = 'checking' | 'ok' | 'broken';

export interface IntegrityState {
  dossierId: string | null;
  status: IntegrityStatus;
  report: IntegrityReport | null;
  /** Where the head outside the store is kept, and what it was when this check ran. */
  witness: AuditWitness | null;
  set(next: Pick<IntegrityState, 'dossierId' | 'status' | 'report' | 'witness'>): void;
}

export const useIntegrity = create<IntegrityState>((set) => ({
  dossierId: null,
  status: 'checking',
  report: null,
  witness: null,
  set: (next) => set(next),
}));

function nowIso(): string {
  return new Date().toISOString();
}

/** The host, or null where there is none (a worker, a test without a window). */
function host(): HostApi | null {
  try {
    return getHost();
  } catch {
    return null;
  }
}

/** The head the host keeps for the dossier outside IndexedDB, null when it keeps none (or cannot say). */
export async function keptAuditHead(dossierId: string): Promise<AuditWitness | null> {
  const result = await host()?.auditHead(dossierId).catch(() => null);
  if (!result?.ok || !result.value) return null;
  const { seq, hash, recordedAt, source } = result.value;
  return { seq, hash, recordedAt, source };
}

let queue: Promise<unknown> = Promise.resolve();
/**
 * The check of each dossier queued and not yet started: a later request joins it, since it reads the
 * store as it is when it starts (three cuts in a row on a 10,000-row dossier queued three whole checks
 * of several seconds each on the window's thread).
 */
const waiting = new Map<string, Promise<IntegrityReport>>();

/** The problems only a whole check looks for (readings, manifest, dossier id): kept from the last whole check of each dossier in every later report until the next whole check. */
const wholeCheckProblems = new Map<string, IntegrityProblem[]>();
const WHOLE_CHECK_KINDS: ReadonlySet<IntegrityProblem['kind']> = new Set(['reading', 'dossier-id']);
/**
 * The stored rows' disagreements with the log the last whole check found: the check after an edit reads
 * only the invoice and finding rows the log touched and repeats these on the rows it did not read.
 */
const wholeCheckStateProblems = new Map<string, IntegrityProblem[]>();

/**
 * Checks the dossier (one check at a time, in order) and shows the result when it is still the open
 * one. An intact chain's head is then kept outside the store. A `whole` check (when the dossier opens
 * and before an export) also hashes every stored reading against the digests kept outside the store
 * and recomputes the dossier id from the manifest and file hashes; the check after an edit leaves
 * those out (seconds at 10,000 files) and repeats what the last whole check found.
 */
export function checkIntegrity(store: DossierStore, dossierId: string, options: { whole?: boolean } = {}): Promise<IntegrityReport> {
  const joined = options.whole ? undefined : waiting.get(dossierId);
  if (joined) return joined;
  const run: Promise<IntegrityReport> = queue.then(async () => {
    if (waiting.get(dossierId) === run) waiting.delete(dossierId);
    showChecking(dossierId);
    const witness = await keptAuditHead(dossierId);
    let report: IntegrityReport;
    if (options.whole) {
      const witnessed = await witnessedReadings(dossierId);
      report = await store.checkIntegrity(dossierId, witness, witnessed ? { witnessedReadings: witnessed } : {});
      wholeCheckProblems.set(dossierId, report.problems.filter((problem) => WHOLE_CHECK_KINDS.has(problem.kind)));
      wholeCheckStateProblems.set(dossierId, report.problems.filter((problem) => problem.kind === 'state'));
    } else {
      // Not every invoice row of the dossier (10,000 after a cut): those the log touched (store.checkIntegrity).
      const checked = await store.checkIntegrity(dossierId, witness, { manifest: false, loggedRowsOnly: { earlier: wholeCheckStateProblems.get(dossierId) ?? [] } });
      report = integrityReport(checked.entries, checked.head, [...checked.problems, ...(wholeCheckProblems.get(dossierId) ?? [])]);
    }
    if (report.ok && report.head && (witness?.seq !== report.head.seq || witness.hash !== report.head.hash)) {
      await host()?.recordAuditHead({ dossierId, seq: report.head.seq, hash: report.head.hash, recordedAt: nowIso() }).catch(() => null);
    }
    if (useIntegrity.getState().dossierId === dossierId) {
      useIntegrity.getState().set({ dossierId, status: report.ok ? 'ok' : 'broken', report, witness });
    }
    return report;
  });
  queue = run.catch(() => undefined);
  if (!options.whole) waiting.set(dossierId, run);
  return run;
}

/** Shows the dossier as being checked (before its check runs, when the dossier opens). */
export function showChecking(dossierId: string): void {
  if (useIntegrity.getState().dossierId !== dossierId) useIntegrity.getState().set({ dossierId, status: 'checking', report: null, witness: null });
}

/** Forgets the shown result (no dossier open). */
export function clearIntegrity(): void {
  useIntegrity.getState().set({ dossierId: null, status: 'checking', report: null, witness: null });
}

type T = (key: MessageKey, params?: Record<string, string | number>) => string;

function shown(value: unknown, t: T): string {
  return value === undefined ? t('integrity.nothing') : value === null ? t('integrity.empty') : showValue(value);
}

/** One problem in the reviewer's language, naming the row and the entry. */
export function describeIntegrityProblem(problem: IntegrityProblem, t: T): string {
  switch (problem.kind) {
    case 'chain':
      return t(`integrity.chain.${problem.problem}`, { seq: problem.seq });
    case 'head-missing':
      return t('integrity.headMissing', { seq: problem.seq });
    case 'witness':
      return t(`integrity.${problem.problem}`, {
        seq: problem.seq, recordedAt: formatDateTime(problem.recordedAt),
        source: problem.source === 'data-folder' || problem.source === 'browser' ? t(`integrity.source.${problem.source}`) : problem.source,
      });
    case 'state': {
      const { mismatch } = problem;
      const what = t(`integrity.kind.${mismatch.kind}`, { subject: mismatch.subject });
      if (!mismatch.entry) return t('integrity.state.unlogged', { what, stored: shown(mismatch.stored, t) });
      const entry = { what, seq: mismatch.entry.seq, action: mismatch.entry.action, actor: mismatch.entry.actor, time: formatDateTime(mismatch.entry.time) };
      if (mismatch.stored === undefined) return t('integrity.state.deleted', { ...entry, logged: shown(mismatch.logged, t) });
      return t('integrity.state.differs', { ...entry, stored: shown(mismatch.stored, t), logged: shown(mismatch.logged, t) });
    }
    case 'dossier-id':
      return problem.claimId ? t('integrity.claim', { claimId: problem.claimId }) : t('integrity.manifest');
    case 'reading':
      return t('integrity.reading', { file: problem.path, recordedAt: formatDateTime(problem.recordedAt) });
  }
}

/** The refusal an export gives when the dossier does not pass its check. */
export class IntegrityBrokenError extends Error {
  constructor(readonly report: IntegrityReport) {
    super(`the stored dossier does not agree with its audit log: ${report.problems.map((problem) => problem.message).join('; ')}`);
    this.name = 'IntegrityBrokenError';
  }
}

// The reviewer's work recomputed from the audit log, and compared with what is stored. Every edit
// is written together with its audit entry, so the last entry on each target says what the stored
// row must hold; a row changed behind the log's back (a cut edited in IndexedDB, a score in a
// package) no longer agrees with it, and the comparison names the row and the entry.
//
// Keys are shared by the log and the stored state:
//   cut:<cutId>                         the cut (absent when removed)
//   score:<reviewerId>:<criterionId>    the score string (absent when cleared)
//   checklist:<reviewerId>:<itemId>     the checklist entry
//   classification:<reviewerId>:<file> the reviewer's placement of a file (absent when given back to its content)
//   link:<reviewerId>:<claimId>:<kind> the pages the reviewer linked to a declared row (absent: the automatic links)
//   invoice:<invoiceId>:<field>         a confirmed invoice field (absent when never confirmed)
//   finding:<findingId>                 { status, note } of a finding
//   comment:<reviewerId>:<criterionId>  the reviewer's comment on a criterion (absent when cleared)
//   review:<reviewerId>:<part>          reviewer | conflictOfInterest | decision | opinion | sample of a review
//                                       (sample: the whole sample plan, drawn by sample.draw, withdrawn by sample.clear)
//   proposal:<proposalId>               { status: "rejected", note } of a rejected reconciliation proposal
// A reconciliation proposal's decision sets two keys at once: accepting it sets the cut named by the
// proposal id (cut:R001:amount-mismatch) and clears its rejection; rejecting it does the reverse;
// reopening clears both.
// An action that is not listed here (the import, the claim mapping) is checked elsewhere or not at all.
import type { AuditEntry, ReviewFile } from '../types';
import { canonicalJson } from './canonical-json';

export type AuditedKind = 'cut' | 'score' | 'comment' | 'checklist' | 'invoice' | 'finding' | 'review' | 'proposal' | 'classification' | 'link';

const AUDITED_KINDS: readonly AuditedKind[] = ['cut', 'score', 'comment', 'checklist', 'invoice', 'finding', 'review', 'proposal', 'classification', 'link'];

/** What the log says about one key: its value (undefined = absent) and the entry that set it. */
export interface AuditedValue {
  value: unknown;
  entry: AuditEntry;
}

const REVIEW_PARTS: Record<string, string> = {
  'review.reviewer': 'reviewer',
  'review.conflict-of-interest': 'conflictOfInterest',
  'review.sign-off': 'decision',
  'review.opinion': 'opinion',
  'sample.draw': 'sample',
  'sample.clear': 'sample',
};

type Change = { key: string; value: unknown };

function proposalChanges(entry: Pick<AuditEntry, 'action' | 'target' | 'after'>): Change[] | null {
  if (!entry.target.startsWith('proposal:')) return null;
  const proposalId = entry.target.slice('proposal:'.length);
  const after = typeof entry.after === 'object' && entry.after !== null ? (entry.after as Record<string, unknown>) : {};
  const cut = { key: `cut:${proposalId}`, value: undefined as unknown };
  const rejection = { key: `proposal:${proposalId}`, value: undefined as unknown };
  switch (entry.action) {
    case 'proposal.accept':
      cut.value = after.cut;
      break;
    case 'proposal.reject':
      rejection.value = { status: 'rejected', note: typeof after.note === 'string' ? after.note : '' };
      break;
    case 'proposal.reopen':
      break;
    default:
      return null;
  }
  return [cut, rejection];
}

/** The stored-state keys an entry sets and the values it leaves there; empty for an action this module does not replay. */
export function auditedChanges(entry: Pick<AuditEntry, 'action' | 'target' | 'after'>): Change[] {
  const after = entry.after === null ? undefined : entry.after;
  switch (entry.action) {
    case 'cut.set':
    case 'cut.remove':
      return [{ key: entry.target, value: entry.action === 'cut.remove' ? undefined : after }];
    case 'comment.set':
    case 'score.set':
    case 'checklist.set':
    case 'finding.status':
    case 'classification.set':
    case 'link.set':
      return [{ key: entry.target, value: after }];
    case 'invoice.confirm':
      // A field can be confirmed as empty (null): confirmed, with the value null.
      return [{ key: entry.target, value: entry.after ?? null }];
    case 'proposal.accept':
    case 'proposal.reject':
    case 'proposal.reopen':
      return proposalChanges(entry) ?? [];
    default: {
      const part = REVIEW_PARTS[entry.action];
      // Early sample.draw entries of the CLI targeted "sample" and recorded a summary: not replayed.
      if (part && !entry.target.startsWith('review:')) return [];
      return part ? [{ key: `${entry.target}:${part}`, value: after }] : [];
    }
  }
}

/** Replays the log: the last value each key was given, with its entry. */
export function auditedState(log: readonly AuditEntry[]): Map<string, AuditedValue> {
  const state = new Map<string, AuditedValue>();
  for (const entry of log) {
    for (const change of auditedChanges(entry)) state.set(change.key, { value: change.value, entry });
  }
  return state;
}

export function kindOfKey(key: string): AuditedKind | null {
  const kind = key.slice(0, key.indexOf(':'));
  return AUDITED_KINDS.find((known) => known === kind) ?? null;
}

/** The part of a key that names the row to a reader: the claim of a cut, the criterion of a score, file#page/field of an invoice field. */
export function subjectOfKey(key: string): string {
  const kind = kindOfKey(key);
  const rest = key.slice(key.indexOf(':') + 1);
  switch (kind) {
    case 'score':
    case 'comment':
    case 'checklist':
    case 'classification':
      return rest.slice(rest.indexOf(':') + 1);
    case 'link': {
      // link:<reviewerId>:<claimId>:<kind>
      const claimAndKind = rest.slice(rest.indexOf(':') + 1);
      return `${claimAndKind.slice(0, claimAndKind.lastIndexOf(':'))}/${claimAndKind.slice(claimAndKind.lastIndexOf(':') + 1)}`;
    }
    case 'invoice': {
      // invoice:<dossierId>:<path>#<page>:<field>
      const field = rest.slice(rest.lastIndexOf(':') + 1);
      const invoiceId = rest.slice(0, rest.lastIndexOf(':'));
      return `${invoiceId.slice(invoiceId.indexOf(':') + 1)}/${field}`;
    }
    case 'review':
      return rest;
    default:
      return rest;
  }
}

/** One stored row that does not agree with the audit log. */
export interface StateMismatch {
  key: string;
  kind: AuditedKind;
  /** The row as a reader knows it: C01, criterion id, file#page/field, … */
  subject: string;
  /** The stored value; undefined when the store holds none. */
  stored: unknown;
  /** The value the log leaves; undefined when the log leaves none. */
  logged: unknown;
  /** The last entry on this key; null when the log never touched it. */
  entry: Pick<AuditEntry, 'seq' | 'action' | 'actor' | 'time'> | null;
  message: string;
}

export interface CompareOptions {
  /** Who holds the stored state, for messages: "the store" (default), "the package". */
  holder?: string;
  /** Keys compared only when the log set them (a review file has no row for what was never recorded). */
  onlyLogged?: (key: string) => boolean;
  /** The value a key holds when neither the log nor the store set it (a review's defaults); undefined for absent. */
  defaultOf?: (key: string) => unknown;
  /** Keys whose stored row may be gone although the log set them (a finding the engine no longer raises). */
  mayBeAbsent?: (key: string) => boolean;
}

function same(a: unknown, b: unknown): boolean {
  if (a === undefined || b === undefined) return a === b;
  try {
    return canonicalJson(a) === canonicalJson(b);
  } catch {
    return false;
  }
}

/** A short, readable form of a stored or logged value for a message. */
export function showValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'empty';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'object' && !Array.isArray(value) && typeof (value as { amount?: unknown }).amount === 'string') {
    return (value as { amount: string }).amount;
  }
  const text = JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}

function describeMismatch(kind: AuditedKind, subject: string, stored: unknown, logged: unknown, entry: StateMismatch['entry'], holder: string): string {
  const what = `${kind} ${subject}`;
  if (!entry) return `${what}: ${holder} holds ${showValue(stored)} but no audit entry ever set it`;
  const by = `audit entry ${entry.seq} (${entry.action} by ${entry.actor} at ${entry.time})`;
  if (stored === undefined) return `${what}: ${by} left ${showValue(logged)}, but ${holder} holds nothing (the row was deleted outside the log)`;
  return `${what}: ${holder} holds ${showValue(stored)}, but ${by} left ${showValue(logged)}`;
}

/**
 * Compares the stored state (key → value; a key that is absent holds nothing) with the state the
 * log leaves, and names every row that differs with the last entry that touched it.
 */
export function compareWithAuditLog(log: readonly AuditEntry[], stored: ReadonlyMap<string, unknown>, options: CompareOptions = {}): StateMismatch[] {
  return compareStates(auditedState(log), stored, options);
}

/** compareWithAuditLog on a state already replayed (and possibly re-keyed). */
export function compareStates(audited: ReadonlyMap<string, AuditedValue>, stored: ReadonlyMap<string, unknown>, options: CompareOptions = {}): StateMismatch[] {
  const holder = options.holder ?? 'the store';
  const keys = [...new Set([...audited.keys(), ...stored.keys()])].sort();
  const mismatches: StateMismatch[] = [];
  for (const key of keys) {
    const kind = kindOfKey(key);
    if (!kind) continue;
    const fromLog = audited.get(key);
    if (!fromLog && options.onlyLogged?.(key)) continue;
    const fallback = options.defaultOf?.(key);
    const logged = fromLog ? (fromLog.value === undefined ? fallback : fromLog.value) : fallback;
    const storedValue = stored.has(key) ? stored.get(key) : undefined;
    if (storedValue === undefined && options.mayBeAbsent?.(key)) continue;
    const storedOrDefault = storedValue === undefined ? fallback : storedValue;
    if (same(storedOrDefault, logged)) continue;
    const entry = fromLog ? { seq: fromLog.entry.seq, action: fromLog.entry.action, actor: fromLog.entry.actor, time: fromLog.entry.time } : null;
    const subject = subjectOfKey(key);
    mismatches.push({ key, kind, subject, stored: storedValue, logged, entry, message: describeMismatch(kind, subject, storedValue, logged, entry, holder) });
  }
  return mismatches;
}

/** How a review file writes a confirmed field's value (a string, null, or the JSON of anything else). */
export function reviewFieldValue(value: unknown): string | null {
  return typeof value === 'string' ? value : value === null || value === undefined ? null : JSON.stringify(value);
}

/**
 * A workstation log's key as a review file can hold it: the review file has no reviewer id (it is
 * one reviewer's file) and names an invoice by file and page, not by the store's invoice id.
 */
function reviewFileKey(key: string, dossierId: string | undefined): string {
  const kind = kindOfKey(key);
  const rest = key.slice(key.indexOf(':') + 1);
  switch (kind) {
    case 'score':
    case 'comment':
    case 'checklist':
    case 'review':
    case 'classification':
    case 'link':
      return `${kind}:${rest.slice(rest.indexOf(':') + 1)}`;
    case 'invoice':
      return dossierId && rest.startsWith(`${dossierId}:`) ? `invoice:${rest.slice(dossierId.length + 1)}` : key;
    default:
      return key;
  }
}

/** A review file's content keyed like its log (see reviewFileKey). */
export function reviewFileState(review: ReviewFile): Map<string, unknown> {
  const state = new Map<string, unknown>();
  // A cut accepting a reconciliation proposal is keyed by the proposal, the reviewer's own cut by its claim.
  for (const cut of Array.isArray(review.cuts) ? review.cuts : []) state.set(`cut:${typeof cut.proposal === 'string' ? cut.proposal : cut.claimId}`, cut);
  for (const [proposalId, decision] of Object.entries(review.proposals ?? {})) {
    if (decision?.status === 'rejected') state.set(`proposal:${proposalId}`, { status: 'rejected', note: typeof decision.note === 'string' ? decision.note : '' });
  }
  for (const [criterion, value] of Object.entries(review.scores ?? {})) state.set(`score:${criterion}`, value);
  for (const [criterion, text] of Object.entries(review.comments ?? {})) state.set(`comment:${criterion}`, text);
  for (const [item, entry] of Object.entries(review.checklists ?? {})) state.set(`checklist:${item}`, entry);
  for (const [file, correction] of Object.entries(review.classifications ?? {})) state.set(`classification:${file}`, correction);
  for (const [claimId, links] of Object.entries(review.links ?? {})) {
    for (const kind of ['invoices', 'contracts', 'payments'] as const) if (Array.isArray(links?.[kind])) state.set(`link:${claimId}:${kind}`, links[kind]);
  }
  for (const field of Array.isArray(review.fields) ? review.fields : []) state.set(`invoice:${field.file}#${field.page}:${field.field}`, field.value);
  for (const finding of Array.isArray(review.findings) ? review.findings : []) state.set(`finding:${finding.id}`, { status: finding.status, note: finding.note ?? null });
  if (review.reviewer) state.set('review:reviewer', review.reviewer);
  if (review.conflictOfInterest) {
    const { declared, note, relations } = review.conflictOfInterest;
    state.set('review:conflictOfInterest', { declared, note: note ?? '', ...(relations ? { relations } : {}) });
  }
  if (review.decision) state.set('review:decision', review.decision);
  state.set('review:opinion', review.opinion ?? '');
  if (review.sample) state.set('review:sample', review.sample);
  return state;
}

/**
 * A review file (as exported with its dossier's audit log) compared with the state its log leaves:
 * each cut, score, checklist entry, confirmed field, finding disposition and review detail.
 */
export function compareReviewWithAuditLog(review: ReviewFile, log: readonly AuditEntry[], holder = 'the review'): StateMismatch[] {
  const audited = new Map<string, AuditedValue>();
  for (const [key, value] of auditedState(log)) {
    const logged = kindOfKey(key) === 'invoice' ? { ...value, value: reviewFieldValue(value.value) } : value;
    audited.set(reviewFileKey(key, review.dossierId), logged);
  }
  return compareStates(audited, reviewFileState(review), {
    holder,
    defaultOf: (key) => (key.startsWith('finding:') ? { status: 'open', note: null } : undefined),
    mayBeAbsent: (key) => key.startsWith('finding:'),
    onlyLogged: (key) => key.startsWith('review:'),
  });
}

/** A chain head recorded somewhere the store cannot rewrite (the desktop data folder, the last export). */
export interface AuditWitness {
  seq: number;
  hash: string;
  /** When it was recorded (ISO time). */
  recordedAt: string;
  /** Where it was kept: 'data-folder', 'browser', or the export's file name. */
  source: string;
}

export type WitnessProblem =
  | { problem: 'witness-missing'; seq: number; message: string }
  | { problem: 'witness-differs'; seq: number; message: string };

/**
 * Checks that the chain still holds the head a witness recorded: the log may have grown since, but
 * entry `seq` must still carry the recorded hash. Null when it does.
 */
export function checkAuditWitness(log: readonly AuditEntry[], witness: AuditWitness): WitnessProblem | null {
  const entry = log.find((candidate) => candidate.seq === witness.seq);
  // A head copied from a printed review sheet may be given by a prefix of its hash (12 digits at least).
  const recorded = `the chain head recorded at ${witness.recordedAt} (${witness.source}: entry ${witness.seq}, ${witness.hash.slice(0, 12)}…)`;
  if (!entry) {
    return { problem: 'witness-missing', seq: witness.seq, message: `audit entry ${witness.seq} is gone: ${recorded} is no longer in the log; entries were removed after it was recorded` };
  }
  if (witness.hash.length < 12 ? entry.hash !== witness.hash : !entry.hash.startsWith(witness.hash.toLowerCase())) {
    return {
      problem: 'witness-differs', seq: witness.seq,
      message: `audit entry ${witness.seq} (${entry.action} ${entry.target}) is not the entry of ${recorded}: the chain was rewritten and re-hashed after it was recorded`,
    };
  }
  return null;
}

// Keeps the engine's CheckReport in step with the open dossier: evaluated whenever the review changes,
// and whenever a reading of the dossier's files arrives, so that what the screen shows as read is what
// the findings say. Many documents changed together come as one change (workspace.updateDocuments,
// prereview addReadings) and are evaluated once. Findings are handed to the store so that the
// reviewer's accept/dismiss has a row to land on.
// Where the evaluation runs:
// - a small dossier is evaluated in the window, synchronously, at each change (a few milliseconds);
// - a large one (LARGE_DOSSIER_ROWS declared rows or files) in a web worker (workers/evaluation.worker.ts)
//   that holds a copy of the dossier and is sent what changed, after the next paint. Until the result of
//   the latest change is in, the workspace says the report is not current (reportCurrent), which the views
//   that show the report say (ReportPendingNotice); the gauge, the totals and the verdict move with a cut
//   at once from the cut totals (state/cut-standing.ts). Each update has a revision; a result older than
//   one already shown is dropped. Where no worker can run (tests in jsdom), a large dossier is evaluated
//   in the window, a change of the cuts alone after the next paint.
// The review stored after an edit comes back from the store as a new object with the same content (and a
// longer audit log, which no rule reads): the report is still the review's and is kept.
import type { LabelledManifest } from '../core/engine';
import type { Profile } from '../core/profiles/schema';
import type { CheckReport, FileExtraction } from '../core/types';
import { startEvaluationWorker, type EvaluationWorkerLike } from '../platform/evaluation-client';
import type { EvaluationResponse, EvaluationUpdate } from '../workers/evaluation-protocol';
import { evaluateBasis } from '../workers/evaluation-runner';
import { ResultPatchDecoder } from '../workers/evaluation-result-patch';
import { loadProfile } from './profiles';
import { useWorkspace, type OpenDossier } from './workspace';
import type { DocumentReading, PrereviewResult } from '../core/prereview';
import { prereviewOf, usePrereviewReadings } from './prereview';

interface EvaluationContext {
  dossierId: string;
  profile: Profile;
  peers: LabelledManifest[];
}

let context: EvaluationContext | null = null;
let onFindingsChanged: ((dossierId: string, report: CheckReport) => void) | null = null;
let lastFindingIds = '';

/** From this many declared rows (or files) a dossier is evaluated in the worker, or, without one, a change of the cuts alone after the next paint. */
export const LARGE_DOSSIER_ROWS = 500;

/** What the report was evaluated from: the dossier's manifest and documents, and the review's content in two parts. */
interface EvaluatedBasis {
  dossierId: string;
  manifest: OpenDossier['manifest'];
  documents: OpenDossier['documents'];
  cuts: string;
  restOfReview: string;
}
let evaluated: EvaluatedBasis | null = null;

/** The review's content as the engine reads it: its cuts, and all else but the audit log (which no rule reads). */
function reviewContent(review: OpenDossier['review']): { cuts: string; restOfReview: string } {
  const { auditLog: _auditLog, cuts, ...rest } = review;
  return { cuts: JSON.stringify(cuts), restOfReview: JSON.stringify(rest) };
}

let cancelDeferred: (() => void) | null = null;

/** Runs `work` once, after the next paint (a frame and then a task), or after 50 ms where no frame comes (a hidden window). */
function afterNextPaint(work: () => void): () => void {
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    work();
  };
  const timer = setTimeout(once, 50);
  const frame = typeof requestAnimationFrame === 'function' ? requestAnimationFrame(() => setTimeout(once, 0)) : null;
  return () => {
    done = true;
    clearTimeout(timer);
    if (frame !== null) cancelAnimationFrame(frame);
  };
}

/** The open dossier's readings for the pre-review, when they are of this dossier. */
function readingsOf(open: OpenDossier): ReadonlyMap<string, DocumentReading> {
  const state = usePrereviewReadings.getState();
  return state.dossierId === open.id ? state.readings : new Map();
}

export function evaluateOpen(open: OpenDossier, current: EvaluationContext, prereview: PrereviewResult = prereviewOf(open, current.profile, readingsOf(open))): CheckReport {
  return evaluateBasis({
    profile: current.profile,
    peers: current.peers,
    manifest: open.manifest,
    review: open.review,
    documentPaths: open.documents.map((document) => document.path),
    extractions: open.documents.flatMap((document) => (document.extraction ? [document.extraction] : [])),
    readings: new Map(),
  }, prereview);
}

function recompute() {
  cancelDeferred?.();
  cancelDeferred = null;
  const state = useWorkspace.getState();
  const open = state.open;
  evaluated = null;
  if (!open || !context || context.dossierId !== open.id) return;
  try {
    const prereview = prereviewOf(open, context.profile, readingsOf(open));
    const report = evaluateOpen(open, context, prereview);
    if (usePrereviewReadings.getState().dossierId === open.id) usePrereviewReadings.setState({ result: prereview });
    state.setReport(report);
    evaluated = { dossierId: open.id, manifest: open.manifest, documents: open.documents, ...reviewContent(open.review) };
    const ids = report.findings.map((finding) => finding.id).join('|');
    if (ids !== lastFindingIds) {
      lastFindingIds = ids;
      onFindingsChanged?.(open.id, report);
    }
  } catch (error) {
    state.setReport(null);
    state.setError(error instanceof Error ? error.message : String(error));
  }
}

/**
 * Whether a new `open` needs no evaluation at once: the same review content as evaluated (the report
 * stays, and is current again), or on a large declared list other cuts alone (evaluated after the next paint).
 */
function answeredWithoutEvaluating(open: OpenDossier): boolean {
  if (!evaluated || !context || evaluated.dossierId !== open.id || context.dossierId !== open.id) return false;
  if (evaluated.manifest !== open.manifest || evaluated.documents !== open.documents) return false;
  const content = reviewContent(open.review);
  if (content.restOfReview !== evaluated.restOfReview) return false;
  const state = useWorkspace.getState();
  if (content.cuts === evaluated.cuts) {
    cancelDeferred?.();
    cancelDeferred = null;
    if (!state.reportCurrent) state.setReport(state.report);
    return true;
  }
  if (open.manifest.claims.length < LARGE_DOSSIER_ROWS) return false;
  if (state.reportCurrent) state.setReportStale();
  cancelDeferred ??= afterNextPaint(() => {
    cancelDeferred = null;
    recompute();
  });
  return true;
}

// The worker, for large dossiers.

let startWorker: () => EvaluationWorkerLike | null = startEvaluationWorker;
let worker: EvaluationWorkerLike | null = null;
/** Set once no worker could be started or one failed: large dossiers are then evaluated in the window. */
let workerFailed = false;

/** What the worker was last sent of the open dossier, so that it is sent only what changes. */
interface SentToWorker {
  dossierId: string;
  manifest: OpenDossier['manifest'];
  reviewKey: string;
  documentPaths: string[];
  extractions: Map<string, FileExtraction>;
  readings: ReadonlyMap<string, DocumentReading>;
}
let sent: SentToWorker | null = null;
/** The revision of the last update sent, and of the last result shown (both only grow, across dossiers). */
let requestedRevision = 0;
let shownRevision = 0;
let cancelSend: (() => void) | null = null;
/** Rebuilds the worker's results from its patches (each worker its own). */
let decoder = new ResultPatchDecoder();

/** Sets how the evaluation worker is started (a test gives one that runs in process); the one running is stopped. */
export function setEvaluationWorkerStarter(starter: () => EvaluationWorkerLike | null): void {
  worker?.terminate();
  worker = null;
  workerFailed = false;
  sent = null;
  cancelSend?.();
  cancelSend = null;
  startWorker = starter;
}

function isLarge(open: OpenDossier): boolean {
  return open.manifest.claims.length >= LARGE_DOSSIER_ROWS || open.documents.length >= LARGE_DOSSIER_ROWS;
}

function evaluationWorker(): EvaluationWorkerLike | null {
  if (worker || workerFailed) return worker;
  const started = startWorker();
  if (!started) {
    workerFailed = true;
    return null;
  }
  worker = started;
  decoder = new ResultPatchDecoder();
  started.addEventListener('message', (event) => receiveEvaluation(event.data));
  started.addEventListener('error', (event) => {
    if (worker === started) workerFailedWith(event.message || 'it could not start');
  });
  return worker;
}

/** The worker could not start, stopped or answered what cannot be read: the window evaluates from now on, and says why once. */
function workerFailedWith(reason: string): void {
  worker?.terminate();
  worker = null;
  workerFailed = true;
  sent = null;
  cancelSend?.();
  cancelSend = null;
  console.error(`the evaluation worker failed (${reason}); the window evaluates the dossier itself`);
  recompute();
}

/** Whether the open dossier is evaluated in the worker (starting it the first time one is). */
function inWorker(open: OpenDossier): boolean {
  return isLarge(open) && evaluationWorker() !== null;
}

const reviewKeys = new WeakMap<OpenDossier['review'], string>();
function reviewKeyOf(review: OpenDossier['review']): string {
  let key = reviewKeys.get(review);
  if (key === undefined) {
    const { cuts, restOfReview } = reviewContent(review);
    key = `${cuts}\n${restOfReview}`;
    reviewKeys.set(review, key);
  }
  return key;
}

/** What the worker has not yet been sent of `open`, and what it will then hold; null when it holds it all. */
function updateFor(open: OpenDossier): { update: EvaluationUpdate; holds: SentToWorker } | null {
  if (!context || context.dossierId !== open.id) return null;
  const before = sent?.dossierId === open.id ? sent : null;
  const update: EvaluationUpdate = { type: 'update', dossierId: open.id, revision: 0 };
  if (!before) update.start = { profile: context.profile, peers: context.peers };
  if (before?.manifest !== open.manifest) update.manifest = open.manifest;
  const reviewKey = reviewKeyOf(open.review);
  if (before?.reviewKey !== reviewKey) update.review = { ...open.review, auditLog: [] };
  const paths = before?.documentPaths;
  const samePaths = paths !== undefined && paths.length === open.documents.length && open.documents.every((document, index) => document.path === paths[index]);
  const documentPaths = samePaths ? paths : open.documents.map((document) => document.path);
  if (!samePaths) update.documentPaths = documentPaths;
  const extractions = new Map(before?.extractions);
  const changedExtractions: [string, FileExtraction | null][] = [];
  for (const document of open.documents) {
    if (extractions.get(document.path) === document.extraction) continue;
    changedExtractions.push([document.path, document.extraction ?? null]);
    if (document.extraction) extractions.set(document.path, document.extraction);
    else extractions.delete(document.path);
  }
  if (changedExtractions.length > 0) update.extractions = changedExtractions;
  const readings = readingsOf(open);
  const readingsBefore = before?.readings ?? new Map<string, DocumentReading>();
  if (readings !== readingsBefore) {
    const replace = [...readingsBefore.keys()].some((file) => !readings.has(file));
    const changedReadings = [...readings].filter(([file, reading]) => replace || readingsBefore.get(file) !== reading);
    if (replace) update.replaceReadings = true;
    if (changedReadings.length > 0) update.readings = changedReadings;
  }
  const { type: _type, dossierId: _dossierId, revision: _revision, ...changes } = update;
  if (Object.keys(changes).length === 0) return null;
  return { update, holds: { dossierId: open.id, manifest: open.manifest, reviewKey, documentPaths, extractions, readings } };
}

/** With nothing left to send, the report shown is current once the worker has answered the last update. */
function settleIfAnswered(): void {
  const state = useWorkspace.getState();
  if (!cancelSend && shownRevision === requestedRevision && !state.reportCurrent) state.setReport(state.report);
}

/** Sends the worker what changed of the open dossier, at once or after the next paint (a cut's gauge is painted first). */
function followInWorker(open: OpenDossier, when: 'now' | 'after-paint'): void {
  cancelDeferred?.();
  cancelDeferred = null;
  evaluated = null;
  if (!updateFor(open)) {
    settleIfAnswered();
    return;
  }
  const state = useWorkspace.getState();
  if (state.reportCurrent) state.setReportStale();
  if (when === 'now') {
    cancelSend?.();
    cancelSend = null;
    sendToWorker();
    return;
  }
  cancelSend ??= afterNextPaint(() => {
    cancelSend = null;
    sendToWorker();
  });
}

function sendToWorker(): void {
  const open = useWorkspace.getState().open;
  if (!open || !inWorker(open) || !worker) return;
  const pending = updateFor(open);
  if (!pending) {
    settleIfAnswered();
    return;
  }
  pending.update.revision = ++requestedRevision;
  sent = pending.holds;
  worker.postMessage(pending.update);
}

/**
 * Shows a result of the worker: dropped when it is of another dossier than the one open, or older
 * than one already shown (updates are numbered by revision); current when it answers the last update
 * and no other waits to be sent.
 */
export function receiveEvaluation(response: EvaluationResponse): void {
  const state = useWorkspace.getState();
  // Every result is read, also one that is not shown: a later one may rest on it.
  const result = response.type === 'result' ? decoder.decode(response.patch) : null;
  if (response.type === 'result' && !result) {
    workerFailedWith(`result ${response.patch.seq} rests on result ${response.patch.base}, which never came`);
    return;
  }
  if (!context || !sent || response.dossierId !== sent.dossierId || response.dossierId !== state.open?.id || response.revision <= shownRevision) return;
  shownRevision = response.revision;
  if (response.type === 'error') {
    state.setReport(null);
    state.setError(response.message);
    return;
  }
  const { report, prereview } = result!;
  const current = response.revision === requestedRevision && !cancelSend;
  if (usePrereviewReadings.getState().dossierId === response.dossierId) usePrereviewReadings.setState({ result: prereview });
  useWorkspace.getState().setReport(report, current);
  const ids = report.findings.map((finding) => finding.id).join('|');
  if (ids !== lastFindingIds) {
    lastFindingIds = ids;
    onFindingsChanged?.(response.dossierId, report);
  }
}

let previousOpen: OpenDossier | null = null;
useWorkspace.subscribe((state) => {
  if (state.open === previousOpen) return;
  previousOpen = state.open;
  if (state.open && inWorker(state.open)) {
    followInWorker(state.open, 'after-paint');
    return;
  }
  if (state.open && answeredWithoutEvaluating(state.open)) return;
  recompute();
});

// Each new reading (or the last of them) changes the pre-review: evaluated again at once (in the worker, after the next paint).
let previousReadings: ReadonlyMap<string, DocumentReading> | null = null;
usePrereviewReadings.subscribe((state) => {
  if (state.readings === previousReadings) return;
  previousReadings = state.readings;
  const open = useWorkspace.getState().open;
  if (open && inWorker(open)) {
    followInWorker(open, 'after-paint');
    return;
  }
  recompute();
});

/** Loads the dossier's profile and starts evaluating it; peers feed the cross-dossier rules. */
export async function startEvaluation(dossierId: string, program: string, peers: LabelledManifest[], findingsChanged: (dossierId: string, report: CheckReport) => void) {
  context = null;
  evaluated = null;
  sent = null;
  if (!program) {
    useWorkspace.getState().setError({ key: 'error.noProgram' });
    return;
  }
  const profile = await loadProfile(program);
  context = { dossierId, profile, peers };
  onFindingsChanged = findingsChanged;
  lastFindingIds = '';
  const open = useWorkspace.getState().open;
  if (open?.id === dossierId && inWorker(open)) followInWorker(open, 'now');
  else recompute();
}

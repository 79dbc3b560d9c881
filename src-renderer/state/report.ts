// Keeps the engine's CheckReport in step with the open dossier: evaluated synchronously whenever the
// review changes, and whenever a reading of the dossier's files arrives, so that what the screen shows
// as read is what the findings say. Many documents changed together come as one change
// (workspace.updateDocuments, prereview addReadings) and are evaluated once. Findings are handed to the
// store so that the reviewer's accept/dismiss has a row to land on.
// Two exceptions, both about the review alone:
// - the review stored after an edit comes back from the store as a new object with the same content
//   (and a longer audit log, which no rule reads): the report is still the review's and is kept;
// - on a large declared list (LARGE_DOSSIER_ROWS) a change of the cuts alone is evaluated after the
//   next paint: the gauge, the totals and the verdict move at once from the cut totals
//   (state/cut-standing.ts), and until the evaluation has run the workspace says the report is not
//   current (reportCurrent), which the views that show the report say (ReportPendingNotice). Readings
//   and every other change are evaluated at once, as before.
import { evaluateDossier } from '../core/engine';
import type { LabelledManifest } from '../core/engine';
import type { Profile } from '../core/profiles/schema';
import type { CheckReport } from '../core/types';
import { loadProfile } from './profiles';
import { useWorkspace, type OpenDossier } from './workspace';
import { useUi } from './ui';
import { translate } from '../i18n';
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

/** From this many declared rows a change of the cuts alone is evaluated after the next paint. */
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
  return evaluateDossier({
    profile: current.profile,
    manifest: open.manifest,
    review: open.review,
    extractions: open.documents.flatMap((document) => (document.extraction ? [document.extraction] : [])),
    peers: current.peers,
    dossierLabel: open.manifest.applicant.name,
    sources: { manifest: 'dossier.json', review: 'review' },
    prereview,
  });
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

let previousOpen: OpenDossier | null = null;
useWorkspace.subscribe((state) => {
  if (state.open === previousOpen) return;
  previousOpen = state.open;
  if (state.open && answeredWithoutEvaluating(state.open)) return;
  recompute();
});

// Each new reading (or the last of them) changes the pre-review: evaluated again at once.
let previousReadings: ReadonlyMap<string, DocumentReading> | null = null;
usePrereviewReadings.subscribe((state) => {
  if (state.readings === previousReadings) return;
  previousReadings = state.readings;
  recompute();
});

/** Loads the dossier's profile and starts evaluating it; peers feed the cross-dossier rules. */
export async function startEvaluation(dossierId: string, program: string, peers: LabelledManifest[], findingsChanged: (dossierId: string, report: CheckReport) => void) {
  context = null;
  evaluated = null;
  if (!program) {
    useWorkspace.getState().setError(translate(useUi.getState().language, 'error.noProgram'));
    return;
  }
  const profile = await loadProfile(program);
  context = { dossierId, profile, peers };
  onFindingsChanged = findingsChanged;
  lastFindingIds = '';
  recompute();
}

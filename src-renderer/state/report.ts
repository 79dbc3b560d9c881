// Keeps the engine's CheckReport in step with the open dossier: evaluated synchronously whenever the
// review changes, so that a cut moves the gauge and the verdict in the same frame, and whenever a
// reading of the dossier's files arrives, so that what the screen shows as read is what the findings
// say. Many documents changed together come as one change (workspace.updateDocuments,
// prereview addReadings) and are evaluated once. Findings are handed to the store so that the
// reviewer's accept/dismiss has a row to land on.
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
  const state = useWorkspace.getState();
  const open = state.open;
  if (!open || !context || context.dossierId !== open.id) return;
  try {
    const prereview = prereviewOf(open, context.profile, readingsOf(open));
    const report = evaluateOpen(open, context, prereview);
    if (usePrereviewReadings.getState().dossierId === open.id) usePrereviewReadings.setState({ result: prereview });
    state.setReport(report);
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

let previousOpen: OpenDossier | null = null;
useWorkspace.subscribe((state) => {
  if (state.open === previousOpen) return;
  previousOpen = state.open;
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

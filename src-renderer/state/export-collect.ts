// The open dossier as the export helper wants it (core/export ExportDossier): manifest, the
// reviewer's review and the audit log as the store holds them (never the screen's copy),
// extractions, source files, run through the engine
// with the other dossiers of the store as peers (as the workspace evaluates it), so that the
// package records the engine's inputs and `verify` recomputes the same report. Before anything is
// exported the dossier's integrity is checked (state/integrity): a store that does not agree with
// its audit log is not exported, and the refusal names each disagreement.
import { assembleExportDossier } from '../core/export/assemble';
import type { ExportDossier } from '../core/export/model';
import { readStoredReview } from '../db/review-rows';
import { translate } from '../i18n';
import { checkIntegrity, describeIntegrityProblem } from './integrity';
import { loadProfile } from './profiles';
import { useUi } from './ui';
import { REVIEWER_ID, getStore } from './store';
import { kindOf, useWorkspace } from './workspace';
import { usePrereviewReadings } from './prereview';

export async function collectOpenDossier(): Promise<ExportDossier[]> {
  const { open } = useWorkspace.getState();
  if (!open) return [];
  const language = useUi.getState().language;
  // A files-only import names no program: without its rules there is no cut ratio or verdict to export.
  if (!open.manifest.program) throw new Error(translate(language, 'export.noProgram'));
  const store = await getStore();
  const integrity = await checkIntegrity(store, open.id, { whole: true });
  if (!integrity.ok) {
    const t = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) => translate(language, key, params);
    throw new Error(t('integrity.exportRefused', { problems: integrity.problems.map((problem) => describeIntegrityProblem(problem, t)).join('；') }));
  }
  // The store, not the screen: another window may have stored a change this one has not shown yet.
  const [profile, stored] = await Promise.all([loadProfile(open.manifest.program), store.getDossier(open.id)]);
  if (!stored) throw new Error(`dossier ${open.id} is not in the store`);
  const review = await readStoredReview(store, stored, REVIEWER_ID);
  const peers = (await store.listDossiers())
    .filter((other) => other.id !== open.id)
    .map((other) => ({ dossier: other.applicantName, manifest: other.manifest }));
  // The pre-review on the files' content, as the report shows it (state/prereview.ts).
  const prereview = usePrereviewReadings.getState();
  const assembled = assembleExportDossier({
    profile,
    dossierId: open.id,
    manifest: stored.manifest,
    files: [
      ...open.documents.map((document) => ({ file: document.path, kind: kindOf(document), sha256: document.sha256, size: document.size })),
      // Every file the import refused is listed too, with its reason.
      ...stored.rejected.map((rejected) => ({
        file: rejected.path, kind: 'refused', sha256: rejected.sha256 ?? '', size: rejected.size,
        refused: rejected.problems.map((problem) => ({ code: problem.code, message: problem.message })),
      })),
    ],
    extractions: open.documents.flatMap((document) => (document.extraction ? [document.extraction] : [])),
    reviews: [review],
    auditLog: review.auditLog,
    evaluation: { dossierLabel: open.manifest.applicant.name, peers },
  });
  return [prereview.dossierId === open.id && prereview.result ? { ...assembled, prereview: prereview.result } : assembled];
}

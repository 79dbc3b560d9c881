// The workstation: first-launch empty state, or the three-column review workspace. Wires the global
// keyboard handler, the store loading and the language of the document.
import { useCallback, useEffect, useState } from 'react';
import { handleKeyDown } from './actions/registry';
import { useI18n } from './i18n';
import { useUi } from './state/ui';
import { useWorkspace } from './state/workspace';
import { startUpOnce } from './state/startup';
import { cancelExtraction } from './state/extraction';
import { cancelImport, importFiles, openSample } from './state/import';
import { loadDossier } from './state/session';
import { getHost } from './platform/host';
import { filesFromDataTransfer, inputFromOpenedDossier } from './platform/import-files';
import { EmptyState } from './ui/EmptyState';
import { Workspace } from './ui/Workspace';
import { TopBar } from './ui/TopBar';
import { ProgressBar } from './ui/ProgressBar';
import { ShortcutLegend } from './ui/ShortcutLegend';
import { AppError } from './ui/AppError';
import { AppNotice } from './ui/AppNotice';
import { PanelDialog } from './ui/consolidation/PanelDialog';
import { ErrorBoundary } from './ui/ErrorBoundary';
import { useExport } from './ui/export/useExport';
import { announceImport, confirmImportSpace, ImportDialogs } from './ui/ImportDialogs';
import type { ImportInputFile } from './core/import';
import { collectOpenDossier } from './state/export-collect';
import { useHostBridge } from './ui/useHostBridge';
import { announceRecovery } from './ui/recovery';
import { ReviewerDialog } from './ui/reviewer/ReviewerDialog';
import { PlanDialog } from './ui/plan/PlanDialog';
import { loadReviewerProfile } from './state/reviewer';

function useGlobalKeys() {
  useEffect(() => {
    window.addEventListener('keydown', handleKeyDown);
    return () => window.removeEventListener('keydown', handleKeyDown);
  }, []);
}

export function App() {
  const { t, language } = useI18n();
  useGlobalKeys();
  const dossiers = useWorkspace((state) => state.dossiers);
  const setError = useWorkspace((state) => state.setError);
  const activeDossierId = useUi((state) => state.activeDossierId);
  const progress = useUi((state) => state.progress);
  const [ready, setReady] = useState(false);
  const [panelOpen, setPanelOpen] = useState(false);
  const [planOpen, setPlanOpen] = useState(false);
  const exporter = useExport(collectOpenDossier);
  const setNotice = useUi((state) => state.setNotice);

  useEffect(() => {
    document.documentElement.lang = language;
    document.title = t('app.title');
  }, [language, t]);

  // The shell's reload after a renderer crash says so in the address (once: the parameter is then removed).
  useEffect(() => {
    announceRecovery(window.location, window.history, setNotice);
  }, [setNotice]);

  // Every start-up step settles within its time: the app always starts, with a notice for what did not come back.
  // It runs once for the document, however often this effect runs.
  // The reviewer's profile is read once start-up is done: a restore from the mirror puts it back into the store.
  useEffect(() => {
    void startUpOnce().then((notice) => {
      if (notice) setNotice(notice);
      setReady(true);
      return loadReviewerProfile();
    }).catch((reason: unknown) => setError(reason instanceof Error ? reason.message : String(reason)));
  }, [setNotice, setError]);

  useEffect(() => {
    if (!ready || !activeDossierId) return;
    loadDossier(activeDossierId).catch((reason: unknown) => setError(reason instanceof Error ? reason.message : String(reason)));
  }, [ready, activeDossierId, setError]);

  const run = useCallback((work: () => Promise<unknown>) => {
    setError(null);
    work().catch((reason: unknown) => setError(reason instanceof Error ? reason.message : String(reason)));
  }, [setError]);

  /** Imports with the space check before a large import, then the summary with the import report. */
  const importAndReport = useCallback(async (files: ImportInputFile[]) => {
    const dossierId = await importFiles(files, { confirmSpace: confirmImportSpace });
    if (dossierId) await announceImport(dossierId);
  }, []);

  const importFromHost = useCallback((source: 'folder' | 'zip' | 'files' = 'zip') => run(async () => {
    const result = await getHost().openDossier(source);
    if (!result.ok) throw new Error(result.error.message);
    if (!result.value) return;
    await importAndReport(inputFromOpenedDossier(result.value));
  }), [run, importAndReport]);
  const reportHostError = useCallback((message: string) => setError(message), [setError]);
  useHostBridge(importFromHost, reportHostError);

  const showWorkspace = ready && (dossiers.length > 0 || activeDossierId);
  return (
    <div
      className="app"
      onDragOver={(event) => {
        if (event.dataTransfer.types.includes('Files')) event.preventDefault();
      }}
      onDrop={(event) => {
        if (!event.dataTransfer.types.includes('Files')) return;
        event.preventDefault();
        const files = filesFromDataTransfer(event.dataTransfer);
        run(async () => importAndReport(await files));
      }}
    >
      <TopBar
        onExport={(format) => {
          void exporter.exportAs(format).then((outcome) => {
            if (outcome && !outcome.cancelled) setNotice({ tone: 'info', code: 'export.done', params: { file: outcome.saved.join('、') } });
          });
        }}
        exporting={exporter.busy !== null}
        onPanel={() => setPanelOpen(true)}
        onPlan={() => setPlanOpen(true)}
      />
      {exporter.error && <div className="notice notice-error app-error" role="alert">{t('export.failed', { reason: exporter.error })}</div>}
      <AppNotice />
      <ImportDialogs />
      {progress && <ProgressBar onCancel={progress.kind === 'import' ? cancelImport : cancelExtraction} />}
      <AppError />
      {!ready ? null : showWorkspace ? (
        <Workspace onImport={importFromHost} />
      ) : (
        <EmptyState onImport={importFromHost} onOpenSample={(sample) => run(() => openSample(sample))} busy={Boolean(progress)} />
      )}
      <ShortcutLegend />
      {panelOpen && <ErrorBoundary label={t('panel.heading')}><PanelDialog onClose={() => setPanelOpen(false)} /></ErrorBoundary>}
      {planOpen && <ErrorBoundary label={t('plan.open')}><PlanDialog onClose={() => setPlanOpen(false)} /></ErrorBoundary>}
      <ReviewerDialog />
    </div>
  );
}

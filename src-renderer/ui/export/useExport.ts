// React hook for the export buttons: runs one export at a time and keeps its state for the UI.
import { useCallback, useState } from 'react';
import type { ExportDossier } from '../../core/export/model';
import type { ExportFormat } from '../../export/produce';
import { exportDossiers, type ExportDependencies, type ExportOutcome } from './export-dossier';

export interface ExportState {
  busy: ExportFormat | null;
  error: string | null;
  last: ExportOutcome | null;
}

/**
 * `exportAs(format)` assembles the dossiers with `collect` (the UI's store → ExportDossier[]) and saves
 * the files through the host. Buttons: disable while `busy`, show `error` when set.
 */
export function useExport(collect: () => Promise<ExportDossier[]>, dependencies: ExportDependencies = {}) {
  const [state, setState] = useState<ExportState>({ busy: null, error: null, last: null });
  const { host, environment } = dependencies;
  const exportAs = useCallback(async (format: ExportFormat) => {
    setState((previous) => ({ ...previous, busy: format, error: null }));
    try {
      const outcome = await exportDossiers(format, await collect(), { host, environment });
      setState({ busy: null, error: null, last: outcome });
      return outcome;
    } catch (error) {
      setState({ busy: null, error: error instanceof Error ? error.message : String(error), last: null });
      return null;
    }
  }, [collect, host, environment]);
  return { ...state, exportAs };
}

// The renderer's side of the host's menu: the menu follows the UI language, and menu commands
// (open a dossier, switch language) run the same code as the buttons; leaving the page (a reload,
// a close) waits for the edits still being stored (state/leave-guard.ts).
import { useEffect } from 'react';
import type { DossierSource } from '../../src-main/shared/contract';
import { getHost } from '../platform/host';
import { guardLeaving } from '../state/leave-guard';
import { useUi } from '../state/ui';

export function useHostBridge(openDossier: (source: DossierSource) => void, onError: (message: string) => void) {
  const language = useUi((state) => state.language);

  useEffect(() => {
    getHost().setLanguage(language).then(
      (result) => {
        if (!result.ok) onError(result.error.message);
      },
      (reason: unknown) => onError(reason instanceof Error ? reason.message : String(reason)),
    );
  }, [language, onError]);

  useEffect(() => getHost().onMenuCommand((command) => {
    if (command.type === 'open-dossier') openDossier(command.source);
    else if (command.type === 'language-changed') useUi.getState().setLanguage(command.language);
  }), [openDossier]);

  useEffect(() => guardLeaving(window, getHost(), Boolean(window.dossierDesk)), []);
}

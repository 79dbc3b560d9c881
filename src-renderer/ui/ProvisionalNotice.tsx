// While any document of the open dossier is still being read, what the engine says is provisional:
// a finding such as "invoice not found" may only mean that the invoice has not been read yet.
import { useI18n } from '../i18n';
import { useWorkspace } from '../state/workspace';

export function usePendingReads(): number {
  return useWorkspace((state) => state.open?.documents.filter((document) => document.ocrPending).length ?? 0);
}

export function ProvisionalNotice() {
  const { t } = useI18n();
  const pending = usePendingReads();
  if (pending === 0) return null;
  return <p className="notice notice-warning" role="status" data-testid="provisional">{t('reading.provisional', { pending })}</p>;
}

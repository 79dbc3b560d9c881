// While any document of the open dossier is still being read, what the engine says is provisional:
// a finding such as "invoice not found" may only mean that the invoice has not been read yet, and
// "material not found" that the pre-review has not yet read the file that holds it.
import { useI18n } from '../i18n';
import { useWorkspace } from '../state/workspace';
import { usePrereviewReadings } from '../state/prereview';

/** Readings still to come for the open dossier: invoice extraction and the pre-review's reading by content. */
export function usePendingReads(): number {
  const dossierId = useWorkspace((state) => state.open?.id);
  const extraction = useWorkspace((state) => state.open?.documents.filter((document) => document.ocrPending).length ?? 0);
  const prereview = usePrereviewReadings((state) => (state.dossierId === dossierId ? state.pending : 0));
  return extraction + prereview;
}

/**
 * Says what is provisional: readings still to come, and a report of an earlier review than the one on
 * screen (a cut on a large dossier, evaluated after the next paint: state/report.ts).
 */
export function ProvisionalNotice() {
  const { t } = useI18n();
  const pending = usePendingReads();
  const reportCurrent = useWorkspace((state) => state.reportCurrent);
  return (
    <>
      {pending > 0 && <p className="notice notice-warning" role="status" data-testid="provisional">{t('reading.provisional', { pending })}</p>}
      {!reportCurrent && <p className="notice notice-info" role="status" data-testid="report-pending">{t('report.pending')}</p>}
    </>
  );
}

// The printable 补正通知 of the open dossier: the export's notice page (export/review-sheet-pdf.ts)
// alone, in the bureau's Chinese whatever the interface language, saved through the host.
import { getHost } from '../../platform/host';
import { collectOpenDossier } from '../../state/export-collect';
import { downloadName, loadBundledFont } from '../export/export-dossier';

export const NOTICE_FILE_NAME = '补正通知.pdf';

/** Produces the notice PDF and saves it; the saved path, or null when the reviewer cancelled the dialog. */
export async function printSupplementNotice(): Promise<string | null> {
  const dossiers = await collectOpenDossier();
  if (dossiers.length === 0) return null;
  const now = new Date();
  const { renderSupplementNoticePdf } = await import('../../export/review-sheet-pdf');
  const bytes = await renderSupplementNoticePdf(dossiers, { font: await loadBundledFont(), created: now });
  const result = await getHost().saveExport({
    suggestedName: downloadName(NOTICE_FILE_NAME, dossiers, now), bytes, filters: [{ name: 'PDF', extensions: ['pdf'] }],
  });
  if (!result.ok) throw new Error(result.error.message);
  return result.value?.path ?? null;
}

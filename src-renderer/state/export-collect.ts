// The open dossier as the export helper wants it (core/export ExportDossier): manifest, the
// reviewer's review, the engine's report, extractions, source files and the store's audit log.
import { exportProfileInfo } from '../core/export/profile-info';
import type { ExportDossier } from '../core/export/model';
import { loadProfile } from './profiles';
import { useWorkspace } from './workspace';

export async function collectOpenDossier(): Promise<ExportDossier[]> {
  const { open, report } = useWorkspace.getState();
  if (!open) return [];
  if (!report) throw new Error('the check report is not ready yet');
  const profile = await loadProfile(open.manifest.program);
  return [{
    dossierId: open.id,
    manifest: open.manifest,
    profile: exportProfileInfo(profile),
    reviews: [open.review],
    report,
    panel: null,
    extractions: open.documents.flatMap((document) => (document.extraction ? [document.extraction] : [])),
    files: open.documents.map((document) => ({ file: document.path, kind: document.kind, sha256: document.sha256, size: document.size })),
    auditLog: open.review.auditLog,
  }];
}

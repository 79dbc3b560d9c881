// The formal pre-review as the export shows it: the completeness of each material item and the
// 补正通知 (supplement notice), from the host's pre-review with the files read by content where it
// has one, else from the check report's own (manifest kinds and the reviewer's corrections).
import type { ExportDossier } from './model';

export interface ExportMaterialRow {
  item: string;
  label: string;
  clause: string;
  status: 'present' | 'missing' | 'doubtful' | 'not-required';
  files: string[];
  checks: { ok: boolean | null; message: string }[];
}

export interface ExportNoticeRow {
  item: string;
  label: string;
  clause: string;
  action: 'supply' | 'correct';
  message: string;
}

export const MATERIAL_STATUS_LABELS = { present: '齐全', missing: '缺少', doubtful: '存疑', 'not-required': '无需提供' } as const;
export const NOTICE_ACTION_LABELS = { supply: '补充提供', correct: '补正' } as const;

function labelOf(dossier: ExportDossier, item: string): string {
  return dossier.profile?.checklist.find((entry) => entry.id === item)?.label ?? item;
}

export function exportMaterials(dossier: ExportDossier): ExportMaterialRow[] {
  if (dossier.prereview) {
    return dossier.prereview.materials.map((status) => ({
      item: status.item, label: status.label.zh, clause: status.clause, status: status.status,
      files: status.files.map((file) => (file.pageCount && file.pageCount > 1 ? `${file.file}（${file.pageCount}页）` : file.file)),
      checks: status.checks.map((check) => ({ ok: check.ok, message: check.zh })),
    }));
  }
  return (dossier.report.materials ?? []).map((status) => ({
    item: status.item, label: labelOf(dossier, status.item), clause: status.clause, status: status.status, files: status.files,
    checks: status.checks.map((check) => ({ ok: check.ok, message: check.message })),
  }));
}

export function exportNotice(dossier: ExportDossier): ExportNoticeRow[] {
  if (dossier.prereview) {
    return dossier.prereview.notice.map((entry) => ({ item: entry.item, label: entry.label.zh, clause: entry.clause, action: entry.action, message: entry.zh }));
  }
  return (dossier.report.supplementNotice ?? []).map((entry) => ({ item: entry.item, label: labelOf(dossier, entry.item), clause: entry.clause, action: entry.action, message: entry.message }));
}

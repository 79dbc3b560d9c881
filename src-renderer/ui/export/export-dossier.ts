// What the export buttons (export-xlsx, export-json, export-pdf) call: produce the files of a format
// from assembled dossiers and save each through the host (a save dialog in Electron, a download in
// web mode). The review-sheet font is fetched from the app's own vendor assets, never the network.
// The writers (exceljs, pdfkit and its fonts) are loaded on the first export, not with the window.
import { getHost } from '../../platform/host';
import { assetUrl } from '../../platform/assets';
import { webCryptoHasher } from '../../platform/hasher';
import type { HostApi } from '../../../src-main/shared/contract';
import type { ExportDossier } from '../../core/export/model';
import { localIsoTime } from '../../core/local-time';
import { CJK_FONT_ASSET } from '../../export/fonts';
import type { ExportEnvironment, ExportFormat } from '../../export/produce';
import { exportVersions } from '../../export/versions';

const FILTERS: Record<string, { name: string; extensions: string[] }> = {
  xlsx: { name: 'Excel 工作簿', extensions: ['xlsx'] },
  csv: { name: 'CSV（UTF-8）', extensions: ['csv'] },
  pdf: { name: 'PDF', extensions: ['pdf'] },
  json: { name: '审查结果包（JSON）', extensions: ['json'] },
};

let fontBytes: Promise<Uint8Array> | null = null;

/** The Noto Sans SC font, fetched once from resources/vendor/fonts. */
export function loadBundledFont(): Promise<Uint8Array> {
  fontBytes ??= fetch(assetUrl(CJK_FONT_ASSET)).then(async (response) => {
    if (!response.ok) throw new Error(`the review-sheet font ${CJK_FONT_ASSET} is missing (HTTP ${response.status}); run npm run build`);
    return new Uint8Array(await response.arrayBuffer());
  });
  fontBytes.catch(() => { fontBytes = null; });
  return fontBytes;
}

export interface ExportOutcome {
  /** Where each file went (download names in web mode); empty when the user cancelled. */
  saved: string[];
  cancelled: boolean;
}

export interface ExportDependencies {
  host?: HostApi;
  environment?: Partial<ExportEnvironment>;
}

/** Characters no file system takes in a name, control and bidirectional formatting characters among them. */
function isUnsafeInName(character: string): boolean {
  const code = character.codePointAt(0)!;
  return '\\/:*?"<>|'.includes(character) || code < 0x20 || code === 0x7f
    || (code >= 0x200b && code <= 0x200f) || (code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069) || code === 0xfeff;
}

/**
 * The name a saved export suggests: the kind of file, whose dossier (the applicant, or how many
 * dossiers) and when, so that exports of different dossiers or times never take each other's name:
 * 审查结果-深圳市某某科技有限公司-20241020-1005.xlsx.
 */
export function downloadName(file: string, dossiers: ExportDossier[], now: Date): string {
  const dot = file.lastIndexOf('.');
  const [stem, extension] = dot > 0 ? [file.slice(0, dot), file.slice(dot)] : [file, ''];
  const pad = (value: number) => String(value).padStart(2, '0');
  const stamp = `${now.getFullYear()}${pad(now.getMonth() + 1)}${pad(now.getDate())}-${pad(now.getHours())}${pad(now.getMinutes())}`;
  const applicant = dossiers.length === 1 ? (dossiers[0]!.manifest.applicant.name || '未命名申报') : `${dossiers.length}份申报`;
  const who = Array.from(applicant).filter((character) => !isUnsafeInName(character)).join('').replace(/\s+/g, ' ').trim().slice(0, 60) || '申报';
  return `${stem}-${who}-${stamp}${extension}`;
}

/** Produces the files of `format` for the dossiers and saves them through the host. Throws with a readable message on failure. */
export async function exportDossiers(format: ExportFormat, dossiers: ExportDossier[], dependencies: ExportDependencies = {}): Promise<ExportOutcome> {
  if (dossiers.length === 0) throw new Error('nothing to export: no dossier is open');
  const now = dependencies.environment?.now ?? new Date();
  const environment: ExportEnvironment = {
    hasher: webCryptoHasher,
    loadFont: loadBundledFont,
    versions: exportVersions(),
    now,
    nowIso: localIsoTime(now),
    ...dependencies.environment,
  };
  const host = dependencies.host ?? getHost();
  const { produceExport } = await import('../../export/produce');
  const files = await produceExport(format, dossiers, environment);
  const saved: string[] = [];
  for (const file of files) {
    const result = await host.saveExport({ suggestedName: downloadName(file.file, dossiers, now), bytes: file.bytes, filters: [FILTERS[format]!] });
    if (!result.ok) throw new Error(result.error.message);
    if (result.value === null) return { saved, cancelled: true };
    saved.push(result.value.path);
  }
  return { saved, cancelled: false };
}

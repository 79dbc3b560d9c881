// What the export buttons (export-xlsx, export-json, export-pdf) call: produce the files of a format
// from assembled dossiers and save each through the host (a save dialog in Electron, a download in
// web mode). The review-sheet font is fetched from the app's own vendor assets, never the network.
import { getHost } from '../../platform/host';
import { assetUrl } from '../../platform/assets';
import { webCryptoHasher } from '../../platform/hasher';
import type { HostApi } from '../../../src-main/shared/contract';
import type { ExportDossier } from '../../core/export/model';
import { CJK_FONT_ASSET } from '../../export/review-sheet-pdf';
import { produceExport, type ExportEnvironment, type ExportFormat } from '../../export/produce';
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

/** ISO 8601 with the local offset, e.g. 2024-10-22T09:00:00+08:00. */
export function localIsoTime(date: Date): string {
  const offset = -date.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  const pad = (value: number) => String(Math.trunc(Math.abs(value))).padStart(2, '0');
  const local = new Date(date.getTime() + offset * 60_000).toISOString().slice(0, 19);
  return `${local}${sign}${pad(offset / 60)}:${pad(offset % 60)}`;
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
  const files = await produceExport(format, dossiers, environment);
  const saved: string[] = [];
  for (const file of files) {
    const result = await host.saveExport({ suggestedName: file.file, bytes: file.bytes, filters: [FILTERS[format]!] });
    if (!result.ok) throw new Error(result.error.message);
    if (result.value === null) return { saved, cancelled: true };
    saved.push(result.value.path);
  }
  return { saved, cancelled: false };
}

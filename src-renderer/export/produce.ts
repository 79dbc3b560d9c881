// Produces the files of one export format from assembled dossiers; the same function serves the
// command line (which writes them to disk) and the app (which saves them through the host).
import type { Hasher } from '../core/ports';
import type { ExportDossier, ExportVersions } from '../core/export/model';
import { buildExportSheets, cutsTable, summaryTable } from '../core/export/tables';
import { sheetToCsvBytes } from '../core/export/csv';
import { buildDossierPackage, serializeDossierPackage, type ExportedFile } from '../core/export/package';
import { strToU8 } from 'fflate';
import { writeXlsx, XLSX_MEDIA_TYPE } from './xlsx';
import { PDF_MEDIA_TYPE, renderReviewSheetsPdf } from './review-sheet-pdf';

export const EXPORT_FORMATS = ['xlsx', 'csv', 'json', 'pdf'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const CSV_MEDIA_TYPE = 'text/csv;charset=utf-8';
export const JSON_MEDIA_TYPE = 'application/json';

/** Default file names; the command line replaces them with --out. */
export const EXPORT_FILE_NAMES = {
  xlsx: '审查结果.xlsx',
  summaryCsv: '汇总.csv',
  cutsCsv: '核减明细.csv',
  pdf: '评审意见表.pdf',
  json: '审查结果包.json',
} as const;

export interface ExportEnvironment {
  hasher: Hasher;
  /** The CJK TrueType font for the review sheet (read from disk in Node, fetched in the app). */
  loadFont: () => Promise<Uint8Array>;
  versions: ExportVersions;
  /** The export time (workbook and PDF dates, package createdAt). */
  now: Date;
  /** The same time as an ISO 8601 string with offset, for the package. */
  nowIso: string;
}

export function isExportFormat(value: string): value is ExportFormat {
  return (EXPORT_FORMATS as readonly string[]).includes(value);
}

async function workbookFile(dossiers: ExportDossier[], env: ExportEnvironment): Promise<ExportedFile> {
  return { file: EXPORT_FILE_NAMES.xlsx, mediaType: XLSX_MEDIA_TYPE, bytes: await writeXlsx(buildExportSheets(dossiers), { created: env.now }) };
}

function csvFiles(dossiers: ExportDossier[]): ExportedFile[] {
  return [
    { file: EXPORT_FILE_NAMES.summaryCsv, mediaType: CSV_MEDIA_TYPE, bytes: sheetToCsvBytes(summaryTable(dossiers)) },
    { file: EXPORT_FILE_NAMES.cutsCsv, mediaType: CSV_MEDIA_TYPE, bytes: sheetToCsvBytes(cutsTable(dossiers)) },
  ];
}

async function pdfFile(dossiers: ExportDossier[], env: ExportEnvironment): Promise<ExportedFile> {
  return { file: EXPORT_FILE_NAMES.pdf, mediaType: PDF_MEDIA_TYPE, bytes: await renderReviewSheetsPdf(dossiers, { font: await env.loadFont(), created: env.now }) };
}

/**
 * The files of one export: xlsx → the workbook; csv → the summary and the cuts; pdf → the review
 * sheets (one or more pages per dossier); json → the verifiable package, which embeds the workbook,
 * both CSVs and the review sheets with their SHA-256.
 */
export async function produceExport(format: ExportFormat, dossiers: ExportDossier[], env: ExportEnvironment): Promise<ExportedFile[]> {
  switch (format) {
    case 'xlsx':
      return [await workbookFile(dossiers, env)];
    case 'csv':
      return csvFiles(dossiers);
    case 'pdf':
      return [await pdfFile(dossiers, env)];
    case 'json': {
      const exports = [await workbookFile(dossiers, env), ...csvFiles(dossiers), await pdfFile(dossiers, env)];
      const pkg = await buildDossierPackage({ dossiers, exports, versions: env.versions, createdAt: env.nowIso }, env.hasher);
      return [{ file: EXPORT_FILE_NAMES.json, mediaType: JSON_MEDIA_TYPE, bytes: strToU8(serializeDossierPackage(pkg)) }];
    }
  }
}

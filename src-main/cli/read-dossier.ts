// Node host for dossier import: a folder, a .zip, or loose files on disk become the same
// {path, bytes} list the browser produces, and go through the same pure pipeline. Links are never
// followed; files over the size limit are not read; nothing is written anywhere.
import { lstat, readdir, readFile } from 'node:fs/promises';
import { basename, join, resolve, sep } from 'node:path';
import { importDossier, resolveLimits, type ImportInputFile, type ImportOptions, type ImportReport, type SheetRows } from '../../src-renderer/core/import';
import { type XlsxWorkbook, readWorkbookSheets } from '../../src-renderer/core/import/xlsx';
import { nodeHasher } from './adapters/hasher';

/** xlsx → rows of cell text, every sheet (exceljs, Node build; loaded only when a workbook is read). */
export async function readXlsxSheets(bytes: Uint8Array): Promise<SheetRows[]> {
  const { default: ExcelJS } = await import('exceljs');
  return readWorkbookSheets(bytes, new ExcelJS.Workbook() as unknown as XlsxWorkbook);
}

function toPortable(path: string): string {
  return path.split(sep).join('/');
}

/**
 * Collects the files under the given paths. One folder: its contents, relative to it. Otherwise
 * each path by its name (a folder among several keeps its name as the first segment).
 */
export async function collectDossierFiles(paths: string[], limits = resolveLimits(undefined)): Promise<ImportInputFile[]> {
  const files: ImportInputFile[] = [];
  const visit = async (absolute: string, shown: string): Promise<void> => {
    const stats = await lstat(absolute);
    if (stats.isSymbolicLink()) {
      files.push({ path: shown, size: 0, unread: 'link' });
      return;
    }
    if (stats.isDirectory()) {
      const entries = await readdir(absolute, { withFileTypes: true });
      entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      for (const entry of entries) await visit(join(absolute, entry.name), shown ? `${shown}/${entry.name}` : entry.name);
      return;
    }
    if (!stats.isFile()) {
      files.push({ path: shown, size: 0, unread: 'unreadable', reason: 'it is not a regular file' });
      return;
    }
    if (files.length >= limits.maxFiles) files.push({ path: shown, size: stats.size, unread: 'too-many' });
    else if (stats.size > limits.maxFileBytes) files.push({ path: shown, size: stats.size, unread: 'too-large' });
    else files.push({ path: shown, bytes: new Uint8Array(await readFile(absolute)) });
  };
  if (paths.length === 1 && (await lstat(resolve(paths[0]!))).isDirectory()) {
    await visit(resolve(paths[0]!), '');
  } else {
    for (const path of paths) await visit(resolve(path), toPortable(basename(resolve(path))));
  }
  return files;
}

export type DiskImportOptions = Omit<ImportOptions, 'hasher'> & Partial<Pick<ImportOptions, 'hasher'>>;

/** Reads a dossier from disk through the pure import pipeline. */
export async function readDossier(paths: string[], options: DiskImportOptions = {}): Promise<ImportReport> {
  const limits = resolveLimits(options.limits);
  const files = await collectDossierFiles(paths, limits);
  return importDossier(files, { readSpreadsheet: readXlsxSheets, ...options, hasher: options.hasher ?? nodeHasher });
}


// Browser side of dossier import: what the host picked (folder, zip, files) or what was dropped on
// the window becomes the {path, bytes} list of the pure pipeline; spreadsheets are read with
// exceljs (browser build, loaded on first use); hashing is WebCrypto.
import type { OpenedDossier } from '../../src-main/shared/contract';
import {
  importDossier, resolveLimits, type ImportInputFile, type ImportLimits, type ImportOptions, type ImportReport, type SheetRows,
} from '../core/import';
import { type XlsxWorkbook, readWorkbookSheets } from '../core/import/xlsx';
import { webCryptoHasher } from './hasher';

/** The host's reading (see platform/host.ts and the Electron main process) as pipeline input. */
export function inputFromOpenedDossier(opened: OpenedDossier): ImportInputFile[] {
  const files: ImportInputFile[] = opened.files.map((file) => ({ path: file.path, bytes: file.bytes }));
  for (const skipped of opened.skipped) {
    if (/symbolic link|shortcut|\blink\b/i.test(skipped.reason)) files.push({ path: skipped.path, size: 0, unread: 'link' });
    else if (/larger than|too large/i.test(skipped.reason)) files.push({ path: skipped.path, size: 0, unread: 'too-large', reason: skipped.reason });
    else files.push({ path: skipped.path, size: 0, unread: 'unreadable', reason: skipped.reason });
  }
  return files;
}

async function fromFile(file: File, path: string, limits: ImportLimits, count: number): Promise<ImportInputFile> {
  if (count >= limits.maxFiles) return { path, size: file.size, unread: 'too-many' };
  if (file.size > limits.maxFileBytes) return { path, size: file.size, unread: 'too-large' };
  try {
    return { path, bytes: new Uint8Array(await file.arrayBuffer()) };
  } catch (error) {
    return { path, size: file.size, unread: 'unreadable', reason: error instanceof Error ? error.message : String(error) };
  }
}

/** Files from an <input type=file> (with webkitdirectory, paths come from webkitRelativePath). */
export async function filesFromFileList(list: ArrayLike<File>, limits: Partial<ImportLimits> = {}): Promise<ImportInputFile[]> {
  const resolved = resolveLimits(limits);
  const files: ImportInputFile[] = [];
  for (const file of Array.from(list)) files.push(await fromFile(file, file.webkitRelativePath || file.name, resolved, files.length));
  return files;
}

function readAllEntries(directory: FileSystemDirectoryEntry): Promise<FileSystemEntry[]> {
  const reader = directory.createReader();
  const all: FileSystemEntry[] = [];
  return new Promise((resolve, reject) => {
    // readEntries returns at most ~100 entries per call; call until it returns none.
    const next = (): void => reader.readEntries((batch) => {
      if (batch.length === 0) resolve(all);
      else { all.push(...batch); next(); }
    }, reject);
    next();
  });
}

function entryFile(entry: FileSystemFileEntry): Promise<File> {
  return new Promise((resolve, reject) => entry.file(resolve, reject));
}

/**
 * Files and folders dropped on the app. Call it synchronously inside the drop handler: the
 * browser empties the DataTransfer once the event returns, so the entries are taken first.
 */
export function filesFromDataTransfer(dataTransfer: DataTransfer, limits: Partial<ImportLimits> = {}): Promise<ImportInputFile[]> {
  const resolved = resolveLimits(limits);
  const entries = Array.from(dataTransfer.items)
    .filter((item) => item.kind === 'file')
    .map((item) => item.webkitGetAsEntry())
    .filter((entry): entry is FileSystemEntry => entry !== null);
  const looseFiles = entries.length === 0 ? Array.from(dataTransfer.files) : [];
  return (async () => {
    const files: ImportInputFile[] = [];
    const visit = async (entry: FileSystemEntry, path: string, depth: number): Promise<void> => {
      if (entry.isDirectory) {
        if (depth > resolved.maxPathDepth) {
          files.push({ path, size: 0, unread: 'unreadable', reason: `nested deeper than ${resolved.maxPathDepth} folders` });
          return;
        }
        const children = await readAllEntries(entry as FileSystemDirectoryEntry);
        children.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
        for (const child of children) await visit(child, `${path}/${child.name}`, depth + 1);
        return;
      }
      try {
        files.push(await fromFile(await entryFile(entry as FileSystemFileEntry), path, resolved, files.length));
      } catch (error) {
        files.push({ path, size: 0, unread: 'unreadable', reason: error instanceof Error ? error.message : String(error) });
      }
    };
    for (const entry of entries) await visit(entry, entry.name, 0);
    for (const file of looseFiles) files.push(await fromFile(file, file.name, resolved, files.length));
    return files;
  })();
}

/** xlsx → rows of cell text, every sheet (exceljs browser build, loaded when first needed). */
export async function readXlsxSheetsInBrowser(bytes: Uint8Array): Promise<SheetRows[]> {
  const { default: ExcelJS } = await import('exceljs');
  return readWorkbookSheets(bytes, new ExcelJS.Workbook() as unknown as XlsxWorkbook);
}

/** The import pipeline with the browser's hasher and spreadsheet reader. */
export function importInBrowser(files: ImportInputFile[], options: Omit<ImportOptions, 'hasher'> = {}): Promise<ImportReport> {
  return importDossier(files, { readSpreadsheet: readXlsxSheetsInBrowser, ...options, hasher: webCryptoHasher });
}

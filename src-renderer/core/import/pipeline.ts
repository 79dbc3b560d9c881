// importDossier: files in → path-checked, archives opened under limits, hashed before anything
// parses them, sniffed, checked by structure, classified, claims read → one report in which every
// file has its outcome and its problems. Pure: bytes come from the host, hashing and spreadsheet
// reading and extraction go through callbacks.
import { strToU8 } from 'fflate';
import { canonicalJson } from '../audit/canonical-json';
import type { Hasher } from '../ports';
import type { DocumentKind, DossierManifest, FileExtraction, ManifestClaim } from '../types';
import { classifyByContent, classifyByName, classifyByType, type KindSource } from './classify';
import {
  detectClaimColumns, locateClaimTable, readClaimTable, type ClaimColumn, type ClaimColumnMapping, type SheetRows, type SpreadsheetReader,
} from './claims';
import { parseCsv } from './csv';
import { readJpegHeader, readPngHeader, readWebpHeader } from './image-header';
import { formatBytes, resolveLimits, type ImportLimits } from './limits';
import { parseManifest } from './manifest';
import { baseName, checkRelativePath, extensionOf, isSystemClutter } from './paths';
import { inspectPdf, type PdfStructure } from './pdf-structure';
import { problem, type ImportProblem, type ImportProblemCode } from './problems';
import { contentMatchesType, describeContent, howToImport, sniffContent, typeFromExtension, type FileType } from './sniff';
import { decodeText } from './text-decoding';
import { listZipNames, readZip } from './zip';

/**
 * A dossier's id: the SHA-256 of the canonical JSON of its manifest and of its files' paths and
 * hashes (sorted by path). Import names a dossier by it; verify recomputes it from a package.
 */
export function computeDossierId(hasher: Hasher, manifest: DossierManifest, files: readonly { path: string; sha256: string }[]): Promise<string> {
  return hasher.sha256(strToU8(canonicalJson(dossierIdContent(manifest, files))));
}

/** What a dossier's id is the SHA-256 of (as canonical JSON): its manifest and its files' paths and hashes in path order. */
export function dossierIdContent(manifest: DossierManifest, files: readonly { path: string; sha256: string }[]): { manifest: DossierManifest; files: string[][] } {
  return { manifest, files: files.map((file) => [file.path, file.sha256]).sort((a, b) => (a[0]! < b[0]! ? -1 : 1)) };
}

/** A file handed over by the host: its bytes, or why the host did not read them. */
export type ImportInputFile =
  | { path: string; bytes: Uint8Array }
  | { path: string; size: number; unread: 'too-large' | 'too-many' | 'link' | 'unreadable'; reason?: string };

export interface ExtractorInput {
  path: string;
  bytes: Uint8Array;
  sha256: string;
  type: FileType;
  pdf?: PdfStructure;
}
export type Extractor = (file: ExtractorInput) => Promise<FileExtraction>;

export interface ImportProgress {
  /**
   * What is counted: `inflate` entries of an archive inflated, `files` files checked (the import's
   * own count), `claims` rows of the declared list parsed.
   */
  stage: 'inflate' | 'files' | 'claims';
  done: number;
  total: number;
  /** The file being worked on, null once finished. */
  current: string | null;
}

export interface ClaimMappingChoice {
  file: string;
  sheetIndex?: number;
  headerRow?: number;
  mapping: ClaimColumnMapping;
}

export interface ImportOptions {
  hasher: Hasher;
  limits?: Partial<ImportLimits>;
  /** xlsx → rows; without it claim lists in xlsx are reported as unread. */
  readSpreadsheet?: SpreadsheetReader;
  /** Invoice extraction for pdf, ofd, xml, jpg and png; failures are reported for their file. */
  extractor?: Extractor;
  /** Files handed to the extractor at once (default 1; a host reading on several threads gives more). */
  extractConcurrency?: number;
  onProgress?: (progress: ImportProgress) => void;
  /** An AbortSignal or anything with `aborted`. */
  signal?: { readonly aborted: boolean };
  /** The reviewer's correction of the claim-list columns. */
  claimMapping?: ClaimMappingChoice;
  /** For dossiers without dossier.json. */
  program?: string;
  applicantName?: string;
}

export interface ImportedDocument {
  path: string;
  sha256: string;
  size: number;
  type: FileType;
  kind: DocumentKind;
  kindSource: KindSource;
  bytes: Uint8Array;
  /** The archive this file came out of. */
  fromArchive?: string;
  /** The same bytes were imported earlier under this name; stored once. */
  duplicateOf?: string;
  image?: { width: number; height: number };
  pdf?: PdfStructure;
  /** Encrypted PDF: kept and marked; no text is read from it. */
  encrypted?: boolean;
  extraction?: FileExtraction;
  problems: ImportProblem[];
}

export interface RejectedFile {
  path: string;
  size: number;
  /** Present when the bytes were read. */
  sha256?: string;
  fromArchive?: string;
  problems: ImportProblem[];
}

export interface ClaimTableInfo {
  file: string;
  sheet: string | null;
  sheetIndex: number;
  headerRow: number;
  headers: string[];
  mapping: ClaimColumnMapping;
  amountColumn: ClaimColumn | null;
  unmappedHeaders: string[];
  /** All rows of the sheet, so the mapping can be corrected and read again with readClaimTable. */
  rows: string[][];
  sheets: string[];
}

export interface ImportReport {
  /** SHA-256 over the manifest and the sorted (path, hash) list. */
  dossierId: string;
  manifest: DossierManifest;
  manifestSource: 'dossier.json' | 'inferred';
  documents: ImportedDocument[];
  rejected: RejectedFile[];
  claimTable: ClaimTableInfo | null;
  /** Every problem, file by file, in the order the files were met. */
  problems: ImportProblem[];
  cancelled: boolean;
  stats: { files: number; imported: number; rejected: number; bytes: number; inflatedBytes: number };
}

interface Candidate {
  path: string;
  bytes: Uint8Array;
  fromArchive?: string;
}

const EXTRACTABLE: FileType[] = ['pdf', 'ofd', 'xml', 'jpg', 'png', 'webp'];
const MANIFEST_NAME = 'dossier.json';

class Collector {
  readonly candidates: Candidate[] = [];
  readonly rejected: RejectedFile[] = [];
  readonly paths = new Set<string>();
  inflatedBytes = 0;

  constructor(readonly onProgress?: (progress: ImportProgress) => void) {}

  reject(path: string, size: number, code: ImportProblemCode, message: string, fromArchive?: string): void {
    const entry: RejectedFile = { path, size, problems: [problem(path, code, 'error', message)] };
    if (fromArchive) entry.fromArchive = fromArchive;
    this.rejected.push(entry);
  }
}

/** When every path sits in one top folder (a zipped or picked folder), that folder is the root. */
function stripCommonFolder<T extends { path: string }>(files: T[]): T[] {
  if (files.length === 0) return files;
  const first = files[0]!.path.split('/')[0]!;
  if (!files.every((file) => file.path.includes('/') && file.path.split('/')[0] === first)) return files;
  return files.map((file) => ({ ...file, path: file.path.slice(first.length + 1) }));
}

function isArchive(path: string, bytes: Uint8Array): boolean {
  return extensionOf(path) === 'zip' && sniffContent(bytes) === 'zip';
}

function expandArchive(archivePath: string, bytes: Uint8Array, depth: number, prefix: string, limits: ImportLimits, out: Collector): void {
  if (depth > limits.maxArchiveDepth) {
    out.reject(archivePath, bytes.length, 'archive-too-deep', `it is an archive inside an archive; archives nested more than ${limits.maxArchiveDepth} level deep are not opened`);
    return;
  }
  const read = readZip(bytes, limits, true, out.onProgress && ((done, total) => out.onProgress!({ stage: 'inflate', done, total, current: archivePath })));
  if (!read.ok) {
    out.reject(archivePath, bytes.length, read.code, read.reason);
    return;
  }
  out.inflatedBytes += read.inflatedBytes;
  // Clutter (__MACOSX/, .DS_Store) goes first, so that it does not hide a single top folder.
  const entries = read.entries.map((entry) => ({ ...entry, path: entry.name.replace(/\\/g, '/') })).filter((entry) => !isSystemClutter(entry.path));
  for (const entry of prefix === '' ? stripCommonFolder(entries) : entries) {
    const checked = checkRelativePath(entry.path, limits);
    const shownName = checked.ok ? `${prefix}${checked.path}` : `${prefix}${entry.name}`;
    if (!checked.ok) {
      out.reject(shownName, entry.ok ? entry.bytes.length : 0, checked.code, `${checked.reason} (inside ${archivePath})`, archivePath);
      continue;
    }
    if (!entry.ok) {
      out.reject(shownName, 0, entry.code, entry.reason, archivePath);
      continue;
    }
    addCandidate({ path: shownName, bytes: entry.bytes, fromArchive: archivePath }, depth, limits, out);
  }
}

function addCandidate(candidate: Candidate, depth: number, limits: ImportLimits, out: Collector): void {
  if (out.paths.has(candidate.path)) {
    out.reject(candidate.path, candidate.bytes.length, 'path-invalid', 'another file in the dossier already has this name', candidate.fromArchive);
    return;
  }
  out.paths.add(candidate.path);
  if (candidate.bytes.length > 0 && isArchive(candidate.path, candidate.bytes)) {
    expandArchive(candidate.path, candidate.bytes, depth + 1, `${candidate.path}/`, limits, out);
    return;
  }
  out.candidates.push(candidate);
}

function collect(files: ImportInputFile[], limits: ImportLimits, onProgress?: (progress: ImportProgress) => void): Collector {
  const out = new Collector(onProgress);
  const checked: ImportInputFile[] = [];
  for (const file of files) {
    const result = checkRelativePath(file.path, limits);
    if (!result.ok) {
      out.reject(file.path, 'bytes' in file ? file.bytes.length : file.size, result.code, result.reason);
      continue;
    }
    if (!isSystemClutter(result.path)) checked.push({ ...file, path: result.path });
  }
  const roots = stripCommonFolder(checked);
  if (roots.length === 1 && 'bytes' in roots[0]! && isArchive(roots[0].path, roots[0].bytes)) {
    // A dossier delivered as one .zip: its contents are the dossier, exactly as if the folder had
    // been given, so an archive inside it is at the same depth as in the folder.
    const only = roots[0];
    out.paths.add(only.path);
    expandArchive(only.path, only.bytes, 0, '', limits, out);
    return out;
  }
  for (const file of roots) {
    if (!('bytes' in file)) {
      const [code, message]: [ImportProblemCode, string] = {
        'too-large': ['too-large', file.size > 0
          ? `it is ${formatBytes(file.size)}, over the ${formatBytes(limits.maxFileBytes)} limit for one file; it was not read`
          : `it was not read: ${file.reason ?? 'it is over the size limit for one file'}`],
        'too-many': ['too-many-files', `the dossier holds more than ${limits.maxFiles} files; the files after that were not read`],
        link: ['link', 'it is a symbolic link or shortcut; links are never followed or imported'],
        unreadable: ['unreadable', `it could not be read${file.reason ? `: ${file.reason}` : ''}`],
      }[file.unread] as [ImportProblemCode, string];
      out.reject(file.path, file.size, code, message);
      continue;
    }
    addCandidate({ path: file.path, bytes: file.bytes }, 0, limits, out);
  }
  return out;
}

interface Checked {
  type: FileType;
  image?: { width: number; height: number };
  pdf?: PdfStructure;
  warnings: ImportProblem[];
  text?: string;
  csvRows?: string[][];
}

type CheckOutcome = { ok: true; value: Checked } | { ok: false; code: ImportProblemCode; message: string };

function checkContent(path: string, bytes: Uint8Array, limits: ImportLimits): CheckOutcome {
  const extension = extensionOf(path);
  const type = typeFromExtension(extension);
  const content = sniffContent(bytes);
  if (!type) {
    return { ok: false, code: 'unsupported-type', message: `${extension ? `.${extension} files are` : 'a file without an extension is'} not read (content: ${describeContent(content)})${howToImport(content)}; accepted are pdf, ofd, xml, jpg, png, webp, csv, xlsx` };
  }
  if (!contentMatchesType(type, content)) {
    return { ok: false, code: 'type-mismatch', message: `it is named .${extension} but its content is ${describeContent(content)}${howToImport(content)}` };
  }
  const warnings: ImportProblem[] = [];
  switch (type) {
    case 'pdf': {
      const inspected = inspectPdf(bytes);
      if (!inspected.ok) return { ok: false, code: inspected.code, message: `the PDF is unusable: ${inspected.reason}` };
      const structure = inspected.structure;
      if (structure.encrypted) {
        warnings.push(problem(path, 'pdf-encrypted', 'warning', 'the PDF is encrypted: it is kept and marked, but no text is read from it; ask the applicant for an unprotected copy'));
      }
      for (const font of structure.invalidFonts) {
        const name = font.fontName === undefined ? '' : ` "${font.fontName}"`;
        const where = font.inObjectStream ? `, described in compressed object stream ${font.inObjectStream}` : '';
        warnings.push(problem(path, 'pdf-font-invalid', 'warning', `embedded font program${name} (object ${font.object}, ${font.kind}${where}) is not a valid font: ${font.reason}; it is never loaded, text may read poorly`));
      }
      for (const stream of structure.uninspectedObjectStreams) {
        warnings.push(problem(path, 'pdf-corrupt', 'warning', `compressed object stream ${stream.object} was not inspected: ${stream.reason}; fonts and active content described in it were not checked`));
      }
      if (structure.activeContent.length > 0) {
        warnings.push(problem(path, 'pdf-active-content', 'warning', `the PDF carries ${structure.activeContent.join(', ')}; it is never run`));
      }
      return { ok: true, value: { type, pdf: structure, warnings } };
    }
    case 'png': case 'jpg': case 'webp': {
      const header = type === 'png' ? readPngHeader(bytes) : type === 'webp' ? readWebpHeader(bytes) : readJpegHeader(bytes);
      if (!header.ok) return { ok: false, code: 'image-corrupt', message: header.reason };
      const pixels = header.width * header.height;
      if (pixels > limits.maxImagePixels) {
        return { ok: false, code: 'image-too-large', message: `the image is ${header.width}×${header.height} pixels (${Math.round(pixels / 1_000_000)} megapixels), over the ${Math.round(limits.maxImagePixels / 1_000_000)} megapixel limit; it was not decoded` };
      }
      return { ok: true, value: { type, image: { width: header.width, height: header.height }, warnings } };
    }
    case 'ofd': case 'xlsx': {
      const names = listZipNames(bytes, limits);
      const marker = type === 'ofd' ? 'OFD.xml' : '[Content_Types].xml';
      if (names && !names.some((name) => name === marker || name.endsWith(`/${marker}`))) {
        return { ok: false, code: 'type-mismatch', message: `it is named .${extension} but the zip container holds no ${marker}` };
      }
      const inflated = readZip(bytes, limits, false);
      if (!inflated.ok) return { ok: false, code: inflated.code, message: `the ${type.toUpperCase()} container is unusable: ${inflated.reason}` };
      const bad = inflated.entries.find((entry) => !entry.ok);
      if (bad && !bad.ok) return { ok: false, code: bad.code, message: `the ${type.toUpperCase()} container is unusable: part "${bad.name}": ${bad.reason}` };
      return { ok: true, value: { type, warnings } };
    }
    case 'xml': {
      const { text } = decodeText(bytes);
      if (!/^\s*</.test(text)) return { ok: false, code: 'type-mismatch', message: 'it is named .xml but its content is not XML' };
      if (/<!ENTITY/i.test(text)) {
        return { ok: false, code: 'unsupported-type', message: 'the XML declares entities (<!ENTITY>), which e-invoices never do; refused so that nothing expands them' };
      }
      if (/<!DOCTYPE[^>]*\b(SYSTEM|PUBLIC)\b/i.test(text)) {
        return { ok: false, code: 'unsupported-type', message: 'the XML refers to an external document type (<!DOCTYPE … SYSTEM>), which e-invoices never do; refused so that nothing is fetched' };
      }
      return { ok: true, value: { type, warnings, text } };
    }
    case 'csv':
      return { ok: true, value: { type, warnings, csvRows: parseCsv(bytes).rows } };
    case 'json':
      if (path !== MANIFEST_NAME) return { ok: false, code: 'unsupported-type', message: `only ${MANIFEST_NAME} at the dossier's root is read; other JSON files are not part of a dossier` };
      return { ok: true, value: { type, warnings, text: decodeText(bytes).text } };
    case 'zip':
      return { ok: false, code: 'archive-unsupported', message: 'the archive could not be opened' };
  }
}

function claimFileRank(document: ImportedDocument): number {
  const name = baseName(document.path).toLowerCase();
  if (name === 'claims.csv' || name === 'claims.xlsx') return document.path.includes('/') ? 1 : 0;
  return document.kind === 'revenue-list' ? 2 : 3;
}

async function readClaimsFromTables(
  documents: ImportedDocument[], csvRows: Map<string, string[][]>, options: ImportOptions, problems: ImportProblem[],
): Promise<{ claims: ManifestClaim[]; table: ClaimTableInfo | null }> {
  const tables = documents.filter((d) => (d.type === 'csv' || d.type === 'xlsx') && !d.duplicateOf)
    .sort((a, b) => claimFileRank(a) - claimFileRank(b) || a.path.localeCompare(b.path));
  const chosen = options.claimMapping ? tables.filter((d) => d.path === options.claimMapping!.file) : tables;
  for (const document of chosen) {
    let sheets: SheetRows[];
    if (document.type === 'csv') sheets = [{ name: '', rows: csvRows.get(document.path) ?? [] }];
    else if (!options.readSpreadsheet) {
      document.problems.push(problem(document.path, 'claims-invalid', 'warning', 'the workbook was not read: this host has no spreadsheet reader'));
      continue;
    } else {
      try {
        sheets = await options.readSpreadsheet(document.bytes);
      } catch (error) {
        document.problems.push(problem(document.path, 'claims-invalid', 'warning', `the workbook could not be read: ${error instanceof Error ? error.message : String(error)}`));
        continue;
      }
    }
    const choice = options.claimMapping;
    let located = choice
      ? { sheetIndex: choice.sheetIndex ?? 0, headerRow: choice.headerRow ?? 0, mapping: choice.mapping }
      : locateClaimTable(sheets);
    if (!located) {
      // A claims file whose headers were not recognised is still offered, so the reviewer can map it.
      if (claimFileRank(document) > 2 || tables.some((other) => other !== document && claimFileRank(other) < claimFileRank(document))) continue;
      located = { sheetIndex: 0, headerRow: 0, mapping: detectClaimColumns(sheets[0]?.rows[0] ?? []) };
    }
    const sheet = sheets[located.sheetIndex];
    if (!sheet) {
      document.problems.push(problem(document.path, 'claims-invalid', 'warning', `the workbook has no sheet ${located.sheetIndex + 1}`));
      continue;
    }
    if (document.kindSource !== 'manifest' && document.kind === 'other') {
      document.kind = 'revenue-list';
      document.kindSource = 'content';
    }
    const rowCount = Math.max(0, sheet.rows.length - located.headerRow - 1);
    options.onProgress?.({ stage: 'claims', done: 0, total: rowCount, current: document.path });
    const read = readClaimTable(sheet.rows, located.headerRow, located.mapping, document.path);
    options.onProgress?.({ stage: 'claims', done: rowCount, total: rowCount, current: document.path });
    document.problems.push(...read.problems);
    return {
      claims: read.claims,
      table: {
        file: document.path, sheet: sheet.name || null, sheetIndex: located.sheetIndex, headerRow: located.headerRow,
        headers: sheet.rows[located.headerRow] ?? [], mapping: located.mapping, amountColumn: read.amountColumn,
        unmappedHeaders: read.unmappedHeaders, rows: sheet.rows, sheets: sheets.map((s) => s.name),
      },
    };
  }
  if (options.claimMapping && chosen.length === 0) {
    problems.push(problem(options.claimMapping.file, 'claims-invalid', 'warning', 'the file chosen for the claim list is not a CSV or XLSX in this dossier'));
  }
  return { claims: [], table: null };
}

function stem(path: string): string {
  const dot = path.lastIndexOf('.');
  return dot > path.lastIndexOf('/') + 1 ? path.slice(0, dot) : path;
}

/** By path without extension, then the whole path: "002.pdf" comes before "002-copy.pdf". */
export function compareDossierPaths(a: { path: string }, b: { path: string }): number {
  const byStem = stem(a.path) < stem(b.path) ? -1 : stem(a.path) > stem(b.path) ? 1 : 0;
  return byStem || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
}

/** Runs the extractor on one document; its errors become the document's warnings. */
async function extractInto(document: ImportedDocument, input: ExtractorInput, extractor: Extractor): Promise<void> {
  try {
    const extraction = await extractor(input);
    document.extraction = extraction;
    for (const error of extraction.errors) {
      document.problems.push(problem(document.path, 'extract-failed', 'warning', `${error.message} (${error.code})`));
    }
  } catch (error) {
    document.problems.push(problem(document.path, 'extract-failed', 'warning', `invoice fields could not be read: ${error instanceof Error ? error.message : String(error)}`));
  }
}

function cancelledBy(options: ImportOptions): boolean {
  return options.signal?.aborted === true;
}

/**
 * Imports a dossier. Never throws for bad input: every file ends up in `documents` (with warnings)
 * or in `rejected` (with the reason), and the rest of the dossier is imported.
 */
export async function importDossier(files: ImportInputFile[], options: ImportOptions): Promise<ImportReport> {
  const limits = resolveLimits(options.limits);
  const collected = collect(files, limits, options.onProgress);
  const { candidates, rejected } = collected;
  // Hosts list files in different orders; a fixed order makes reports (and which of two equal
  // files counts as the original) the same everywhere.
  candidates.sort(compareDossierPaths);
  if (candidates.length > limits.maxFiles) {
    for (const candidate of candidates.splice(limits.maxFiles)) {
      const entry: RejectedFile = { path: candidate.path, size: candidate.bytes.length, problems: [problem(candidate.path, 'too-many-files', 'error', `the dossier holds more than ${limits.maxFiles} files; the files after that were not imported`)] };
      rejected.push(entry);
    }
  }
  const total = candidates.length;
  const documents: ImportedDocument[] = [];
  const byHash = new Map<string, ImportedDocument>();
  const csvRows = new Map<string, string[][]>();
  const xmlText = new Map<string, string>();
  let manifestText: string | null = null;
  let cancelled = false;
  let bytes = 0;
  const extracting = new Set<Promise<void>>();
  const extractLanes = Math.max(1, options.extractConcurrency ?? 1);

  for (let index = 0; index < candidates.length; index++) {
    const candidate = candidates[index]!;
    options.onProgress?.({ stage: 'files', done: index, total, current: candidate.path });
    if (cancelledBy(options)) { cancelled = true; break; }
    const reject = (code: ImportProblemCode, message: string, sha256?: string): void => {
      const entry: RejectedFile = { path: candidate.path, size: candidate.bytes.length, problems: [problem(candidate.path, code, 'error', message)] };
      if (sha256) entry.sha256 = sha256;
      if (candidate.fromArchive) entry.fromArchive = candidate.fromArchive;
      rejected.push(entry);
    };
    if (candidate.bytes.length === 0) { reject('empty', 'the file is empty (0 bytes)'); continue; }
    if (candidate.bytes.length > limits.maxFileBytes) {
      reject('too-large', `it is ${formatBytes(candidate.bytes.length)}, over the ${formatBytes(limits.maxFileBytes)} limit for one file`);
      continue;
    }
    const sha256 = await options.hasher.sha256(candidate.bytes);
    bytes += candidate.bytes.length;
    const checked = checkContent(candidate.path, candidate.bytes, limits);
    if (!checked.ok) { reject(checked.code, checked.message, sha256); continue; }
    const { value } = checked;
    if (candidate.path === MANIFEST_NAME && value.type === 'json') {
      manifestText = value.text ?? '';
      continue;
    }
    const document: ImportedDocument = {
      path: candidate.path, sha256, size: candidate.bytes.length, type: value.type, kind: 'other', kindSource: 'default',
      bytes: candidate.bytes, problems: [...value.warnings],
    };
    if (candidate.fromArchive) document.fromArchive = candidate.fromArchive;
    if (value.image) document.image = value.image;
    if (value.pdf) {
      document.pdf = value.pdf;
      if (value.pdf.encrypted) document.encrypted = true;
    }
    if (value.csvRows) csvRows.set(candidate.path, value.csvRows);
    if (value.text && value.type === 'xml') xmlText.set(candidate.path, value.text);
    const original = byHash.get(sha256);
    if (original) {
      document.duplicateOf = original.path;
      document.problems.push(problem(candidate.path, 'duplicate', 'warning', `it has the same content as ${original.path}; the original is stored once`));
    } else {
      byHash.set(sha256, document);
    }
    if (options.extractor && EXTRACTABLE.includes(value.type) && !document.encrypted && !original) {
      const extractorInput: ExtractorInput = { path: document.path, bytes: document.bytes, sha256, type: document.type };
      if (document.pdf) extractorInput.pdf = document.pdf;
      const task = extractInto(document, extractorInput, options.extractor).finally(() => extracting.delete(task));
      extracting.add(task);
      if (extracting.size >= extractLanes) await Promise.race(extracting);
    }
    documents.push(document);
  }
  await Promise.all(extracting);
  for (const document of documents) {
    const original = document.duplicateOf === undefined ? undefined : byHash.get(document.sha256);
    if (original?.extraction) document.extraction = { ...original.extraction, file: document.path };
  }
  options.onProgress?.({ stage: 'files', done: cancelled ? documents.length + rejected.length : total, total, current: null });

  const problems: ImportProblem[] = [];
  let manifest: DossierManifest | null = null;
  if (manifestText !== null) {
    const parsed = parseManifest(manifestText);
    if (parsed.ok) {
      manifest = parsed.manifest;
      options.onProgress?.({ stage: 'claims', done: manifest.claims.length, total: manifest.claims.length, current: MANIFEST_NAME });
    }
    else {
      for (const error of parsed.errors) {
        problems.push(problem(MANIFEST_NAME, 'manifest-invalid', 'error', `${error}; the dossier is read without it (files classified by name and content)`));
      }
    }
  }

  const byPath = new Map(documents.map((document) => [document.path, document]));
  if (manifest) {
    for (const listed of manifest.documents) {
      const normalised = checkRelativePath(listed.file, limits);
      const document = normalised.ok ? byPath.get(normalised.path) : undefined;
      if (document) {
        document.kind = listed.kind;
        document.kindSource = 'manifest';
      } else {
        const why = rejected.some((r) => normalised.ok && r.path === normalised.path) ? 'the file was refused (see its own message)' : 'no such file in the dossier';
        problems.push(problem(MANIFEST_NAME, 'manifest-missing-file', 'warning', `documents lists "${listed.file}" (${listed.kind}) but ${why}`));
      }
    }
  }
  for (const document of documents) {
    if (document.kindSource === 'manifest') continue;
    const invoicesFound = document.extraction?.invoices.length ?? 0;
    const text = xmlText.get(document.path);
    const rows = csvRows.get(document.path);
    const claimHeaders = rows ? Math.max(0, ...rows.slice(0, 15).map((row) => Object.keys(locateClaimTable([{ name: '', rows: [row] }])?.mapping ?? {}).length)) : 0;
    const classification = classifyByName(document.path)
      ?? classifyByContent(document.type, { ...(text ? { text } : {}), claimHeaders, invoicesFound })
      ?? classifyByType(document.type);
    if (classification) {
      document.kind = classification.kind;
      document.kindSource = classification.source;
    }
  }

  const manifestFromFile = manifest !== null;
  let claimTable: ClaimTableInfo | null = null;
  if (!manifest) {
    const read = await readClaimsFromTables(documents, csvRows, options, problems);
    claimTable = read.table;
    manifest = {
      schema: 'dossier-desk/dossier@1',
      program: options.program ?? '',
      applicant: { name: options.applicantName ?? '', category: '' },
      documents: documents.map((document) => ({ file: document.path, kind: document.kind })),
      claims: read.claims,
    };
  }

  const fileProblems = [...rejected.flatMap((r) => r.problems), ...documents.flatMap((d) => d.problems)];
  const allProblems = [...fileProblems, ...problems];
  if (cancelled) allProblems.push(problem('', 'cancelled', 'error', 'the import was cancelled; nothing of it is kept'));
  const dossierId = await computeDossierId(options.hasher, manifest, documents);
  return {
    dossierId,
    manifest,
    manifestSource: manifestFromFile ? 'dossier.json' : 'inferred',
    documents,
    rejected,
    claimTable,
    problems: allProblems,
    cancelled,
    stats: { files: documents.length + rejected.length, imported: documents.length, rejected: rejected.length, bytes, inflatedBytes: collected.inflatedBytes },
  };
}

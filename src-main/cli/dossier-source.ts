import { readFile, stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { z } from 'zod';
import type { Extractor, ImportProblem, ImportProgress, ImportReport, RejectedFile } from '../../src-renderer/core/import';
import { parseManifest } from '../../src-renderer/core/import/manifest';
import { describeJsonPath } from '../../src-renderer/core/profiles';
import { InvalidInputError } from '../../src-renderer/core/result';
import { parseReviewText, type ReviewRead } from '../../src-renderer/core/review';
import type { DossierManifest, FileExtraction } from '../../src-renderer/core/types';
import { readDossier } from './read-dossier';

export interface LoadedDossier {
  manifest: DossierManifest;
  /** The dossier folder (file paths in the manifest are relative to it). */
  root: string;
  /** The manifest file, as named in messages. */
  manifestFile: string;
  /** Set when the dossier went through the import pipeline (a .zip, a folder without dossier.json, or files read for the check): each file's problems. */
  importProblems?: ImportProblem[];
  /** What was read from each file, when loaded with an extractor. */
  extractions?: FileExtraction[];
  /** Set when the dossier's files were read: every file the import refused (or could not read), with its reasons. */
  refused?: RejectedFile[];
  /** Set when the dossier's files were read: the dossier id over the manifest and the files' hashes. */
  dossierId?: string;
}

export interface LoadOptions {
  /** Reads every pdf, ofd, xml and image of the dossier (the extraction of `extract`), and returns what it read. */
  extractor?: Extractor;
  /** Files handed to the extractor at once. */
  extractConcurrency?: number;
  onProgress?: (progress: ImportProgress) => void;
  /**
   * Reads the files of a folder holding dossier.json through the import even without an extractor
   * (sniffed and hashed, nothing extracted), so that every refused or unreadable file is known.
   */
  screenFiles?: boolean;
}

/** One line per reason for each refused file, prefixed with the dossier as the user named it. */
export function describeRefused(dossier: string, refused: readonly RejectedFile[]): string {
  return refused.flatMap((file) => file.problems.map((problem) => `${dossier}: ${file.path}: refused (${problem.code}): ${problem.message}\n`)).join('');
}

function importOptions(options: LoadOptions): Parameters<typeof readDossier>[1] {
  return {
    ...(options.extractor ? { extractor: options.extractor } : {}),
    ...(options.extractConcurrency ? { extractConcurrency: options.extractConcurrency } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  };
}

/** Every reading of the imported documents (a duplicate file carries the reading of its original). */
function extractionsOf(report: ImportReport): FileExtraction[] {
  return report.documents.flatMap((document) => (document.extraction ? [document.extraction] : []));
}

/** A .zip, or a folder without dossier.json: the import pipeline reads it (claims from claims.csv/xlsx). */
async function loadThroughImport(absolute: string, path: string, options: LoadOptions): Promise<LoadedDossier> {
  const report = await readDossier([absolute], importOptions(options));
  const manifestErrors = report.problems.filter((problem) => problem.code === 'manifest-invalid');
  if (manifestErrors.length > 0) {
    throw new InvalidInputError(`invalid dossier manifest:\n  ${manifestErrors.map((problem) => problem.message).join('\n  ')}`, `${path}/dossier.json`);
  }
  if (report.documents.length === 0 && report.manifest.claims.length === 0) {
    throw new InvalidInputError(`nothing in it could be read as a dossier${report.problems.length ? `:\n  ${report.problems.map((p) => `${p.file}: ${p.message}`).join('\n  ')}` : ''}`, path);
  }
  return {
    manifest: report.manifest, root: absolute,
    manifestFile: report.manifestSource === 'dossier.json' ? `${path}/dossier.json` : path,
    importProblems: report.problems, refused: report.rejected, dossierId: report.dossierId,
    ...(options.extractor ? { extractions: extractionsOf(report) } : {}),
  };
}

/**
 * Loads a dossier folder holding dossier.json (or the dossier.json file itself), a dossier .zip, or
 * a folder without dossier.json (files classified, claims read from claims.csv / claims.xlsx / the
 * revenue-list sheet). Throws InvalidInputError naming the file and every problem found in it.
 */
export async function loadDossier(path: string, cwd = process.cwd(), options: LoadOptions = {}): Promise<LoadedDossier> {
  const absolute = resolve(cwd, path);
  let info;
  try {
    info = await stat(absolute);
  } catch {
    throw new InvalidInputError('no such dossier folder or file', path);
  }
  if (info.isFile() && absolute.toLowerCase().endsWith('.zip')) return loadThroughImport(absolute, path, options);
  if (info.isDirectory() && !(await stat(join(absolute, 'dossier.json')).catch(() => null))) return loadThroughImport(absolute, path, options);
  const root = info.isDirectory() ? absolute : resolve(absolute, '..');
  const manifestPath = info.isDirectory() ? join(absolute, 'dossier.json') : absolute;
  const manifestFile = info.isDirectory() ? join(path, 'dossier.json') : path;
  let text: string;
  try {
    text = await readFile(manifestPath, 'utf8');
  } catch {
    throw new InvalidInputError(`no ${basename(manifestPath)} in the dossier (a dossier folder needs dossier.json)`, manifestFile);
  }
  const parsed = parseManifest(text.replace(/^\uFEFF/, ''));
  if (!parsed.ok) throw new InvalidInputError(`invalid dossier manifest:\n  ${parsed.errors.join('\n  ')}`, manifestFile);
  if (!options.extractor && !options.screenFiles) return { manifest: parsed.manifest, root, manifestFile };
  // The manifest read above stands; the import reads the folder's files for their evidence and problems.
  const report = await readDossier([root], importOptions(options));
  return {
    manifest: parsed.manifest, root, manifestFile, importProblems: report.problems, refused: report.rejected, dossierId: report.dossierId,
    ...(options.extractor ? { extractions: extractionsOf(report) } : {}),
  };
}

async function readInputFile(path: string, cwd: string, what: string): Promise<string> {
  try {
    return (await readFile(resolve(cwd, path), 'utf8')).replace(/^\uFEFF/, '');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InvalidInputError(code === 'ENOENT' ? `no such ${what}` : `cannot read the ${what} (${code ?? 'error'})`, path);
  }
}

/** Reads and validates a review file (older versions migrated); errors name the file. */
export async function loadReview(path: string, cwd = process.cwd()): Promise<ReviewRead> {
  return parseReviewText(await readInputFile(path, cwd, 'review file'), path);
}

const nullableText = z.string().nullable();
const extractionFileSchema = z.looseObject({
  files: z.array(z.looseObject({
    file: z.string(),
    sha256: z.string().default(''),
    invoices: z.array(z.looseObject({
      page: z.number().int().positive(),
      method: z.enum(['text', 'ocr', 'ofd', 'xml']),
      fields: z.looseObject({
        invoiceCode: nullableText, invoiceNumber: nullableText, issueDate: nullableText,
        buyerName: nullableText, buyerTaxId: nullableText, sellerName: nullableText, sellerTaxId: nullableText,
        items: z.array(z.looseObject({ name: z.string(), amount: nullableText })).default([]),
        amountExclTax: nullableText, taxAmount: nullableText, totalAmount: nullableText,
        totalInWords: nullableText, remarks: nullableText,
      }),
      confidence: z.record(z.string(), z.number()).default({}),
      boxes: z.record(z.string(), z.array(z.number())).default({}),
      checks: z.array(z.unknown()).default([]),
      /** A passenger ticket or receipt invoice (no parties): never a declared row's invoice evidence. */
      kind: z.literal('ticket').optional(),
    })),
    errors: z.array(z.unknown()).default([]),
  })),
});

/** Reads the output of `extract --json` saved to a file: invoice fields per dossier file. */
export async function loadExtractions(path: string, cwd = process.cwd()): Promise<FileExtraction[]> {
  const text = await readInputFile(path, cwd, 'extraction file');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new InvalidInputError(`not valid JSON (${error instanceof Error ? error.message : String(error)})`, path);
  }
  const parsed = extractionFileSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.slice(0, 10).map((issue) => `${describeJsonPath(issue.path)} ${issue.message}`);
    throw new InvalidInputError(`not an extract --json result:\n  ${problems.join('\n  ')}`, path);
  }
  return parsed.data.files as unknown as FileExtraction[];
}

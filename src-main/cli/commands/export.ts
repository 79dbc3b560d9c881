import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, extname, resolve } from 'node:path';
import { evaluateDossier } from '../../../src-renderer/core/engine';
import { extractFiles } from '../../../src-renderer/core/extract/pipeline';
import { assembleExportDossier } from '../../../src-renderer/core/export/assemble';
import type { ExportDossier } from '../../../src-renderer/core/export/model';
import { localIsoTime } from '../../../src-renderer/core/local-time';
import { InvalidInputError } from '../../../src-renderer/core/result';
import type { DocumentKind, FileExtraction, ReviewFile } from '../../../src-renderer/core/types';
import { EXPORT_FORMATS, isExportFormat, produceExport, type ExportFormat } from '../../../src-renderer/export/produce';
import { CJK_FONT_MODULE_PATH } from '../../../src-renderer/export/review-sheet-pdf';
import { exportVersions } from '../../../src-renderer/export/versions';
import { createNodeExtractPorts, nodeHasher } from '../adapters';
import { describeRefused, loadDossier, loadExtractions, loadReview } from '../dossier-source';
import { readDossierForPrereview } from '../prereview-source';
import { correctionsOf, effectiveKind, evaluatePrereview, isEvidenceDocument, type PlacedDocument } from '../../../src-renderer/core/prereview';
import { reviewForReport } from '../../../src-renderer/core/panel/review-for-report';
import type { CliCommand, CliIo } from '../io';
import { UsageError, parseArgs } from '../io';
import { resolveProfile } from '../profiles-source';
import { readDossier } from '../read-dossier';

const require = createRequire(import.meta.url);

/** The CJK font for the review sheet, from node_modules. */
export async function readCjkFont(): Promise<Uint8Array> {
  return new Uint8Array(await readFile(require.resolve(CJK_FONT_MODULE_PATH)));
}

/** For csv: the summary goes to PATH, the cuts next to it with "-cuts" before the extension. */
export function cutsCsvPath(path: string): string {
  const extension = extname(path);
  return extension ? `${path.slice(0, -extension.length)}-cuts${extension}` : `${path}-cuts`;
}

interface LoadedReview {
  source: string;
  review: ReviewFile;
}

/** Assigns each review to its dossier: all to the only dossier, else by dossierId. */
function reviewsFor(dossierId: string, reviews: LoadedReview[], dossierCount: number): ReviewFile[] {
  if (dossierCount === 1) return reviews.map((entry) => entry.review);
  return reviews.filter((entry) => entry.review.dossierId === dossierId).map((entry) => entry.review);
}

/** The invoices, contracts and receipts of the files whose listed kind or content (the pre-review's placement) makes them evidence. */
async function extractionsOf(documents: { path: string; kind: DocumentKind; bytes: Uint8Array }[], placed: ReadonlyMap<string, PlacedDocument>): Promise<FileExtraction[]> {
  const evidence = documents.filter((document) => isEvidenceDocument(document.kind, placed.get(document.path))).map((document) => ({ path: document.path, bytes: document.bytes }));
  if (evidence.length === 0) return [];
  const ports = createNodeExtractPorts();
  try {
    return await extractFiles(evidence, ports);
  } finally {
    await ports.dispose();
  }
}

/** Reads each dossier, its reviews and its invoices, and runs the engine: the dossiers as exported. */
export async function loadExportDossiers(dossierPaths: string[], reviewPaths: string[], extractionPaths: string[], io: CliIo): Promise<ExportDossier[]> {
  const reviews: LoadedReview[] = [];
  for (const path of reviewPaths) reviews.push({ source: path, review: (await loadReview(path, io.cwd)).review });
  const dossiers: ExportDossier[] = [];
  const claimed = new Set<LoadedReview>();
  const loadedDossiers = [];
  for (const path of dossierPaths) loadedDossiers.push({ path, loaded: await loadDossier(path, io.cwd) });
  for (const [index, { path, loaded }] of loadedDossiers.entries()) {
    const imported = await readDossier([loaded.root]);
    // Every file the import refused is said, and listed in the package with its reason.
    const refused = describeRefused(path, imported.rejected);
    if (refused) io.stderr(refused);
    const profile = await resolveProfile(loaded.manifest.program, io.cwd);
    const own = reviewsFor(imported.dossierId, reviews, dossierPaths.length);
    // The supplement notice and the completeness sheet with every file read by its content; the
    // files the content shows to be invoices, contracts or receipts are read for them too.
    const merged = reviewForReport(own);
    const readings = await readDossierForPrereview(loaded.root, loaded.manifest.documents);
    const prereview = evaluatePrereview({ profile, applicant: loaded.manifest.applicant, documents: loaded.manifest.documents, readings, review: merged, corrections: correctionsOf(merged) });
    const placed = new Map(prereview.documents.map((document) => [document.file, document]));
    const extractionPath = extractionPaths[index];
    const extractions = extractionPath ? await loadExtractions(extractionPath, io.cwd) : await extractionsOf(imported.documents, placed);
    for (const entry of reviews) {
      if (!own.includes(entry.review)) continue;
      claimed.add(entry);
      // Each file on its own first, so that an invalid cut or score is reported with its file name.
      evaluateDossier({ profile, manifest: loaded.manifest, review: entry.review, sources: { manifest: loaded.manifestFile, review: entry.source } });
    }
    // Dossiers exported together are one round: the cross-dossier rules see each other.
    const peers = loadedDossiers.filter((_, other) => other !== index).map((other) => ({ dossier: other.path, manifest: other.loaded.manifest }));
    const assembled = assembleExportDossier({
      profile,
      dossierId: imported.dossierId,
      manifest: loaded.manifest,
      files: [
        ...imported.documents.map((document) => ({ file: document.path, kind: effectiveKind(document.kind, placed.get(document.path)), sha256: document.sha256, size: document.size })),
        ...imported.rejected.map((rejected) => ({
          file: rejected.path, kind: 'refused', sha256: rejected.sha256 ?? '', size: rejected.size,
          refused: rejected.problems.map((problem) => ({ code: problem.code, message: problem.message })),
        })),
      ],
      extractions,
      reviews: own,
      ...(peers.length > 0 ? { evaluation: { dossierLabel: path, peers } } : {}),
    });
    dossiers.push({ ...assembled, prereview });
  }
  const orphans = reviews.filter((entry) => !claimed.has(entry));
  if (orphans.length > 0) {
    throw new InvalidInputError(`its dossierId ${orphans[0]!.review.dossierId ?? '(none)'} matches none of the dossiers; with several dossiers every review must carry the dossierId of its dossier`, orphans[0]!.source);
  }
  return dossiers;
}

export const exportCommand: CliCommand = {
  summary: 'export results: xlsx workbook; csv = summary at PATH + cuts at PATH-cuts.csv; pdf review sheets; json verifiable package',
  usage: 'dossier-desk export DOSSIER... [--review FILE]... [--extractions FILE]... --format xlsx|csv|json|pdf --out PATH',
  async run(args, io) {
    const { positionals, flags } = parseArgs(args, ['review', 'format', 'out', 'extractions'], []);
    const format = flags.get('format')?.[0];
    const out = flags.get('out')?.[0];
    if (positionals.length === 0) throw new UsageError('name at least one DOSSIER folder');
    if (!format) throw new UsageError(`--format is required (${EXPORT_FORMATS.join(', ')})`);
    if (!isExportFormat(format)) throw new UsageError(`unknown format "${format}" (use ${EXPORT_FORMATS.join(', ')})`);
    if (!out) throw new UsageError('--out PATH is required (for csv: PATH gets the summary, PATH with "-cuts" the cuts)');
    if ((flags.get('format')?.length ?? 0) > 1 || (flags.get('out')?.length ?? 0) > 1) throw new UsageError('--format and --out may be given once');
    const extractionPaths = flags.get('extractions') ?? [];
    if (extractionPaths.length > 0 && extractionPaths.length !== positionals.length) {
      throw new UsageError('give one --extractions FILE per DOSSIER, in the same order, or none');
    }
    const dossiers = await loadExportDossiers(positionals, flags.get('review') ?? [], extractionPaths, io);
    const now = new Date();
    const files = await produceExport(format as ExportFormat, dossiers, {
      hasher: nodeHasher, loadFont: readCjkFont, versions: exportVersions(), now, nowIso: localIsoTime(now),
    });
    const target = resolve(io.cwd, out);
    const targets = format === 'csv' ? [target, cutsCsvPath(target)] : [target];
    for (const [index, file] of files.entries()) {
      const path = targets[index]!;
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, file.bytes);
      io.stdout(`wrote ${path} (${file.file}, ${file.bytes.length} bytes)\n`);
    }
    return 0;
  },
};

// The evaluation of an open dossier from plain data: the formal pre-review of its files and the
// engine's CheckReport (core/engine evaluateDossier), as `check` makes them. The window evaluates small
// dossiers itself (state/report.ts); a large one is evaluated in workers/evaluation.worker.ts, which
// keeps an EvaluationRunner: the dossier as the window's updates (workers/evaluation-protocol.ts) built it.
import { evaluateDossier, type LabelledManifest } from '../core/engine';
import { correctionsOf, evaluatePrereview, type DocumentReading, type PrereviewResult } from '../core/prereview';
import type { Profile } from '../core/profiles/schema';
import type { CheckReport, DossierManifest, FileExtraction, ReviewFile } from '../core/types';
import type { EvaluationResponse, EvaluationUpdate } from './evaluation-protocol';
import { ResultPatchEncoder } from './evaluation-result-patch';

export interface EvaluationBasis {
  profile: Profile;
  peers: readonly LabelledManifest[];
  manifest: DossierManifest;
  review: ReviewFile;
  /** The dossier's files (the paths of its documents). */
  documentPaths: readonly string[];
  /** What was read of the invoices, contracts and receipts, in the document list's order. */
  extractions: readonly FileExtraction[];
  /** What the pre-review read of each file, by path. */
  readings: ReadonlyMap<string, DocumentReading>;
}

/**
 * The pre-review of a dossier: by content once every listed document has a reading, else by the
 * manifest's kinds while the reading goes on. Corrections come from the reviewer's review.
 */
export function prereviewOfBasis(basis: Pick<EvaluationBasis, 'profile' | 'manifest' | 'review' | 'documentPaths' | 'readings'>): PrereviewResult {
  const present = new Set(basis.documentPaths);
  const all = new Map(basis.readings);
  // A listed file that is not in the dossier (never there, or refused at import) is read as missing, as `check` reads it.
  for (const { file } of basis.manifest.documents) {
    if (!present.has(file) && !all.has(file)) all.set(file, { file, type: 'unknown', size: 0, pageCount: 0, pages: [], table: null, error: 'no such file in the dossier' });
  }
  const complete = basis.manifest.documents.length > 0 && basis.manifest.documents.every((document) => all.has(document.file));
  return evaluatePrereview({
    profile: basis.profile, applicant: basis.manifest.applicant, documents: basis.manifest.documents, readings: complete ? all : null,
    review: basis.review, corrections: correctionsOf(basis.review),
  });
}

export function evaluateBasis(basis: EvaluationBasis, prereview: PrereviewResult = prereviewOfBasis(basis)): CheckReport {
  return evaluateDossier({
    profile: basis.profile,
    manifest: basis.manifest,
    review: basis.review,
    extractions: basis.extractions,
    peers: basis.peers,
    dossierLabel: basis.manifest.applicant.name,
    sources: { manifest: 'dossier.json', review: 'review' },
    prereview,
  });
}

interface HeldDossier {
  dossierId: string;
  profile: Profile;
  peers: LabelledManifest[];
  manifest: DossierManifest | null;
  review: ReviewFile | null;
  documentPaths: string[];
  extractions: Map<string, FileExtraction>;
  readings: Map<string, DocumentReading>;
  revision: number;
}

/** The worker's copy of the open dossier, built from the window's updates, and its evaluation. */
export class EvaluationRunner {
  private held: HeldDossier | null = null;
  private readonly encoder = new ResultPatchEncoder();

  /** Takes an update; an update of another dossier than the one held must start over (`start`), else it is refused. */
  apply(update: EvaluationUpdate): void {
    if (update.start) {
      this.encoder.reset();
      this.held = {
        dossierId: update.dossierId, ...update.start, manifest: null, review: null, documentPaths: [], extractions: new Map(), readings: new Map(), revision: update.revision,
      };
    }
    const held = this.held;
    if (!held || held.dossierId !== update.dossierId) throw new Error(`evaluation update for dossier ${update.dossierId} without its start`);
    if (update.manifest) held.manifest = update.manifest;
    if (update.review) held.review = update.review;
    if (update.documentPaths) held.documentPaths = update.documentPaths;
    for (const [path, extraction] of update.extractions ?? []) {
      if (extraction) held.extractions.set(path, extraction);
      else held.extractions.delete(path);
    }
    if (update.replaceReadings) held.readings = new Map();
    for (const [path, reading] of update.readings ?? []) held.readings.set(path, reading);
    held.revision = Math.max(held.revision, update.revision);
  }

  /** The evaluation of the dossier as it now stands (a patch of the last whole one sent), named by the last revision taken; null before a whole dossier came. */
  evaluate(): EvaluationResponse | null {
    const held = this.held;
    if (!held?.manifest || !held.review) return null;
    const { dossierId, revision } = held;
    try {
      const basis: EvaluationBasis = {
        profile: held.profile, peers: held.peers, manifest: held.manifest, review: held.review, documentPaths: held.documentPaths, readings: held.readings,
        extractions: held.documentPaths.flatMap((path) => held.extractions.get(path) ?? []),
      };
      const prereview = prereviewOfBasis(basis);
      return { type: 'result', dossierId, revision, patch: this.encoder.encode({ report: evaluateBasis(basis, prereview), prereview }) };
    } catch (error) {
      return { type: 'error', dossierId, revision, message: error instanceof Error ? error.message : String(error) };
    }
  }
}

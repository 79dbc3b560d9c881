// Builds an ExportDossier from what a host has (manifest, file hashes, extractions, review files,
// audit log) by running the engine, and re-runs the same computation on a packaged dossier for
// `verify`.
import { evaluateDossier } from '../engine/evaluate';
import type { Profile } from '../profiles/schema';
import type { AuditEntry, CheckReport, DossierManifest, FileExtraction, ReviewFile } from '../types';
import { reviewForReport } from '../panel/review-for-report';
import type { ExportDossier, ExportEvaluation, ExportSourceFile } from './model';
import type { PackageDossier } from './package';
import { panelOutcomeOf } from '../panel/panel-outcome';
import { scoreSheetOfReviews } from '../panel/score-sheet';
import { exportProfileInfo } from './profile-info';

export interface AssembleInput {
  profile: Profile;
  dossierId: string;
  manifest: DossierManifest;
  files: ExportSourceFile[];
  extractions: FileExtraction[];
  reviews: ReviewFile[];
  /** The workstation's audit chain of the dossier (empty from the command line). */
  auditLog?: AuditEntry[];
  /** Peers for the cross-dossier rules and this dossier's label among them. */
  evaluation?: ExportEvaluation;
}

function reportOf(profile: Profile, manifest: DossierManifest, reviews: readonly ReviewFile[], extractions: readonly FileExtraction[], evaluation: ExportEvaluation | undefined): CheckReport {
  return evaluateDossier({
    profile, manifest, review: reviewForReport(reviews), extractions,
    ...(evaluation ? { peers: evaluation.peers, dossierLabel: evaluation.dossierLabel } : {}),
  });
}

/** Runs the engine; throws InvalidInputError for reviews the engine rejects (unknown claim, cut above claim, score above max). */
export function assembleExportDossier(input: AssembleInput): ExportDossier {
  const { profile, manifest, reviews, extractions } = input;
  return {
    dossierId: input.dossierId,
    manifest,
    profile: exportProfileInfo(profile),
    reviews,
    report: reportOf(profile, manifest, reviews, extractions, input.evaluation),
    panel: panelOutcomeOf(profile, manifest.applicant.category, reviews),
    scoreSheet: scoreSheetOfReviews(profile, manifest.applicant.category, manifest.applicant.name, reviews),
    extractions,
    files: input.files,
    auditLog: input.auditLog ?? [],
    ...(input.evaluation ? { evaluation: input.evaluation } : {}),
  };
}

/** The check report of a packaged dossier, recomputed with the given profile. */
export function recomputePackagedReport(dossier: PackageDossier, profile: Profile): CheckReport {
  return reportOf(profile, dossier.manifest, dossier.reviews, dossier.extractions, dossier.evaluation ?? undefined);
}

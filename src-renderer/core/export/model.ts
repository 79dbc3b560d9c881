// What an export is made of: one ExportDossier per dossier, assembled by the host (the CLI from a
// dossier folder and review files, the UI from the store) and turned into tables, CSV, the review
// sheet and the verifiable package by the functions of this folder.
import type { AuditEntry, CheckReport, DocumentKind, DossierManifest, FileExtraction, ReviewFile } from '../types';
import type { PanelOutcome } from '../panel/panel-outcome';
import type { ScoreSheet } from '../panel/score-sheet';
import type { PrereviewResult } from '../prereview/evaluate';

export type { PanelFlag, PanelOutcome } from '../panel/panel-outcome';

export interface ExportSourceFile {
  file: string;
  kind: DocumentKind | (string & {});
  /** SHA-256 of the file; empty for a refused file that was never read (too large, a link). */
  sha256: string;
  size: number;
  /** Set for a file the import refused: why, most serious first. Such a file is not part of the dossier id. */
  refused?: { code: string; message: string }[];
}

/** The rubric and checklists of the program profile, as far as the export needs them. */
export interface ExportProfileInfo {
  id: string;
  name: string;
  version: string;
  rubric: { id: string; label: string; max: string | number }[];
  /** Checklist items; `group` puts an item on the 材料清单 (materials) or 资格条件 (eligibility) sheet. */
  checklist: { id: string; label: string; group: 'materials' | 'eligibility' }[];
  /** Applicant categories with their Chinese labels. */
  categories?: { id: string; label: string }[];
}

/** What the engine was given besides the dossier and its reviews, so that `verify` can re-run it. */
export interface ExportEvaluation {
  /** How the dossier was named among its peers. */
  dossierLabel: string;
  /** The other dossiers of the round, for the cross-dossier rules (same contact person or phone). */
  peers: { dossier: string; manifest: DossierManifest }[];
}

export interface ExportDossier {
  dossierId: string;
  manifest: DossierManifest;
  profile: ExportProfileInfo | null;
  reviews: ReviewFile[];
  /** The engine's check report on the consolidated review. */
  report: CheckReport;
  panel: PanelOutcome | null;
  /** The chair's 专家评分汇总表 (every expert's scores, comments and opinion), when experts scored. */
  scoreSheet?: ScoreSheet | null;
  extractions: FileExtraction[];
  files: ExportSourceFile[];
  auditLog: AuditEntry[];
  /** The engine's other inputs for `report`; absent means none (no peers). */
  evaluation?: ExportEvaluation;
  /**
   * The formal pre-review with the files read by content, when the host read them; without it the
   * report's own pre-review (by the manifest's kinds and the reviewer's corrections) is exported.
   */
  prereview?: PrereviewResult;
}

export interface ExportVersions {
  app: string;
  engine: string;
  ocrModel: string;
}

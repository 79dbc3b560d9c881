// Messages between the window (state/report.ts, through platform/evaluation-client.ts) and
// workers/evaluation.worker.ts. The worker holds a copy of the open dossier; each update carries only
// what changed since the last one, numbered by a revision that only grows. Every result names the
// revision it was evaluated from, so that the window can drop a result older than one it already shows.
import type { LabelledManifest } from '../core/engine';
import type { Profile } from '../core/profiles/schema';
import type { DocumentReading } from '../core/prereview';
import type { DossierManifest, FileExtraction, ReviewFile } from '../core/types';
import type { ResultPatch } from './evaluation-result-patch';

export interface EvaluationUpdate {
  type: 'update';
  dossierId: string;
  revision: number;
  /** Given when the worker starts over with a dossier: its program's profile and the other dossiers of the store. */
  start?: { profile: Profile; peers: LabelledManifest[] };
  manifest?: DossierManifest;
  /** The review as the engine reads it (its audit log, which no rule reads, left empty). */
  review?: ReviewFile;
  /** The dossier's files in the document list's order, when it changed. */
  documentPaths?: string[];
  /** Extractions that changed, by path; null where a file has none any more. */
  extractions?: [string, FileExtraction | null][];
  /** The pre-review's readings that are new or changed, by path; `replaceReadings` drops all held before. */
  readings?: [string, DocumentReading][];
  replaceReadings?: boolean;
}

export type EvaluationResponse =
  /** The report and pre-review as a patch of a whole result sent before (workers/evaluation-result-patch.ts). */
  | { type: 'result'; dossierId: string; revision: number; patch: ResultPatch }
  | { type: 'error'; dossierId: string; revision: number; message: string };

// Messages between the window (platform/import-client.ts) and workers/import.worker.ts. One worker
// runs one import; cancelling terminates it.
import type { ClaimMappingChoice, ImportInputFile, ImportLimits, ImportProgress, ImportReport } from '../core/import';

/** What of ImportOptions crosses to the worker (the hasher and spreadsheet reader are the worker's own). */
export interface ImportWorkerOptions {
  limits?: Partial<ImportLimits>;
  claimMapping?: ClaimMappingChoice;
  program?: string;
  applicantName?: string;
}

export type ImportWorkerRequest = { type: 'import'; files: ImportInputFile[]; options: ImportWorkerOptions };

export type ImportWorkerResponse =
  | { type: 'progress'; progress: ImportProgress }
  /** `originals`: each imported file's bytes as a Blob, by sha256, made here (10,000 of them took seconds of the window's thread). */
  | { type: 'result'; report: ImportReport; originals: Map<string, Blob> }
  | { type: 'error'; message: string };

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
  | { type: 'result'; report: ImportReport }
  | { type: 'error'; message: string };

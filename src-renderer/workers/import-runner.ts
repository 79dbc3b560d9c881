// The import worker's work, apart from the worker's global scope so that it can be tested: the
// pure import pipeline (core/import) with the browser's hasher and spreadsheet reader
// (platform/import-files importInBrowser), progress posted at most every PROGRESS_INTERVAL_MS
// (and at every change of stage and at the end of one), the report posted with its files' bytes
// transferred, not copied, and each file's bytes as a Blob for the store (made here, off the window's thread).
import type { ImportProgress, ImportReport } from '../core/import';
import { importInBrowser } from '../platform/import-files';
import type { ImportWorkerRequest, ImportWorkerResponse } from './import-protocol';
import { originalMediaType } from '../db/original-media-type';

export const PROGRESS_INTERVAL_MS = 50;

export type PostImportMessage = (message: ImportWorkerResponse, transfer?: Transferable[]) => void;

/** The buffers of a report's originals, each once (two documents may share one). */
export function reportBuffers(report: ImportReport): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  for (const document of report.documents) {
    if (document.bytes.buffer instanceof ArrayBuffer) buffers.add(document.bytes.buffer);
  }
  return [...buffers];
}

function throttled(post: PostImportMessage, now: () => number): (progress: ImportProgress) => void {
  let lastStage: ImportProgress['stage'] | null = null;
  let lastAt = -Infinity;
  return (progress) => {
    const at = now();
    const finished = progress.done >= progress.total;
    if (progress.stage === lastStage && !finished && at - lastAt < PROGRESS_INTERVAL_MS) return;
    lastStage = progress.stage;
    lastAt = at;
    post({ type: 'progress', progress: { ...progress } });
  };
}

/** Each imported original once, as the Blob the store keeps, by sha256. */
export function originalBlobs(report: ImportReport): Map<string, Blob> {
  const originals = new Map<string, Blob>();
  for (const document of report.documents) {
    if (!originals.has(document.sha256)) originals.set(document.sha256, new Blob([document.bytes as Uint8Array<ArrayBuffer>], { type: originalMediaType(document.type) }));
  }
  return originals;
}

export async function runImportRequest(request: ImportWorkerRequest, post: PostImportMessage, now: () => number = () => performance.now()): Promise<void> {
  try {
    const report = await importInBrowser(request.files, { ...request.options, onProgress: throttled(post, now) });
    post({ type: 'result', report, originals: originalBlobs(report) }, reportBuffers(report));
  } catch (error) {
    post({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  }
}

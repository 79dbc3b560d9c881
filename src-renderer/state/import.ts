// Import orchestration: files the reviewer picked or dropped (or the bundled sample) go through the
// import pipeline (in its own web worker, platform/import-client) into the store, and the new
// dossier opens. Space is checked first; a full store is said in a notice and nothing of the
// import is written. Cancel terminates the worker, or rolls the store's transaction back when it
// comes while the import is being written: a cancelled import leaves nothing behind.
import type { ImportInputFile } from '../core/import';
import { formatBytes } from '../core/import/limits';
import { checkImportSpace, measureSelection, StorageFullError, type ImportSpaceCheck } from '../db/storage';
import { ImportCancelledError } from '../db/store';
import { assetUrl } from '../platform/assets';
import { ImportCancelled, importInWorker } from '../platform/import-client';
import { listImported } from './dossier-list';
import { keepOriginalsOf } from './mirror';
import { appImportNote } from './interrupted-import';
import { actorName, getStore } from './store';
import { useUi } from './ui';

/** The bundled samples: a Shenzhen provider's revenue dossier and a voucher dossier (buyer direction). */
export const SAMPLE_ROOTS = { shenzhen: 'samples/shenzhen-dsp/', voucher: 'samples/guangzhou-voucher/' } as const;
export type SampleId = keyof typeof SAMPLE_ROOTS;

let importAbort: AbortController | null = null;

export function cancelImport() {
  importAbort?.abort();
}

export interface ImportFilesOptions {
  /**
   * Asked before a large import, or one the space estimate says will not fit (see
   * checkImportSpace in db/storage); resolves true to go ahead. Without it the import goes ahead
   * and the store still refuses, writing nothing, what does not fit.
   */
  confirmSpace?: (check: ImportSpaceCheck) => Promise<boolean>;
}

/**
 * Runs the import pipeline over files, stores the result and opens the dossier. Returns the
 * dossier id, or null when the reviewer cancelled or the store had no room (said in a notice;
 * nothing of the import is written and everything stored before is kept).
 */
export async function importFiles(files: ImportInputFile[], options: ImportFilesOptions = {}) {
  const ui = useUi.getState();
  if (options.confirmSpace) {
    const store = await getStore();
    const space = checkImportSpace(measureSelection(files), await store.spaceEstimate().catch(() => null), store.persisted);
    if (space.askBecause && !(await options.confirmSpace(space))) {
      useUi.getState().setNotice({ tone: 'info', code: 'importSpace.cancelled' });
      return null;
    }
  }
  importAbort = new AbortController();
  const signal = importAbort.signal;
  ui.setProgress({ kind: 'import', stage: 'files', done: 0, total: files.length, current: '' });
  const ended = await appImportNote().begin(files);
  const cancelled = () => {
    useUi.getState().setNotice({ tone: 'info', code: 'importSpace.cancelled' });
    return null;
  };
  try {
    const report = await importInWorker(files, {
      signal,
      onProgress: (progress) => useUi.getState().setProgress({ kind: 'import', stage: progress.stage, done: progress.done, total: progress.total, current: progress.current ?? '' }),
    });
    if (report.cancelled) return cancelled();
    useUi.getState().setProgress({ kind: 'import', stage: 'save', done: report.documents.length, total: report.documents.length, current: '' });
    const store = await getStore();
    const row = await store.saveImport(report, actorName(), { signal, originals: report.originals }).catch((error: unknown) => {
      if (!(error instanceof StorageFullError)) throw error;
      useUi.getState().setNotice(error.available === null
        ? { tone: 'error', code: 'import.storageFullUnknown', params: { needed: formatBytes(error.needed) } }
        : { tone: 'error', code: 'import.storageFull', params: { needed: formatBytes(error.needed), free: formatBytes(error.available) } });
      return null;
    });
    if (!row) return null;
    // Kept outside IndexedDB too, in the background: a restore after the browser deleted the store puts them back.
    void keepOriginalsOf(store, row.id);
    await listImported(row);
    useUi.getState().openDossier(row.id);
    return row.id;
  } catch (error) {
    if (error instanceof ImportCancelled || error instanceof ImportCancelledError) return cancelled();
    throw error;
  } finally {
    await ended();
    // Only the import's own progress: the dossier it opened may already be showing its reading's.
    if (useUi.getState().progress?.kind === 'import') useUi.getState().setProgress(null);
    importAbort = null;
  }
}

/** Fetches a bundled sample dossier (its manifest names every file) and imports it. */
export async function openSample(sample: SampleId = 'shenzhen') {
  const root = SAMPLE_ROOTS[sample];
  const manifestResponse = await fetch(assetUrl(`${root}dossier.json`));
  if (!manifestResponse.ok) throw new Error(`${root}dossier.json: HTTP ${manifestResponse.status}`);
  const manifestBytes = new Uint8Array(await manifestResponse.arrayBuffer());
  const manifest = JSON.parse(new TextDecoder().decode(manifestBytes)) as { documents: { file: string }[] };
  const files: ImportInputFile[] = [{ path: 'dossier.json', bytes: manifestBytes }];
  for (const document of manifest.documents) {
    const response = await fetch(assetUrl(root + document.file.split('/').map(encodeURIComponent).join('/')));
    if (!response.ok) throw new Error(`${document.file}: HTTP ${response.status}`);
    files.push({ path: document.file, bytes: new Uint8Array(await response.arrayBuffer()) });
  }
  return importFiles(files);
}

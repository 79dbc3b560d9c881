import type { BaseWindow, Dialog, OpenDialogOptions } from 'electron';
import { basename, dirname, extname, join } from 'node:path';
import { DOSSIER_FILE_EXTENSIONS, SIDE_FILE_METHODS, type AppInfo, type DossierSource, type HostResult, type OpenedDossier, type SideFileMethod, type UiLanguage } from '../shared/contract';
import { DossierReadError, readDossier, writeFileAtomic, type DossierLimits, type FileSystem } from './files';
import type { AuditHeadKeeper } from './audit-heads';
import type { SideFileKeeper } from './side-files';
import type { HostHandlers } from './ipc';
import type { Logger } from './log';
import type { MenuStrings } from './menu';

export interface HostHandlerDeps {
  dialog: Pick<Dialog, 'showOpenDialog' | 'showSaveDialog'>;
  /** The window the dialogs belong to (null while there is none). */
  parentWindow(): BaseWindow | null;
  fs: FileSystem;
  limits?: DossierLimits;
  appInfo(): AppInfo;
  /** Applies the UI language to the menu and remembers it. */
  setLanguage(language: UiLanguage): void;
  strings(): MenuStrings;
  /** The folder the save dialog starts in (usually the user's documents). */
  defaultSaveFolder(): string;
  /** The audit-chain heads kept in the data folder. */
  auditHeads: AuditHeadKeeper;
  /** The side files kept in the data folder's side-files/ folder. */
  sideFiles: SideFileKeeper;
  /** The renderer has stored its queued edits: the window close it held may go ahead. */
  readyToClose(): void;
  log: Logger;
}

function openDialogOptions(source: DossierSource, strings: MenuStrings): OpenDialogOptions {
  switch (source) {
    case 'folder':
      return { title: strings.openFolder, properties: ['openDirectory', 'dontAddToRecent'] };
    case 'zip':
      return {
        title: strings.openZip,
        properties: ['openFile', 'dontAddToRecent'],
        filters: [{ name: strings.zipFilter, extensions: ['zip'] }],
      };
    case 'files':
      return {
        title: strings.openFiles,
        properties: ['openFile', 'multiSelections', 'dontAddToRecent'],
        filters: [{ name: strings.dossierFilesFilter, extensions: [...DOSSIER_FILE_EXTENSIONS] }],
      };
  }
}

/** The chosen path, with the suggested name's extension added when the user typed a name without one. */
export function withSuggestedExtension(chosen: string, suggestedName: string): string {
  const extension = extname(suggestedName);
  return extname(chosen) === '' && extension !== '' ? `${chosen}${extension}` : chosen;
}

/** What each side-file method does, as its failure is told. */
const SIDE_FILE_OPERATIONS: Record<SideFileMethod, 'write' | 'append' | 'read' | 'list' | 'remove'> = {
  writeSideFile: 'write', writeSideBytes: 'write', appendSideFile: 'append', readSideFile: 'read', readSideBytes: 'read', listSideFiles: 'list', removeSideFile: 'remove',
};

export function createHostHandlers(deps: HostHandlerDeps): HostHandlers {
  let lastSaveFolder: string | null = null;
  /** The side-file methods of the bridge, each the keeper's call of the same name with its failure told (file, operation, reason). */
  const sideFileHandlers = Object.fromEntries(SIDE_FILE_METHODS.map((method) => [method, async (name: string, ...rest: unknown[]) => {
    try {
      const call = deps.sideFiles[method] as (name: string, ...rest: unknown[]) => Promise<unknown>;
      return { ok: true, value: await call(name, ...rest) };
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      const operation = SIDE_FILE_OPERATIONS[method];
      deps.log.error('side-files', `${operation} ${name} failed: ${reason}`);
      const code = operation === 'read' || operation === 'list' ? 'unreadable' : 'write-failed';
      return { ok: false, error: { code, message: `side file ${name} (data folder): ${operation} failed: ${reason}` } };
    }
  }])) as Pick<HostHandlers, SideFileMethod>;
  const withParent = <T>(show: (parent: BaseWindow | null) => Promise<T>) => show(deps.parentWindow());

  return {
    async openDossier(source): Promise<HostResult<OpenedDossier | null>> {
      const options = openDialogOptions(source, deps.strings());
      const picked = await withParent((parent) =>
        parent ? deps.dialog.showOpenDialog(parent, options) : deps.dialog.showOpenDialog(options),
      );
      if (picked.canceled || picked.filePaths.length === 0) return { ok: true, value: null };
      try {
        const dossier = await readDossier(source, picked.filePaths, deps.fs, deps.limits);
        deps.log.info('dossier', `opened ${source} ${dossier.name}: ${dossier.files.length} files, ${dossier.skipped.length} skipped`);
        return { ok: true, value: dossier };
      } catch (error) {
        if (error instanceof DossierReadError) return { ok: false, error: { code: error.code, message: error.message } };
        throw error;
      }
    },

    async saveExport(request) {
      const defaultPath = join(lastSaveFolder ?? deps.defaultSaveFolder(), request.suggestedName);
      const options = { defaultPath, filters: request.filters, properties: ['showOverwriteConfirmation' as const, 'createDirectory' as const] };
      const chosen = await withParent((parent) =>
        parent ? deps.dialog.showSaveDialog(parent, options) : deps.dialog.showSaveDialog(options),
      );
      if (chosen.canceled || !chosen.filePath) return { ok: true, value: null };
      const target = withSuggestedExtension(chosen.filePath, request.suggestedName);
      try {
        await writeFileAtomic(target, request.bytes, deps.fs);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        deps.log.error('export', `writing ${target} failed: ${reason}`);
        return { ok: false, error: { code: 'write-failed', message: `${basename(target)} could not be written: ${reason}` } };
      }
      lastSaveFolder = dirname(target);
      deps.log.info('export', `wrote ${target} (${request.bytes.byteLength} bytes)`);
      return { ok: true, value: { path: target } };
    },

    async appInfo() {
      return { ok: true, value: deps.appInfo() };
    },

    async setLanguage(language) {
      deps.setLanguage(language);
      return { ok: true, value: language };
    },

    async recordAuditHead(record) {
      try {
        return { ok: true, value: deps.auditHeads.record(record) };
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        deps.log.error('audit', `keeping the audit head of ${record.dossierId} failed: ${reason}`);
        return { ok: false, error: { code: 'write-failed', message: `the audit head could not be kept in the data folder: ${reason}` } };
      }
    },

    async auditHead(dossierId) {
      const head = deps.auditHeads.read(dossierId);
      return { ok: true, value: head ? { ...head, source: 'data-folder' as const } : null };
    },

    ...sideFileHandlers,

    async readyToClose() {
      deps.readyToClose();
      return { ok: true, value: null };
    },
  };
}

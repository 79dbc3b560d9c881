// The one contract between the renderer and its host. The preload derives its exposed functions
// from HOST_CHANNELS and HOST_EVENTS; the main process registers one validated handler per channel;
// web mode (src-renderer/platform/host.ts) implements the same HostApi with browser APIs.
// Every call resolves to a HostResult and never throws across the bridge.

export type HostErrorCode =
  | 'invalid-argument'
  | 'untrusted-sender'
  | 'too-large'
  | 'unreadable'
  | 'write-failed'
  | 'unsupported'
  | 'internal';

export interface HostError {
  code: HostErrorCode;
  /** A sentence for the user, naming the file and the reason where there is one. */
  message: string;
}

export type HostResult<T> = { ok: true; value: T } | { ok: false; error: HostError };

export type DossierSource = 'folder' | 'zip' | 'files';

export interface PickedFile {
  /** Path inside the dossier, with forward slashes, never absolute and never containing "..". */
  path: string;
  bytes: Uint8Array;
}

export interface SkippedFile {
  path: string;
  reason: string;
}

export interface OpenedDossier {
  /** Folder name, zip file name, or the folder holding the picked files. */
  name: string;
  source: DossierSource;
  /**
   * folder: every regular file under the folder (symbolic links and hidden entries skipped);
   * zip: exactly one entry, the archive itself (it is unpacked in the sandboxed renderer, not in the
   * privileged host); files: the picked files by name.
   */
  files: PickedFile[];
  /** Files left out, each with its reason (too large, unreadable, a symbolic link ...). */
  skipped: SkippedFile[];
}

export interface AppInfo {
  name: string;
  version: string;
  mode: 'desktop' | 'web';
  /** app, engine (the review engine: same release as the app), electron, chrome, node, v8 in desktop mode; app, engine, userAgent in web mode. */
  versions: Record<string, string>;
}

export interface SaveRequest {
  /** A plain file name (no folders), e.g. "审查结果.xlsx". */
  suggestedName: string;
  bytes: Uint8Array;
  filters?: { name: string; extensions: string[] }[];
}

export type UiLanguage = 'zh-CN' | 'en';
export const UI_LANGUAGES: readonly UiLanguage[] = ['zh-CN', 'en'];

/**
 * The head of a dossier's audit chain, kept by the host outside IndexedDB (the desktop data folder;
 * the browser's local storage in web mode), so that a chain rewritten and re-hashed inside the
 * store no longer contains it.
 */
export interface AuditHeadRecord {
  /** The dossier id: 64 lowercase hex digits. */
  dossierId: string;
  seq: number;
  /** SHA-256 of entry `seq`: 64 lowercase hex digits. */
  hash: string;
  /** When it was recorded (ISO 8601). */
  recordedAt: string;
}

/**
 * Side files: small named text files the app keeps OUTSIDE IndexedDB, so that what Chromium deletes
 * with a corrupt store (db/store-continuity) can be rebuilt from them: the desktop shell keeps them in
 * the fixed folder side-files/ of its data folder, web mode in the origin private file system. A name
 * is one plain file name of lowercase letters, digits, '.', '_' and '-' (no folders, no '..').
 */
export const SIDE_FILE_NAME = /^[a-z0-9][a-z0-9._-]{0,119}$/;
/** A prefix to list side files by: the start of a side file name (empty: all). */
export const SIDE_FILE_PREFIX = /^[a-z0-9._-]{0,120}$/;
/** Largest text a side file takes in one write or append (UTF-16 code units). */
export const MAX_SIDE_FILE_CHARS = 64 * 1024 * 1024;
/** Largest binary side file (an original of the dossier: no file of a dossier is larger). */
export const MAX_SIDE_FILE_BYTES = 200 * 1024 * 1024;

export function isSideFileName(name: unknown): name is string {
  return typeof name === 'string' && SIDE_FILE_NAME.test(name) && !name.includes('..');
}

export function isSideFilePrefix(prefix: unknown): prefix is string {
  return typeof prefix === 'string' && SIDE_FILE_PREFIX.test(prefix) && !prefix.includes('..');
}

/** The side store's methods of the bridge: the same calls in both hosts and on both sides of the bridge. */
export type SideFileMethod = 'writeSideFile' | 'appendSideFile' | 'readSideFile' | 'listSideFiles' | 'removeSideFile' | 'writeSideBytes' | 'readSideBytes';
export const SIDE_FILE_METHODS: readonly SideFileMethod[] = ['writeSideFile', 'appendSideFile', 'readSideFile', 'listSideFiles', 'removeSideFile', 'writeSideBytes', 'readSideBytes'];

/** A bridge method as the code behind it is written: its value, or a thrown error (the bridge's HostResult unwrapped). */
export type Unwrapped<F> = F extends (...args: infer A) => Promise<HostResult<infer T>> ? (...args: A) => Promise<T> : never;

/**
 * The side store as code uses it, derived from the bridge contract: the renderer's side store
 * (platform/side-store.ts) and the shell's keeper of the data folder (src-main/main/side-files.ts)
 * are both this type, each call throwing where the bridge answers an error.
 */
export type SideFiles = { [M in SideFileMethod]: Unwrapped<HostApi[M]> };

/** Commands the application menu sends to the renderer. */
export type MenuCommand =
  | { type: 'open-dossier'; source: DossierSource }
  | { type: 'language-changed'; language: UiLanguage };

export interface HostApi {
  openDossier(source: DossierSource): Promise<HostResult<OpenedDossier | null>>;
  saveExport(request: SaveRequest): Promise<HostResult<{ path: string } | null>>;
  appInfo(): Promise<HostResult<AppInfo>>;
  /** Tells the host the UI language so that its menu follows the renderer's language switch. */
  setLanguage(language: UiLanguage): Promise<HostResult<UiLanguage>>;
  /** Keeps the verified head of a dossier's audit chain outside the store (replacing the one kept before). */
  recordAuditHead(record: AuditHeadRecord): Promise<HostResult<AuditHeadRecord>>;
  /** The head kept for a dossier, null when none was kept; `source` says where it was kept. */
  auditHead(dossierId: string): Promise<HostResult<(AuditHeadRecord & { source: 'data-folder' | 'browser' }) | null>>;
  /** Replaces side file `name` with `text` atomically (a reader sees the old text or the new, never a mix). */
  writeSideFile(name: string, text: string): Promise<HostResult<null>>;
  /** Adds `text` at the end of side file `name` (created when missing). */
  appendSideFile(name: string, text: string): Promise<HostResult<null>>;
  /** The text of side file `name`, null when there is none. */
  readSideFile(name: string): Promise<HostResult<string | null>>;
  /** The names of the side files starting with `prefix`, sorted. */
  listSideFiles(prefix: string): Promise<HostResult<string[]>>;
  /** Removes side file `name` (nothing when there is none). */
  removeSideFile(name: string): Promise<HostResult<null>>;
  /** Replaces side file `name` with `bytes` atomically (binary: an original of the dossier). */
  writeSideBytes(name: string, bytes: Uint8Array): Promise<HostResult<null>>;
  /** The bytes of side file `name`, null when there is none. */
  readSideBytes(name: string): Promise<HostResult<Uint8Array | null>>;
  /** Subscribes to application-menu commands; returns the unsubscribe function. */
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
  /**
   * Subscribes to the window being closed: the desktop shell holds the close (at most CLOSE_HOLD_MS)
   * until the renderer answers readyToClose, once the edits it has queued are stored. Web mode never
   * sends it (the page guards itself with beforeunload).
   */
  onCloseRequested(listener: () => void): () => void;
  /** The renderer has stored what it had queued: the host may close the window now. */
  readyToClose(): Promise<HostResult<null>>;
}

/** How long the desktop shell holds a window close for the renderer to store its queued edits. */
export const CLOSE_HOLD_MS = 5000;

/** Request/response methods: renderer → host, one ipcMain.handle channel each. */
export type HostMethod =
  | 'openDossier' | 'saveExport' | 'appInfo' | 'setLanguage' | 'recordAuditHead' | 'auditHead'
  | SideFileMethod | 'readyToClose';
/** Events: host → renderer, one ipcRenderer.on channel each. */
export type HostEvent = 'onMenuCommand' | 'onCloseRequested';

export const HOST_CHANNELS = {
  openDossier: 'dossier:open',
  saveExport: 'export:save',
  appInfo: 'app:info',
  setLanguage: 'app:set-language',
  recordAuditHead: 'audit-head:record',
  auditHead: 'audit-head:read',
  writeSideFile: 'side-file:write',
  appendSideFile: 'side-file:append',
  readSideFile: 'side-file:read',
  listSideFiles: 'side-file:list',
  removeSideFile: 'side-file:remove',
  writeSideBytes: 'side-file:write-bytes',
  readSideBytes: 'side-file:read-bytes',
  readyToClose: 'window:ready-to-close',
} as const satisfies Record<HostMethod, string>;

export const HOST_EVENTS = {
  onMenuCommand: 'menu:command',
  onCloseRequested: 'window:close-requested',
} as const satisfies Record<HostEvent, string>;

type SameKeys<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/** Compile-time proof that every HostApi member is either a method channel or an event channel. */
export const CONTRACT_COVERS_HOST_API: SameKeys<keyof HostApi, HostMethod | HostEvent> = true;

export const HOST_METHODS = Object.keys(HOST_CHANNELS) as HostMethod[];
export const HOST_EVENT_NAMES = Object.keys(HOST_EVENTS) as HostEvent[];

/** Limits shared by both hosts when a dossier is read. */
export const DOSSIER_LIMITS = {
  maxFileBytes: 200 * 1024 * 1024,
  maxTotalBytes: 1024 * 1024 * 1024,
  maxFiles: 50_000,
  maxDepth: 16,
} as const;

/** The extensions both hosts offer when a dossier is opened file by file (source 'files'): every file type the import reads but a zip, which is opened whole. */
export const DOSSIER_FILE_EXTENSIONS: readonly string[] = ['pdf', 'ofd', 'xml', 'jpg', 'jpeg', 'png', 'webp', 'csv', 'xlsx', 'json'];

/** Largest export the host writes in one call. */
export const MAX_EXPORT_BYTES = 512 * 1024 * 1024;

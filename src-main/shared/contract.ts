// The one contract between the renderer and its host. The preload derives its exposed functions
// from HOST_CHANNELS; the main process registers one handler per channel; web mode implements the
// same HostApi with browser APIs. Every call resolves to a Result, never throws across the bridge.

export type HostResult<T> = { ok: true; value: T } | { ok: false; error: { code: string; message: string } };

export interface PickedFile {
  /** Path inside the dossier, with forward slashes. */
  path: string;
  bytes: Uint8Array;
}

export interface AppInfo {
  name: string;
  version: string;
  mode: 'desktop' | 'web';
  versions: Record<string, string>;
}

export interface SaveRequest {
  suggestedName: string;
  bytes: Uint8Array;
  filters?: { name: string; extensions: string[] }[];
}

export interface HostApi {
  openDossier(kind: 'folder' | 'zip' | 'files'): Promise<HostResult<{ name: string; files: PickedFile[] } | null>>;
  saveExport(request: SaveRequest): Promise<HostResult<{ path: string } | null>>;
  appInfo(): Promise<HostResult<AppInfo>>;
}

export const HOST_CHANNELS = {
  openDossier: 'dossier:open',
  saveExport: 'export:save',
  appInfo: 'app:info',
} as const satisfies Record<keyof HostApi, string>;

export type HostMethod = keyof HostApi;
export const HOST_METHODS = Object.keys(HOST_CHANNELS) as HostMethod[];

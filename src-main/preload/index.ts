import { contextBridge, ipcRenderer } from 'electron';
import { HOST_CHANNELS, HOST_METHODS, type HostApi } from '../shared/contract';

export function buildHostApi(invoke: (channel: string, ...args: unknown[]) => Promise<unknown>): HostApi {
  const api: Record<string, (...args: unknown[]) => Promise<unknown>> = {};
  for (const method of HOST_METHODS) {
    const channel = HOST_CHANNELS[method];
    api[method] = (...args: unknown[]) => invoke(channel, ...args);
  }
  return Object.freeze(api) as unknown as HostApi;
}

contextBridge.exposeInMainWorld('dossierDesk', buildHostApi((channel, ...args) => ipcRenderer.invoke(channel, ...args)));

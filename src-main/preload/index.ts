// The one bridge: named functions derived from the contract, nothing else. The renderer never sees
// ipcRenderer, the IPC event object or any Node API.
import { contextBridge, ipcRenderer } from 'electron';
import { buildHostApi } from './bridge';

contextBridge.exposeInMainWorld(
  'dossierDesk',
  buildHostApi({
    invoke: (channel, ...args) => ipcRenderer.invoke(channel, ...args),
    subscribe: (channel, listener) => {
      const forward = (_event: unknown, payload: unknown) => listener(payload);
      ipcRenderer.on(channel, forward);
      return () => {
        ipcRenderer.removeListener(channel, forward);
      };
    },
  }),
);

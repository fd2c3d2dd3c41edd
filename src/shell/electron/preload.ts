import { contextBridge, ipcRenderer } from 'electron';
import { bridgeMethods, engineChannels, ipcChannel, type BridgeMethod } from '../common/bridge.ts';

// Only calls to the typed bridge's channels are exposed, never ipcRenderer itself. Replies are `{ok, value | error}`
// values because contextBridge would strip an error's code.
contextBridge.exposeInMainWorld('sottoIpc', {
  call: (method: BridgeMethod, arg: unknown) => {
    if (!(bridgeMethods as readonly string[]).includes(method)) return Promise.reject(new Error(`Unknown bridge method ${method}`));
    return ipcRenderer.invoke(ipcChannel(method), arg);
  },
  // Plugins' engine requests: started, then read chunk by chunk so that SSE streams through IPC.
  engine: {
    start: (pluginId: string, request: unknown) => ipcRenderer.invoke(engineChannels.start, pluginId, request),
    read: (id: number) => ipcRenderer.invoke(engineChannels.read, id),
    cancel: (id: number) => ipcRenderer.invoke(engineChannels.cancel, id),
  },
});

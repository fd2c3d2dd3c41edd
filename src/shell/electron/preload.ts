import { contextBridge, ipcRenderer } from 'electron';
import { bridgeMethods, ipcChannel, type BridgeMethod } from '../common/bridge.ts';

// Only calls to the typed bridge's channels are exposed, never ipcRenderer itself. Replies are `{ok, value | error}`
// values because contextBridge would strip an error's code.
contextBridge.exposeInMainWorld('sottoIpc', {
  call: (method: BridgeMethod, arg: unknown) => {
    if (!(bridgeMethods as readonly string[]).includes(method)) return Promise.reject(new Error(`Unknown bridge method ${method}`));
    return ipcRenderer.invoke(ipcChannel(method), arg);
  },
});

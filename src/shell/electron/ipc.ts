import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { bridgeMethods, ipcChannel, type Bridge } from '../common/bridge.ts';
import { answerBridgeCall, type BridgeReply } from '../common/bridgeReply.ts';
import { isAppUrl } from './security.ts';

/**
 * Serves the typed bridge over IPC. Each call is checked by sender: only the workbench's own frame, loaded
 * from sotto://app, may call; anything else is refused and logged without its payload.
 */
export function serveBridge(bridge: Bridge, isWorkbench: (event: IpcMainInvokeEvent) => boolean): void {
  for (const method of bridgeMethods) {
    ipcMain.handle(ipcChannel(method), async (event, arg: unknown): Promise<BridgeReply> => {
      if (!isWorkbench(event) || !isAppUrl(event.senderFrame?.url)) {
        console.warn(`Refused bridge call "${method}" from ${event.senderFrame?.url ?? 'an unknown frame'}.`);
        return { ok: false, error: { code: 'E_FORBIDDEN', message: 'This frame may not use the Sotto bridge.' } };
      }
      return answerBridgeCall(bridge, method, arg);
    });
  }
}

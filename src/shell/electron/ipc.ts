import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { bridgeMethods, engineChannels, ipcChannel, type Bridge } from '../common/bridge.ts';
import { answerBridgeCall, type BridgeReply } from '../common/bridgeReply.ts';
import { isAppUrl } from './security.ts';
import type { BridgeService } from '../node/bridgeService.ts';
import { EngineStreams } from '../node/engineStreams.ts';

/**
 * Serves the typed bridge over IPC. Each call is checked by sender: only the workbench's own frame, loaded
 * from sotto://app, may call; anything else is refused and logged without its payload.
 */
export function serveBridge(bridge: Bridge & Pick<BridgeService, 'engineFetch'>, isWorkbench: (event: IpcMainInvokeEvent) => boolean): void {
  const refused = (event: IpcMainInvokeEvent, method: string): BridgeReply | undefined => {
    if (isWorkbench(event) && isAppUrl(event.senderFrame?.url)) return undefined;
    console.warn(`Refused bridge call "${method}" from ${event.senderFrame?.url ?? 'an unknown frame'}.`);
    return { ok: false, error: { code: 'E_FORBIDDEN', message: 'This frame may not use the Sotto bridge.' } };
  };
  for (const method of bridgeMethods) {
    ipcMain.handle(ipcChannel(method), async (event, arg: unknown): Promise<BridgeReply> => refused(event, method) ?? answerBridgeCall(bridge, method, arg));
  }
  const streams = new EngineStreams((pluginId, request, signal) => bridge.engineFetch(pluginId, request, signal));
  const answer = async (run: () => Promise<unknown>): Promise<BridgeReply> => {
    try {
      return { ok: true, value: await run() };
    } catch (error) {
      return { ok: false, error: { code: String((error as { code?: string }).code ?? 'E_SHELL'), message: (error as Error).message } };
    }
  };
  ipcMain.handle(engineChannels.start, (event, pluginId: string, request) => refused(event, 'engine') ?? answer(() => streams.start(pluginId, request)));
  ipcMain.handle(engineChannels.read, (event, id: number) => refused(event, 'engine') ?? answer(() => streams.read(id)));
  ipcMain.handle(engineChannels.cancel, (event, id: number) => void (refused(event, 'engine') ?? streams.cancel(id)));
}

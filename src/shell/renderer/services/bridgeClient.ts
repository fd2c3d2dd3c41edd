import type { EngineRequest } from '@sotto/api';
import type { EngineReply } from '@sotto/api/rpc';
import { bridgeHeader, BridgeError, engineFetchPath, engineHeadersHeader, engineRequestHeader, engineStatusHeader, type Bridge } from '../../common/bridge.ts';
import { bridgeOver, type BridgeReply, type BridgeTransport } from '../../common/bridgeReply.ts';

/** The preload's streaming engine calls (Electron): start, then read the body chunk by chunk. */
interface IpcEngine {
  start(pluginId: string, request: EngineRequest): Promise<BridgeReply>;
  read(id: number): Promise<BridgeReply>;
  cancel(id: number): Promise<void>;
}

declare global {
  interface Window {
    /** Set by the Electron preload; absent in the web shell. */
    readonly sottoIpc?: { call: BridgeTransport; engine: IpcEngine };
  }
}

const TOKEN_KEY = 'sotto.launchToken';

/** The launch token arrives in the URL fragment once; keep it for reloads of this tab and hide it from the address bar. */
function launchToken(): string {
  const fromHash = new URLSearchParams(location.hash.slice(1)).get('token');
  if (fromHash) {
    sessionStorage.setItem(TOKEN_KEY, fromHash);
    history.replaceState(null, '', location.pathname + location.search);
  }
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (!token) throw new BridgeError('E_FORBIDDEN', 'No launch token: open Sotto from the URL that `sotto serve` printed.');
  return token;
}

function httpTransport(token: string): BridgeTransport {
  return async (method, arg) => {
    const response = await fetch(`/bridge/${method}`, { method: 'POST', headers: { 'content-type': 'application/json', [bridgeHeader]: token }, body: JSON.stringify({ arg }) });
    return response.json();
  };
}

/** The shell behind this page: Electron's preload IPC, or the web shell over HTTP. */
export function connectBridge(): Bridge {
  return bridgeOver(window.sottoIpc ? window.sottoIpc.call : httpTransport(launchToken()));
}

export type EngineFetch = (pluginId: string, request: EngineRequest, signal: AbortSignal) => Promise<EngineReply>;

const valueOf = (reply: BridgeReply) => {
  if (!reply.ok) throw new BridgeError(reply.error.code, reply.error.message);
  return reply.value;
};

function ipcEngineFetch(engine: IpcEngine): EngineFetch {
  return async (pluginId, request, signal) => {
    const head = valueOf(await engine.start(pluginId, request)) as { id: number; status: number; headers: Record<string, string> };
    signal.addEventListener('abort', () => void engine.cancel(head.id), { once: true });
    async function* body(): AsyncIterable<Uint8Array> {
      for (;;) {
        const next = valueOf(await engine.read(head.id)) as { chunk?: Uint8Array; done: boolean };
        if (next.done) return;
        if (next.chunk) yield next.chunk;
      }
    }
    return { status: head.status, headers: head.headers, body: body() };
  };
}

function httpEngineFetch(token: string): EngineFetch {
  return async (pluginId, request, signal) => {
    const meta = JSON.stringify({ pluginId, path: request.path, method: request.method, headers: request.headers });
    const response = await fetch(engineFetchPath, { method: 'POST', headers: { [bridgeHeader]: token, [engineRequestHeader]: meta }, body: request.body as BodyInit | undefined, signal });
    if (!response.headers.has(engineStatusHeader)) valueOf(await response.json());
    return { status: Number(response.headers.get(engineStatusHeader)), headers: JSON.parse(response.headers.get(engineHeadersHeader) ?? '{}'), body: response.body as AsyncIterable<Uint8Array> | null };
  };
}

/** Plugins' engine requests with streamed bodies: IPC reads in Electron, a streamed HTTP reply in the web shell. */
export function connectEngineFetch(): EngineFetch {
  return window.sottoIpc ? ipcEngineFetch(window.sottoIpc.engine) : httpEngineFetch(launchToken());
}

import { bridgeHeader, BridgeError, type Bridge } from '../../common/bridge.ts';
import { bridgeOver, type BridgeTransport } from '../../common/bridgeReply.ts';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in the web shell. */
    readonly sottoIpc?: { call: BridgeTransport };
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

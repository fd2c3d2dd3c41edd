import { bridgeHeader, bridgeMethods, BridgeError, type Bridge, type BridgeMethod } from '../../common/bridge.ts';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in the web shell. */
    readonly sottoBridge?: Bridge;
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

function httpBridge(token: string): Bridge {
  const call = async (method: BridgeMethod, arg: unknown) => {
    const response = await fetch(`/bridge/${method}`, { method: 'POST', headers: { 'content-type': 'application/json', [bridgeHeader]: token }, body: JSON.stringify({ arg }) });
    const body = (await response.json()) as { ok: true; value: unknown } | { ok: false; error: { code: string; message: string } };
    if (!body.ok) throw new BridgeError(body.error.code, body.error.message);
    return body.value;
  };
  return Object.fromEntries(bridgeMethods.map((method) => [method, (arg: unknown) => call(method, arg)])) as unknown as Bridge;
}

/** The shell behind this page: Electron's preload bridge, or the web shell over HTTP. */
export function connectBridge(): { bridge: Bridge; token?: string } {
  if (window.sottoBridge) return { bridge: window.sottoBridge };
  const token = launchToken();
  return { bridge: httpBridge(token), token };
}

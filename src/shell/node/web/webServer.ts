import { timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import path from 'node:path';
import { bridgeHeader, bridgeMethods, BridgeError, engineFetchPath, engineHeadersHeader, engineRequestHeader, engineStatusHeader, type Bridge } from '../../common/bridge.ts';
import type { BridgeService } from '../bridgeService.ts';
import { answerBridgeCall } from '../../common/bridgeReply.ts';
import { pluginWorkerCsp, workbenchCsp } from '../../common/csp.ts';
import { sendFile } from './staticFiles.ts';

const MAX_BODY = 2 * 1024 * 1024;
/** Plugins' engine requests carry file uploads (user files are at most 5 MB each). */
const MAX_ENGINE_BODY = 8 * 1024 * 1024;

export interface WebServerOptions {
  readonly bridge: Bridge & { engineFetch?: BridgeService['engineFetch'] };
  /** Per-launch secret that every bridge call and plugin file request must carry. */
  readonly token: string;
  /** The built renderer (index.html and assets). */
  readonly rendererDir: string;
  /** Path of a plugin's worker bundle, building it if needed. */
  readonly pluginBundle: (pluginId: string) => Promise<string>;
  /** Origins the page may connect to besides itself (the engines). */
  readonly engineOrigins: () => Promise<string[]>;
}

const sameSecret = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
  response.end(text);
}

async function readBody(request: IncomingMessage): Promise<string>;
async function readBody(request: IncomingMessage, raw: true, limit: number): Promise<Buffer>;
async function readBody(request: IncomingMessage, raw = false, limit = MAX_BODY): Promise<string | Buffer> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new BridgeError('E_TOO_LARGE', `Request body over ${limit} bytes.`);
    chunks.push(chunk as Buffer);
  }
  return raw ? Buffer.concat(chunks) : Buffer.concat(chunks).toString('utf8');
}

/**
 * The web shell: serves the workbench and plugin bundles to a browser on 127.0.0.1 and answers the bridge over
 * HTTP. Every bridge call needs the launch token, so another local page or process cannot use it.
 */
export function createWebServer(options: WebServerOptions): Server {
  const hostOk = (request: IncomingMessage, server: Server) => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    return request.headers.host === `127.0.0.1:${port}` || request.headers.host === `localhost:${port}`;
  };

  /** Answers the request itself and returns false when it is not an authenticated POST. */
  const authorised = (request: IncomingMessage, response: ServerResponse): boolean => {
    if (request.method !== 'POST') return sendJson(response, 405, { ok: false, error: { code: 'E_METHOD', message: 'Bridge calls use POST.' } }), false;
    const token = request.headers[bridgeHeader];
    if (typeof token !== 'string' || !sameSecret(token, options.token)) {
      return sendJson(response, 403, { ok: false, error: { code: 'E_FORBIDDEN', message: 'Missing or wrong launch token: open Sotto from the URL that `sotto serve` printed.' } }), false;
    }
    return true;
  };

  // A plugin's engine request: metadata in a header, the body as it is, and the engine's body streamed back as it arrives (SSE).
  const handleEngineFetch = async (request: IncomingMessage, response: ServerResponse) => {
    if (!authorised(request, response)) return;
    const abort = new AbortController();
    response.on('close', () => abort.abort());
    let upstream: Response;
    try {
      if (!options.bridge.engineFetch) throw new BridgeError('E_UNAVAILABLE', 'This shell offers plugins no engine.');
      const meta = JSON.parse(String(request.headers[engineRequestHeader] ?? '')) as { pluginId: string; path: string; method: string; headers: Record<string, string> };
      const body = await readBody(request, true, MAX_ENGINE_BODY);
      upstream = await options.bridge.engineFetch(meta.pluginId, { path: meta.path, method: meta.method, headers: meta.headers ?? {}, body: body.length ? new Uint8Array(body) : undefined }, abort.signal);
    } catch (error) {
      const code = error instanceof BridgeError ? error.code : 'E_INVALID_INPUT';
      return sendJson(response, code === 'E_PERMISSION' ? 403 : 400, { ok: false, error: { code, message: (error as Error).message } });
    }
    response.writeHead(200, { 'content-type': 'application/octet-stream', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', [engineStatusHeader]: String(upstream.status), [engineHeadersHeader]: JSON.stringify(Object.fromEntries(upstream.headers)) });
    response.flushHeaders();
    if (upstream.body) for await (const chunk of upstream.body as AsyncIterable<Uint8Array>) response.write(chunk);
    response.end();
  };

  const handleBridge = async (method: string, request: IncomingMessage, response: ServerResponse) => {
    if (!authorised(request, response)) return;
    if (!(bridgeMethods as readonly string[]).includes(method)) return sendJson(response, 404, { ok: false, error: { code: 'E_NOT_FOUND', message: `No bridge method "${method}".` } });
    let arg: unknown;
    try {
      const text = await readBody(request);
      arg = text ? (JSON.parse(text) as { arg?: unknown }).arg : undefined;
    } catch (error) {
      return sendJson(response, 400, { ok: false, error: { code: 'E_INVALID_INPUT', message: (error as Error).message } });
    }
    sendJson(response, 200, await answerBridgeCall(options.bridge, method, arg));
  };

  const handlePluginBundle = async (pluginId: string, url: URL, response: ServerResponse) => {
    const token = url.searchParams.get('token') ?? '';
    if (!sameSecret(token, options.token)) return sendJson(response, 403, { ok: false, error: { code: 'E_FORBIDDEN', message: 'Missing or wrong launch token.' } });
    const file = await options.pluginBundle(pluginId);
    await sendFile(response, path.dirname(file), path.basename(file), { 'content-security-policy': pluginWorkerCsp, 'cache-control': 'no-store' });
  };

  const server: Server = createServer(async (request, response) => {
    try {
      if (!hostOk(request, server)) return sendJson(response, 421, { ok: false, error: { code: 'E_HOST', message: 'Unexpected Host header.' } });
      const url = new URL(request.url ?? '/', 'http://127.0.0.1');
      if (url.pathname === engineFetchPath) return await handleEngineFetch(request, response);
      const bridge = /^\/bridge\/([A-Za-z]+)$/.exec(url.pathname);
      if (bridge) return await handleBridge(bridge[1], request, response);
      const plugin = /^\/plugins\/([a-z0-9.@-]+)\/worker\.mjs$/.exec(url.pathname);
      if (plugin) return await handlePluginBundle(plugin[1], url, response);
      if (url.pathname === '/health') return sendJson(response, 200, { ok: true });
      const relative = url.pathname === '/' ? 'index.html' : url.pathname.slice(1);
      const headers: Record<string, string> = relative === 'index.html' ? { 'content-security-policy': workbenchCsp(await options.engineOrigins()), 'cache-control': 'no-cache' } : { 'cache-control': 'no-cache' };
      if (!(await sendFile(response, options.rendererDir, relative, headers))) sendJson(response, 404, { ok: false, error: { code: 'E_NOT_FOUND', message: `No file ${url.pathname}` } });
    } catch (error) {
      if (!response.headersSent) sendJson(response, 500, { ok: false, error: { code: 'E_SHELL', message: (error as Error).message } });
      else response.destroy(error as Error);
    }
  });
  return server;
}

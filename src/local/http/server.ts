import { randomBytes } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import https from 'node:https';
import type { LocalContext } from '../context.ts';
import { readBody } from './body.ts';
import { ApiError, serverError, unauthorized } from './errors.ts';
import type { Router } from './router.ts';

export function bearerKey(req: IncomingMessage): string | null {
  const match = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '');
  return match ? match[1].trim() : null;
}

/** The HTTP(S) server: auth, injected faults, routing, OpenAI-shaped errors. */
export function createHttpServer(router: Router, ctx: LocalContext, tls?: { key: string | Buffer; cert: string | Buffer }): http.Server {
  const handle = (req: IncomingMessage, res: ServerResponse) => {
    res.setHeader('x-request-id', `req_${randomBytes(12).toString('hex')}`);
    // Like api.openai.com, answer browsers from any origin: pages call /v1/realtime/calls with an ek_ key.
    res.setHeader('access-control-allow-origin', '*');
    res.setHeader('access-control-expose-headers', 'location, x-request-id, retry-after');
    if (req.method === 'OPTIONS') {
      res.writeHead(204, {
        'access-control-allow-methods': 'GET, POST, DELETE, OPTIONS',
        'access-control-allow-headers': req.headers['access-control-request-headers'] ?? 'authorization, content-type',
        'access-control-max-age': '600',
      });
      return void res.end();
    }
    dispatch(router, ctx, req, res).catch((error: unknown) => {
      const apiError = error instanceof ApiError ? error : serverError();
      if (!(error instanceof ApiError)) console.error('[sotto local]', error);
      if (res.headersSent) return void res.end();
      res.writeHead(apiError.status, { 'content-type': 'application/json', ...apiError.headers }).end(JSON.stringify(apiError.body()));
    });
  };
  return tls ? https.createServer({ key: tls.key, cert: tls.cert }, handle) : http.createServer(handle);
}

async function dispatch(router: Router, ctx: LocalContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://local');
  const method = req.method ?? 'GET';
  const body = await readBody(req);
  if (url.pathname.startsWith('/v1/')) {
    const key = bearerKey(req);
    if (!key) throw unauthorized("You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).");
    if (ctx.apiKeys && !key.startsWith('ek_') && !ctx.apiKeys.has(key)) throw unauthorized(`Incorrect API key provided: ${key.slice(0, 3)}…${key.slice(-4)}. You can find your API key at https://platform.openai.com/account/api-keys.`);
    const injected = ctx.faults.httpFailure(method, url.pathname.slice(3));
    if (injected) throw injected;
  }
  const match = router.match(method, url.pathname);
  if (!match || match === 'method') throw new ApiError(404, `Invalid URL (${method} ${url.pathname})`);
  const result = await match.handler({ req, res, params: match.params, query: url.searchParams, body });
  if (!result) return;
  const headers = { ...result.headers };
  if (result.json !== undefined) {
    res.writeHead(result.status ?? 200, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(result.json));
  } else {
    res.writeHead(result.status ?? 200, headers).end(result.text ?? '');
  }
}

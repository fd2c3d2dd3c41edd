import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { LocalContext } from '../context.ts';
import { bearerKey } from '../http/server.ts';
import { newId } from '../ids.ts';
import type { RealtimeTransport } from './events.ts';
import { MAX_EVENT_BYTES } from './session.ts';
import type { SessionConfig } from './session-config.ts';

const KEY_PROTOCOL = 'openai-insecure-api-key.';

/** `GET /v1/realtime?model=…|intent=transcription|call_id=…` over WebSocket, authenticated by header or subprotocol. */
export function attachRealtimeWebSocket(server: Server, ctx: LocalContext): WebSocketServer {
  // Frames larger than OpenAI's 15 MiB limit must still arrive, so that they can be answered with an `error` event.
  const wss = new WebSocketServer({ noServer: true, maxPayload: 4 * MAX_EVENT_BYTES, handleProtocols: (protocols) => (protocols.has('realtime') ? 'realtime' : false) });
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://local');
    if (url.pathname !== '/v1/realtime') return void socket.destroy();
    const key = bearerKey(req) ?? protocolKey(req);
    if (!key || (key.startsWith('ek_') && !ctx.secrets.session(key))) {
      socket.end('HTTP/1.1 401 Unauthorized\r\ncontent-type: application/json\r\n\r\n' + JSON.stringify({ error: { message: 'Incorrect API key provided.', type: 'invalid_request_error', param: null, code: 'invalid_api_key' } }));
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) =>
      connect(ws, url.searchParams, key, ctx).catch((error: unknown) => {
        console.error('[sotto local] realtime connection failed', error);
        ws.close(1011, 'server error');
      }),
    );
  });
  return wss;
}

function protocolKey(req: IncomingMessage): string | null {
  const protocols = String(req.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim());
  return protocols.find((p) => p.startsWith(KEY_PROTOCOL))?.slice(KEY_PROTOCOL.length) ?? null;
}

async function connect(ws: WebSocket, query: URLSearchParams, key: string, ctx: LocalContext): Promise<void> {
  const transport: RealtimeTransport = { kind: 'websocket', send: (text) => ws.send(text), close: (code, reason) => ws.close(code, reason) };
  const callId = query.get('call_id');
  const fail = (code: string, message: string) => {
    ws.send(JSON.stringify({ type: 'error', event_id: newId('event', 10), error: { type: 'invalid_request_error', code, message, param: null, event_id: null } }));
    ws.close(1008, message.slice(0, 120));
  };
  const buffered: string[] = [];
  const early = (data: Buffer) => buffered.push(data.toString());
  ws.on('message', early);
  let session;
  if (callId) {
    session = ctx.realtime.byCall(callId);
    if (!session) return fail('call_not_found', `Call '${callId}' not found.`);
  } else {
    const intent = query.get('intent');
    const model = query.get('model');
    if (!model && intent !== 'transcription') return fail('missing_model', 'You must provide a model parameter, or intent=transcription.');
    const minted = ctx.secrets.session(key);
    const type = intent === 'transcription' ? 'transcription' : 'realtime';
    const config: SessionConfig = minted?.type === type ? minted : ctx.realtime.defaults(type, model ?? undefined);
    session = await ctx.realtime.start(model && config.type === 'realtime' ? { ...config, model } : config);
  }
  const live = session;
  live.attach(transport);
  ws.off('message', early);
  ws.on('message', (data: Buffer) => live.receive(data.toString()));
  ws.on('close', () => live.detach(transport));
  for (const text of buffered) live.receive(text);
}

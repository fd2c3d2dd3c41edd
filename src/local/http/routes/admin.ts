import type { LocalContext } from '../../context.ts';
import type { FaultPlan, RealtimeFault } from '../../faults/plan.ts';
import { applyRealtimeFault } from '../../faults/realtime-faults.ts';
import { jsonBody } from '../body.ts';
import { notFound } from '../errors.ts';
import type { Router } from '../router.ts';

/** Test-only fault injection and inspection; registered only when the server starts with faults enabled. */
export function adminRoutes(router: Router, ctx: LocalContext): void {
  router.on('GET', '/__admin/faults', () => ({ json: ctx.faults.plan() }));
  router.on('PUT', '/__admin/faults', ({ body }) => {
    ctx.faults.replace(jsonBody(body) as FaultPlan);
    return { json: ctx.faults.plan() };
  });
  router.on('GET', '/__admin/sessions', () => ({
    json: { data: [...ctx.realtime.sessions.values()].map((s) => ({ id: s.id, type: s.config().type, transports: [...s.outbox.transports].map((t) => t.kind) })) },
  }));
  router.on('GET', '/__admin/sessions/:id/items', ({ params }) => {
    const session = ctx.realtime.sessions.get(params.id);
    if (!session) throw notFound('session', params.id);
    return { json: { data: session.conversation.list() } };
  });
  const callOf = (id: string) => {
    const call = ctx.calls.get(id);
    if (!call) throw notFound('call', id);
    return call;
  };
  router.on('GET', '/__admin/calls/:id/stats', ({ params }) => {
    const call = callOf(params.id);
    return {
      json: {
        session_id: call.session.id,
        send_latency_ms: call.sender?.latencies ?? [],
        sent_at: Object.fromEntries(call.sender?.sentAt ?? []),
        opus: { decode_ms: call.opus.decodeMs, audio_ms: call.opus.audioMs },
      },
    };
  });
  router.on('GET', '/__admin/calls/:id/audio', ({ params }) => {
    const call = callOf(params.id);
    const pcm = Buffer.concat(call.uplink.map((c) => Buffer.from(c.buffer, c.byteOffset, c.byteLength)));
    return { text: pcm, headers: { 'content-type': 'application/octet-stream', 'x-sample-rate': '24000' } };
  });
  router.on('POST', '/__admin/sessions/:id/faults', ({ params, body }) => {
    const session = ctx.realtime.sessions.get(params.id);
    if (!session) throw notFound('session', params.id);
    applyRealtimeFault(session, jsonBody(body) as unknown as RealtimeFault);
    return { json: { ok: true } };
  });
}

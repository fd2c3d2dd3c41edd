import type { IncomingMessage } from 'node:http';
import type { LocalContext } from '../../context.ts';
import { newId } from '../../ids.ts';
import { ConfigError, applySessionUpdate, type SessionConfig } from '../../realtime/session-config.ts';
import { WebRtcCall } from '../../realtime/webrtc-call.ts';
import { formBody } from '../body.ts';
import { badRequest, notFound, unauthorized } from '../errors.ts';
import type { Router } from '../router.ts';
import { bearerKey } from '../server.ts';

/** `POST /v1/realtime/calls` (raw SDP with an `ek_` key, or multipart `sdp` + `session`) and hangup. */
export function callRoutes(router: Router, ctx: LocalContext): void {
  router.on('POST', '/v1/realtime/calls', async ({ req, body, query }) => {
    const { sdp, config } = await offerOf(req, body, ctx, query.get('model') ?? undefined);
    if (!sdp.startsWith('v=0')) throw badRequest('Invalid SDP offer.', 'sdp', 'invalid_offer');
    const id = newId('rtc_u1', 16);
    const session = await ctx.realtime.start(config, id);
    const call = new WebRtcCall(id, session, ctx.dataChannel, ctx.faults.enabled);
    ctx.calls.set(id, call);
    session.onClose = ((previous) => () => {
      previous?.();
      ctx.calls.delete(id);
    })(session.onClose);
    const answer = await call.answer(sdp).catch((error: unknown) => {
      call.hangup();
      throw badRequest(`Invalid SDP offer: ${(error as Error).message}`, 'sdp', 'invalid_offer');
    });
    return { status: 201, text: answer, headers: { 'content-type': 'application/sdp', location: `/v1/realtime/calls/${id}` } };
  });
  router.on('POST', '/v1/realtime/calls/:id/hangup', ({ params }) => {
    const call = ctx.calls.get(params.id);
    if (!call) throw notFound('call', params.id);
    call.hangup();
    return { status: 200, text: '' };
  });
}

async function offerOf(req: IncomingMessage, body: Buffer, ctx: LocalContext, model?: string): Promise<{ sdp: string; config: SessionConfig }> {
  const key = bearerKey(req) ?? '';
  const type = req.headers['content-type'] ?? '';
  if (type.startsWith('application/sdp')) {
    if (!key.startsWith('ek_')) return { sdp: body.toString(), config: ctx.realtime.defaults('realtime', model) };
    const minted = ctx.secrets.session(key);
    if (!minted) throw unauthorized('The ephemeral key is unknown or has expired.');
    return { sdp: body.toString(), config: minted };
  }
  const form = await formBody(req, body);
  const sdp = form.get('sdp');
  if (typeof sdp !== 'string') throw badRequest("Missing required parameter: 'sdp'.", 'sdp', 'missing_required_parameter');
  const session = form.get('session');
  try {
    const requested = typeof session === 'string' ? (JSON.parse(session) as { type?: string }) : { type: 'realtime' };
    const base = ctx.realtime.defaults(requested.type === 'transcription' ? 'transcription' : 'realtime', model);
    return { sdp, config: applySessionUpdate(base, requested) };
  } catch (error) {
    if (error instanceof ConfigError) throw badRequest(error.message, error.param, error.code);
    throw badRequest("Invalid 'session': expected a JSON object.", 'session', 'invalid_value');
  }
}

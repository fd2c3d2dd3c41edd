import type { LocalContext } from '../../context.ts';
import { ConfigError, applySessionUpdate, sessionView, type SessionType } from '../../realtime/session-config.ts';
import { jsonBody } from '../body.ts';
import { badRequest } from '../errors.ts';
import type { Router } from '../router.ts';

const DEFAULT_TTL = 600;

/** `POST /v1/realtime/client_secrets`: mints an `ek_` key carrying a validated session config. */
export function clientSecretRoutes(router: Router, ctx: LocalContext): void {
  router.on('POST', '/v1/realtime/client_secrets', ({ body }) => {
    const params = jsonBody(body);
    const expires = (params.expires_after ?? { anchor: 'created_at', seconds: DEFAULT_TTL }) as { anchor?: string; seconds?: number };
    if (typeof expires !== 'object') throw badRequest("Invalid type for 'expires_after': expected an object.", 'expires_after', 'invalid_type');
    if (expires.anchor !== 'created_at') throw badRequest(`Invalid value: '${String(expires.anchor)}'. Supported values are: 'created_at'.`, 'expires_after.anchor', 'invalid_value');
    const seconds = expires.seconds ?? DEFAULT_TTL;
    if (!Number.isInteger(seconds) || seconds < 10 || seconds > 7200) {
      throw badRequest(`Invalid 'expires_after.seconds': expected an integer between 10 and 7200, but got ${seconds} instead.`, 'expires_after.seconds', 'invalid_value');
    }
    const requested = (params.session ?? { type: 'realtime' }) as { type?: SessionType; model?: string };
    let session;
    try {
      session = applySessionUpdate(ctx.realtime.defaults(requested.type === 'transcription' ? 'transcription' : 'realtime', requested.model), requested);
    } catch (error) {
      if (error instanceof ConfigError) throw badRequest(error.message, error.param, error.code);
      throw error;
    }
    const minted = ctx.secrets.mint(session, seconds);
    return { json: { ...minted, session: { ...sessionView(session), expires_at: 0 } } };
  });
}

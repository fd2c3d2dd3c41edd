import type { LocalContext } from '../../context.ts';
import type { FaultPlan, RealtimeFault } from '../../faults/plan.ts';
import { jsonBody } from '../body.ts';
import { notFound } from '../errors.ts';
import type { Router } from '../router.ts';

/** Test-only fault injection; registered only when the server starts with faults enabled. */
export function adminRoutes(router: Router, ctx: LocalContext): void {
  router.on('GET', '/__admin/faults', () => ({ json: ctx.faults.plan() }));
  router.on('PUT', '/__admin/faults', ({ body }) => {
    ctx.faults.replace(jsonBody(body) as FaultPlan);
    return { json: ctx.faults.plan() };
  });
  router.on('GET', '/__admin/sessions', () => ({
    json: { data: [...ctx.realtime.sessions.values()].map((s) => ({ id: s.id, type: s.config().type, transports: [...s.outbox.transports].map((t) => t.kind) })) },
  }));
  router.on('POST', '/__admin/sessions/:id/faults', ({ params, body }) => {
    const session = ctx.realtime.sessions.get(params.id);
    if (!session) throw notFound('session', params.id);
    session.applyFault(jsonBody(body) as unknown as RealtimeFault);
    return { json: { ok: true } };
  });
}

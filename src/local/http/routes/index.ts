import type { LocalContext } from '../../context.ts';
import { Router } from '../router.ts';
import { adminRoutes } from './admin.ts';
import { callRoutes } from './calls.ts';
import { clientSecretRoutes } from './client-secrets.ts';
import { conversationRoutes } from './conversations.ts';
import { fileRoutes } from './files.ts';
import { healthRoutes } from './health.ts';
import { modelRoutes } from './models.ts';
import { responseRoutes } from './responses.ts';
import { vectorStoreRoutes } from './vector-stores.ts';

export function buildRouter(ctx: LocalContext): Router {
  const router = new Router();
  healthRoutes(router, ctx);
  modelRoutes(router, ctx);
  clientSecretRoutes(router, ctx);
  callRoutes(router, ctx);
  responseRoutes(router, ctx);
  conversationRoutes(router, ctx);
  fileRoutes(router, ctx);
  vectorStoreRoutes(router, ctx);
  if (ctx.faults.enabled) adminRoutes(router, ctx);
  return router;
}

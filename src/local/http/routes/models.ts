import type { Model } from 'openai/resources/models';
import type { LocalContext } from '../../context.ts';
import type { Router } from '../router.ts';
import { notFound } from '../errors.ts';

/** The models the local engine answers for. Their names say what they are; any model name is accepted on requests. */
const MODELS: Model[] = ['sotto-local-notes', 'sotto-local-realtime', 'sotto-local-transcribe', 'gpt-realtime', 'gpt-4o-transcribe', 'gpt-live-transcribe'].map((id) => ({
  id,
  object: 'model',
  created: 1_767_000_000,
  owned_by: 'sotto-local',
}));

export function modelRoutes(router: Router, ctx: LocalContext): void {
  // Deprecated models are listed as OpenAI lists them: with the date they stop answering.
  const models = () => [...MODELS, ...Object.entries(ctx.deprecatedModels).map(([id, shutdown_date]) => ({ id, object: 'model' as const, created: 1_700_000_000, owned_by: 'sotto-local', shutdown_date }))];
  router.on('GET', '/v1/models', () => ({ json: { object: 'list', data: models() } }));
  router.on('GET', '/v1/models/:model', ({ params }) => {
    const model = models().find((m) => m.id === params.model);
    if (!model) throw notFound('model', params.model);
    return { json: model };
  });
}

import type { ConversationItem } from 'openai/resources/conversations/items';
import type { LocalContext } from '../../context.ts';
import { inputItems } from '../../responses/items.ts';
import { runResponse } from '../../responses/run.ts';
import { jsonBody } from '../body.ts';
import { badRequest, modelNotFound, notFound, requireString } from '../errors.ts';
import { listPage } from '../pagination.ts';
import type { Router } from '../router.ts';
import { SseWriter } from '../sse.ts';

/** `POST /v1/responses` (JSON or SSE), retrieve, delete, input items. */
export function responseRoutes(router: Router, ctx: LocalContext): void {
  router.on('POST', '/v1/responses', async ({ body, res }) => {
    const params = jsonBody(body);
    const model = requireString(params.model, 'model');
    if (ctx.unknownModels.has(model)) throw modelNotFound(model);
    const conversation = typeof params.conversation === 'object' && params.conversation ? (params.conversation as { id: string }).id : (params.conversation as string | undefined);
    const previous = params.previous_response_id as string | undefined;
    if (conversation && previous) {
      throw badRequest("Mutually exclusive parameters: Ensure you are only providing one of: 'previous_response_id' or 'conversation'.", null, 'mutually_exclusive_parameters');
    }
    let history: ConversationItem[] = [];
    if (previous) {
      const stored = ctx.responses.get(previous);
      if (!stored) throw badRequest(`Previous response with id '${previous}' not found.`, 'previous_response_id', 'previous_response_not_found');
      history = stored.items;
    } else if (conversation) {
      history = [...ctx.conversations.items(conversation)];
    }
    const input = inputItems(params.input);
    if (input.length === 0 && history.length === 0) throw badRequest("Missing required parameter: 'input'.", 'input', 'missing_required_parameter');
    const tools = (params.tools as Array<Record<string, unknown> & { type: string }> | undefined) ?? [];
    const storeIds = tools.flatMap((t) => (t.type === 'file_search' ? ((t.vector_store_ids as string[]) ?? []) : []));
    const { response, events } = runResponse(
      {
        model,
        instructions: (params.instructions as string) ?? null,
        history,
        input,
        tools,
        toolChoice: params.tool_choice ?? 'auto',
        metadata: (params.metadata as Record<string, string>) ?? null,
        previousResponseId: previous ?? null,
        conversationId: conversation ?? null,
        maxOutputTokens: (params.max_output_tokens as number) ?? null,
        searchableFileIds: ctx.vectorStores.searchableFileIds(storeIds),
        includeSearchResults: ((params.include as string[]) ?? []).includes('file_search_call.results'),
      },
      ctx.responder,
    );
    if (params.store !== false) ctx.responses.set(response.id, { response, input, items: [...history, ...input, ...(response.output as ConversationItem[])] });
    if (conversation) ctx.conversations.append(conversation, [...input, ...(response.output as ConversationItem[])]);
    if (params.stream !== true) return { json: response };
    const sse = new SseWriter(res);
    for (const event of events) {
      if (res.destroyed) return undefined;
      sse.send(event);
      if (ctx.textDeltaDelayMs > 0 && event.type === 'response.output_text.delta') await new Promise((resolve) => setTimeout(resolve, ctx.textDeltaDelayMs));
    }
    sse.end();
    return undefined;
  });
  router.on('GET', '/v1/responses/:id', ({ params }) => ({ json: stored(ctx, params.id).response }));
  router.on('DELETE', '/v1/responses/:id', ({ params }) => {
    stored(ctx, params.id);
    ctx.responses.delete(params.id);
    return { json: { id: params.id, object: 'response.deleted', deleted: true } };
  });
  router.on('GET', '/v1/responses/:id/input_items', ({ params, query }) => ({ json: listPage(stored(ctx, params.id).input as Array<{ id: string }>, query) }));
}

function stored(ctx: LocalContext, id: string) {
  const response = ctx.responses.get(id);
  if (!response) throw notFound('response', id);
  return response;
}

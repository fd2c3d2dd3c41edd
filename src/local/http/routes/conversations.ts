import type { LocalContext } from '../../context.ts';
import { inputItems } from '../../responses/items.ts';
import { jsonBody } from '../body.ts';
import { badRequest } from '../errors.ts';
import { listPage } from '../pagination.ts';
import type { Router } from '../router.ts';

const MAX_ITEMS_PER_REQUEST = 20;

/** `/v1/conversations` and their items. */
export function conversationRoutes(router: Router, ctx: LocalContext): void {
  const itemsOf = (raw: unknown) => {
    const items = inputItems(raw ?? []);
    if (items.length > MAX_ITEMS_PER_REQUEST) throw badRequest(`Invalid 'items': array too long. Expected an array with maximum length ${MAX_ITEMS_PER_REQUEST}.`, 'items', 'array_above_max_length');
    return items;
  };
  router.on('POST', '/v1/conversations', ({ body }) => {
    const params = jsonBody(body);
    return { json: ctx.conversations.create((params.metadata as Record<string, string>) ?? null, itemsOf(params.items)) };
  });
  router.on('GET', '/v1/conversations/:conv', ({ params }) => ({ json: ctx.conversations.get(params.conv) }));
  router.on('POST', '/v1/conversations/:conv', ({ params, body }) => ({
    json: ctx.conversations.update(params.conv, (jsonBody(body).metadata as Record<string, string>) ?? {}),
  }));
  router.on('DELETE', '/v1/conversations/:conv', ({ params }) => {
    ctx.conversations.delete(params.conv);
    return { json: { id: params.conv, object: 'conversation.deleted', deleted: true } };
  });
  router.on('POST', '/v1/conversations/:conv/items', ({ params, body }) => {
    ctx.conversations.get(params.conv);
    const items = itemsOf(jsonBody(body).items);
    ctx.conversations.append(params.conv, items);
    return { json: { object: 'list', data: items, first_id: items[0]?.id ?? null, last_id: items.at(-1)?.id ?? null, has_more: false } };
  });
  router.on('GET', '/v1/conversations/:conv/items', ({ params, query }) => ({
    json: listPage(ctx.conversations.items(params.conv) as Array<{ id: string }>, query),
  }));
  router.on('GET', '/v1/conversations/:conv/items/:item', ({ params }) => ({ json: ctx.conversations.item(params.conv, params.item) }));
  router.on('DELETE', '/v1/conversations/:conv/items/:item', ({ params }) => {
    ctx.conversations.deleteItem(params.conv, params.item);
    return { json: ctx.conversations.get(params.conv) };
  });
}

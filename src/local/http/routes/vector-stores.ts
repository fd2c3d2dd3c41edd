import type { LocalContext } from '../../context.ts';
import { textOf } from '../../store/files.ts';
import { jsonBody } from '../body.ts';
import { requireString } from '../errors.ts';
import { listPage } from '../pagination.ts';
import type { Router } from '../router.ts';
import { fileBatchRoutes, type AttachFile } from './file-batches.ts';
import { POLL_HEADERS } from '../polling.ts';

/** Indexing takes a moment, as on OpenAI, so clients see `in_progress` and must poll. */
const INDEXING_MS = 30;


/** `/v1/vector_stores` with file attachment, indexing status and search. */
export function vectorStoreRoutes(router: Router, ctx: LocalContext): void {
  const attach: AttachFile = (storeId, fileId, attributes) => {
    const file = ctx.files.get(fileId);
    const attached = ctx.vectorStores.attach(storeId, fileId, file.content.length, attributes ?? null);
    setTimeout(() => {
      const readable = textOf(file.content) !== null;
      ctx.vectorStores.settle(storeId, fileId, readable ? null : { code: 'unsupported_file', message: `File type not supported for retrieval: ${file.object.filename}` });
    }, INDEXING_MS);
    return attached;
  };

  fileBatchRoutes(router, ctx, attach);
  router.on('POST', '/v1/vector_stores', ({ body }) => {
    const params = jsonBody(body);
    const store = ctx.vectorStores.create(String(params.name ?? ''), (params.metadata as Record<string, string>) ?? null);
    for (const fileId of (params.file_ids as string[] | undefined) ?? []) attach(store.id, fileId);
    return { json: ctx.vectorStores.get(store.id) };
  });
  router.on('GET', '/v1/vector_stores', ({ query }) => ({ json: listPage(ctx.vectorStores.list(), query) }));
  router.on('GET', '/v1/vector_stores/:vs', ({ params }) => ({ json: ctx.vectorStores.get(params.vs) }));
  router.on('POST', '/v1/vector_stores/:vs', ({ params, body }) => ({ json: ctx.vectorStores.update(params.vs, jsonBody(body)) }));
  router.on('DELETE', '/v1/vector_stores/:vs', ({ params }) => {
    ctx.vectorStores.delete(params.vs);
    return { json: { id: params.vs, object: 'vector_store.deleted', deleted: true } };
  });

  router.on('POST', '/v1/vector_stores/:vs/files', ({ params, body }) => {
    const request = jsonBody(body);
    const fileId = requireString(request.file_id, 'file_id');
    return { json: attach(params.vs, fileId, request.attributes as Record<string, string>), headers: POLL_HEADERS };
  });
  router.on('GET', '/v1/vector_stores/:vs/files', ({ params, query }) => {
    const filter = query.get('filter');
    const files = ctx.vectorStores.files(params.vs).filter((f) => !filter || f.status === filter);
    return { json: listPage(files, query) };
  });
  router.on('GET', '/v1/vector_stores/:vs/files/:file_id', ({ params }) => ({ json: ctx.vectorStores.file(params.vs, params.file_id), headers: POLL_HEADERS }));
  router.on('DELETE', '/v1/vector_stores/:vs/files/:file_id', ({ params }) => {
    ctx.vectorStores.detach(params.vs, params.file_id);
    return { json: { id: params.file_id, object: 'vector_store.file.deleted', deleted: true } };
  });

  router.on('POST', '/v1/vector_stores/:vs/search', ({ params, body }) => {
    const request = jsonBody(body);
    const query = Array.isArray(request.query) ? request.query.join(' ') : requireString(request.query, 'query');
    const fileIds = ctx.vectorStores.searchableFileIds([params.vs]);
    const hits = ctx.responder.search(query, Number(request.max_num_results ?? 10), (n) => n.fileId !== undefined && fileIds.has(n.fileId));
    return {
      json: {
        object: 'vector_store.search_results.page',
        search_query: [query],
        data: hits.map((h) => ({ file_id: h.note.fileId, filename: h.note.title, score: h.score, attributes: {}, content: [{ type: 'text', text: h.note.body }] })),
        has_more: false,
        next_page: null,
      },
    };
  });
}

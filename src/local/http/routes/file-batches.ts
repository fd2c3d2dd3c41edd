import type { VectorStoreFileBatch } from 'openai/resources/vector-stores/file-batches';
import type { VectorStoreFile } from 'openai/resources/vector-stores/files';
import type { LocalContext } from '../../context.ts';
import { newId, nowSeconds } from '../../ids.ts';
import { jsonBody } from '../body.ts';
import { badRequest, notFound } from '../errors.ts';
import { listPage } from '../pagination.ts';
import type { Router } from '../router.ts';
import { POLL_HEADERS } from '../polling.ts';

export type AttachFile = (storeId: string, fileId: string, attributes?: Record<string, string | number | boolean>) => VectorStoreFile;

interface Batch {
  object: VectorStoreFileBatch;
  fileIds: string[];
}

/** `/v1/vector_stores/{id}/file_batches`: many attachments at once; the batch's status follows its files'. */
export function fileBatchRoutes(router: Router, ctx: LocalContext, attach: AttachFile): void {
  const batches = new Map<string, Batch>();
  const view = (batch: Batch): VectorStoreFileBatch => {
    const files = ctx.vectorStores.files(batch.object.vector_store_id).filter((f) => batch.fileIds.includes(f.id));
    const counts = { in_progress: 0, completed: 0, failed: 0, cancelled: 0, total: files.length };
    for (const f of files) counts[f.status]++;
    const status = batch.object.status === 'cancelled' ? 'cancelled' : counts.in_progress > 0 ? 'in_progress' : counts.failed === counts.total ? 'failed' : 'completed';
    return { ...batch.object, status, file_counts: counts };
  };
  const batchOf = (storeId: string, id: string) => {
    const batch = batches.get(id);
    if (!batch || batch.object.vector_store_id !== storeId) throw notFound('vector store file batch', id);
    return batch;
  };

  router.on('POST', '/v1/vector_stores/:vs/file_batches', ({ params, body }) => {
    const request = jsonBody(body);
    const files = (request.files as Array<{ file_id: string; attributes?: Record<string, string> }> | undefined) ??
      ((request.file_ids as string[] | undefined) ?? []).map((file_id) => ({ file_id, attributes: request.attributes as Record<string, string> | undefined }));
    if (files.length === 0) throw badRequest("Missing required parameter: 'file_ids'.", 'file_ids', 'missing_required_parameter');
    ctx.vectorStores.get(params.vs);
    for (const f of files) attach(params.vs, f.file_id, f.attributes);
    const batch: Batch = {
      fileIds: files.map((f) => f.file_id),
      object: { id: newId('vsfb'), object: 'vector_store.files_batch', created_at: nowSeconds(), vector_store_id: params.vs, status: 'in_progress', file_counts: { in_progress: 0, completed: 0, failed: 0, cancelled: 0, total: 0 } },
    };
    batches.set(batch.object.id, batch);
    return { json: view(batch), headers: POLL_HEADERS };
  });
  router.on('GET', '/v1/vector_stores/:vs/file_batches/:batch', ({ params }) => ({ json: view(batchOf(params.vs, params.batch)), headers: POLL_HEADERS }));
  router.on('POST', '/v1/vector_stores/:vs/file_batches/:batch/cancel', ({ params }) => {
    const batch = batchOf(params.vs, params.batch);
    batch.object.status = 'cancelled';
    return { json: view(batch) };
  });
  router.on('GET', '/v1/vector_stores/:vs/file_batches/:batch/files', ({ params, query }) => {
    const batch = batchOf(params.vs, params.batch);
    return { json: listPage(ctx.vectorStores.files(params.vs).filter((f) => batch.fileIds.includes(f.id)), query) };
  });
}

import type { FileObject } from 'openai/resources/files';
import type { LocalContext } from '../../context.ts';
import { textOf } from '../../store/files.ts';
import { badRequest } from '../errors.ts';
import { formBody } from '../body.ts';
import { listPage } from '../pagination.ts';
import type { Router } from '../router.ts';

const PURPOSES = ['assistants', 'batch', 'fine-tune', 'vision', 'user_data', 'evals'];

/** `/v1/files`: upload (multipart), list, retrieve, content, delete. Text files also become searchable notes. */
export function fileRoutes(router: Router, ctx: LocalContext): void {
  router.on('POST', '/v1/files', async ({ req, body }) => {
    const form = await formBody(req, body);
    const file = form.get('file');
    const purpose = form.get('purpose');
    if (!(file instanceof File)) throw badRequest("Missing required parameter: 'file'.", 'file', 'missing_required_parameter');
    if (typeof purpose !== 'string' || !PURPOSES.includes(purpose)) {
      throw badRequest(`Invalid value for 'purpose': '${String(purpose)}'.`, 'purpose', 'invalid_value');
    }
    const stored = ctx.files.add(file.name, purpose as FileObject['purpose'], Buffer.from(await file.arrayBuffer()));
    const text = textOf(stored.content);
    if (text !== null) ctx.notes.add({ id: `file:${stored.object.id}`, title: file.name, body: text, fileId: stored.object.id });
    return { json: stored.object };
  });
  router.on('GET', '/v1/files', ({ query }) => ({ json: listPage(ctx.files.list(), query) }));
  router.on('GET', '/v1/files/:file_id', ({ params }) => ({ json: ctx.files.get(params.file_id).object }));
  router.on('GET', '/v1/files/:file_id/content', ({ params }) => ({
    text: ctx.files.get(params.file_id).content,
    headers: { 'content-type': 'application/octet-stream' },
  }));
  router.on('DELETE', '/v1/files/:file_id', ({ params }) => {
    ctx.files.delete(params.file_id);
    ctx.notes.remove(`file:${params.file_id}`);
    return { json: { id: params.file_id, object: 'file', deleted: true } };
  });
}

import path from 'node:path';
import { toFile } from 'openai';
import type OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ABSTAIN_TEXT, NOTES_LABEL, type LocalServer } from '../../../src/local/index.ts';
import { bodyErrors, responseStreamEventErrors } from './support/openapi.ts';
import { localWithClient } from './support/server.ts';

const NOTES = path.resolve(import.meta.dirname, '../../fixtures/local/notes');
let server: LocalServer;
let client: OpenAI;

beforeAll(async () => {
  ({ server, client } = await localWithClient({
    knowledgeDirs: [NOTES],
    responder: { replies: [{ match: 'acme', toolCalls: [{ name: 'crm_lookup', arguments: { company: 'Acme' } }] }, { match: 'acme', text: 'Acme is a customer since 2021.' }] },
  }));
});
afterAll(() => server.close());

describe('sotto local REST', () => {
  it('reports health and models', async () => {
    const health = await (await fetch(server.url.replace('/v1', '/health'))).json();
    expect(health).toMatchObject({ status: 'ok', engines: { answers: { notes: 3, generative: false } } });
    const models = await client.models.list();
    expect(models.data.map((m) => m.id)).toContain('sotto-local-notes');
    expect(bodyErrors('GET', '/models', 200, { object: 'list', data: models.data })).toEqual([]);
  });

  it('mints ek_ client secrets with the session config, and validates them', async () => {
    const secret = await client.realtime.clientSecrets.create({
      expires_after: { anchor: 'created_at', seconds: 120 },
      session: { type: 'transcription', audio: { input: { transcription: { model: 'gpt-live-transcribe' }, turn_detection: null } } },
    });
    expect(secret.value).toMatch(/^ek_/);
    expect(secret.expires_at - Date.now() / 1000).toBeGreaterThan(110);
    expect(secret.session).toMatchObject({ type: 'transcription', object: 'realtime.transcription_session', audio: { input: { turn_detection: null, transcription: { model: 'gpt-live-transcribe' } } } });
    expect(bodyErrors('POST', '/realtime/client_secrets', 200, secret)).toEqual([]);

    await expect(client.realtime.clientSecrets.create({ expires_after: { anchor: 'created_at', seconds: 5 } })).rejects.toMatchObject({ status: 400, param: 'expires_after.seconds' });
    await expect(client.realtime.clientSecrets.create({ session: { type: 'transcription', model: 'gpt-4o-transcribe' } as never })).rejects.toMatchObject({ status: 400, code: 'unknown_parameter', param: 'session.model' });
  });

  it('answers from the notes, labelled, and abstains when nothing matches', async () => {
    const answer = await client.responses.create({ model: 'sotto-local-notes', input: 'who owns the security review?' });
    expect(answer.output_text).toBe(`${NOTES_LABEL} (security): Priya Raman owns the security review for new customers.`);
    expect(bodyErrors('POST', '/responses', 200, answer)).toEqual([]);
    const none = await client.responses.create({ model: 'sotto-local-notes', input: 'what is the weather on mars tomorrow?' });
    expect(none.output_text).toBe(ABSTAIN_TEXT);
  });

  it('streams a response as SSE with rising sequence numbers, valid against the spec', async () => {
    const stream = await client.responses.create({ model: 'sotto-local-notes', input: 'is there a discount for a three year contract?', stream: true });
    const events = [];
    for await (const event of stream) events.push(event);
    expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(['response.created', 'response.in_progress', 'response.output_item.added', 'response.content_part.added', 'response.output_text.delta', 'response.output_text.done', 'response.completed']));
    expect(events.map((e) => e.sequence_number)).toEqual(events.map((_e, i) => i));
    const text = events.flatMap((e) => (e.type === 'response.output_text.delta' ? [e.delta] : [])).join('');
    expect(text).toContain('15% for a three year contract');
    for (const event of events) expect(responseStreamEventErrors(event)).toEqual([]);
  });

  it('paces streamed deltas when asked, and stops when the client aborts', async () => {
    const paced = await localWithClient({ knowledgeDirs: [NOTES], textDeltaDelayMs: 40 });
    const stream = await paced.client.responses.create({ model: 'm', input: 'who owns the security review?', stream: true });
    const deltaTimes: number[] = [];
    for await (const event of stream) if (event.type === 'response.output_text.delta') deltaTimes.push(performance.now());
    expect(deltaTimes.length).toBeGreaterThan(5);
    expect(deltaTimes.at(-1)! - deltaTimes[0]).toBeGreaterThanOrEqual((deltaTimes.length - 1) * 35);
    const aborted = await paced.client.responses.create({ model: 'm', input: 'who owns the security review?', stream: true });
    let seen = 0;
    for await (const event of aborted) {
      if (event.type === 'response.output_text.delta' && ++seen === 2) aborted.controller.abort();
    }
    expect(seen).toBe(2);
    await paced.server.close();
  });

  it('runs a scripted function-call loop with previous_response_id', async () => {
    const tools = [{ type: 'function' as const, name: 'crm_lookup', strict: true, parameters: { type: 'object', properties: { company: { type: 'string' } }, required: ['company'], additionalProperties: false } }];
    const first = await client.responses.create({ model: 'm', input: 'look up acme in the crm', tools });
    const call = first.output.find((o) => o.type === 'function_call');
    expect(call).toMatchObject({ type: 'function_call', name: 'crm_lookup', arguments: '{"company":"Acme"}' });
    const second = await client.responses.create({
      model: 'm', previous_response_id: first.id, tools,
      input: [{ type: 'function_call_output', call_id: call!.type === 'function_call' ? call!.call_id : '', output: '{"customer":true}' }],
    });
    expect(second.output_text).toBe('Acme is a customer since 2021.');
    expect(second.previous_response_id).toBe(first.id);
    expect(bodyErrors('POST', '/responses', 200, second)).toEqual([]);
  });

  it('keeps conversations with items and appends response turns to them', async () => {
    const conversation = await client.conversations.create({ metadata: { meeting: 'm-1' }, items: [{ type: 'message', role: 'user', content: 'hello' }] });
    expect(bodyErrors('POST', '/conversations', 200, conversation)).toEqual([]);
    await client.conversations.items.create(conversation.id, { items: [{ type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Alice: when is data deleted after cancellation?' }] }] });
    const response = await client.responses.create({ model: 'm', conversation: conversation.id, input: 'how long is data kept after we cancel?' });
    expect(response.conversation?.id).toBe(conversation.id);
    expect(response.output_text).toContain('30 days');
    const items = [];
    for await (const item of client.conversations.items.list(conversation.id, { order: 'asc' })) items.push(item);
    expect(items.map((i) => i.type)).toEqual(['message', 'message', 'message', 'message']);
    expect(items.at(-1)).toMatchObject({ role: 'assistant' });
    const page = await client.conversations.items.list(conversation.id, { order: 'asc' });
    expect(bodyErrors('GET', '/conversations/{conversation_id}/items', 200, { object: 'list', data: page.data, first_id: page.data[0].id, last_id: page.data.at(-1)?.id, has_more: false })).toEqual([]);
    await expect(client.conversations.retrieve('conv_missing')).rejects.toMatchObject({ status: 404 });
  });

  it('uploads files, attaches them to a vector store and answers with file_search', async () => {
    const file = await client.files.create({ file: await toFile(Buffer.from('Rollout takes six weeks for teams over fifty people. Onboarding sessions run on Mondays.'), 'rollout.txt'), purpose: 'assistants' });
    expect(bodyErrors('POST', '/files', 200, file)).toEqual([]);
    const image = await client.files.create({ file: await toFile(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]), 'logo.png'), purpose: 'assistants' });
    const store = await client.vectorStores.create({ name: 'docs' });
    const attached = await client.vectorStores.files.createAndPoll(store.id, { file_id: file.id });
    expect(attached.status).toBe('completed');
    expect(bodyErrors('GET', '/vector_stores/{vector_store_id}/files/{file_id}', 200, attached)).toEqual([]);
    const rejected = await client.vectorStores.files.createAndPoll(store.id, { file_id: image.id });
    expect(rejected).toMatchObject({ status: 'failed', last_error: { code: 'unsupported_file' } });
    const reread = await client.vectorStores.retrieve(store.id);
    expect(reread.file_counts).toMatchObject({ completed: 1, failed: 1, total: 2 });
    expect(bodyErrors('GET', '/vector_stores/{vector_store_id}', 200, reread)).toEqual([]);

    const answer = await client.responses.create({
      model: 'm', include: ['file_search_call.results'],
      tools: [{ type: 'file_search', vector_store_ids: [store.id] }],
      input: [{ role: 'user', content: [{ type: 'input_text', text: 'how long does the rollout take?' }, { type: 'input_image', image_url: 'data:image/png;base64,iVBORw0KGgo=', detail: 'auto' }] }],
    });
    const search = answer.output.find((o) => o.type === 'file_search_call');
    expect(search).toMatchObject({ status: 'completed', results: [expect.objectContaining({ file_id: file.id })] });
    expect(answer.output_text).toContain('Rollout takes six weeks');
    expect(bodyErrors('POST', '/responses', 200, answer)).toEqual([]);
    const more = await Promise.all(['Support answers within four hours.', 'Invoices go out on the first of the month.'].map(async (text, i) => client.files.create({ file: await toFile(Buffer.from(text), `faq${i}.md`), purpose: 'assistants' })));
    const batch = await client.vectorStores.fileBatches.createAndPoll(store.id, { file_ids: more.map((f) => f.id) });
    expect(batch).toMatchObject({ status: 'completed', file_counts: { completed: 2, total: 2 } });
    expect(bodyErrors('POST', '/vector_stores/{vector_store_id}/file_batches', 200, batch)).toEqual([]);
    const batchFiles = await client.vectorStores.fileBatches.listFiles(batch.id, { vector_store_id: store.id });
    expect(batchFiles.data.map((f) => f.id).sort()).toEqual(more.map((f) => f.id).sort());
    const content = await (await client.files.content(file.id)).text();
    expect(content).toContain('six weeks');
    const deleted = await client.files.delete(file.id);
    expect(bodyErrors('DELETE', '/files/{file_id}', 200, deleted)).toEqual([]);
    await expect(client.files.retrieve(file.id)).rejects.toMatchObject({ status: 404 });
  });

  it('answers errors in OpenAI shapes', async () => {
    const anonymous = await fetch(`${server.url}/models`);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ error: { type: 'invalid_request_error', code: 'invalid_api_key' } });
    await expect(client.responses.create({ model: 'm', input: 'x', previous_response_id: 'resp_nope' })).rejects.toMatchObject({ status: 400, code: 'previous_response_not_found' });
    await expect(client.responses.create({ input: 'x' } as never)).rejects.toMatchObject({ status: 400, param: 'model' });
  });
});

import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOTES_LABEL, startLocalServer, type LocalServer } from '../../../src/local/index.ts';
import { streamPcm, utterances } from './support/audio.ts';
import { openRealtime } from './support/probe.ts';

const NOTES = path.resolve(import.meta.dirname, '../../fixtures/local/notes');
const QUESTION = 'who owns the security review';
let server: LocalServer;

beforeAll(async () => {
  server = await startLocalServer({
    knowledgeDirs: [NOTES],
    recognizer: { utterances: [QUESTION] },
    responder: { replies: [{ match: 'crm', toolCalls: [{ name: 'crm_lookup', arguments: { company: 'Acme' } }] }, { match: 'crm', text: 'Acme renewed in March.' }] },
  });
});
afterAll(() => server.close());

const textSession = { type: 'session.update', session: { type: 'realtime', output_modalities: ['text'], audio: { input: { turn_detection: null } } } };

describe('realtime text responses', () => {
  it('runs out-of-band responses with metadata and custom input, outside the conversation', async () => {
    const { log, send, ws } = await openRealtime(server.url, 'model=gpt-realtime');
    await log.next('conversation.created');
    send(textSession);
    const updated = await log.next('session.updated').catch(() => log.of('error'));
    expect(updated).toMatchObject({ type: 'session.updated' });
    send({
      type: 'response.create',
      response: { conversation: 'none', metadata: { topic: 'retention' }, output_modalities: ['text'], input: [{ type: 'message', role: 'user', content: [{ type: 'input_text', text: 'how long is data kept after cancellation?' }] }] },
    });
    const done = await log.next('response.done');
    const created = log.of('response.created')[0].response as Record<string, unknown>;
    // The SDK's types and the spec have no null conversation_id, so an out-of-band response leaves it out.
    expect(created).toMatchObject({ metadata: { topic: 'retention' }, status: 'in_progress' });
    expect(created).not.toHaveProperty('conversation_id');
    expect(done.response).toMatchObject({ status: 'completed', metadata: { topic: 'retention' } });
    const text = log.of('response.output_text.delta').map((e) => e.delta).join('');
    expect(text).toContain(`${NOTES_LABEL} (retention):`);
    expect(log.of('response.output_text.done')[0].text).toBe(text);
    expect(log.of('conversation.item.added')).toHaveLength(0);
    expect(log.schemaErrors).toEqual([]);
    ws.close();
  });

  it('allows one default-conversation response at a time and cancels on request', async () => {
    const { log, send, ws } = await openRealtime(server.url, 'model=gpt-realtime');
    send(textSession);
    send({ type: 'conversation.item.create', item: { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'is there a discount for a three year contract?' }] } });
    const added = await log.next('conversation.item.added');
    send({ type: 'response.create' });
    send({ type: 'response.create', event_id: 'second' });
    send({ type: 'response.cancel' });
    const done = await log.next('response.done');
    expect(done.response).toMatchObject({ status: 'cancelled', status_details: { type: 'cancelled', reason: 'client_cancelled' } });
    expect((await log.next('error')).error).toMatchObject({ code: 'conversation_already_has_active_response', event_id: 'second' });
    const assistant = log.of('conversation.item.added').find((e) => (e.item as { role?: string }).role === 'assistant');
    expect(assistant?.previous_item_id).toBe((added.item as { id: string }).id);
    send({ type: 'response.cancel', event_id: 'nothing' });
    expect((await log.next('error', () => true, 2)).error).toMatchObject({ event_id: 'nothing' });
    expect(log.schemaErrors).toEqual([]);
    ws.close();
  });

  it('emits scripted function calls and answers after their output comes back', async () => {
    const { log, send, ws } = await openRealtime(server.url, 'model=gpt-realtime');
    send(textSession);
    send({ type: 'conversation.item.create', item: { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'look up acme in the crm' }] } });
    send({ type: 'response.create' });
    const first = await log.next('response.done');
    const call = (first.response as { output: Array<{ type: string; call_id: string; name: string; arguments: string }> }).output[0];
    expect(call).toMatchObject({ type: 'function_call', name: 'crm_lookup', arguments: '{"company":"Acme"}' });
    expect((await log.next('response.function_call_arguments.done')).call_id).toBe(call.call_id);
    send({ type: 'conversation.item.create', item: { type: 'function_call_output', call_id: call.call_id, output: '{"renewed":"March"}' } });
    send({ type: 'response.create' });
    const second = await log.next('response.done', () => true, 2);
    expect(JSON.stringify(second.response)).toContain('Acme renewed in March.');
    expect(log.schemaErrors).toEqual([]);
    ws.close();
  });

  it('answers a spoken question after server VAD commits the turn', async () => {
    const { log, send, ws } = await openRealtime(server.url, 'model=gpt-realtime');
    send({ type: 'session.update', session: { type: 'realtime', output_modalities: ['text'], audio: { input: { turn_detection: { type: 'server_vad', silence_duration_ms: 300 } } } } });
    await log.next('session.updated');
    await streamPcm(utterances([QUESTION], 600, 300).pcm, (audio) => send({ type: 'input_audio_buffer.append', audio }));
    const done = await log.next('response.done');
    expect(JSON.stringify(done.response)).toContain('Priya Raman owns the security review');
    ws.close();
  });

  it('triggers the idle timeout after silence and answers the silent turn', async () => {
    const { log, send, ws } = await openRealtime(server.url, 'model=gpt-realtime');
    send({ type: 'session.update', session: { type: 'realtime', output_modalities: ['text'], audio: { input: { turn_detection: { type: 'server_vad', idle_timeout_ms: 5000 } } } } });
    await log.next('session.updated');
    await streamPcm(new Int16Array(24 * 6000), (audio) => send({ type: 'input_audio_buffer.append', audio }));
    const timeout = await log.next('input_audio_buffer.timeout_triggered');
    expect(timeout).toMatchObject({ audio_start_ms: 0, audio_end_ms: 5000 });
    expect((await log.next('input_audio_buffer.committed')).item_id).toBe(timeout.item_id);
    await log.next('response.done');
    expect(log.of('input_audio_buffer.timeout_triggered')).toHaveLength(1);
    expect(log.schemaErrors).toEqual([]);
    ws.close();
  });

  it('expires the session with session_expired, then closes with 1001', async () => {
    const shortLived = await startLocalServer({ sessionMaxDurationMs: 1000 });
    const { log, closed } = await openRealtime(shortLived.url, 'intent=transcription');
    const error = await log.next('error', () => true, 1, 5000);
    expect(error.error).toMatchObject({ code: 'session_expired', type: 'invalid_request_error' });
    expect((await closed).code).toBe(1001);
    expect(log.schemaErrors).toEqual([]);
    await shortLived.close();
  });
});

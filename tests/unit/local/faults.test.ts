import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalServer, type FaultPlan, type LocalServer } from '../../../src/local/index.ts';
import { streamPcm, utterances } from './support/audio.ts';
import { openRealtime } from './support/probe.ts';

const SCRIPT = ['please send the pricing sheet'];
let server: LocalServer;
const admin = (path: string, init?: RequestInit) => fetch(server.url.replace('/v1', `/__admin${path}`), init);
const putPlan = (plan: FaultPlan) => admin('/faults', { method: 'PUT', body: JSON.stringify(plan) });
const sessionFault = async (body: object) => {
  const { data } = (await (await admin('/sessions')).json()) as { data: Array<{ id: string }> };
  await admin(`/sessions/${data.at(-1)?.id}/faults`, { method: 'POST', body: JSON.stringify(body) });
};

beforeAll(async () => {
  server = await startLocalServer({ faults: true, recognizer: { utterances: SCRIPT } });
});
afterAll(() => server.close());

describe('fault injection', () => {
  it('is off unless enabled', async () => {
    const plain = await startLocalServer();
    expect((await fetch(plain.url.replace('/v1', '/__admin/faults'))).status).toBe(404);
    await plain.close();
  });

  it('fails minting with 401, 429 + retry-after (which the SDK honours) and 5xx', async () => {
    const client = new OpenAI({ apiKey: 'sk-local-test', baseURL: server.url, maxRetries: 0 });
    await putPlan({ http: [{ path: '/realtime/client_secrets', status: 401, times: 1 }] });
    await expect(client.realtime.clientSecrets.create({})).rejects.toMatchObject({ status: 401, code: 'invalid_api_key' });
    expect((await client.realtime.clientSecrets.create({})).value).toMatch(/^ek_/);

    await putPlan({ http: [{ path: '/realtime/client_secrets', status: 429, retryAfterSeconds: 1, times: 1 }] });
    const limited = await client.realtime.clientSecrets.create({}).catch((e: InstanceType<typeof OpenAI.RateLimitError>) => e);
    expect(limited).toBeInstanceOf(OpenAI.RateLimitError);
    expect((limited as InstanceType<typeof OpenAI.RateLimitError>).headers.get('retry-after')).toBe('1');
    await putPlan({ http: [{ path: '/realtime/client_secrets', status: 429, retryAfterSeconds: 1, times: 1 }] });
    const started = Date.now();
    await client.withOptions({ maxRetries: 1 }).realtime.clientSecrets.create({});
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);

    await putPlan({ http: [{ path: '/responses', status: 503, times: 1 }] });
    await expect(client.responses.create({ model: 'm', input: 'x' })).rejects.toBeInstanceOf(OpenAI.InternalServerError);
    await putPlan({});
  });

  it('sends a malformed event, delays events, and expires a session early', async () => {
    const { log, send, closed } = await openRealtime(server.url, 'intent=transcription');
    await log.next('session.created');
    await sessionFault({ action: 'send_malformed_event' });
    await sessionFault({ action: 'delay_events', delayMs: 300 });
    const sentAt = Date.now();
    send({ type: 'session.update', session: { type: 'transcription' } });
    await log.next('session.updated');
    expect(Date.now() - sentAt).toBeGreaterThanOrEqual(280);
    expect(log.unparsable).toHaveLength(1);
    await sessionFault({ action: 'expire_session' });
    expect((await log.next('error')).error).toMatchObject({ code: 'session_expired' });
    expect((await closed).code).toBe(1001);
  });

  it('delays one transcription so that turns complete out of order, as OpenAI allows', async () => {
    const script = utterances(SCRIPT.concat('and the contract'), 800, 300);
    const server2 = await startLocalServer({ faults: true, recognizer: { utterances: [...SCRIPT, 'and the contract'] } });
    const { log, send, ws } = await openRealtime(server2.url, 'intent=transcription');
    const { data } = (await (await fetch(server2.url.replace('/v1', '/__admin/sessions'))).json()) as { data: Array<{ id: string }> };
    await fetch(server2.url.replace('/v1', `/__admin/sessions/${data[0].id}/faults`), { method: 'POST', body: JSON.stringify({ action: 'delay_next_transcription', delayMs: 1500 }) });
    send({ type: 'session.update', session: { type: 'transcription', audio: { input: { transcription: { model: 'gpt-live-transcribe' }, turn_detection: { type: 'server_vad' } } } } });
    await streamPcm(script.pcm, (audio) => send({ type: 'input_audio_buffer.append', audio }));
    await log.next('conversation.item.input_audio_transcription.completed', () => true, 2);
    const committed = log.of('input_audio_buffer.committed').map((e) => e.item_id);
    const completed = log.of('conversation.item.input_audio_transcription.completed').map((e) => e.item_id);
    expect(completed).toEqual([committed[1], committed[0]]);
    ws.close();
    await server2.close();
  });

  it('stalls events mid-item, as the live service sometimes does', async () => {
    await putPlan({ realtime: [{ action: 'stall_events', beforeEvent: 'conversation.item.input_audio_transcription.delta' }] });
    const { log, send, ws } = await openRealtime(server.url, 'intent=transcription');
    await putPlan({});
    send({ type: 'session.update', session: { type: 'transcription', audio: { input: { transcription: { model: 'gpt-live-transcribe' }, turn_detection: { type: 'server_vad' } } } } });
    await streamPcm(utterances(SCRIPT, 800, 300).pcm, (audio) => send({ type: 'input_audio_buffer.append', audio }));
    await log.next('session.updated');
    await new Promise((r) => setTimeout(r, 1500));
    expect(log.of('input_audio_buffer.speech_started')).toHaveLength(1);
    expect(log.of('conversation.item.input_audio_transcription.delta')).toHaveLength(0);
    expect(log.of('conversation.item.input_audio_transcription.completed')).toHaveLength(0);
    ws.close();
  });
});

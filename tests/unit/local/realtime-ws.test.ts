import { OpenAIRealtimeWebSocket } from 'openai/realtime/websocket';
import { OpenAIRealtimeWS } from 'openai/realtime/ws';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalServer, type LocalServer } from '../../../src/local/index.ts';
import { base64, streamPcm, utterances, type Utterances } from './support/audio.ts';
import { EventLog, openRealtime } from './support/probe.ts';
import { trustedLocalCertificate } from './support/tls.ts';

const SCRIPT = ['what is the price per seat', 'send the proposal by friday'];
let server: LocalServer;
let speech: Utterances;

beforeAll(async () => {
  speech = utterances(SCRIPT);
  server = await startLocalServer({ tls: trustedLocalCertificate(), recognizer: { utterances: SCRIPT }, sessionMaxDurationMs: 60_000 });
});
afterAll(() => server.close());

const transcriptionUpdate = (turn_detection: object | null) => ({
  type: 'session.update',
  session: { type: 'transcription', audio: { input: { format: { type: 'audio/pcm', rate: 24000 }, transcription: { model: 'gpt-live-transcribe' }, turn_detection } } },
});

describe('realtime over WebSocket', () => {
  it("works with the SDK's OpenAIRealtimeWebSocket: manual commits, transcripts driven by the audio", async () => {
    const client = new OpenAI({ apiKey: 'sk-local-test', baseURL: server.url });
    const rt = new OpenAIRealtimeWebSocket({ intent: 'transcription' }, client);
    const log = new EventLog();
    const sdkErrors: unknown[] = [];
    rt.on('event', (event) => log.push(JSON.stringify(event)));
    rt.on('error', (error) => sdkErrors.push(error));
    await new Promise((resolve) => rt.socket.addEventListener('open', resolve));
    const created = await log.next('session.created');
    expect(created.session).toMatchObject({ type: 'transcription', audio: { input: { turn_detection: { type: 'server_vad' } } } });

    rt.send({ type: 'session.update', session: {} as never, event_id: 'cfg_0' });
    expect((await log.next('error')).error).toMatchObject({ code: 'missing_required_parameter', param: 'session.type', event_id: 'cfg_0' });
    rt.send(transcriptionUpdate(null) as never);
    expect((await log.next('session.updated')).session).toMatchObject({ audio: { input: { turn_detection: null, transcription: { model: 'gpt-live-transcribe' } } } });

    const [first, second] = speech.spans;
    const cut = Math.round(((first.endMs + second.startMs) / 2) * 24);
    await streamPcm(speech.pcm.subarray(0, cut), (audio) => rt.send({ type: 'input_audio_buffer.append', audio }));
    rt.send({ type: 'input_audio_buffer.commit' });
    const committed1 = await log.next('input_audio_buffer.committed');
    await streamPcm(speech.pcm.subarray(cut), (audio) => rt.send({ type: 'input_audio_buffer.append', audio }));
    rt.send({ type: 'input_audio_buffer.commit' });
    const committed2 = await log.next('input_audio_buffer.committed', () => true, 2);
    expect(committed1.previous_item_id).toBeNull();
    expect(committed2.previous_item_id).toBe(committed1.item_id);

    const done1 = await log.next('conversation.item.input_audio_transcription.completed', (e) => e.item_id === committed1.item_id);
    const done2 = await log.next('conversation.item.input_audio_transcription.completed', (e) => e.item_id === committed2.item_id);
    expect([done1.transcript, done2.transcript]).toEqual(SCRIPT);
    const deltas = log.of('conversation.item.input_audio_transcription.delta').filter((e) => e.item_id === committed1.item_id);
    expect(deltas.length).toBeGreaterThan(1);
    expect(deltas.map((d) => d.delta).join('').trim()).toBe(SCRIPT[0]);
    // The first item's first words arrive while its segment is still being decoded, before its commit.
    expect(log.events.indexOf(deltas[0])).toBeLessThan(log.events.indexOf(committed1));
    expect(done1.usage).toEqual({ type: 'duration', seconds: Math.ceil(cut / 24000) });
    const order = log.events.filter((e) => e.item_id === committed2.item_id || (e.item as { id?: string })?.id === committed2.item_id).map((e) => e.type);
    expect(order.indexOf('input_audio_buffer.committed')).toBeLessThan(order.indexOf('conversation.item.added'));
    expect(order.indexOf('conversation.item.done')).toBeLessThan(order.indexOf('conversation.item.input_audio_transcription.completed'));
    expect(log.schemaErrors).toEqual([]);
    expect(sdkErrors.length).toBe(1);
    rt.close();
  });

  it("works with the SDK's Node class OpenAIRealtimeWS (header auth) on a realtime session", async () => {
    const client = new OpenAI({ apiKey: 'sk-local-test', baseURL: server.url });
    const rt = new OpenAIRealtimeWS({ model: 'gpt-realtime' }, client);
    const log = new EventLog();
    rt.on('event', (event) => log.push(JSON.stringify(event)));
    rt.on('error', () => undefined);
    await new Promise((resolve) => rt.socket.once('open', resolve));
    expect((await log.next('session.created')).session).toMatchObject({ type: 'realtime', model: 'gpt-realtime' });
    await log.next('conversation.created');
    rt.send({ type: 'session.update', session: { type: 'realtime', output_modalities: ['text'] } });
    expect((await log.next('session.updated')).session).toMatchObject({ output_modalities: ['text'] });
    expect(log.schemaErrors).toEqual([]);
    rt.close();
  });

  it('detects turns with server VAD at the real speech boundaries', async () => {
    const { log, send, ws } = await openRealtime(server.url, 'intent=transcription');
    send(transcriptionUpdate({ type: 'server_vad', silence_duration_ms: 400, prefix_padding_ms: 0 }));
    await log.next('session.updated');
    await streamPcm(speech.pcm, (audio) => send({ type: 'input_audio_buffer.append', audio }));
    for (const [i, span] of speech.spans.entries()) {
      const started = await log.next('input_audio_buffer.speech_started', () => true, i + 1);
      const stopped = await log.next('input_audio_buffer.speech_stopped', () => true, i + 1);
      expect(Math.abs(Number(started.audio_start_ms) - span.startMs)).toBeLessThan(150);
      expect(Math.abs(Number(stopped.audio_end_ms) - span.endMs)).toBeLessThan(250);
      expect(stopped.item_id).toBe(started.item_id);
      const completed = await log.next('conversation.item.input_audio_transcription.completed', (e) => e.item_id === started.item_id);
      expect(completed.transcript).toBe(SCRIPT[i]);
    }
    expect(log.of('input_audio_buffer.committed')).toHaveLength(2);
    expect(log.schemaErrors).toEqual([]);
    ws.close();
  });

  it('transcribes only the speech it actually received (semantic_vad)', async () => {
    const { log, send, ws } = await openRealtime(server.url, 'intent=transcription');
    send(transcriptionUpdate({ type: 'semantic_vad', eagerness: 'high' }));
    await log.next('session.updated');
    const firstOnly = speech.pcm.subarray(0, Math.round((speech.spans[0].endMs + 900) * 24));
    await streamPcm(firstOnly, (audio) => send({ type: 'input_audio_buffer.append', audio }));
    await log.next('conversation.item.input_audio_transcription.completed');
    await new Promise((r) => setTimeout(r, 400));
    const texts = log.of('conversation.item.input_audio_transcription.completed').map((e) => e.transcript);
    expect(texts).toEqual([SCRIPT[0]]);
    ws.close();
  });

  it('answers bad events with error events and keeps the connection open', async () => {
    const { log, send, ws } = await openRealtime(server.url, 'intent=transcription');
    ws.send('{not json');
    send({ type: 'input_audio_buffer.frobnicate', event_id: 'e1' });
    send({ type: 'input_audio_buffer.append', audio: 'A'.repeat(16 * 1024 * 1024) });
    send({ type: 'input_audio_buffer.append', audio: base64(new Int16Array(24 * 50)) });
    send({ type: 'input_audio_buffer.commit', event_id: 'short' });
    send({ type: 'session.update', session: { type: 'realtime' } });
    send({ type: 'session.update', session: { type: 'transcription', modalities: ['text'] } });
    send({ type: 'session.update', session: { type: 'transcription', audio: { input: { format: { type: 'audio/pcm', rate: 16000 } } } } });
    await log.next('error', () => true, 7);
    const errors = log.of('error').map((e) => e.error as { code: string; param?: string; event_id?: string });
    // As on OpenAI, the commit error comes from the audio pipeline and may arrive after later events' errors.
    expect(errors.map((e) => e.code).sort()).toEqual(['decimal_below_min_value', 'event_too_large', 'input_audio_buffer_commit_empty', 'invalid_json', 'invalid_value', 'invalid_value', 'unknown_parameter']);
    expect(errors.find((e) => e.code === 'input_audio_buffer_commit_empty')?.event_id).toBe('short');
    expect(errors.filter((e) => e.code === 'invalid_value').map((e) => e.param)).toEqual(['type', 'session.type']);
    send(transcriptionUpdate(null));
    await log.next('session.updated');
    expect(ws.readyState).toBe(ws.OPEN);
    expect(log.schemaErrors).toEqual([]);
    ws.close();
  });

  it('refuses a connection without model or intent, and expired ek_ keys', async () => {
    const { log, closed } = await openRealtime(server.url, 'foo=bar');
    expect((await log.next('error')).error).toMatchObject({ code: 'missing_model' });
    expect((await closed).code).toBe(1008);
    const client = new OpenAI({ apiKey: 'sk-local-test', baseURL: server.url });
    const secret = await client.realtime.clientSecrets.create({ expires_after: { anchor: 'created_at', seconds: 10 }, session: { type: 'transcription' } });
    const ok = await openRealtime(server.url, 'intent=transcription', secret.value);
    expect((await ok.log.next('session.created')).session).toMatchObject({ type: 'transcription' });
    ok.ws.close();
    await expect(openRealtime(server.url, 'intent=transcription', 'ek_unknown')).rejects.toThrow(/401/);
  });
});

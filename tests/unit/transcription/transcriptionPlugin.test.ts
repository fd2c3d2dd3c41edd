import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TranscriptSegment } from '@sotto/api';
import { startLocalServer, type LocalServer } from '../../../src/local/index.ts';
import { buildCatalog } from '../../../src/host/node/catalog/buildCatalog.ts';
import { createHeadlessHost } from '../../../src/host/node/createHeadlessHost.ts';
import { MemorySettings } from '../../../src/host/common/memorySettings.ts';
import type { PluginHost } from '../../../src/host/common/pluginHost.ts';
import { Engine } from '../../../src/shell/node/engine.ts';
import { MemoryKeyStore } from '../../../src/shell/node/keyStore.ts';
import { builtinPluginsDir, scratchDir } from '../../support/fixtures.ts';
import { RATE, utterances, type Utterances } from '../local/support/audio.ts';

const theirs = ['what would fifty seats cost per month', 'and when could we start the rollout'];
const mine = ['let me check the price list'];

/** Streams PCM into a transcriber as the host would: 20 ms frames on a port, capture times on the call's clock. */
async function feed(port: MessagePort, pcm: Int16Array, epoch: number): Promise<void> {
  const frame = (RATE / 1000) * 20;
  for (let i = 0, seq = 0; i < pcm.length; i += frame, seq++) {
    const chunk = pcm.slice(i, i + frame);
    port.postMessage({ n: { seq, pcm: chunk.buffer, rms: 0, capturedAt: epoch + (i / RATE) * 1000 } }, [chunk.buffer]);
    if (seq % 25 === 0) await new Promise((r) => setTimeout(r, 1));
  }
}

describe('transcription plugin against sotto local, both sides over WebSocket', () => {
  let local: LocalServer;
  let host: PluginHost;
  const segments: TranscriptSegment[] = [];
  const logs: string[] = [];
  const usages: { pluginId: string; model: string }[] = [];

  beforeAll(async () => {
    local = await startLocalServer({ port: 0, faults: true, recognizer: { utterances: { transcription: theirs, realtime: mine }, msPerWord: 150 } });
    const engine = new Engine(new MemoryKeyStore(), async () => local.url);
    const catalog = (await buildCatalog([{ dir: builtinPluginsDir, builtin: true }])).filter((p) => p.id === 'transcription');
    expect(catalog[0]?.errors).toEqual([]);
    host = createHeadlessHost({
      catalog,
      cacheDir: scratchDir('bundles'),
      settings: new MemorySettings({ values: { transcription: { transport: 'websocket', participantName: 'Dana' } } }),
      gateway: { mintClientSecret: (_id, kind, session) => engine.mintClientSecret(kind, session), fetch: () => Promise.reject(new Error('no network')) },
      log: { log: (_id, level, message) => logs.push(`${level}: ${message}`) },
    });
    host.bus.stream('transcript').subscribe((segment) => segments.push(segment));
    host.bus.stream('usage').subscribe((usage) => usages.push(usage));
  });

  afterAll(async () => {
    await host?.dispose();
    await local?.close();
  });

  it('puts each side in its lane with real timing, and your session hears the participant, through malformed and unknown events', async () => {
    // Every session gets a frame that is not JSON just before its first transcript delta.
    await fetch(`${local.url.replace('/v1', '')}/__admin/faults`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        realtime: [
          { action: 'send_malformed_event', beforeEvent: 'conversation.item.input_audio_transcription.delta' },
          { action: 'send_unknown_event', beforeEvent: 'input_audio_buffer.speech_started' },
          { action: 'send_unknown_event', beforeEvent: 'input_audio_buffer.committed' },
        ],
      }),
    });
    const audio: Record<'you' | 'participant', Utterances> = { participant: utterances(theirs), you: utterances(mine, 1000, 2500) };
    const abort = new AbortController();
    const epoch = Date.now();
    const calls = (['participant', 'you'] as const).map((channel) => {
      const { port1, port2 } = new MessageChannel();
      const call = host.invoke('transcription', 'transcribers', 'openai-realtime', 'transcribe', [{ channel, format: { encoding: 'pcm16', sampleRate: RATE, channels: 1 }, port: port2 }], {
        transfer: [port2],
        timeoutMs: 60_000,
        signal: abort.signal,
      });
      void feed(port1, audio[channel].pcm, epoch);
      return call;
    });
    const deadline = Date.now() + 20_000;
    while (segments.filter((s) => s.final).length < theirs.length + mine.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));

    const sessions = (await (await fetch(`${local.url.replace('/v1', '')}/__admin/sessions`)).json()).data as { id: string; type: string }[];
    const yours = sessions.find((s) => s.type === 'realtime')!;
    const items = (await (await fetch(`${local.url.replace('/v1', '')}/__admin/sessions/${yours.id}/items`)).json()).data as { role?: string; text: string }[];
    abort.abort();
    await Promise.all(calls);

    const finals = (channel: string) => segments.filter((s) => s.final && s.channel === channel);
    expect(finals('participant').map((s) => s.text)).toEqual(theirs);
    expect(finals('you').map((s) => s.text)).toEqual(mine);
    expect(finals('participant').every((s) => s.speaker === 'Dana')).toBe(true);
    expect(finals('participant')[1].previousItemId).toBe(finals('participant')[0].itemId);
    const first = finals('participant')[0];
    expect(segments.some((s) => !s.final && s.itemId === first.itemId && theirs[0].startsWith(s.text) && s.text.length < theirs[0].length)).toBe(true);
    for (const channel of ['participant', 'you'] as const) {
      finals(channel).forEach((segment, i) => {
        expect(Math.abs(segment.start - audio[channel].spans[i].startMs / 1000)).toBeLessThan(0.3);
        expect(Math.abs(segment.end - audio[channel].spans[i].endMs / 1000)).toBeLessThan(0.6);
      });
    }
    expect(items.filter((i) => i.role === 'user' && i.text.startsWith('[Dana]')).map((i) => i.text)).toEqual(theirs.map((t) => `[Dana] ${t}`));
    expect(logs.filter((line) => line.includes('sent a malformed event, ignored')).length).toBe(2);
    // Each session sent the unknown type twice: logged once per session, then ignored.
    expect(logs.filter((line) => line.endsWith('sent an event type Sotto does not use, ignored: session.capabilities.updated'))).toHaveLength(2);
    // Every completed turn is reported to the cost meter.
    expect(usages.map((u) => [u.pluginId, u.model])).toEqual(Array(theirs.length + mine.length).fill(['transcription', 'gpt-live-transcribe']));
  });
});

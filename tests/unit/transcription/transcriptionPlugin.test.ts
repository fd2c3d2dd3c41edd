import path from 'node:path';
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
import { RATE, utterances } from '../local/support/audio.ts';

const texts = ['what would fifty seats cost per month', 'and when could we start the rollout'];

describe('transcription plugin against sotto local, over the WebSocket transport', () => {
  let local: LocalServer;
  let host: PluginHost;
  const segments: TranscriptSegment[] = [];
  const sent: string[] = [];

  beforeAll(async () => {
    local = await startLocalServer({ port: 0, recognizer: { utterances: texts, msPerWord: 150 } });
    const engine = new Engine(new MemoryKeyStore(), async () => local.url);
    const catalog = (await buildCatalog([{ dir: builtinPluginsDir, builtin: true }])).filter((p) => p.id === 'transcription');
    expect(catalog[0]?.errors).toEqual([]);
    host = createHeadlessHost({
      catalog,
      cacheDir: scratchDir('bundles'),
      settings: new MemorySettings({ values: { transcription: { transport: 'websocket', participantName: 'Dana' } } }),
      gateway: { mintClientSecret: (_id, kind, session) => engine.mintClientSecret(kind, session), fetch: async () => Promise.reject(new Error('no network')) },
      log: { log: (_id, level, message) => level !== 'info' && sent.push(message) },
    });
    host.bus.stream('transcript').subscribe((segment) => segments.push(segment));
  });

  afterAll(async () => {
    await host?.dispose();
    await local?.close();
  });

  it("publishes the participant's words with their real timing, deltas first, then finals in order", async () => {
    const { pcm, spans } = utterances(texts);
    const channel = new MessageChannel();
    const abort = new AbortController();
    const call = host.invoke('transcription', 'transcribers', 'openai-realtime', 'transcribe', [{ channel: 'participant', format: { encoding: 'pcm16', sampleRate: RATE, channels: 1 }, port: channel.port2 }], {
      transfer: [channel.port2],
      timeoutMs: 60_000,
      signal: abort.signal,
    });
    const started = Date.now();
    const frame = (RATE / 1000) * 20;
    for (let i = 0, seq = 0; i < pcm.length; i += frame, seq++) {
      const chunk = pcm.slice(i, i + frame);
      channel.port1.postMessage({ n: { seq, pcm: chunk.buffer, rms: 0, capturedAt: started + (i / RATE) * 1000 } }, [chunk.buffer]);
      if (seq % 25 === 0) await new Promise((r) => setTimeout(r, 1));
    }
    const deadline = Date.now() + 20_000;
    while (segments.filter((s) => s.final).length < texts.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    abort.abort();
    await call;

    const finals = segments.filter((s) => s.final);
    expect(finals.map((s) => s.text)).toEqual(texts);
    expect(finals.every((s) => s.channel === 'participant' && s.speaker === 'Dana')).toBe(true);
    expect(finals[1].previousItemId).toBe(finals[0].itemId);
    expect(segments.some((s) => !s.final && s.itemId === finals[0].itemId && texts[0].startsWith(s.text) && s.text.length < texts[0].length)).toBe(true);
    finals.forEach((segment, i) => {
      expect(Math.abs(segment.start - spans[i].startMs / 1000)).toBeLessThan(0.3);
      expect(Math.abs(segment.end - spans[i].endMs / 1000)).toBeLessThan(0.6);
    });
  });
});

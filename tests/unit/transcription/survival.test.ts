import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallState, TranscriptSegment } from '@sotto/api';
import { startLocalServer, type LocalServer } from '../../../src/local/index.ts';
import { buildCatalog } from '../../../src/host/node/catalog/buildCatalog.ts';
import { createHeadlessHost } from '../../../src/host/node/createHeadlessHost.ts';
import { MemorySettings } from '../../../src/host/common/memorySettings.ts';
import type { PluginHost } from '../../../src/host/common/pluginHost.ts';
import { Engine } from '../../../src/shell/node/engine.ts';
import { MemoryKeyStore } from '../../../src/shell/node/keyStore.ts';
import { builtinPluginsDir, scratchDir } from '../../support/fixtures.ts';
import { RATE, speak } from '../local/support/audio.ts';
import { CallController } from '../../../src/host/common/call/callController.ts';
import { WavCaptureService } from '../../../src/host/node/capture/wavCaptureService.ts';
import { writeWav } from '../../support/writeWav.ts';

// Never lose a word (issue 5), headless over WebSocket: the local server's matched recognizer names each sentence by
// its audio, so any session, however many there are and whatever audio they were given, says what it really heard.
const sentences = ['could you walk me through the pricing tiers', 'how long does onboarding usually take', 'what happens to our data if we cancel', 'is there a discount for a three year contract', 'who owns the security review on your side'];
const spoken = new Map<string, Int16Array>();
const FRAME = (RATE / 1000) * 20;

function conversation(gapMs: number): Int16Array<ArrayBuffer> {
  const parts: Int16Array[] = [new Int16Array((RATE * 600) / 1000)];
  for (const text of sentences) parts.push(spoken.get(text)!, new Int16Array((RATE * gapMs) / 1000));
  const pcm = new Int16Array(parts.reduce((n, p) => n + p.length, 0));
  parts.reduce((at, part) => (pcm.set(part, at), at + part.length), 0);
  return pcm;
}

interface Run {
  host: PluginHost;
  segments: TranscriptSegment[];
  states: CallState[];
}

async function headless(local: LocalServer, values: Record<string, unknown>): Promise<Run> {
  const engine = new Engine(new MemoryKeyStore(), async () => local.url);
  const catalog = (await buildCatalog([{ dir: builtinPluginsDir, builtin: true }])).filter((p) => p.id === 'transcription');
  const host = createHeadlessHost({
    catalog,
    cacheDir: scratchDir('bundles'),
    settings: new MemorySettings({ values: { transcription: { transport: 'websocket', ...values } } }),
    gateway: { mintClientSecret: (_id, kind, session) => engine.mintClientSecret(kind, session), fetch: () => Promise.reject(new Error('no network')) },
    log: { log: () => {} },
  });
  const run: Run = { host, segments: [], states: [] };
  host.bus.stream('transcript').subscribe((segment) => run.segments.push(segment));
  host.bus.stream('callState').subscribe((state) => run.states.push(state));
  return run;
}

/** Plays the participant's side at `speed` × real time, then waits for every sentence to be final. */
async function playCall(run: Run, pcm: Int16Array, speed: number, during?: (seconds: number) => Promise<void> | void): Promise<void> {
  const { port1, port2 } = new MessageChannel();
  const abort = new AbortController();
  const call = run.host.invoke('transcription', 'transcribers', 'openai-realtime', 'transcribe', [{ channel: 'participant', format: { encoding: 'pcm16', sampleRate: RATE, channels: 1 }, port: port2 }], {
    transfer: [port2],
    timeoutMs: 120_000,
    signal: abort.signal,
  });
  const epoch = Date.now();
  const began = performance.now();
  for (let i = 0, seq = 0; i < pcm.length; i += FRAME, seq++) {
    const frame = pcm.slice(i, i + FRAME);
    port1.postMessage({ n: { seq, pcm: frame.buffer, rms: 0, capturedAt: epoch + (i / RATE) * 1000 } }, [frame.buffer]);
    if (seq % 10 === 0) {
      await during?.(i / RATE);
      const due = ((i + FRAME) / RATE) * (1000 / speed) - (performance.now() - began);
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, due)));
    }
  }
  const deadline = Date.now() + 30_000;
  const finals = () => run.segments.filter((s) => s.final && !s.gap).length;
  while (finals() < sentences.length && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  abort.abort();
  await call;
}

/** What the transcript shows at the end: lines in order, after retractions. */
function shown(segments: TranscriptSegment[]): TranscriptSegment[] {
  const lines = new Map<string, TranscriptSegment>();
  for (const segment of segments) {
    if (segment.retracted) lines.delete(segment.itemId);
    else lines.set(segment.itemId, segment);
  }
  return [...lines.values()].sort((a, b) => a.start - b.start);
}

describe('transcription across rotations and dropped sessions', () => {
  let local: LocalServer;

  beforeAll(async () => {
    for (const text of sentences) spoken.set(text, speak(text, 'en-us', 165));
    local = await startLocalServer({ port: 0, faults: true, recognizer: { matched: sentences.map((text) => ({ text, pcm24k: spoken.get(text)! })) } });
  }, 60_000);
  afterAll(() => local?.close());

  it('rotates sessions every few seconds, also mid-utterance, and every sentence appears once, in order', async () => {
    const run = await headless(local, { rotateAfterSeconds: 2 });
    try {
      await playCall(run, conversation(700), 1.5);
      const lines = shown(run.segments);
      expect(lines.map((line) => line.text)).toEqual(sentences);
      expect(lines.every((line) => line.final)).toBe(true);
      const rotations = run.states.filter((s) => s.detail?.startsWith("Rotated the participant's session"));
      expect(rotations.length).toBeGreaterThanOrEqual(2);
    } finally {
      await run.host.dispose();
    }
  }, 90_000);

  it('replaces a session that expires mid-call, catching up from the ring, with nothing lost or doubled', async () => {
    const run = await headless(local, { rotateAfterSeconds: 3000 });
    const admin = local.url.replace(/\/v1$/, '/__admin');
    let expired = false;
    try {
      await playCall(run, conversation(900), 2, async (seconds) => {
        // In the middle of the third sentence, end the session as OpenAI does at its limit.
        if (expired || seconds < 6.2) return;
        expired = true;
        const sessions = (await (await fetch(`${admin}/sessions`)).json()).data as { id: string }[];
        await fetch(`${admin}/sessions/${sessions[0].id}/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ action: 'expire_session' }) });
      });
      const lines = shown(run.segments);
      expect(expired).toBe(true);
      expect(lines.map((line) => line.text)).toEqual(sentences);
      expect(run.states.some((s) => s.status === 'reconnecting' && s.detail?.includes('session expired'))).toBe(true);
      expect(run.states.some((s) => s.status === 'live' && s.detail?.startsWith("Reconnected the participant's session; caught up from"))).toBe(true);
    } finally {
      await run.host.dispose();
    }
  }, 90_000);

  it('notices a session that stops answering, replaces it and sends the turn again', async () => {
    const run = await headless(local, { rotateAfterSeconds: 3000, stallSeconds: 2 });
    const admin = local.url.replace(/\/v1$/, '/__admin');
    let stalled = false;
    try {
      await playCall(run, conversation(900), 2, async (seconds) => {
        if (stalled || seconds < 4.2) return;
        stalled = true;
        const sessions = (await (await fetch(`${admin}/sessions`)).json()).data as { id: string }[];
        await fetch(`${admin}/sessions/${sessions[0].id}/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ action: 'stall_events' }) });
      });
      expect(shown(run.segments).map((line) => line.text)).toEqual(sentences);
      expect(run.states.some((s) => s.status === 'reconnecting' && s.detail?.includes('went silent'))).toBe(true);
    } finally {
      await run.host.dispose();
    }
  }, 90_000);

  it("keeps transcribing, on the call's clock, when the transcription plugin's worker crashes mid-call", async () => {
    const run = await headless(local, { rotateAfterSeconds: 3000 });
    const capture = new WavCaptureService({ speed: 2 });
    const call = new CallController(run.host, capture);
    const wav = writeWav(conversation(1200), RATE);
    try {
      await run.host.start();
      await call.start({ participant: { kind: 'file', url: wav } });
      const finals = () => run.segments.filter((s) => s.final && !s.gap);
      while (finals().length < 2) await new Promise((resolve) => setTimeout(resolve, 50));
      run.host.restart('transcription', 'crashed in a test');
      await capture.whenFinished();
      const deadline = Date.now() + 20_000;
      while (finals().length < sentences.length && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
      const lines = shown(run.segments);
      const speech = lines.filter((line) => !line.gap).map((line) => line.text);
      // Heard before and after the restart: each once. Words said while no worker was running are marked as a gap.
      expect(speech.slice(0, 2)).toEqual(sentences.slice(0, 2));
      expect(speech.slice(-2)).toEqual(sentences.slice(-2));
      expect(speech.length).toBeLessThanOrEqual(sentences.length);
      const gap = lines.find((line) => line.gap)!;
      expect(gap.text).toMatch(/^\[\d+\.\d s not transcribed: the transcription plugin restarted\]$/);
      expect(gap.start).toBeGreaterThan(lines.find((l) => l.text === sentences[1])!.end);
      expect(gap.end).toBeLessThan(lines.find((l) => l.text === sentences[3])!.start);
      expect(lines.map((line) => line.start)).toEqual([...lines.map((line) => line.start)].sort((a, b) => a - b));
      expect(run.states.some((s) => s.status === 'live' && s.detail === 'Transcribing the participant again after a plugin restart.')).toBe(true);
    } finally {
      await call.stop();
      await run.host.dispose();
    }
  }, 90_000);
});

import type { CallChannel, CallState, EchoSuppression, TranscriptSegment } from '@sotto/api';
import { startLocalServer, type LocalServer, type LocalServerOptions } from '../../src/local/index.ts';
import { buildCatalog } from '../../src/host/node/catalog/buildCatalog.ts';
import { createHeadlessHost } from '../../src/host/node/createHeadlessHost.ts';
import { MemorySettings } from '../../src/host/common/memorySettings.ts';
import type { PluginHost } from '../../src/host/common/pluginHost.ts';
import type { WorkerLauncher } from '../../src/host/common/services.ts';
import { Engine } from '../../src/shell/node/engine.ts';
import { MemoryKeyStore, type KeyStore } from '../../src/shell/node/keyStore.ts';
import { builtinPluginsDir, scratchDir } from './fixtures.ts';
import { RATE, speak } from '../unit/local/support/audio.ts';

// Never lose a word (issue 5), headless over WebSocket: the local server's matched recognizer names each sentence by
// its audio, so any session, however many there are and whatever audio they were given, says what it really heard.
export const sentences = ['could you walk me through the pricing tiers', 'how long does onboarding usually take', 'what happens to our data if we cancel', 'is there a discount for a three year contract', 'who owns the security review on your side'];
const spoken = new Map<string, Int16Array>();

/** The local server, with every sentence (and any `more`) known to its matched recognizer. */
export async function startMatchedServer(more: readonly string[] = [], options: LocalServerOptions = {}): Promise<LocalServer> {
  const known = [...sentences, ...more];
  return startLocalServer({ port: 0, faults: true, ...options, recognizer: { matched: known.map((text) => ({ text, pcm24k: spokenAudio(text) })) } });
}

/** The sentence as the speech synthesizer says it, 24 kHz PCM16 (synthesized once). */
export function spokenAudio(text: string): Int16Array {
  if (!spoken.has(text)) spoken.set(text, speak(text, 'en-us', 165));
  return spoken.get(text)!;
}
const FRAME = (RATE / 1000) * 20;

export function conversation(gapMs: number): Int16Array<ArrayBuffer> {
  const parts: Int16Array[] = [new Int16Array((RATE * 600) / 1000)];
  for (const text of sentences) parts.push(spokenAudio(text), new Int16Array((RATE * gapMs) / 1000));
  const pcm = new Int16Array(parts.reduce((n, p) => n + p.length, 0));
  parts.reduce((at, part) => (pcm.set(part, at), at + part.length), 0);
  return pcm;
}

export interface Run {
  host: PluginHost;
  segments: TranscriptSegment[];
  states: CallState[];
}

/**
 * The transcription plugin alone in a headless host. With `keys`, minting goes to `local` as if it were OpenAI, with
 * the key those hold; without, to `local` as the local engine.
 */
export async function headless(local: { readonly url: string }, values: Record<string, unknown>, options: { launcher?: WorkerLauncher; keys?: KeyStore } = {}): Promise<Run> {
  const engine = new Engine(options.keys ?? new MemoryKeyStore(), async () => local.url, local.url);
  const catalog = (await buildCatalog([{ dir: builtinPluginsDir, builtin: true }])).filter((p) => p.id === 'transcription');
  const host = createHeadlessHost({
    catalog,
    cacheDir: scratchDir('bundles'),
    settings: new MemorySettings({ values: { transcription: { transport: 'websocket', ...values } } }),
    gateway: { mintClientSecret: (_id, kind, session) => engine.mintClientSecret(kind, session), fetch: () => Promise.reject(new Error('no network')) },
    log: { log: () => {} },
    launcher: options.launcher,
  });
  const run: Run = { host, segments: [], states: [] };
  host.bus.stream('transcript').subscribe((segment) => run.segments.push(segment));
  host.bus.stream('callState').subscribe((state) => run.states.push(state));
  return run;
}

export interface PlayOptions {
  /** Called every 200 ms of audio with the seconds played, e.g. to inject a fault (faultAt). */
  readonly during?: (seconds: number) => Promise<void> | void;
  /** The call's echo suppression setting, as capture hands it to the transcriber. */
  readonly echoSuppression?: EchoSuppression;
  /** When the transcript is complete; by default, when every sentence of the participant is final. */
  readonly heardAll?: (run: Run) => boolean;
  /** How long to let late lines arrive after that (ms). */
  readonly settleMs?: number;
}

/**
 * Plays the call into the transcriber at `speed` times real time: the participant's audio, or each side's when
 * `audio` gives both (fed to the plugin as they are, with no signal-level echo suppression on the way), then waits
 * for the transcript to be complete.
 */
export async function playCall(run: Run, audio: Int16Array | Record<CallChannel, Int16Array>, speed: number, options: PlayOptions = {}): Promise<void> {
  const { during, echoSuppression, heardAll = participantFinals(sentences.length), settleMs = 1_000 } = options;
  const sides = audio instanceof Int16Array ? { participant: audio } : audio;
  const abort = new AbortController();
  const epoch = Date.now();
  const feeds = Object.entries(sides).map(([channel, pcm]) => {
    const { port1, port2 } = new MessageChannel();
    const call = run.host.invoke('transcription', 'transcribers', 'openai-realtime', 'transcribe', [{ channel, format: { encoding: 'pcm16', sampleRate: RATE, channels: 1 }, port: port2, callEpochMs: epoch, echoSuppression }], {
      transfer: [port2],
      timeoutMs: 120_000,
      signal: abort.signal,
    });
    return { call, port: port1, pcm };
  });
  const began = performance.now();
  const length = Math.max(...feeds.map((f) => f.pcm.length));
  for (let i = 0, seq = 0; i < length; i += FRAME, seq++) {
    for (const { port, pcm } of feeds) {
      const frame = i < pcm.length ? pcm.slice(i, i + FRAME) : new Int16Array(FRAME);
      port.postMessage({ n: { seq, pcm: frame.buffer, rms: rmsOf(frame), capturedAt: epoch + (i / RATE) * 1000 } }, [frame.buffer]);
    }
    if (seq % 10 === 0) {
      await during?.(i / RATE);
      const due = ((i + FRAME) / RATE) * (1000 / speed) - (performance.now() - began);
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, due)));
    }
  }
  const deadline = Date.now() + 30_000;
  while (!heardAll(run) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
  await new Promise((resolve) => setTimeout(resolve, settleMs));
  abort.abort();
  await Promise.all(feeds.map((f) => f.call));
}

const participantFinals = (count: number) => (run: Run) => run.segments.filter((s) => s.final && !s.gap && s.channel === 'participant').length >= count;

type Fault = { action: string; delayMs?: number };

/** Injects a realtime fault into the oldest (or newest) session `sotto local` has open. */
export async function faultSession(local: { readonly url: string }, fault: Fault, which: 'oldest' | 'newest' = 'oldest'): Promise<void> {
  const admin = local.url.replace(/\/v1$/, '/__admin');
  const sessions = (await (await fetch(`${admin}/sessions`)).json()).data as { id: string }[];
  const session = which === 'oldest' ? sessions[0] : sessions.at(-1);
  await fetch(`${admin}/sessions/${session!.id}/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(fault) });
}

/** A `playCall` hook injecting `fault` once, when the audio played reaches `atSeconds`; `firedAt` is performance.now() then. */
export function faultAt(local: { readonly url: string }, atSeconds: number, fault: Fault, which: 'oldest' | 'newest' = 'oldest') {
  const hook = {
    firedAt: undefined as number | undefined,
    during: async (seconds: number) => {
      if (hook.firedAt !== undefined || seconds < atSeconds) return;
      hook.firedAt = performance.now();
      await faultSession(local, fault, which);
    },
  };
  return hook;
}

/** The overlap (s) each rotation reports: how long the newcomer heard the audio before taking over. */
export function rotationOverlaps(states: readonly CallState[]): number[] {
  return states.map((s) => /^Rotated .* \(overlap (-?\d+\.\d) s\)\.$/.exec(s.detail ?? '')).filter((m) => m !== null).map((m) => Number(m[1]));
}

/** What the transcript shows at the end: lines in order, after retractions. */
export function shown(segments: TranscriptSegment[]): TranscriptSegment[] {
  const lines = new Map<string, TranscriptSegment>();
  for (const segment of segments) {
    if (segment.retracted) lines.delete(segment.itemId);
    else lines.set(segment.itemId, segment);
  }
  return [...lines.values()].sort((a, b) => a.start - b.start);
}

/** The level of a frame, as capture reports it with every frame. */
function rmsOf(frame: Int16Array): number {
  let energy = 0;
  for (const sample of frame) energy += (sample / 32768) ** 2;
  return Math.sqrt(energy / frame.length);
}

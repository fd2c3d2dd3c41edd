import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Worker } from 'node:worker_threads';
import type { CallChannel } from '@sotto/api';
import type { PluginDescription } from '../../src/host/common/pluginDescription.ts';
import { NodeWorkerLauncher } from '../../src/host/node/nodeWorkerLauncher.ts';
import { RATE } from '../unit/local/support/audio.ts';
import { repoRoot, scratchDir } from './fixtures.ts';
import { sentences, spokenAudio } from './transcriptionHarness.ts';
import { writeWav } from './writeWav.ts';
import { wavFile } from '../../src/local/engines/wav.ts';

/** Your side of the long call; no word in common with the participant's sentences. */
export const YOURS = ['we should ship the pricing page before friday', 'our budget for next quarter looks tight', 'let us meet again on tuesday afternoon', 'can you send over the signed contract'];
const TURN_GAP_MS = 700;

export interface CompressedCall {
  readonly participantFile: string;
  readonly youFile: string;
  /** Every line in the order said, with where it starts (s). */
  readonly lines: readonly { channel: CallChannel; text: string; at: number }[];
  readonly seconds: number;
}

/** `cycles` rounds of turn-taking: the participant asks, you answer; each side silent while the other speaks. */
export function compressedCall(cycles: number): CompressedCall {
  const turns: { channel: CallChannel; text: string }[] = [];
  for (let c = 0; c < cycles; c++) {
    sentences.forEach((text, i) => turns.push({ channel: 'participant', text }, { channel: 'you', text: YOURS[(i + c) % YOURS.length] }));
  }
  const gap = (RATE * TURN_GAP_MS) / 1000;
  const total = turns.reduce((n, turn) => n + spokenAudio(turn.text).length + gap, gap);
  const tracks = { participant: new Int16Array(total), you: new Int16Array(total) };
  const lines: { channel: CallChannel; text: string; at: number }[] = [];
  let at = gap;
  for (const turn of turns) {
    const pcm = spokenAudio(turn.text);
    tracks[turn.channel].set(pcm, at);
    lines.push({ ...turn, at: at / RATE });
    at += pcm.length + gap;
  }
  return { participantFile: writeWav(tracks.participant, RATE), youFile: writeWav(tracks.you, RATE), lines, seconds: total / RATE };
}

export interface LocalProcess {
  readonly url: string;
  close(): void;
}

/**
 * `sotto local` in its own process, as it runs beside the app, knowing every sentence by its audio and ending
 * sessions after `sessionSeconds` as OpenAI does at 60 minutes. Its CPU does not count against the host's.
 */
export async function startLocalProcess(known: readonly string[], sessionSeconds: number): Promise<LocalProcess> {
  const dir = scratchDir('long-call');
  const matched = known.map((text, i) => ({ text, wav: writeWavIn(dir, `${i}.wav`, spokenAudio(text)) }));
  const config = path.join(dir, 'local.json');
  writeFileSync(config, JSON.stringify({ recognizer: { matched }, sessionMaxDurationMs: sessionSeconds * 1000, faults: true }));
  const child = spawn(path.join(repoRoot, 'node_modules/.bin/sotto'), ['local', '--config', config], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const line = /^(http:\/\/\S+\/v1)$/m.exec(out);
      if (line) resolve(line[1]);
    });
    child.once('exit', (code) => reject(new Error(`sotto local exited with ${code} before it was ready`)));
  });
  return { url, close: () => void child.kill('SIGTERM') };
}

function writeWavIn(dir: string, name: string, pcm: Int16Array): string {
  const file = path.join(dir, name);
  writeFileSync(file, wavFile(pcm, RATE));
  return file;
}

/** worker_threads that the test can look into: each plugin's thread, by plugin id. */
export class MeasuredLauncher extends NodeWorkerLauncher {
  readonly workers = new Map<string, Worker>();

  constructor() {
    super(scratchDir('bundles'));
  }

  protected override spawn(file: string, description: PluginDescription): Worker {
    const worker = super.spawn(file, description);
    this.workers.set(description.id, worker);
    return worker;
  }
}

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

/**
 * Live heap of a plugin's worker and of this thread (the host, and the local server in-process), each measured right
 * after a full collection so garbage not yet collected does not count. A worker's heap snapshot collects first.
 */
export class HeapWatch {
  private readonly samples: { at: number; worker: number; main: number }[] = [];

  constructor(
    private readonly launcher: MeasuredLauncher,
    private readonly pluginId: string,
  ) {}

  /** Samples ten times over the expected `seconds`, until `done` settles. */
  async sampleWhile(done: Promise<unknown>, seconds: number): Promise<void> {
    let finished = false;
    void done.finally(() => (finished = true));
    const began = Date.now();
    while (!finished) {
      await Promise.race([done, new Promise((resolve) => setTimeout(resolve, (seconds * 1000) / 10))]);
      if (!finished) this.samples.push({ at: (Date.now() - began) / 1000, ...(await this.measure()) });
    }
  }

  private async measure(): Promise<{ worker: number; main: number }> {
    const worker = this.launcher.workers.get(this.pluginId)!;
    for await (const _ of await worker.getHeapSnapshot()) void _;
    collectGarbage();
    return { worker: (await worker.getHeapStatistics()).used_heap_size, main: process.memoryUsage().heapUsed };
  }

  /**
   * The rise of live heap over the call after warm-up (the first third of the samples): the mean of the last three
   * samples over the mean of the first three, for the worker or this thread, whichever grew more.
   */
  growth(): number {
    const settled = this.samples.slice(Math.floor(this.samples.length / 3));
    const mean = (samples: typeof settled, key: 'worker' | 'main') => samples.reduce((sum, s) => sum + s[key], 0) / samples.length;
    const rise = (key: 'worker' | 'main') => mean(settled.slice(-3), key) / mean(settled.slice(0, 3), key) - 1;
    return Math.max(rise('worker'), rise('main'));
  }

  report(): string {
    const mb = (bytes: number) => (bytes / 1048576).toFixed(1);
    return this.samples.map((s) => `${s.at.toFixed(0)}s worker ${mb(s.worker)} MB, host ${mb(s.main)} MB`).join('; ');
  }
}

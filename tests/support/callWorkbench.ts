import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { scratchDir } from './fixtures.ts';
import type { FrameStats } from '../fixtures/plugins/frame-meter/src/index.ts';
import { speechWav } from './speechWav.ts';
import { openWorkbench, workbenchEnv, type OpenWorkbench } from './workbench.ts';

export interface ShimDevice {
  readonly deviceId: string;
  readonly label: string;
  readonly wav: string;
  readonly loop?: boolean;
}

export interface CallAudio {
  readonly mic: string;
  readonly participant: string;
  readonly silence: string;
}

function sox(args: string[]): void {
  const result = spawnSync('sox', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  if (result.status !== 0) throw new Error(`sox ${args.join(' ')} failed: ${result.stderr}`);
}

/**
 * The two sides of a scripted call, generated now with espeak-ng and sox: the participant speaks at a quarter of
 * the mic's level, so each channel can be told apart by its level alone.
 */
export function callAudio(): CallAudio {
  const mic = speechWav(['Hello, this is me on my own microphone.', 'I am asking about the price.'], { rate: 16_000 }).file;
  const loud = speechWav(['The enterprise plan costs forty dollars per seat.'], { rate: 16_000, voice: 'en-gb' }).file;
  const dir = scratchDir('call-audio');
  const participant = path.join(dir, 'participant.wav');
  const silence = path.join(dir, 'silence.wav');
  sox([loud, participant, 'vol', '0.25']);
  sox(['-n', '-r', '16000', '-c', '1', '-b', '16', silence, 'trim', '0', '3']);
  return { mic, participant, silence };
}

/** A WAV as 24 kHz float samples resampled by sox (`rate -v`), the reference the worklet is held to. */
export function soxReference(wav: string): Float32Array {
  const result = spawnSync('sox', [wav, '-t', 'raw', '-e', 'floating-point', '-b', '32', '-c', '1', '-', 'rate', '-v', '24000'], { maxBuffer: 1 << 28 });
  if (result.status !== 0) throw new Error(`sox failed: ${result.stderr}`);
  return new Float32Array(result.stdout.buffer, result.stdout.byteOffset, result.stdout.length / 4).slice();
}

/** Loudest 20 ms frame of a WAV at 24 kHz, as the worklet would measure it. */
export function maxFrameRms(wav: string): number {
  const samples = soxReference(wav);
  let max = 0;
  for (let start = 0; start + 480 <= samples.length; start += 480) {
    let squares = 0;
    for (let i = start; i < start + 480; i++) squares += samples[i]! ** 2;
    max = Math.max(max, Math.sqrt(squares / 480));
  }
  return max;
}

export const macbook = (audio: CallAudio, participantWav = audio.participant): ShimDevice[] => [
  { deviceId: 'default', label: 'Default - MacBook Pro Microphone', wav: audio.mic },
  { deviceId: 'test-macbook-mic', label: 'MacBook Pro Microphone', wav: audio.mic },
  { deviceId: 'test-blackhole-2ch', label: 'BlackHole 2ch', wav: participantWav },
];

export interface CallOptions {
  readonly devices: readonly ShimDevice[];
  /** getUserMedia answers NotAllowedError, as when the user refused the microphone. */
  readonly deny?: boolean;
  /** Plugin setting values by plugin id, and plugins to turn on or off, on top of the frame meter as transcriber. */
  readonly values?: Record<string, Record<string, unknown>>;
  readonly enabled?: Record<string, boolean>;
  readonly prepare?: (page: Page) => Promise<void>;
}

/** The workbench with the device shim installed and the frame-meter fixture as the call's transcriber. */
export async function openCallWorkbench(browser: Browser, options: CallOptions): Promise<OpenWorkbench> {
  const env = workbenchEnv();
  mkdirSync(env.SOTTO_CONFIG_DIR!, { recursive: true });
  const enabled = { transcription: false, 'frame-meter': true, ...options.enabled };
  writeFileSync(path.join(env.SOTTO_CONFIG_DIR!, 'settings.json'), JSON.stringify({ enabled, values: options.values ?? {} }));
  const config = {
    deny: options.deny ?? false,
    devices: options.devices.map((d) => ({ deviceId: d.deviceId, label: d.label, loop: d.loop, wav: readFileSync(d.wav).toString('base64') })),
  };
  return openWorkbench(env, browser, async (page) => {
    await page.addInitScript((c) => Object.assign(globalThis, { __deviceShimConfig: c }), config);
    await page.addInitScript({ path: path.join(import.meta.dirname, 'deviceShim.js') });
    await options.prepare?.(page);
  });
}


/** What the frame-meter fixture has received on a channel so far, read from its transcript line. */
export async function frameStats(page: Page, channel: 'you' | 'participant'): Promise<FrameStats | undefined> {
  const line = page.locator(`[data-item="meter-${channel}"] .text`);
  if ((await line.count()) === 0) return undefined;
  return JSON.parse(await line.textContent() ?? 'null') as FrameStats;
}

/** Waits until the meter's stats on `channel` satisfy `ok`, polling the page. */
export async function waitForStats(page: Page, channel: 'you' | 'participant', ok: (stats: FrameStats) => boolean, ms = 15_000): Promise<FrameStats> {
  const until = Date.now() + ms;
  let last: FrameStats | undefined;
  while (Date.now() < until) {
    last = await frameStats(page, channel);
    if (last && ok(last)) return last;
    await page.waitForTimeout(200);
  }
  throw new Error(`The frame meter on "${channel}" never got there; last: ${JSON.stringify(last)}`);
}

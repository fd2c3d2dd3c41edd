import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { FrameStats } from '../fixtures/plugins/frame-meter/src/index.ts';
import { maxFrameRms, type CallAudio } from './captureAudio.ts';
import type { ServedSotto } from './serveProcess.ts';
import { speechWav } from './speechWav.ts';
import { openWorkbench, workbenchEnv, type OpenWorkbench } from './workbench.ts';

export interface ShimDevice {
  readonly deviceId: string;
  readonly label: string;
  readonly wav: string;
  readonly loop?: boolean;
}

export const macbook = (audio: Pick<CallAudio, 'mic' | 'participant'>, participantWav = audio.participant): ShimDevice[] => [
  { deviceId: 'default', label: 'Default - MacBook Pro Microphone', wav: audio.mic },
  { deviceId: 'test-macbook-mic', label: 'MacBook Pro Microphone', wav: audio.mic },
  { deviceId: 'test-blackhole-2ch', label: 'BlackHole 2ch', wav: participantWav },
];

export interface CallOptions {
  readonly devices: readonly ShimDevice[];
  /** getUserMedia answers NotAllowedError, as when the user refused the microphone. */
  readonly deny?: boolean;
  /** Device labels stay hidden until getUserMedia succeeds once, as in real browsers. */
  readonly labelsAfterGrant?: boolean;
  /** Devices that fail to start, as when another app holds them. */
  readonly busy?: readonly string[];
  /** Every recording plays on one clock from the first device opened (see deviceShim.js). */
  readonly sharedClock?: boolean;
  /** Plugin setting values by plugin id, and plugins to turn on or off, on top of the frame meter as transcriber. */
  readonly values?: Record<string, Record<string, unknown>>;
  readonly enabled?: Record<string, boolean>;
  readonly prepare?: (page: Page) => Promise<void>;
}

/** A fresh config folder whose settings make the frame-meter fixture the call's transcriber. */
export function callEnv(options: Pick<CallOptions, 'enabled' | 'values'> = {}): Record<string, string> {
  const env = workbenchEnv();
  mkdirSync(env.SOTTO_CONFIG_DIR!, { recursive: true });
  const enabled = { transcription: false, 'frame-meter': true, ...options.enabled };
  writeFileSync(path.join(env.SOTTO_CONFIG_DIR!, 'settings.json'), JSON.stringify({ enabled, values: options.values ?? {} }));
  return env;
}

/**
 * The workbench with the device shim installed and the frame-meter fixture as the call's transcriber; on its own
 * `sotto serve`, or on a `shared` one started with `callEnv` (whose settings then apply instead of `options`').
 */
export async function openCallWorkbench(browser: Browser, options: CallOptions, shared?: { env: Record<string, string>; served: ServedSotto }): Promise<OpenWorkbench> {
  const config = {
    deny: options.deny ?? false,
    labelsAfterGrant: options.labelsAfterGrant ?? false,
    busy: options.busy ?? [],
    sharedClock: options.sharedClock ?? false,
    devices: options.devices.map((d) => ({ deviceId: d.deviceId, label: d.label, loop: d.loop, wav: readFileSync(d.wav).toString('base64') })),
  };
  const prepare = async (page: Page) => {
    await page.addInitScript((c) => Object.assign(globalThis, { __deviceShimConfig: c }), config);
    await page.addInitScript({ path: path.join(import.meta.dirname, 'deviceShim.js') });
    await options.prepare?.(page);
  };
  return openWorkbench(shared?.env ?? callEnv(options), browser, prepare, shared?.served);
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

/** The loudest frame the meter saw over the loudest 20 ms of `wav`: about 1 when the channel carried that file. */
export function loudnessRatio(stats: FrameStats, wav: string): number {
  return stats.maxRms / maxFrameRms(wav);
}

/** Presses Start call and waits until the call is live; returns the status line. */
export async function startCall(page: Page): Promise<string> {
  await page.getByRole('button', { name: 'Start call' }).click();
  const live = page.locator('[data-testid="call-status"][data-status="live"]');
  await live.waitFor();
  return (await live.textContent()) ?? '';
}

/** The workbench transcribing a call in which the participant speaks; the mic hears silence, or `micWav`. */
export function openParticipantCall(browser: Browser, participantWav: string, micSilenceSeconds: number, options: Pick<CallOptions, 'sharedClock'> & { loop?: boolean; micWav?: string } = {}): Promise<OpenWorkbench> {
  const silence = options.micWav ?? speechWav([], { rate: 16_000, leadSeconds: micSilenceSeconds }).file;
  return openCallWorkbench(browser, {
    enabled: { transcription: true, 'frame-meter': false, 'quick-reply': false, 'assistant-runs': false },
    sharedClock: options.sharedClock,
    devices: [
      { deviceId: 'default', label: 'Default - MacBook Pro Microphone', wav: silence },
      { deviceId: 'test-macbook-mic', label: 'MacBook Pro Microphone', wav: silence },
      { deviceId: 'test-blackhole-2ch', label: 'BlackHole 2ch', wav: participantWav, loop: options.loop },
    ],
  });
}

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser.ts';
import { rendererDir } from '../../src/shell/node/paths.ts';
import { callAudio, snrDb, soxReference, type CallAudio } from '../support/captureAudio.ts';
import { speechWav } from '../support/speechWav.ts';
import { frameStats, loudnessRatio, macbook, openCallWorkbench, startCall, waitForStats } from '../support/callWorkbench.ts';
import type { OpenWorkbench } from '../support/workbench.ts';

describe('a call captures the mic and the virtual device in Chromium', () => {
  let browser: Browser;
  let audio: CallAudio;
  let wb: OpenWorkbench;

  beforeAll(async () => {
    audio = callAudio();
    browser = await launchChromium();
    // Capture fidelity is measured on the raw signal; echo suppression has its own tests (echo-suppression.test.ts).
    wb = await openCallWorkbench(browser, { devices: macbook(audio), labelsAfterGrant: true, values: { 'capture-blackhole': { echoSuppression: 'off' } } });
  });

  afterAll(async () => {
    await wb?.close();
    await browser?.close();
  });

  it('shows both sides live with moving level meters', async () => {
    const { page } = wb;
    expect(await startCall(page)).toContain('You: Default - MacBook Pro Microphone · Participant: BlackHole 2ch');
    const seen = { you: new Set<string>(), participant: new Set<string>() };
    for (let i = 0; i < 20 && (seen.you.size < 5 || seen.participant.size < 5); i++) {
      for (const channel of ['you', 'participant'] as const) seen[channel].add((await page.getByTestId(`level-${channel}`).getAttribute('data-rms'))!);
      await page.waitForTimeout(150);
    }
    expect(seen.you.size).toBeGreaterThanOrEqual(5);
    expect(seen.participant.size).toBeGreaterThanOrEqual(5);
    await expect(page.getByTestId('call-problems').count()).resolves.toBe(0);
  });

  it('hands WebRTC the live track of each device (echo suppression off here; see echo-suppression.test.ts)', async () => {
    const tracks = await wb.page.evaluate(() => {
      const { call } = (globalThis as unknown as { __sotto: { call: { trackOf(c: string): MediaStreamTrack | undefined } } }).__sotto;
      return ['you', 'participant'].map((c) => ({ label: call.trackOf(c)?.label, state: call.trackOf(c)?.readyState }));
    });
    expect(tracks).toEqual([
      { label: 'Default - MacBook Pro Microphone', state: 'live' },
      { label: 'BlackHole 2ch', state: 'live' },
    ]);
  });

  it('opens the virtual device untouched and the mic as set', async () => {
    const opened = await wb.page.evaluate(() => (globalThis as unknown as { __deviceShim: { opened: { deviceId: string; constraints: Record<string, unknown> }[] } }).__deviceShim.opened);
    const off = { echoCancellation: false, noiseSuppression: false, autoGainControl: false };
    expect(opened).toEqual([
      // Labels are hidden until access is granted, and the capture plugin picks devices by label: ask first.
      { deviceId: 'default', constraints: true },
      { deviceId: 'default', constraints: { deviceId: { exact: 'default' }, ...off } },
      { deviceId: 'test-blackhole-2ch', constraints: { deviceId: { exact: 'test-blackhole-2ch' }, ...off } },
    ]);
  });

  it('delivers 20 ms PCM16 frames of each device to the transcriber, each channel its own sound', async () => {
    const { page } = wb;
    const enough = (s: { frames: number; speechFrames: number }) => s.frames >= 150 && s.speechFrames >= 30;
    const you = await waitForStats(page, 'you', enough);
    const participant = await waitForStats(page, 'participant', enough);
    for (const stats of [you, participant]) {
      expect(stats.malformed).toBe(0);
      expect(stats.rmsMismatch).toBe(0);
    }
    // The participant speaks at a quarter of the mic's level: the loudest frames tell which file each side heard.
    expect(Math.abs(loudnessRatio(you, audio.mic) - 1)).toBeLessThan(0.2);
    expect(Math.abs(loudnessRatio(participant, audio.participant) - 1)).toBeLessThan(0.2);
  });

  it('stops: meters fall to zero and the frames stop', async () => {
    const { page } = wb;
    await page.getByRole('button', { name: 'Stop call' }).click();
    await page.locator('[data-testid="call-status"][data-status="ended"]').waitFor();
    await page.waitForTimeout(300);
    await expect(page.getByTestId('level-you').getAttribute('data-rms')).resolves.toBe('0.00000');
    const before = (await frameStats(page, 'you'))!.frames;
    await page.waitForTimeout(500);
    expect((await frameStats(page, 'you'))!.frames).toBe(before);
    expect(wb.errors).toEqual([]);
  });

  it('resamples 48 kHz to 24 kHz PCM16 frames that match sox within 45 dB, stamped 20 ms apart', async () => {
    const speech = speechWav(['The enterprise plan costs forty dollars per seat.'], { rate: 48_000, leadSeconds: 0.2 }).file;
    const worklet = readdirSync(path.join(rendererDir, 'assets')).find((name) => /^pcm16Worklet-.*\.js$/.test(name))!;
    const frames = await wb.page.evaluate(
      async ({ url, wav }) => {
        const bytes = Uint8Array.from(atob(wav), (c) => c.charCodeAt(0));
        const buffer = await new OfflineAudioContext(1, 1, 48_000).decodeAudioData(bytes.buffer);
        const context = new OfflineAudioContext(1, buffer.length + 4_800, 48_000);
        await context.audioWorklet.addModule(url);
        const node = new AudioWorkletNode(context, 'sotto-pcm16', { numberOfOutputs: 0, processorOptions: { outputRate: 24_000, frameSamples: 480, epochAtZero: 1_000 } });
        const { port1, port2 } = new MessageChannel();
        node.port.postMessage({ sink: port1 }, [port1]);
        const received: { seq: number; samples: number[]; capturedAt: number }[] = [];
        const completed = new Promise<void>((resolve) => {
          port2.onmessage = ({ data }) => {
            if (data.n) received.push({ seq: data.n.seq, samples: Array.from(new Int16Array(data.n.pcm)), capturedAt: data.n.capturedAt });
            if (data.c) resolve();
          };
        });
        const source = new AudioBufferSourceNode(context, { buffer });
        source.connect(node);
        source.start();
        // Offline rendering can outrun the worklet's message loop: pause after the first quantum so the sink lands.
        void context.suspend(128 / 48_000).then(() => setTimeout(() => void context.resume(), 50));
        await context.startRendering();
        node.port.postMessage({ close: true });
        await completed;
        return received;
      },
      { url: `/assets/${worklet}`, wav: readFileSync(speech).toString('base64') },
    );
    expect(frames.every((f, i) => f.seq === i && f.samples.length === 480)).toBe(true);
    expect(frames.every((f, i) => Math.abs(f.capturedAt - (1_000 + i * 20)) < 0.001)).toBe(true);
    const output = frames.flatMap((f) => f.samples.map((s) => s / 32768));
    const reference = soxReference(speech);
    expect(output.length).toBeGreaterThanOrEqual(reference.length - 480);
    expect(snrDb(reference, output)).toBeGreaterThan(45);
  });
});

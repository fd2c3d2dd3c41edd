import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser.ts';
import { callAudio, type CallAudio } from '../support/captureAudio.ts';
import { loudnessRatio, openCallWorkbench, startCall, waitForStats } from '../support/callWorkbench.ts';
import type { OpenWorkbench } from '../support/workbench.ts';

describe('capture-file replays a recorded call through the same pipeline', () => {
  let browser: Browser;
  let audio: CallAudio;
  let wb: OpenWorkbench;

  beforeAll(async () => {
    audio = callAudio();
    browser = await launchChromium();
    wb = await openCallWorkbench(browser, {
      devices: [],
      enabled: { 'capture-blackhole': false, 'capture-file': true },
      values: { 'capture-file': { stereoFile: '/recordings/call.wav' } },
      // The page fetches the recording from its own origin; the test answers that request with the file.
      prepare: async (page) => void (await page.route('**/recordings/call.wav', (route) => route.fulfill({ path: audio.stereo, contentType: 'audio/wav' }))),
    });
  });

  afterAll(async () => {
    await wb?.close();
    await browser?.close();
  });

  it('plays a stereo WAV in real time: left is you, right is the participant', async () => {
    const { page } = wb;
    expect(await startCall(page)).toContain('You: call.wav (left) · Participant: call.wav (right)');
    const started = Date.now();
    const enough = (s: { frames: number; speechFrames: number }) => s.frames >= 125 && s.speechFrames >= 25;
    const you = await waitForStats(page, 'you', enough);
    const participant = await waitForStats(page, 'participant', enough);
    // Real time: 125 frames are 2.5 s of audio, which cannot arrive much sooner than 2.5 s after the start.
    expect(Date.now() - started).toBeGreaterThan(2_000);
    for (const stats of [you, participant]) expect([stats.malformed, stats.rmsMismatch]).toEqual([0, 0]);
    expect(Math.abs(loudnessRatio(you, audio.mic) - 1)).toBeLessThan(0.2);
    expect(Math.abs(loudnessRatio(participant, audio.participant) - 1)).toBeLessThan(0.2);
    expect(wb.errors).toEqual([]);
  });
});

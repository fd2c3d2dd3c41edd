import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser.ts';
import { openCallWorkbench } from '../support/callWorkbench.ts';
import { THEM, YOU, echoCall, share, words, type EchoCall } from '../support/echoCall.ts';
import type { OpenWorkbench } from '../support/workbench.ts';

// The echo test in Chromium: the mic device carries your voice and the participant's 40 ms later at −3 dB; the mic's
// worklet cleans it with the participant's device as reference, and your WebRTC session sends the cleaned track.
describe('echo suppression in a call in Chromium (worklet → cleaned track → WebRTC → sotto local)', () => {
  let browser: Browser;
  let call: EchoCall;
  let wb: OpenWorkbench;

  beforeAll(async () => {
    call = await echoCall(40, 2500);
    process.env.SOTTO_LOCAL_URL = call.local.url;
    browser = await launchChromium();
    wb = await openCallWorkbench(browser, {
      enabled: { transcription: true, 'frame-meter': false },
      sharedClock: true,
      devices: [
        { deviceId: 'default', label: 'Default - MacBook Pro Microphone', wav: call.micFile, loop: false },
        { deviceId: 'test-blackhole-2ch', label: 'BlackHole 2ch', wav: call.themFile, loop: false },
      ],
    });
  }, 60_000);

  afterAll(async () => {
    delete process.env.SOTTO_LOCAL_URL;
    await wb?.close();
    await browser?.close();
    await call?.local.close();
  });

  it("keeps your words and leaves out the participant's", async () => {
    const { page } = wb;
    await page.getByRole('button', { name: 'Start call' }).click();
    const done = `[data-testid="transcript"] li.line-participant:not(.partial)`;
    await page.waitForFunction((selector) => document.querySelectorAll(selector).length >= 4, done, { timeout: 60_000 });
    // Your last sentence ends before the participant's last one starts; give your lane a moment to finish.
    await page.waitForTimeout(1500);
    const lane = (side: string) => page.locator(`[data-testid="transcript"] li.line-${side}:not(.partial) .text`).allTextContents();
    const [you, participant] = [await lane('you'), await lane('participant')];
    expect(share(words(THEM), words(participant))).toBe(1);
    expect(share(words(THEM), words(you)), you.join(' / ')).toBeLessThanOrEqual(0.02);
    expect(share(words(YOU), words(you)), you.join(' / ')).toBeGreaterThanOrEqual(0.98);
  }, 90_000);
});

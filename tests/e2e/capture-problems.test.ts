import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser.ts';
import { callAudio, type CallAudio } from '../support/captureAudio.ts';
import { callEnv, macbook, openCallWorkbench, type CallOptions } from '../support/callWorkbench.ts';
import { serveSotto, type ServedSotto } from '../support/serveProcess.ts';

/** Each capture problem the user can run into, and the specific message that tells them what to do. */
describe('capture problems show what to fix', () => {
  let browser: Browser;
  let audio: CallAudio;
  // One `sotto serve` with the default settings for every case that needs no settings of its own.
  let shared: { env: Record<string, string>; served: ServedSotto };

  beforeAll(async () => {
    audio = callAudio();
    const env = callEnv();
    [browser, shared] = await Promise.all([launchChromium(), serveSotto(env).then((served) => ({ env, served }))]);
  });

  afterAll(async () => {
    await shared?.served.stop();
    await browser?.close();
  });

  async function inCall(options: CallOptions, check: (page: Page) => Promise<void>): Promise<void> {
    const wb = await openCallWorkbench(browser, options, options.values ? undefined : shared);
    try {
      await wb.page.getByRole('button', { name: 'Start call' }).click();
      await check(wb.page);
    } catch (error) {
      const bar = await wb.page.locator('.call-bar').evaluate((el) => `${el.textContent} levels ${[...el.querySelectorAll('meter')].map((m) => m.dataset.rms).join(' ')}`).catch(() => '');
      throw new Error(`${(error as Error).message}\nThe call bar said: ${bar}\nPage errors: ${wb.errors.join('\n')}`);
    } finally {
      await wb.close();
    }
  }

  const problem = (page: Page, code: string) => page.locator(`[data-testid="call-problems"] li[data-code="${code}"]`);

  it('no virtual device: how to install BlackHole and route the call to it, while the mic is still captured', () =>
    inCall({ devices: macbook(audio).filter((d) => d.label !== 'BlackHole 2ch') }, async (page) => {
      await page.locator('[data-testid="call-status"][data-status="live"]').waitFor();
      const text = await problem(page, 'virtual-device-missing').textContent();
      expect(text).toContain('No virtual device for the participant\'s audio: any of "BlackHole 2ch", "BlackHole 16ch", "systemAudio" is not connected.');
      expect(text).toContain('brew install blackhole-2ch');
      expect(text).toContain('Multi-Output Device');
      await expect(page.getByTestId('call-status').textContent()).resolves.toContain('You: Default - MacBook Pro Microphone');
    }));

  it('permission denied: says how to allow the microphone', () =>
    inCall({ devices: macbook(audio), deny: true, labelsAfterGrant: true }, async (page) => {
      await page.locator('[data-testid="call-status"][data-status="error"]').waitFor();
      await expect(page.getByTestId('call-error').textContent()).resolves.toContain('Microphone permission denied: allow Sotto to use the microphone');
    }));

  it('the virtual device is unplugged mid-call: says it is gone, keeps the mic, and takes it back when plugged in', () =>
    inCall({ devices: macbook(audio) }, async (page) => {
      type Shim = { __deviceShim: { remove(id: string): void; plugIn(id: string): void } };
      await page.locator('[data-testid="call-status"][data-status="live"]').waitFor();
      await page.evaluate(() => (globalThis as unknown as Shim).__deviceShim.remove('test-blackhole-2ch'));
      await expect(problem(page, 'device-vanished').textContent()).resolves.toContain('"BlackHole 2ch", which carried the participant\'s audio, is no longer connected: reconnect it');
      await page.locator('[data-testid="call-status"][data-status="live"]', { hasNotText: 'BlackHole' }).waitFor();
      await expect(page.getByTestId('call-status').textContent()).resolves.toContain('You: Default - MacBook Pro Microphone');
      await page.evaluate(() => (globalThis as unknown as Shim).__deviceShim.plugIn('test-blackhole-2ch'));
      await page.locator('[data-testid="call-status"][data-status="live"]', { hasText: 'Participant: BlackHole 2ch' }).waitFor();
      await page.getByTestId('call-problems').waitFor({ state: 'detached' });
    }));

  it('the virtual device fails to start: says so and captures the mic alone', () =>
    inCall({ devices: macbook(audio), busy: ['test-blackhole-2ch'] }, async (page) => {
      await page.locator('[data-testid="call-status"][data-status="live"]').waitFor();
      await expect(problem(page, 'capture-failed').textContent()).resolves.toBe("The participant's device is in use by another app or failed to start: close the apps using it, then start the call again.");
      await expect(page.getByTestId('call-status').textContent()).resolves.not.toContain('Participant:');
    }));

  it('the participant is digitally silent while you speak: the call app is not routed to the virtual device', () =>
    inCall({ devices: macbook(audio, audio.silence), values: { 'capture-blackhole': { silenceAlertSeconds: 1 } } }, async (page) => {
      const text = await problem(page, 'participant-silent').textContent({ timeout: 20_000 });
      expect(text).toContain("silent for 1 s while you were speaking: the call app's output probably is not routed to the virtual device");
    }));
});

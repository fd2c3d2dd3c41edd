import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser.ts';
import { callAudio, frameStats, macbook, maxFrameRms, openCallWorkbench, waitForStats, type CallAudio } from '../support/callWorkbench.ts';
import type { OpenWorkbench } from '../support/workbench.ts';

describe('a call captures the mic and the virtual device in Chromium', () => {
  let browser: Browser;
  let audio: CallAudio;
  let wb: OpenWorkbench;

  beforeAll(async () => {
    audio = callAudio();
    browser = await launchChromium();
    wb = await openCallWorkbench(browser, { devices: macbook(audio) });
  });

  afterAll(async () => {
    await wb?.close();
    await browser?.close();
  });

  it('shows both sides live with moving level meters', async () => {
    const { page } = wb;
    await page.getByRole('button', { name: 'Start call' }).click();
    await page.locator('[data-testid="call-status"][data-status="live"]').waitFor();
    await expect(page.getByTestId('call-status').textContent()).resolves.toContain('You: Default - MacBook Pro Microphone · Participant: BlackHole 2ch');
    const seen = { you: new Set<string>(), participant: new Set<string>() };
    for (let i = 0; i < 20 && (seen.you.size < 5 || seen.participant.size < 5); i++) {
      for (const channel of ['you', 'participant'] as const) seen[channel].add((await page.getByTestId(`level-${channel}`).getAttribute('data-rms'))!);
      await page.waitForTimeout(150);
    }
    expect(seen.you.size).toBeGreaterThanOrEqual(5);
    expect(seen.participant.size).toBeGreaterThanOrEqual(5);
    await expect(page.getByTestId('call-problems').count()).resolves.toBe(0);
  });

  it('opens the virtual device untouched and the mic as set', async () => {
    const opened = await wb.page.evaluate(() => (globalThis as unknown as { __deviceShim: { opened: { deviceId: string; constraints: Record<string, unknown> }[] } }).__deviceShim.opened);
    const off = { echoCancellation: false, noiseSuppression: false, autoGainControl: false };
    expect(opened).toEqual([
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
    expect(you.maxRms).toBeGreaterThan(maxFrameRms(audio.mic) * 0.8);
    expect(you.maxRms).toBeLessThan(maxFrameRms(audio.mic) * 1.2);
    expect(participant.maxRms).toBeGreaterThan(maxFrameRms(audio.participant) * 0.8);
    expect(participant.maxRms).toBeLessThan(maxFrameRms(audio.participant) * 1.2);
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
});

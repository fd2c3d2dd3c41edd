import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startLocalServer, type LocalServer } from '../../src/local/index.ts';
import { launchChromium } from '../support/browser.ts';
import { macbook, openCallWorkbench } from '../support/callWorkbench.ts';
import { placeholderKey } from '../support/fixtures.ts';
import { speechWav } from '../support/speechWav.ts';
import type { OpenWorkbench } from '../support/workbench.ts';

const mine = ['good morning everyone', 'let me share my screen'];
const theirs = ['thanks for joining the call today', 'can we talk about the renewal', 'our contract ends in march'];

// Issue 5, fault 5: the engine refuses the key mid-call. Sotto stops transcribing, asks for a valid key, keeps
// capturing, and once a good key is saved goes on from where it stopped: nothing said meanwhile is lost.
describe('a refused API key, then a valid one entered during the call', () => {
  let browser: Browser;
  let local: LocalServer;
  let wb: OpenWorkbench;

  beforeAll(async () => {
    const mic = speechWav(mine, { rate: 16_000, leadSeconds: 2, gapSeconds: 4 });
    const participant = speechWav(theirs, { rate: 24_000, leadSeconds: 4, gapSeconds: 2.5, voice: 'en-gb' });
    // As OpenAI: one key is valid. The workbench's "OpenAI" is this server (OPENAI_BASE_URL), as is its local engine.
    local = await startLocalServer({ port: 0, apiKeys: [placeholderKey('valid')], recognizer: { utterances: { realtime: mine, transcription: theirs }, msPerWord: 150 } });
    process.env.OPENAI_BASE_URL = local.url;
    process.env.SOTTO_LOCAL_URL = local.url;
    browser = await launchChromium();
    wb = await openCallWorkbench(browser, {
      enabled: { transcription: true, 'frame-meter': false, 'quick-reply': false, 'assistant-runs': false },
      devices: macbook({ mic: mic.file, participant: participant.file }),
    });
  });

  afterAll(async () => {
    delete process.env.OPENAI_BASE_URL;
    delete process.env.SOTTO_LOCAL_URL;
    await wb?.close();
    await browser?.close();
    await local?.close();
  });

  async function saveKey(key: string): Promise<void> {
    const { page } = wb;
    await page.getByRole('tab', { name: 'Settings' }).click();
    const form = page.getByRole('form', { name: 'OpenAI API key' });
    await form.getByLabel('API key').fill(key);
    await form.getByRole('button', { name: 'Save key' }).click();
    await form.getByTestId('key-state').getByText('A key is set').waitFor();
  }

  it('waits for a valid key, then transcribes everything said, once, including what was said while it waited', async () => {
    const { page } = wb;
    await saveKey(placeholderKey('revoked'));
    await page.getByRole('tab', { name: 'Transcript' }).click();
    await page.getByRole('button', { name: 'Start call' }).click();

    const waiting = page.getByTestId('call-waiting');
    await waiting.getByText('OpenAI refused the API key (401)').waitFor({ timeout: 15_000 });
    await expect(page.getByTestId('call-status').getAttribute('data-status')).resolves.toBe('waiting');
    // Capture goes on while it waits: the participant's first sentence is said (at 4 s) before a key is entered.
    await page.waitForTimeout(6_000);
    await expect(page.locator('[data-testid="transcript"] li.line').count()).resolves.toBe(0);

    await waiting.getByRole('button', { name: 'Enter API key' }).click();
    await page.getByRole('form', { name: 'OpenAI API key' }).waitFor();
    await saveKey(placeholderKey('valid'));
    await page.getByText('API key saved. The call goes on.').waitFor();

    await page.getByRole('tab', { name: 'Transcript' }).click();
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="transcript"] li.line:not(.partial)').length >= n, mine.length + theirs.length, { timeout: 40_000 });
    await page.waitForTimeout(1_000);
    const lane = (side: string) => page.locator(`[data-testid="transcript"] li.line-${side}:not(.partial) .text`).allTextContents();
    expect(await lane('participant')).toEqual(theirs);
    expect(await lane('you')).toEqual(mine);
    await expect(page.locator('[data-testid="transcript"] li.gap').count()).resolves.toBe(0);
    await expect(page.getByTestId('call-status').getAttribute('data-status')).resolves.toBe('live');
    await page.getByRole('button', { name: 'Stop call' }).click();
  }, 90_000);
});

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startLocalServer, type LocalServer } from '../../src/local/index.ts';
import { launchChromium } from '../support/browser.ts';
import { openParticipantCall } from '../support/callWorkbench.ts';
import { serveSotto } from '../support/serveProcess.ts';
import { speechWav } from '../support/speechWav.ts';

const theirs = ['first we need the security review', 'then the pilot with fifty seats', 'and a decision by the end of the quarter'];

describe('a crash during a call (kill -9)', () => {
  let browser: Browser;
  let local: LocalServer;

  beforeAll(async () => {
    local = await startLocalServer({ port: 0, recognizer: { utterances: { transcription: theirs, realtime: [] }, msPerWord: 150 } });
    process.env.SOTTO_LOCAL_URL = local.url;
    browser = await launchChromium();
  });

  afterAll(async () => {
    delete process.env.SOTTO_LOCAL_URL;
    await browser?.close();
    await local?.close();
  });

  it('keeps every final line up to the crash, readable after a restart', async () => {
    const participant = speechWav(theirs, { rate: 16_000, leadSeconds: 1, gapSeconds: 1.5 });
    const wb = await openParticipantCall(browser, participant.file, 12);
    const { page } = wb;
    await page.getByRole('button', { name: 'Start call' }).click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="transcript"] li.line:not(.partial)').length >= 2, undefined, { timeout: 30_000 });
    const shown = await page.locator('[data-testid="transcript"] li.line:not(.partial) .text').allTextContents();
    // Saving follows each final line by a bridge call; give the last one its moment, then crash hard.
    await page.waitForTimeout(300);
    await wb.served.crash();

    const callsDir = path.join(wb.env.SOTTO_CONFIG_DIR, 'calls');
    const [file] = readdirSync(callsDir);
    const saved = readFileSync(path.join(callsDir, file), 'utf8').trim().split('\n').map((line) => JSON.parse(line).text as string);
    expect(saved.slice(0, shown.length)).toEqual(shown);

    const restarted = await serveSotto(wb.env);
    try {
      const call = async (method: string, arg?: unknown) =>
        (await (await fetch(`${restarted.origin}/bridge/${method}`, { method: 'POST', headers: { 'x-sotto-token': restarted.token }, body: JSON.stringify({ arg }) })).json()).value;
      const calls = (await call('listCalls')) as { callId: string; segments: number }[];
      expect(calls).toHaveLength(1);
      expect(((await call('readCall', { callId: calls[0].callId })) as { text: string }[]).map((s) => s.text).slice(0, shown.length)).toEqual(shown);
    } finally {
      await restarted.stop();
      await page.close();
    }
  });
});

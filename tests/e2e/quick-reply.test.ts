import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startLocalServer, type LocalServer } from '../../src/local/index.ts';
import { launchChromium } from '../support/browser.ts';
import { macbook, openCallWorkbench } from '../support/callWorkbench.ts';
import { repoRoot } from '../support/fixtures.ts';
import { speechWav } from '../support/speechWav.ts';
import type { OpenWorkbench } from '../support/workbench.ts';

const theirs = ['we have about fifty people on the team', 'what would fifty seats cost per month'];
const mine = ['let me check'];
const answer = 'From your notes (pricing): The enterprise plan costs 42 dollars per seat per month, billed annually.';

describe('quick replies in Chromium: the participant asks, the Replies panel answers', () => {
  let browser: Browser;
  let local: LocalServer;
  let wb: OpenWorkbench;

  beforeAll(async () => {
    const mic = speechWav(mine, { rate: 16_000, leadSeconds: 9 });
    const participant = speechWav(theirs, { rate: 16_000, leadSeconds: 1.5, gapSeconds: 1.5 });
    local = await startLocalServer({ port: 0, knowledgeDirs: [path.join(repoRoot, 'tests/fixtures/local/notes')], recognizer: { utterances: { realtime: mine, transcription: theirs }, msPerWord: 100 } });
    process.env.SOTTO_LOCAL_URL = local.url;
    browser = await launchChromium();
    wb = await openCallWorkbench(browser, {
      enabled: { transcription: true, 'frame-meter': false, 'quick-reply': true },
      devices: macbook({ mic: mic.file, participant: participant.file }),
      prepare: (page) => page.context().grantPermissions(['clipboard-read', 'clipboard-write']),
    });
  });

  afterAll(async () => {
    delete process.env.SOTTO_LOCAL_URL;
    await wb?.close();
    await browser?.close();
    await local?.close();
  });

  it('shows a reply tied to the question, answers "What should I say?" from its shortcut, copies, pins (saved with the call) and dismisses', async () => {
    const { page } = wb;
    await page.getByRole('button', { name: 'Start call' }).click();
    // Beside the transcript, the newest reply is in view as it forms.
    await page.getByTestId('panel-quick-reply.latest').getByText(answer).waitFor({ timeout: 30_000 });
    await page.getByRole('tab', { name: 'Replies' }).click();
    const replies = page.locator('[data-testid="replies"] li.reply');
    await replies.and(page.locator('[data-state="done"]')).first().waitFor({ timeout: 30_000 });
    expect(await replies.count()).toBe(1);
    await expect(replies.first().locator('.question').textContent()).resolves.toBe(`“${theirs[1]}”`);
    await expect(replies.first().locator('.text').textContent()).resolves.toBe(answer);
    const questionId = await replies.first().getAttribute('data-question');

    await page.keyboard.press('Control+Shift+S');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="replies"] li.reply[data-state="done"]').length === 2, undefined, { timeout: 10_000 });
    const newest = replies.first();
    await expect(newest.locator('.question').textContent()).resolves.toBe(`“${theirs[1]}”`);
    expect(await newest.getAttribute('data-question')).not.toBe(questionId);

    const first = page.locator(`[data-testid="replies"] li.reply[data-question="${questionId}"]`);
    await first.getByRole('button', { name: 'Pin' }).click();
    await expect(replies.first().getAttribute('data-question')).resolves.toBe(questionId);
    await expect(replies.first().getAttribute('class')).resolves.toContain('pinned');

    // Pinned replies are saved with the call, beside its transcript.
    const callsDir = path.join(wb.env.SOTTO_CONFIG_DIR, 'calls');
    const pinnedFile = () => readdirSync(callsDir).find((name) => name.endsWith('.pinned.json'));
    await expect.poll(pinnedFile, { timeout: 5_000 }).toBeTruthy();
    expect(readdirSync(callsDir).filter((name) => name.endsWith('.jsonl'))).toEqual([pinnedFile()!.replace('.pinned.json', '.jsonl')]);
    const saved = JSON.parse(readFileSync(path.join(callsDir, pinnedFile()!), 'utf8'));
    expect(saved).toEqual([expect.objectContaining({ questionId, question: theirs[1], text: answer, state: 'done' })]);

    await first.getByRole('button', { name: 'Copy' }).click();
    await page.getByText('Reply copied.').waitFor();
    await expect(page.evaluate(() => navigator.clipboard.readText())).resolves.toBe(answer);

    await replies.nth(1).getByRole('button', { name: 'Dismiss' }).click();
    await expect(replies.count()).resolves.toBe(1);
    expect(wb.errors).toEqual([]);
  });
});

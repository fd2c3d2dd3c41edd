import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startLocalServer, type LocalServer } from '../../src/local/index.ts';
import { launchChromium } from '../support/browser.ts';
import { macbook, openCallWorkbench } from '../support/callWorkbench.ts';
import { speechWav, type SpeechWav } from '../support/speechWav.ts';
import type { OpenWorkbench } from '../support/workbench.ts';

const mine = ['hello this is me on my own microphone', 'I would like to ask about the price'];
const theirs = ['the enterprise plan costs forty dollars per seat', 'we can start next month'];

interface Line {
  channel: string;
  speaker: string;
  text: string;
  start: number;
  end: number;
}

async function lines(page: OpenWorkbench['page']): Promise<Line[]> {
  return page.locator('[data-testid="transcript"] li.line').evaluateAll((items) =>
    items.map((li) => ({
      channel: li.classList.contains('line-you') ? 'you' : 'participant',
      speaker: li.querySelector('.speaker')!.textContent!,
      text: li.querySelector('.text')!.textContent!,
      start: Number((li as HTMLElement).dataset.start),
      end: Number((li as HTMLElement).dataset.end),
      partial: li.classList.contains('partial'),
    })).filter((line) => !line.partial),
  );
}

describe('a call in Chromium: fake devices → worklet → WebRTC → sotto local → labelled transcript', () => {
  let browser: Browser;
  let local: LocalServer;
  let wb: OpenWorkbench;
  let mic: SpeechWav;
  let participant: SpeechWav;

  beforeAll(async () => {
    mic = speechWav(mine, { rate: 16_000, leadSeconds: 1.5, gapSeconds: 3.5 });
    participant = speechWav(theirs, { rate: 22_050, leadSeconds: 3, gapSeconds: 3, voice: 'en-gb' });
    local = await startLocalServer({ port: 0, faults: true, recognizer: { utterances: { realtime: mine, transcription: theirs }, msPerWord: 150 } });
    process.env.SOTTO_LOCAL_URL = local.url;
    browser = await launchChromium();
    wb = await openCallWorkbench(browser, {
      enabled: { transcription: true, 'frame-meter': false, 'quick-reply': false, 'assistant-runs': false },
      values: { transcription: { participantName: 'Dana' } },
      devices: macbook({ mic: mic.file, participant: participant.file }),
    });
  });

  afterAll(async () => {
    delete process.env.SOTTO_LOCAL_URL;
    await wb?.close();
    await browser?.close();
    await local?.close();
  });

  it('shows each side in its own lane, in order, timed to the audio, and your session hears the participant', async () => {
    const { page } = wb;
    await page.getByRole('button', { name: 'Start call' }).click();
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="transcript"] li.line:not(.partial)').length >= n, mine.length + theirs.length, { timeout: 30_000 });
    const shown = await lines(page);
    expect(shown.filter((l) => l.channel === 'you').map((l) => [l.speaker, l.text])).toEqual(mine.map((t) => ['You', t]));
    expect(shown.filter((l) => l.channel === 'participant').map((l) => [l.speaker, l.text])).toEqual(theirs.map((t) => ['Dana', t]));
    expect(shown.map((l) => l.start)).toEqual([...shown.map((l) => l.start)].sort((a, b) => a - b));
    const spans = { you: mic.spans, participant: participant.spans };
    for (const channel of ['you', 'participant'] as const) {
      shown.filter((l) => l.channel === channel).forEach((line, i) => {
        expect.soft(Math.abs(line.start - spans[channel][i].start), `${channel} line ${i} start`).toBeLessThan(0.3);
        expect.soft(Math.abs(line.end - spans[channel][i].end), `${channel} line ${i} end`).toBeLessThan(0.3);
      });
    }
    const admin = local.url.replace(/\/v1$/, '/__admin');
    const sessions = (await (await fetch(`${admin}/sessions`)).json()).data as { id: string; type: string; transports: string[] }[];
    expect(sessions.map((s) => [s.type, s.transports.join()]).sort()).toEqual([
      ['realtime', 'webrtc'],
      ['transcription', 'webrtc'],
    ]);
    const yours = sessions.find((s) => s.type === 'realtime')!;
    const items = (await (await fetch(`${admin}/sessions/${yours.id}/items`)).json()).data as { role?: string; text: string }[];
    expect(items.filter((i) => i.text.startsWith('[Dana]')).map((i) => i.text)).toEqual(theirs.map((t) => `[Dana] ${t}`));
    await page.getByRole('button', { name: 'Stop call' }).click();

    // Every final line was saved as it became final, and the call exports as a document.
    const callsDir = path.join(wb.env.SOTTO_CONFIG_DIR, 'calls');
    const [saved] = readdirSync(callsDir);
    const stored = readFileSync(path.join(callsDir, saved), 'utf8').trim().split('\n').map((line) => JSON.parse(line));
    expect(stored.map((segment) => segment.text).sort()).toEqual([...mine, ...theirs].sort());
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'WebVTT' }).click()]);
    const vtt = readFileSync((await download.path())!, 'utf8');
    expect(vtt.startsWith('WEBVTT')).toBe(true);
    expect(vtt).toContain(`<v Dana>${theirs[0]}`);
    expect(vtt).toContain(`<v You>${mine[0]}`);
  });

  it('says so plainly when minting a client secret is refused with 401, waits, and tries again when asked', async () => {
    const { page } = wb;
    const admin = local.url.replace(/\/v1$/, '/__admin');
    await fetch(`${admin}/faults`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ http: [{ path: '/realtime/client_secrets', status: 401, times: 2 }] }) });
    await page.getByRole('button', { name: 'Start call' }).click();
    const waiting = page.getByTestId('call-waiting');
    await waiting.getByText('The local engine refused the API key (401)').waitFor({ timeout: 15_000 });
    await expect(page.getByTestId('connection').textContent()).resolves.toContain('waiting');
    await waiting.getByRole('button', { name: 'Try again' }).click();
    await page.getByTestId('connection').getByText('live').waitFor({ timeout: 15_000 });
    await page.getByRole('button', { name: 'Stop call' }).click();
  });

  it('retries a 5xx on minting with backoff, waits out a 429 as asked, and shows each try', async () => {
    const { page } = wb;
    const admin = local.url.replace(/\/v1$/, '/__admin');
    await page.evaluate(() => {
      const w = window as unknown as { __states: unknown[]; __sotto: { host: { bus: { stream(n: string): { subscribe(f: (s: unknown) => void): void } } } } };
      w.__states = [];
      w.__sotto.host.bus.stream('callState').subscribe((state) => w.__states.push(state));
    });
    await fetch(`${admin}/faults`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ http: [{ path: '/realtime/client_secrets', status: 503, times: 2 }] }),
    });
    await page.getByRole('button', { name: 'Start call' }).click();
    await page.waitForFunction(() => (window as unknown as { __states: { status: string; detail?: string }[] }).__states.some((s) => s.status === 'live' && s.detail?.startsWith('Connected')), undefined, { timeout: 15_000 });
    const states = (await page.evaluate(() => (window as unknown as { __states: unknown[] }).__states)) as { status: string; detail?: string }[];
    const retries = states.filter((s) => s.status === 'reconnecting').map((s) => s.detail ?? '');
    expect(retries.length).toBe(2);
    expect(retries.every((detail) => /2nd try in \d\.\d s \(The local engine had a server error \(503\)\. Sotto will retry\.\)/.test(detail))).toBe(true);
    await page.getByRole('button', { name: 'Stop call' }).click();

    await fetch(`${admin}/faults`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ http: [{ path: '/realtime/client_secrets', status: 429, retryAfterSeconds: 1, times: 1 }] }),
    });
    await page.evaluate(() => ((window as unknown as { __states: unknown[] }).__states.length = 0));
    const started = Date.now();
    await page.getByRole('button', { name: 'Start call' }).click();
    await page.waitForFunction(() => (window as unknown as { __states: { status: string; detail?: string }[] }).__states.some((s) => s.status === 'live' && s.detail?.startsWith('Connected')), undefined, { timeout: 15_000 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
    const waited = ((await page.evaluate(() => (window as unknown as { __states: unknown[] }).__states)) as { status: string; detail?: string }[]).find((s) => s.status === 'reconnecting');
    expect(waited?.detail).toContain('2nd try in 1.0 s');
    await page.getByRole('button', { name: 'Stop call' }).click();
  });
});

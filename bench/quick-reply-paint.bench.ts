import path from 'node:path';
import 'reflect-metadata';
import { startLocalServer } from '../src/local/index.ts';
import { launchChromium } from '../tests/support/browser.ts';
import { macbook, openCallWorkbench } from '../tests/support/callWorkbench.ts';
import { speechWav } from '../tests/support/speechWav.ts';
import { atMost, percentile, report, type BenchModule } from './result.ts';

const questions = [
  'what would fifty seats cost per month',
  'who owns the security review',
  'how long is customer data kept after cancellation',
  'is there a discount for a three year contract',
  'are you soc two certified',
  'how long does the security review usually take',
  'do you integrate with salesforce',
  'when could we start the rollout',
  'can we pay monthly instead of annually',
  'where is the data stored',
  'what happens to backups after thirty days',
  'could you send me the pricing sheet',
];

/** Stamps each reply delta as the page receives it, and each reply text as it reaches the DOM and the next frame. */
function instrument(): void {
  const deltas: { at: number; text: string }[] = [];
  const updated: { at: number; text: string }[] = [];
  const painted: { at: number; text: string }[] = [];
  Object.assign(globalThis, { __bench: { deltas, updated, painted } });
  const texts = new Map<string, string>();
  const original = RTCPeerConnection.prototype.createDataChannel;
  RTCPeerConnection.prototype.createDataChannel = function (...args) {
    const channel = original.apply(this, args);
    channel.addEventListener('message', (event) => {
      const at = performance.now();
      const data = JSON.parse(String(event.data));
      if (data.type !== 'response.output_text.delta') return;
      const text = (texts.get(data.response_id) ?? '') + data.delta;
      texts.set(data.response_id, text);
      deltas.push({ at, text });
    });
    return channel;
  };
  new MutationObserver((records) => {
    const changed = new Set<string>();
    for (const record of records) {
      const target = record.target instanceof HTMLElement ? record.target : record.target.parentElement;
      const li = target?.closest('li.reply') ?? (record.addedNodes[0] instanceof HTMLElement ? record.addedNodes[0].closest('li.reply') : null);
      const text = li?.querySelector('.text')?.textContent;
      if (text) changed.add(text);
    }
    const now = performance.now();
    changed.forEach((text) => updated.push({ at: now, text }));
    // The frame after the DOM change is when the user can see it.
    if (changed.size) requestAnimationFrame(() => changed.forEach((text) => painted.push({ at: performance.now(), text })));
  }).observe(document, { subtree: true, childList: true, characterData: true });
}

export default {
  title: 'Quick reply (issue 6): from a response.output_text.delta on the data channel to its text painted in the Replies panel (Chromium)',
  async run() {
    const theirs = speechWav(questions, { rate: 16_000, leadSeconds: 1.5, gapSeconds: 2.5 });
    const mic = speechWav([], { rate: 16_000, leadSeconds: 40 });
    const local = await startLocalServer({
      port: 0,
      knowledgeDirs: [path.resolve(import.meta.dirname, '../tests/fixtures/local/notes')],
      textDeltaDelayMs: 25,
      recognizer: { utterances: { realtime: [], transcription: questions }, msPerWord: 100 },
    });
    process.env.SOTTO_LOCAL_URL = local.url;
    const browser = await launchChromium();
    try {
      const wb = await openCallWorkbench(browser, {
        enabled: { transcription: true, 'frame-meter': false, 'quick-reply': true },
        devices: macbook({ mic: mic.file, participant: theirs.file }),
        prepare: (page) => page.addInitScript(instrument),
      });
      const { page } = wb;
      await page.getByRole('button', { name: 'Start call' }).click();
      await page.getByRole('tab', { name: 'Replies' }).click();
      await page.waitForFunction((n) => document.querySelectorAll('[data-testid="replies"] li.reply[data-state="done"]').length >= n, questions.length, { timeout: 60_000 });
      type Stamp = { at: number; text: string };
      const { deltas, updated, painted } = (await page.evaluate(() => (globalThis as unknown as { __bench: unknown }).__bench)) as { deltas: Stamp[]; updated: Stamp[]; painted: Stamp[] };
      await wb.close();
      const after = (stamps: Stamp[]) =>
        deltas.flatMap((d) => {
          const shown = stamps.find((p) => p.at >= d.at && p.text === d.text);
          // A reply's first delta is the one whose text is a single word.
          return shown ? [{ ms: shown.at - d.at, first: d.text.trim().split(' ').length === 1 }] : [];
        });
      const inDom = after(updated);
      const toFrame = after(painted);
      const firsts = (list: { ms: number; first: boolean }[]) => list.filter((m) => m.first).map((m) => m.ms);
      const all = (list: { ms: number }[]) => list.map((m) => m.ms);
      return [
        atMost('quick-reply.first-delta-to-dom-p95', percentile(firsts(inDom), 95), 'ms', 16),
        report('quick-reply.first-delta-to-next-frame-p95', percentile(firsts(toFrame), 95), 'ms'),
        report('quick-reply.delta-to-dom-p95', percentile(all(inDom), 95), 'ms'),
        report('quick-reply.delta-to-dom-p50', percentile(all(inDom), 50), 'ms'),
        report('quick-reply.delta-to-next-frame-p95', percentile(all(toFrame), 95), 'ms'),
        report('quick-reply.first-deltas-measured', firsts(inDom).length, 'count'),
        report('quick-reply.deltas-measured', inDom.length, 'count'),
        report('quick-reply.deltas-received', deltas.length, 'count'),
      ];
    } finally {
      delete process.env.SOTTO_LOCAL_URL;
      await browser.close();
      await local.close();
    }
  },
} satisfies BenchModule;

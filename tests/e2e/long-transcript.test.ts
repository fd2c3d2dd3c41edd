import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWorkbench, type OpenWorkbench } from '../support/workbench.ts';

// Issue 5: the transcript stays fast on long calls. 10,000 lines are in the panel, then more arrive.
describe('a transcript of 10,000 lines', () => {
  let wb: OpenWorkbench;
  beforeAll(async () => {
    wb = await openWorkbench();
  });
  afterAll(() => wb?.close());

  it('appends a line in at most 2 ms and keeps lines in call order', async () => {
    const timings = await wb.page.evaluate(async () => {
      type Bus = { stream(n: string): { next(v: unknown): void } };
      const bus = (window as unknown as { __sotto: { host: { bus: Bus } } }).__sotto.host.bus;
      const transcript = bus.stream('transcript');
      const line = (i: number) => ({ channel: i % 2 ? 'you' : 'participant', itemId: `item-${i}`, previousItemId: i ? `item-${i - 1}` : null, text: `line number ${i} of a long call`, final: true, start: i * 2, end: i * 2 + 1.5 });
      for (let i = 0; i < 10_000; i++) transcript.next(line(i));
      await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 50)));
      const list = document.querySelector('[data-testid="transcript"]')!;
      const costs: number[] = [];
      for (let i = 10_000; i < 10_050; i++) {
        const started = performance.now();
        transcript.next(line(i));
        if (!list.querySelector(`[data-item="item-${i}"]`)) throw new Error(`line ${i} was not rendered synchronously`);
        costs.push(performance.now() - started);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      // A line that arrives late (an out-of-order completion) lands in its place by time.
      transcript.next({ ...line(5), itemId: 'late', start: 10.5, end: 11 });
      const items = [...list.querySelectorAll('li[data-item]')].map((li) => li.getAttribute('data-item'));
      return { costs: costs.sort((a, b) => a - b), count: items.length, around: items.slice(4, 8) };
    });
    expect(timings.count).toBe(10_051);
    expect(timings.around).toEqual(['item-4', 'item-5', 'late', 'item-6']);
    expect(timings.costs[Math.floor(timings.costs.length * 0.95)]).toBeLessThanOrEqual(2);
  }, 120_000);
});

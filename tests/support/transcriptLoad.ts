import type { Page } from 'playwright-core';

/** Per appended line (ms): `costs` is the sum of its `parts`: `next()`, the layout it causes, its share of the next frame, and the scroll event after. */
export interface AppendTimings {
  costs: number[];
  parts: { next: number[]; layout: number[]; frame: number[]; scroll: number[] };
  /** Lines not in the list right after `next()`, and lines not in view by the next frame. */
  missing: number[];
  outOfView: number[];
}

/** What `installTranscriptLoad` puts on the workbench page as `window.__transcriptLoad`. */
export interface TranscriptLoad {
  /** Publishes lines `from` … `to - 1` of a long call on the host's transcript stream, one after another. */
  push(from: number, to: number): void;
  /** Publishes one segment as it is (e.g. a line that arrives late). */
  publish(segment: object): void;
  /**
   * Publishes lines `from` … `from + count - 1`, `pauseMs` apart, timing each `next()` with the layout it causes
   * and the work it leaves for the next frames, and checks each line is in the list at once and in view by the next
   * animation frame.
   */
  appendTimed(from: number, count: number, pauseMs: number): Promise<AppendTimings>;
}

/**
 * Installs the load generator on the page. Line `i` is said by alternating speakers, two seconds apart, with the
 * item id `item-i`. Self-contained: it runs in the page. Its functions are methods, never named function values,
 * which tsx (bench) would wrap in a helper the page does not have.
 */
export function installTranscriptLoad(page: Page): Promise<void> {
  return page.evaluate(() => {
    type Bus = { stream(name: string): { next(value: unknown): void } };
    const transcript = (window as unknown as { __sotto: { host: { bus: Bus } } }).__sotto.host.bus.stream('transcript');
    const page = {
      line(i: number) {
        return { channel: i % 2 ? 'you' : 'participant', itemId: `item-${i}`, previousItemId: i ? `item-${i - 1}` : null, text: `line number ${i} of a long call`, final: true, start: i * 2, end: i * 2 + 1.5 };
      },
      list() {
        return document.querySelector<HTMLElement>('[data-testid="transcript"]')!;
      },
      frame() {
        return new Promise((resolve) => requestAnimationFrame(resolve));
      },
    };
    const { line, list, frame } = page;
    const load: TranscriptLoad = {
      push(from, to) {
        for (let i = from; i < to; i++) transcript.next(line(i));
      },
      publish(segment) {
        transcript.next(segment);
      },
      async appendTimed(from, count, pauseMs) {
        const costs: number[] = [];
        const parts = { next: [] as number[], layout: [] as number[], frame: [] as number[], scroll: [] as number[] };
        const missing: number[] = [];
        const outOfView: number[] = [];
        // The list scrolls in its parent, which is the view.
        const view = list().parentElement!;
        // Work a line leaves for later frames is part of its cost too: following scrolls in the next frame, and the
        // list updates its rows on the scroll event in the frame after. A capture listener sees that event first,
        // one added now on the view sees it last.
        let scrollStarted = 0;
        let scrollWork = 0;
        const onScrollStart = {
          handleEvent() {
            scrollStarted = performance.now();
          },
        };
        const onScrollEnd = {
          handleEvent() {
            list().getBoundingClientRect();
            scrollWork += performance.now() - scrollStarted;
          },
        };
        document.addEventListener('scroll', onScrollStart, { capture: true, passive: true });
        view.addEventListener('scroll', onScrollEnd, { passive: true });
        for (let i = from; i < from + count; i++) {
          // The next frame's work is bracketed by a frame callback queued before the line and one queued after it.
          let frameStarted = 0;
          requestAnimationFrame(() => (frameStarted = performance.now()));
          scrollWork = 0;
          const started = performance.now();
          transcript.next(line(i));
          const published = performance.now();
          // The layout the change causes is part of its cost.
          const row = list().querySelector(`[data-item="item-${i}"]`);
          row?.getBoundingClientRect();
          const cost = performance.now() - started;
          if (!row) missing.push(i);
          await frame();
          list().getBoundingClientRect();
          const frameWork = performance.now() - frameStarted;
          const shown = list().querySelector(`[data-item="item-${i}"]`)?.getBoundingClientRect();
          const bounds = view.getBoundingClientRect();
          if (!shown || shown.top < bounds.top - 1 || shown.bottom > bounds.bottom + 1) outOfView.push(i);
          await frame();
          costs.push(cost + frameWork + scrollWork);
          parts.next.push(published - started);
          parts.layout.push(cost - (published - started));
          parts.frame.push(frameWork);
          parts.scroll.push(scrollWork);
          await new Promise((resolve) => setTimeout(resolve, pauseMs));
        }
        document.removeEventListener('scroll', onScrollStart, { capture: true });
        view.removeEventListener('scroll', onScrollEnd);
        return { costs, parts, missing, outOfView };
      },
    };
    Object.assign(window, { __transcriptLoad: load });
  });
}

/** The load generator on the page, for use inside `page.evaluate`. */
export type TranscriptLoadWindow = Window & { __transcriptLoad: TranscriptLoad };

/** Main-thread CPU time (ms) per appended line, as Chromium counts it: scripts, style and layout. */
export interface AppendCpu {
  /** Per line, less the median cost of the same page call without a line (`idle`). */
  costs: number[];
  parts: { script: number[]; style: number[]; layout: number[] };
  idle: number[];
}

/**
 * Publishes lines `from` … `from + count - 1` one at a time and charges each with the renderer's CPU time from just
 * before it until two frames after it: its `next()`, the follow scroll in the next frame, the list's update on that
 * scroll, and their style and layout (not paint). Thread time rather than wall time, so other processes on a shared
 * machine do not count. The page call that publishes a line costs something by itself; between lines the same call
 * is made without one, and the median of those is taken off.
 */
export async function appendCpu(page: Page, from: number, count: number): Promise<AppendCpu> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
  const metrics = async () => Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value * 1000]));
  const charge = async (line: number | null) => {
    const before = await metrics();
    await page.evaluate(
      (n) =>
        new Promise<void>((resolve) => {
          if (n !== null) (window as unknown as TranscriptLoadWindow).__transcriptLoad.push(n, n + 1);
          requestAnimationFrame(() => requestAnimationFrame(() => resolve()));
        }),
      line,
    );
    const after = await metrics();
    return { script: after.ScriptDuration - before.ScriptDuration, style: after.RecalcStyleDuration - before.RecalcStyleDuration, layout: after.LayoutDuration - before.LayoutDuration };
  };
  const parts = { script: [] as number[], style: [] as number[], layout: [] as number[] };
  const idle: number[] = [];
  try {
    for (let i = from; i < from + count; i++) {
      const cost = await charge(i);
      parts.script.push(cost.script);
      parts.style.push(cost.style);
      parts.layout.push(cost.layout);
      const nothing = await charge(null);
      idle.push(nothing.script + nothing.style + nothing.layout);
    }
  } finally {
    await cdp.detach();
  }
  const overhead = [...idle].sort((a, b) => a - b)[Math.floor(idle.length / 2)];
  return { costs: parts.script.map((script, i) => script + parts.style[i] + parts.layout[i] - overhead), parts, idle };
}

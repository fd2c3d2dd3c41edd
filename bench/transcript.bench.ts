import 'reflect-metadata';
import { launchChromium } from '../tests/support/browser.ts';
import { appendCpu, installTranscriptLoad, type TranscriptLoadWindow } from '../tests/support/transcriptLoad.ts';
import { openWorkbench } from '../tests/support/workbench.ts';
import { atMost, percentile, report, type BenchModule } from './result.ts';

const LINES = 10_000;
const APPENDS = 200;

export default {
  title: 'Transcript (issue 5): one more line on a 10,000-line transcript in the workbench, with the layout and scrolling it causes (Chromium)',
  async run() {
    const browser = await launchChromium();
    const wb = await openWorkbench(undefined, browser);
    try {
      await installTranscriptLoad(wb.page);
      await wb.page.evaluate((n) => (window as unknown as TranscriptLoadWindow).__transcriptLoad.push(0, n), LINES);
      // The page settles (follows to the bottom, collects the garbage of 10,000 pushes) before lines are timed.
      await wb.page.waitForTimeout(1_000);
      // The figure with the target is main-thread CPU time per line (appendCpu); the clock in the page (appendTimed)
      // also counts whatever else the machine was doing.
      const cpu = await appendCpu(wb.page, LINES, APPENDS);
      const timed = await wb.page.evaluate(([from, count]) => (window as unknown as TranscriptLoadWindow).__transcriptLoad.appendTimed(from, count, 5), [LINES + APPENDS, APPENDS]);
      const rows = await wb.page.locator('[data-testid="transcript"] li[data-item]').count();
      // With a search under way every line is tested against it as lines keep arriving; this one matches them all.
      await wb.page.getByLabel('Search the transcript').fill('long call');
      await wb.page.waitForTimeout(500);
      const searching = await appendCpu(wb.page, LINES + 2 * APPENDS, APPENDS / 2);
      return [
        atMost('transcript-append-10k-p95', percentile(cpu.costs, 95), 'ms', 2),
        report('transcript-append-10k-p50', percentile(cpu.costs, 50), 'ms'),
        report('transcript-append-10k-script-p95', percentile(cpu.parts.script, 95), 'ms'),
        report('transcript-append-10k-layout-p95', percentile(cpu.parts.layout, 95), 'ms'),
        report('transcript-append-10k-clock-p95', percentile(timed.costs, 95), 'ms'),
        report('transcript-append-10k-clock-next-p95', percentile(timed.parts.next, 95), 'ms'),
        atMost('transcript-append-10k-searching-p95', percentile(searching.costs, 95), 'ms', 2),
        report('transcript-10k-rows-in-page', rows, 'count'),
        report('transcript-10k-lines-late-in-view', timed.outOfView.length, 'count'),
      ];
    } finally {
      await wb.close();
      await browser.close();
    }
  },
} satisfies BenchModule;

import 'reflect-metadata';
import { launchChromium } from '../tests/support/browser.ts';
import { callAudio } from '../tests/support/captureAudio.ts';
import { frameStats, macbook, openCallWorkbench, startCall, waitForStats } from '../tests/support/callWorkbench.ts';
import { atMost, percentile, report, type BenchModule } from './result.ts';

/** Frames skipped at the start, while the fresh browser's first streams settle. */
const WARM_UP_FRAMES = 50;

export default {
  title: 'Capture (issue 4): from a sample entering the device to its frame in the transcriber plugin, in Chromium',
  async run() {
    const browser = await launchChromium();
    try {
      const wb = await openCallWorkbench(browser, { devices: macbook(callAudio()) });
      await startCall(wb.page);
      // The frame meter keeps the delay of its first 500 frames: 10 s per channel.
      for (const channel of ['you', 'participant'] as const) await waitForStats(wb.page, channel, (s) => s.delaysMs.length >= 500, 30_000);
      const delays = await Promise.all((['you', 'participant'] as const).map(async (channel) => (await frameStats(wb.page, channel))!.delaysMs.slice(WARM_UP_FRAMES)));
      await wb.close();
      const all = delays.flat();
      return [
        atMost('capture.to-transcriber-p95', percentile(all, 95), 'ms', 40),
        report('capture.to-transcriber-p50', percentile(all, 50), 'ms'),
        report('capture.to-transcriber-max', Math.max(...all), 'ms'),
        report('capture.frames-measured', all.length, 'count'),
      ];
    } finally {
      await browser.close();
    }
  },
} satisfies BenchModule;

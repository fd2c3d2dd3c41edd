import 'reflect-metadata';
import { launchChromium } from '../tests/support/browser.ts';
import { serveSotto } from '../tests/support/serveProcess.ts';
import { workbenchEnv } from '../tests/support/workbench.ts';
import { ensureRendererBuilt } from '../src/shell/node/web/rendererBuild.ts';
import { atMost, percentile, report, type BenchModule } from './result.ts';

/** From launching `sotto serve` to an interactive workbench in an already running Chromium, over a few runs (warm disk caches). */
export default {
  title: 'Web shell (issue 2): cold start to an interactive workbench in Chromium',
  async run() {
    await ensureRendererBuilt(() => {});
    const browser = await launchChromium();
    const total: number[] = [];
    const serverReady: number[] = [];
    const pageReady: number[] = [];
    try {
      // One user's machine: the first run fills the bundle cache and is not counted, as after an install.
      const env = workbenchEnv();
      for (let run = 0; run < 6; run++) {
        const started = performance.now();
        const served = await serveSotto(env);
        const listening = performance.now();
        const page = await browser.newPage();
        await page.goto(served.url);
        await page.locator('.workbench[data-ready="true"]').waitFor();
        await page.getByRole('tab', { name: 'Plugins' }).click();
        await page.getByTestId('plugin-echo').waitFor();
        const interactive = performance.now();
        if (run > 0) {
          total.push(interactive - started);
          serverReady.push(listening - started);
          pageReady.push(interactive - listening);
        }
        await page.close();
        await served.stop();
      }
    } finally {
      await browser.close();
    }
    return [
      atMost('webshell.cold-start-to-interactive-p50', percentile(total, 50), 'ms', 1500),
      report('webshell.process-start-to-listening-p50', percentile(serverReady, 50), 'ms'),
      report('webshell.page-load-to-interactive-p50', percentile(pageReady, 50), 'ms'),
    ];
  },
} satisfies BenchModule;

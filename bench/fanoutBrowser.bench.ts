import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import 'reflect-metadata';
import { launchChromium } from '../tests/support/browser.ts';
import { openWorkbench, workbenchEnv } from '../tests/support/workbench.ts';
import { scratchDir } from '../tests/support/fixtures.ts';
import { atMost, percentile, report, type BenchModule } from './result.ts';

const WORKERS = 20;
// As in host.bench.ts: the figure with the target is the steady state, after rounds that let V8 warm up.
const ROUNDS = { cold: 50, warmup: 300, measured: 100 };

/** The same fan-out as host.bench.ts, in the workbench: Web Workers in Chromium, where plugins really run. */
export default {
  title: 'Plugin host in Chromium (issue 2): one stream event fanned out to 20 plugin Web Workers',
  async run() {
    const env = workbenchEnv();
    const plugins = scratchDir('fanout-plugins');
    // Only the fan-out plugins: the built-in ones would compete for the same two cores.
    const enabled: Record<string, boolean> = { 'capture-blackhole': false, transcription: false, 'quick-reply': false, 'assistant-runs': false };
    for (let i = 0; i < WORKERS; i++) {
      const target = path.join(plugins, `fanout-${i}`);
      cpSync(path.join(import.meta.dirname, 'fixtures/fanout'), target, { recursive: true });
      const manifest = JSON.parse(readFileSync(path.join(target, 'package.json'), 'utf8'));
      writeFileSync(path.join(target, 'package.json'), JSON.stringify({ ...manifest, id: `fanout-${i}` }));
      enabled[`fanout-${i}`] = true;
    }
    mkdirSync(env.SOTTO_CONFIG_DIR, { recursive: true });
    writeFileSync(path.join(env.SOTTO_CONFIG_DIR, 'settings.json'), JSON.stringify({ enabled, values: {} }));
    const browser = await launchChromium();
    const wb = await openWorkbench({ ...env, SOTTO_USER_PLUGINS: plugins }, browser);
    try {
      await wb.page.waitForFunction((n) => document.querySelectorAll('[data-status="active"]').length >= n || (window as unknown as { __sotto?: unknown }).__sotto !== undefined, WORKERS);
      const { cold, steady } = await wb.page.evaluate(async ([workers, rounds]) => {
        type Reply = { questionId: string; text: string };
        const host = (window as unknown as { __sotto: { host: { bus: { stream(name: string): { subscribe(f: (r: Reply) => void): { unsubscribe(): void }; next(v: unknown): void } }; plugins$: { subscribe(f: (s: { status: string }[]) => void): { unsubscribe(): void } } } } }).__sotto.host;
        await new Promise<void>((resolve, reject) => {
          setTimeout(() => reject(new Error(`Not all ${workers} fan-out plugins became active within 60 s.`)), 60_000);
          const sub = host.plugins$.subscribe((states) => states.filter((s) => s.status === 'active').length >= workers && (resolve(), queueMicrotask(() => sub.unsubscribe())));
        });
        const latencies = { cold: [] as number[], steady: [] as number[] };
        for (let round = 0; round < rounds.warmup + rounds.measured; round++) {
          const arrivals: number[] = [];
          const done = new Promise<void>((resolve) => {
            const sub = host.bus.stream('replies').subscribe((reply) => {
              if (reply.questionId !== `seg-${round}`) return;
              arrivals.push(Number(reply.text));
              if (arrivals.length === workers) {
                queueMicrotask(() => sub.unsubscribe());
                resolve();
              }
            });
          });
          await new Promise((resolve) => setTimeout(resolve, 20));
          const sentAt = performance.timeOrigin + performance.now();
          host.bus.stream('transcript').next({ channel: 'participant', itemId: `seg-${round}`, previousItemId: null, text: 'hello', final: true, start: 0, end: 1 });
          await done;
          const latency = Math.max(...arrivals) - sentAt;
          if (round < rounds.cold) latencies.cold.push(latency);
          if (round >= rounds.warmup) latencies.steady.push(latency);
        }
        return latencies;
      }, [WORKERS, ROUNDS] as const);
      return [
        atMost('host.browser-fanout-20-workers-p50', percentile(steady, 50), 'ms', 1),
        report('host.browser-fanout-20-workers-p95', percentile(steady, 95), 'ms'),
        report('host.browser-fanout-20-workers-first-rounds-p50', percentile(cold, 50), 'ms'),
      ];
    } finally {
      await wb.close();
      await browser.close();
    }
  },
} satisfies BenchModule;

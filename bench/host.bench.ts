import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { filter, firstValueFrom, take, toArray } from 'rxjs';
import 'reflect-metadata';
import { buildCatalog } from '../src/host/node/catalog/buildCatalog.ts';
import { createHeadlessHost } from '../src/host/node/createHeadlessHost.ts';
import { MemorySettings } from '../src/host/common/memorySettings.ts';
import { rawFanoutP50 } from './rawFanout.ts';
import { atMost, percentile, report, type BenchModule } from './result.ts';

const WORKERS = 20;
const COLD_ROUNDS = 50;
const FANOUT_WARMUP = 300;
const FANOUT_ROUNDS = 100;
const now = () => performance.timeOrigin + performance.now();

/** 20 copies of the fan-out fixture under distinct ids, as user-approved plugins. */
async function fanoutPlugins(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'sotto-bench-plugins-'));
  for (let i = 0; i < WORKERS; i++) {
    const target = path.join(dir, `fanout-${i}`);
    await cp(path.join(import.meta.dirname, 'fixtures/fanout'), target, { recursive: true });
    const manifest = JSON.parse(await readFile(path.join(target, 'package.json'), 'utf8'));
    await writeFile(path.join(target, 'package.json'), JSON.stringify({ ...manifest, id: `fanout-${i}` }));
  }
  return dir;
}

export default {
  title: 'Plugin host (issue 2): RPC, stream fan-out, activation — Node worker_threads',
  async run() {
    // Measured first, alone: the machine's floor for the same fan-out, to read the plugin host's figure against.
    const bare = await rawFanoutP50(WORKERS, FANOUT_WARMUP, FANOUT_ROUNDS);
    const dir = await fanoutPlugins();
    const catalog = await buildCatalog([{ dir, builtin: true }]);
    const cacheDir = await mkdtemp(path.join(tmpdir(), 'sotto-bench-cache-'));
    const host = createHeadlessHost({ catalog, cacheDir, settings: new MemorySettings(), log: { log: () => {} } });
    try {
      // Cold: first start bundles every plugin. Then restart one plugin many times from the cached bundle.
      await host.start();
      const activations: number[] = [];
      for (let i = 0; i < 15; i++) {
        await host.setEnabled('fanout-0', false);
        const started = performance.now();
        await host.setEnabled('fanout-0', true);
        activations.push(performance.now() - started);
      }

      const rpc: number[] = [];
      for (let i = 0; i < 2_000; i++) {
        const started = performance.now();
        await host.invoke('fanout-1', 'assistantTools', 'noop', 'invoke', [{ i }]);
        if (i >= 200) rpc.push(performance.now() - started);
      }

      // A call sends stream events all along, so the figure with the target is the steady state: after warm-up
      // rounds that let V8 optimise the path in each worker. The first rounds are reported as they are.
      const fanout: number[] = [];
      const cold: number[] = [];
      const sendCost: number[] = [];
      for (let round = 0; round < FANOUT_WARMUP + FANOUT_ROUNDS; round++) {
        const arrivals = firstValueFrom(host.bus.stream('replies').pipe(filter((r) => r.questionId === `seg-${round}`), take(WORKERS), toArray()));
        await new Promise((resolve) => setTimeout(resolve, 5));
        const sentAt = now();
        host.bus.publish('transcript', { channel: 'participant', itemId: `seg-${round}`, previousItemId: null, text: 'hello', final: true, start: 0, end: 1 });
        if (round >= FANOUT_WARMUP) sendCost.push(now() - sentAt);
        const replies = await arrivals;
        const latency = Math.max(...replies.map((r) => Number(r.text))) - sentAt;
        if (round < COLD_ROUNDS) cold.push(latency);
        if (round >= FANOUT_WARMUP) fanout.push(latency);
      }

      return [
        atMost('host.rpc-roundtrip-p50', percentile(rpc, 50), 'ms', 0.3),
        report('host.rpc-roundtrip-p95', percentile(rpc, 95), 'ms'),
        atMost('host.fanout-20-workers-p50', percentile(fanout, 50), 'ms', 1),
        report('host.fanout-20-workers-p95', percentile(fanout, 95), 'ms'),
        report('host.fanout-20-workers-first-rounds-p50', percentile(cold, 50), 'ms'),
        report('host.fanout-20-bare-ports-p50', bare, 'ms'),
        report('host.fanout-20-host-send-p50', percentile(sendCost, 50), 'ms'),
        atMost('host.activate-plugin-p50', percentile(activations, 50), 'ms', 50),
        report('host.activate-plugin-max', Math.max(...activations), 'ms'),
      ];
    } finally {
      await host.dispose();
    }
  },
} satisfies BenchModule;

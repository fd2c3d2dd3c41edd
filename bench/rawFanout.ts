import { MessageChannel, Worker } from 'node:worker_threads';
import { percentile } from './result.ts';

// A worker that stamps each message's arrival on the shared clock and sends the stamp back.
const STAMPER = `
const { parentPort } = require('node:worker_threads');
parentPort.once('message', (port) => {
  port.on('message', () => port.postMessage(performance.timeOrigin + performance.now()));
  port.postMessage('ready');
});`;

/**
 * The machine's floor for fanning one event out to `workers` threads: bare worker_threads ports, no plugin host.
 * On a shared 2-core machine it moves with the load, so the plugin host's figure is read against it.
 */
export async function rawFanoutP50(workers: number, warmup: number, measured: number): Promise<number> {
  const threads: Worker[] = [];
  const ports: MessagePort[] = [];
  const next = (port: MessagePort) => new Promise<unknown>((resolve) => port.once('message', resolve));
  try {
    for (let i = 0; i < workers; i++) {
      const { port1, port2 } = new MessageChannel();
      const thread = new Worker(STAMPER, { eval: true });
      thread.postMessage(port2, [port2]);
      threads.push(thread);
      ports.push(port1 as unknown as MessagePort);
    }
    await Promise.all(ports.map(next));
    const latencies: number[] = [];
    for (let round = 0; round < warmup + measured; round++) {
      await new Promise((resolve) => setTimeout(resolve, 5));
      const arrivals = Promise.all(ports.map(next));
      const sentAt = performance.timeOrigin + performance.now();
      for (const port of ports) port.postMessage({ n: { itemId: `seg-${round}`, text: 'hello', final: true } });
      const stamps = (await arrivals) as number[];
      if (round >= warmup) latencies.push(Math.max(...stamps) - sentAt);
    }
    return percentile(latencies, 50);
  } finally {
    await Promise.all(threads.map((thread) => thread.terminate()));
  }
}

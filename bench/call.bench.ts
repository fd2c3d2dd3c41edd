import { readdirSync, readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import 'reflect-metadata';
import { startLocalServer } from '../src/local/index.ts';
import { launchChromium } from '../tests/support/browser.ts';
import { openCallWorkbench } from '../tests/support/callWorkbench.ts';
import { speechWav } from '../tests/support/speechWav.ts';
import { atMost, percentile, report, type BenchModule } from './result.ts';

const LISTEN_SECONDS = Number(process.env.SOTTO_BENCH_LISTEN_SECONDS ?? 60);
const sentences = ['could you walk me through the pricing tiers', 'how long does onboarding usually take', 'what happens to our data if we cancel', 'is there a discount for a three year contract'];

/** Stamps every Realtime event the page receives, and every paint of a transcript line, on the page's clock. */
function instrument(): void {
  const received: { at: number; item: string; type: string }[] = [];
  const updated: { at: number; item: string }[] = [];
  const painted: { at: number; item: string }[] = [];
  Object.assign(globalThis, { __bench: { received, updated, painted } });
  const original = RTCPeerConnection.prototype.createDataChannel;
  RTCPeerConnection.prototype.createDataChannel = function (...args) {
    const channel = original.apply(this, args);
    channel.addEventListener('message', (event) => {
      const at = performance.now();
      const data = JSON.parse(String(event.data));
      if (String(data.type).startsWith('conversation.item.input_audio_transcription.')) received.push({ at, item: data.item_id, type: data.type });
    });
    return channel;
  };
  new MutationObserver((records) => {
    const lines = new Set<HTMLElement>();
    for (const record of records) {
      const li = (record.target instanceof HTMLElement ? record.target : record.target.parentElement)?.closest<HTMLElement>('li[data-item]');
      if (li) lines.add(li);
      record.addedNodes.forEach((node) => node instanceof HTMLElement && node.matches('li[data-item]') && lines.add(node));
    }
    const now = performance.now();
    for (const li of lines) updated.push({ at: now, item: li.dataset.item! });
    // The frame after the DOM change is when the user can see it.
    requestAnimationFrame(() => {
      const at = performance.now();
      for (const li of lines) painted.push({ at, item: li.dataset.item! });
    });
  }).observe(document, { subtree: true, childList: true, characterData: true });
}

function cpuSeconds(pids: number[]): number {
  return pids.reduce((sum, pid) => {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      return sum + (Number(fields[11]) + Number(fields[12])) / 100;
    } catch {
      return sum;
    }
  }, 0);
}

/** Renderer processes of the browser launched with `marker` among its arguments (other browsers may be running). */
function rendererPids(marker: string): number[] {
  const processes = execFileSync('ps', ['-eo', 'pid,ppid,args'], { encoding: 'utf8' }).split('\n').flatMap((line) => {
    const match = /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(line);
    return match ? [{ pid: Number(match[1]), ppid: Number(match[2]), args: match[3] }] : [];
  });
  const family = new Set(processes.filter((p) => p.args.includes(marker)).map((p) => p.pid));
  for (let grew = true; grew; ) {
    grew = false;
    for (const p of processes) if (family.has(p.ppid) && !family.has(p.pid)) grew = !!family.add(p.pid);
  }
  return processes.filter((p) => family.has(p.pid) && p.args.includes('--type=renderer')).map((p) => p.pid);
}

/** CPU seconds of each named thread in the processes (Chromium names its threads: CrRendererMain, DedicatedWorker…). */
function threadCpu(pids: number[]): Map<string, number> {
  const byName = new Map<string, number>();
  for (const pid of pids) {
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      try {
        const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
        const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
        const fields = stat.slice(stat.lastIndexOf(') ') + 2).split(' ');
        byName.set(name, (byName.get(name) ?? 0) + (Number(fields[11]) + Number(fields[12])) / 100);
      } catch {
        // the thread ended meanwhile
      }
    }
  }
  return byName;
}

function rssMb(pids: number[]): number {
  return pids.reduce((sum, pid) => {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return sum + Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
  }, 0);
}

export default {
  title: 'A live call (issue 4): paint latency, CPU and memory of the host and plugins in Chromium',
  async run() {
    const mic = speechWav(sentences.slice(0, 2), { rate: 16_000, leadSeconds: 1, gapSeconds: 2 });
    const theirs = speechWav(sentences.slice(2), { rate: 16_000, leadSeconds: 2, gapSeconds: 2, voice: 'en-gb' });
    const script = Array.from({ length: 40 }, (_, i) => sentences[i % sentences.length]);
    const local = await startLocalServer({ port: 0, recognizer: { utterances: { realtime: script, transcription: script }, msPerWord: 120 } });
    process.env.SOTTO_LOCAL_URL = local.url;
    const marker = `--sotto-bench-run=${process.pid}`;
    const browser = await launchChromium([marker]);
    try {
      const wb = await openCallWorkbench(browser, {
        enabled: { transcription: true, 'frame-meter': false },
        devices: [
          { deviceId: 'default', label: 'Default - MacBook Pro Microphone', wav: mic.file, loop: true },
          { deviceId: 'test-macbook-mic', label: 'MacBook Pro Microphone', wav: mic.file, loop: true },
          { deviceId: 'test-blackhole-2ch', label: 'BlackHole 2ch', wav: theirs.file, loop: true },
        ],
        prepare: (page) => page.addInitScript(instrument),
      });
      const { page } = wb;
      await page.getByRole('button', { name: 'Start call' }).click();
      await page.getByTestId('connection').getByText('live').waitFor({ timeout: 20_000 });
      await page.waitForTimeout(3_000);
      // The workbench's renderer is the one running plugin workers; Chromium keeps other, idle renderers around.
      const pids = rendererPids(marker).filter((pid) => [...threadCpu([pid]).keys()].some((name) => name.startsWith('DedicatedWorker')));
      if (pids.length !== 1) throw new Error(`Expected one workbench renderer, found ${pids.length}.`);
      const cpuBefore = cpuSeconds(pids);
      const threadsBefore = threadCpu(pids);
      const wallBefore = performance.now();
      await page.waitForTimeout(LISTEN_SECONDS * 1000);
      const seconds = (performance.now() - wallBefore) / 1000;
      const cpu = (cpuSeconds(pids) - cpuBefore) / seconds;
      const threadsAfter = threadCpu(pids);
      const perThread = [...threadsAfter].map(([name, total]) => [name, ((total - (threadsBefore.get(name) ?? 0)) / seconds) * 100] as const).sort((a, b) => b[1] - a[1]);
      const perThreadShare = perThread;
      const share = (prefixes: string[]) => perThreadShare.filter(([name]) => prefixes.some((p) => name.startsWith(p))).reduce((sum, [, v]) => sum + v, 0);
      const memory = rssMb(pids);
      console.log(`  renderer threads (% of a core): ${perThread.filter(([, v]) => v >= 0.2).map(([n, v]) => `${n} ${v.toFixed(1)}`).join(', ')}`);
      console.log(`  renderer processes: ${pids.map((pid) => `${pid} ${rssMb([pid]).toFixed(0)} MB`).join(', ')}`);
      type Stamp = { at: number; item: string };
      const { received, updated, painted } = (await page.evaluate(() => (globalThis as unknown as { __bench: unknown }).__bench)) as { received: Stamp[]; updated: Stamp[]; painted: Stamp[] };
      const after = (stamps: Stamp[]) => received.flatMap((event) => {
        const next = stamps.find((s) => s.item === event.item && s.at >= event.at);
        return next ? [next.at - event.at] : [];
      });
      const latencies = after(updated);
      const toFrame = after(painted);
      await wb.close();
      return [
        atMost('call.event-to-dom-p95', percentile(latencies, 95), 'ms', 16),
        report('call.event-to-dom-p50', percentile(latencies, 50), 'ms'),
        report('call.event-to-next-frame-p95', percentile(toFrame, 95), 'ms'),
        report('call.events-measured', latencies.length, 'count'),
        // Host and plugins: the workbench's main thread (host, UI) and the plugin workers. Chromium's own media
        // threads (capture, Opus encoding, WebRTC, and the test's fake-device audio graph) are reported apart.
        atMost('call.host-and-plugins-cpu', share(['chromium', 'DedicatedWorker']), '%core', 5),
        report('call.renderer-media-threads-cpu', share(['ThreadPoolAudio', 'Realtime Audio', 'AudioOutputDevi', 'WebRTC']), '%core'),
        report('call.renderer-total-cpu', cpu * 100, '%core'),
        atMost('call.workbench-renderer-memory', memory, 'MB', 300),
      ];
    } finally {
      delete process.env.SOTTO_LOCAL_URL;
      await browser.close();
      await local.close();
    }
  },
} satisfies BenchModule;

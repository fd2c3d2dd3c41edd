import { EchoSuppressor, suppressEchoIn } from '../src/host/common/audio/echoSuppressor.ts';
import { THEM, YOU, echoCall, share, words } from '../tests/support/echoCall.ts';
import { RATE } from '../tests/unit/local/support/audio.ts';
import { atLeast, atMost, percentile, report, type BenchModule } from './result.ts';

const FRAME = 480;

/** The share of one core suppression takes on a whole call, over 7 runs. */
function cpuShares(mic: Int16Array, them: Int16Array): number[] {
  const seconds = mic.length / RATE;
  return Array.from({ length: 7 }, () => {
    const started = performance.now();
    suppressEchoIn(mic, them, new EchoSuppressor({ sampleRate: RATE }), FRAME);
    return (performance.now() - started) / 1000 / seconds;
  });
}

const cpuShare = (mic: Int16Array, them: Int16Array) => percentile(cpuShares(mic, them), 50);

export default {
  title: "Echo suppression (issue 5): the participant's words in your lane, yours kept, and the CPU it costs",
  async run() {
    const results = [];
    // The figures: 40 ms is the farthest echo; 3 ms the nearest, a fraction of a sample off the 24 kHz grid.
    for (const delayMs of [40, 3.3]) {
      const call = await echoCall(delayMs);
      try {
        const [on, off] = await Promise.all([call.replay('auto'), call.replay('off')]);
        const id = `echo.${String(delayMs).replace('.', '_')}ms`;
        results.push(
          atMost(`${id}.leak`, 100 * share(words(THEM), words(on.you)), '% of their words', 2),
          atLeast(`${id}.keep`, 100 * share(words(YOU), words(on.you)), '% of your words', 98),
          report(`${id}.leak-unsuppressed`, 100 * share(words(THEM), words(off.you)), '% of their words'),
        );
        if (delayMs === 40) {
          const runs = cpuShares(call.mic, call.them);
          results.push(atMost('echo.cpu-share-p50', 100 * percentile(runs, 50), '% of one core', 2), report('echo.cpu-share-max', 100 * Math.max(...runs), '% of one core'));
        }
      } finally {
        await call.local.close();
      }
    }
    // A small office: the direct sound at −3 dB, early reflections and a reverberant tail (RT60 300 ms, 2 dB below the
    // direct sound), at the farthest and the nearest delay.
    for (const delayMs of [40, 3.3]) {
      const call = await echoCall({ delayMs, rt60Ms: 300, drrDb: 2 });
      try {
        const [on, off] = await Promise.all([call.replay('auto'), call.replay('off')]);
        const id = `echo-reverb.${String(delayMs).replace('.', '_')}ms`;
        results.push(
          atMost(`${id}.leak`, 100 * share(words(THEM), words(on.you)), '% of their words', 2),
          atLeast(`${id}.keep`, 100 * share(words(YOU), words(on.you)), '% of your words', 98),
          report(`${id}.leak-unsuppressed`, 100 * share(words(THEM), words(off.you)), '% of their words'),
        );
        if (delayMs === 40) results.push(atMost('echo-reverb.cpu-share-p50', 100 * cpuShare(call.mic, call.them), '% of one core', 2));
      } finally {
        await call.local.close();
      }
    }
    return results;
  },
} satisfies BenchModule;

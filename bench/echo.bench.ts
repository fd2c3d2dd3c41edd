import { EchoSuppressor, suppressEchoIn } from '../src/host/common/audio/echoSuppressor.ts';
import { THEM, YOU, echoCall, share, words } from '../tests/support/echoCall.ts';
import type { Room } from '../tests/support/roomEcho.ts';
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

export default {
  title: "Echo suppression (issue 5): the participant's words in your lane, yours kept, and the CPU it costs",
  async run() {
    const results = [];
    // The figures: 40 ms is the farthest echo; 3 ms the nearest, a fraction of a sample off the 24 kHz grid.
    // Each as a pure delay at −3 dB, and in a small office: that direct sound, early reflections and a reverberant
    // tail (RT60 300 ms, 2 dB below the direct sound).
    const cases = [40, 3.3].flatMap((delayMs) => {
      const ms = `${String(delayMs).replace('.', '_')}ms`;
      return [
        { id: `echo.${ms}`, echo: delayMs as number | Room, cpu: delayMs === 40 },
        { id: `echo-reverb.${ms}`, echo: { delayMs, rt60Ms: 300, drrDb: 2 }, cpu: delayMs === 40 },
      ];
    });
    for (const { id, echo, cpu } of cases) {
      const call = await echoCall(echo);
      try {
        const [on, off] = await Promise.all([call.replay('auto'), call.replay('off')]);
        results.push(
          atMost(`${id}.leak`, 100 * share(words(THEM), words(on.you)), '% of their words', 2),
          atLeast(`${id}.keep`, 100 * share(words(YOU), words(on.you)), '% of your words', 98),
          report(`${id}.leak-unsuppressed`, 100 * share(words(THEM), words(off.you)), '% of their words'),
        );
        if (cpu) {
          const runs = cpuShares(call.mic, call.them);
          results.push(atMost(`${id.split('.')[0]}.cpu-share-p50`, 100 * percentile(runs, 50), '% of one core', 2), report(`${id.split('.')[0]}.cpu-share-max`, 100 * Math.max(...runs), '% of one core'));
        }
      } finally {
        await call.local.close();
      }
    }
    return results;
  },
} satisfies BenchModule;

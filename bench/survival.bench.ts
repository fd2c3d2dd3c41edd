import 'reflect-metadata';
import { conversation, faultAt, headless, playCall, rotationOverlaps, shown, sentences, startMatchedServer } from '../tests/support/transcriptionHarness.ts';
import { atMost, percentile, report, type BenchModule } from './result.ts';

const ROUNDS = 3;

/** Issue 5: what a rotation and a dropped session cost, headless against sotto local (WebSocket transport). */
export default {
  title: 'Never lose a word (issue 5): rotation gap and time to recover after a dropped session',
  async run() {
    const local = await startMatchedServer();
    try {
      // Rotation: every 2 s, the replacement listening before the handover; lost words would show as missing lines.
      const rotating = await headless(local, { rotateAfterSeconds: 2 });
      await playCall(rotating, conversation(700), 1.5);
      const rotations = rotating.states.filter((s) => s.detail?.startsWith('Rotated')).length;
      // Unheard audio at a handover: how far the newcomer's first audio came after the handover point, if at all.
      const overlaps = rotationOverlaps(rotating.states);
      const rotationGapMs = Math.max(0, ...overlaps.map((overlap) => -overlap * 1000));
      const rotationLost = sentences.length - shown(rotating.segments).filter((l) => !l.gap && sentences.includes(l.text)).length;
      await rotating.host.dispose();

      const recoveries: number[] = [];
      let lost = 0;
      for (let round = 0; round < ROUNDS; round++) {
        const run = await headless(local, { rotateAfterSeconds: 3000 });
        let recoveredAt: number | undefined;
        run.host.bus.stream('callState').subscribe((s) => s.status === 'live' && s.detail?.startsWith('Reconnected') && (recoveredAt ??= performance.now()));
        const drop = faultAt(local, 6.2, { action: 'expire_session' }, 'newest');
        await playCall(run, conversation(900), 2, { during: drop.during });
        if (drop.firedAt !== undefined && recoveredAt !== undefined) recoveries.push(recoveredAt - drop.firedAt);
        lost += sentences.length - shown(run.segments).filter((l) => !l.gap && sentences.includes(l.text)).length;
        await run.host.dispose();
      }
      return [
        // The replacement hears the audio before it takes over, so no audio goes unheard at a rotation.
        atMost('survival.rotation-gap-unheard', rotationGapMs, 'ms', 0),
        report('survival.rotation-overlap-min', Math.min(...overlaps) * 1000, 'ms'),
        atMost('survival.rotation-lost-sentences', rotationLost, 'count', 0),
        report('survival.rotations', rotations, 'count'),
        report('survival.recover-after-drop-p50', percentile(recoveries, 50), 'ms'),
        report('survival.recover-after-drop-max', Math.max(...recoveries), 'ms'),
        atMost('survival.drop-lost-sentences', lost, 'count', 0),
      ];
    } finally {
      await local.close();
    }
  },
} satisfies BenchModule;

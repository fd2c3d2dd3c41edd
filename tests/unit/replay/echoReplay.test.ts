import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { THEM, YOU, echoCall, share, words, type EchoCall } from '../../support/echoCall.ts';
import type { Room } from '../../support/roomEcho.ts';

const rooms: Array<{ name: string; echo: number | Room; audibleLeak: number }> = [
  { name: '', echo: 40, audibleLeak: 0.5 },
  // The direct sound 40 ms later at −3 dB, early reflections, then the room's tail: 2 dB less energy than the direct.
  // The recognizer hears less of such an echo as the participant's sentences, but still much of it.
  { name: ' in a reverberant room (RT60 300 ms)', echo: { delayMs: 40, rt60Ms: 300, drrDb: 2 }, audibleLeak: 0.3 },
];

for (const { name, echo, audibleLeak } of rooms) {
  describe(`echo suppression in a replayed call${name} (sotto replay against sotto local)`, () => {
    let call: EchoCall;
    beforeAll(async () => {
      call = await echoCall(echo);
    }, 30_000);
    afterAll(() => call?.local.close());

    it("keeps your words and leaves out the participant's, also while both talk", async () => {
      const [on, off] = await Promise.all([call.replay('auto'), call.replay('off')]);
      // Without suppression the echo is heard as the participant's sentences in your lane: the test can see a leak.
      expect(share(words(THEM), words(off.you))).toBeGreaterThan(audibleLeak);
      expect(share(words(THEM), words(on.participant))).toBe(1);
      expect(share(words(THEM), words(on.you))).toBeLessThanOrEqual(0.02);
      expect(share(words(YOU), words(on.you))).toBeGreaterThanOrEqual(0.98);
    }, 60_000);
  });
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EchoSuppression } from '@sotto/api';
import { THEM, YOU, echoCall, share, words, type EchoCall } from '../../support/echoCall.ts';
import { headless, playCall, shown, type Run } from '../../support/transcriptionHarness.ts';

const SPEED = 8;

/**
 * Both sides of the echo call straight into the transcription plugin, the mic as recorded: the echo that signal-level
 * suppression would have removed reaches your session, as echo that got past it would.
 */
async function transcribe(call: EchoCall, echoSuppression: EchoSuppression): Promise<Run> {
  const run = await headless(call.local, {});
  const participantWords = (done: Run) => words(lane(done, 'participant')).length >= words(THEM).length;
  try {
    await playCall(run, { you: call.mic, participant: call.them }, SPEED, { echoSuppression, heardAll: participantWords, settleMs: 1_500 });
  } finally {
    await run.host.dispose();
  }
  return run;
}

const lane = (run: Run, channel: string) => shown(run.segments).filter((s) => s.channel === channel && s.final && !s.gap).map((s) => s.text);

describe('echo backstop in the transcription plugin: echo that reached your session is not credited to you', () => {
  let call: EchoCall;
  beforeAll(async () => {
    call = await echoCall(40);
  }, 30_000);
  afterAll(() => call?.local.close());

  it("takes the participant's words out of your lane and keeps every word of yours, also in double talk", async () => {
    const [on, off] = await Promise.all([transcribe(call, 'auto'), transcribe(call, 'off')]);
    // Echo suppression off: no backstop either, and the echo is heard in your lane as the participant's sentences.
    expect(share(words(THEM), words(lane(off, 'you')))).toBeGreaterThan(0.5);
    // On: the participant's lane has all their words; yours has yours, and none of theirs.
    expect(share(words(THEM), words(lane(on, 'participant')))).toBe(1);
    expect(share(words(THEM), words(lane(on, 'you')))).toBeLessThanOrEqual(0.02);
    expect(share(words(YOU), words(lane(on, 'you')))).toBeGreaterThanOrEqual(0.98);
    // Each catch is said in the status detail.
    const caught = on.states.filter((s) => s.detail?.startsWith('Echo caught:'));
    expect(caught.length).toBeGreaterThanOrEqual(3);
    expect(off.states.filter((s) => s.detail?.startsWith('Echo caught:'))).toEqual([]);
  }, 90_000);
});

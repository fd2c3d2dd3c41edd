import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { THEM, YOU, echoCall, share, words, type EchoCall } from '../../support/echoCall.ts';

describe('echo suppression in a replayed call (sotto replay against sotto local)', () => {
  let call: EchoCall;
  beforeAll(async () => {
    call = await echoCall(40);
  }, 30_000);
  afterAll(() => call?.local.close());

  it("keeps your words and leaves out the participant's, also while both talk", async () => {
    const [on, off] = await Promise.all([call.replay('auto'), call.replay('off')]);
    // Without suppression the echo is heard as the participant's sentences in your lane: the test can see a leak.
    expect(share(words(THEM), words(off.you))).toBeGreaterThan(0.5);
    expect(share(words(THEM), words(on.participant))).toBe(1);
    expect(share(words(THEM), words(on.you))).toBeLessThanOrEqual(0.02);
    expect(share(words(YOU), words(on.you))).toBeGreaterThanOrEqual(0.98);
  }, 60_000);
});

describe('echo suppression in a replayed call in a reverberant room (RT60 300 ms)', () => {
  let call: EchoCall;
  beforeAll(async () => {
    // The direct sound 40 ms later at −3 dB, early reflections, then the room's tail: 2 dB less energy than the direct.
    call = await echoCall({ delayMs: 40, rt60Ms: 300, drrDb: 2 });
  }, 30_000);
  afterAll(() => call?.local.close());

  it("keeps your words and leaves out the participant's, also while both talk", async () => {
    const [on, off] = await Promise.all([call.replay('auto'), call.replay('off')]);
    // The recognizer still hears the reverberant echo as the participant's sentences: the test can see a leak.
    expect(share(words(THEM), words(off.you))).toBeGreaterThan(0.3);
    expect(share(words(THEM), words(on.participant))).toBe(1);
    expect(share(words(THEM), words(on.you))).toBeLessThanOrEqual(0.02);
    expect(share(words(YOU), words(on.you))).toBeGreaterThanOrEqual(0.98);
  }, 60_000);
});

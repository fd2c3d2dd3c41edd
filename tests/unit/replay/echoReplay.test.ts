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

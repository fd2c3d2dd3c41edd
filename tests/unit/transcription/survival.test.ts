import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalServer } from '../../../src/local/index.ts';
import { CallController } from '../../../src/host/common/call/callController.ts';
import { WavCaptureService } from '../../../src/host/node/capture/wavCaptureService.ts';
import { writeWav } from '../../support/writeWav.ts';
import { conversation, faultAt, headless, playCall, sentences, shown, startMatchedServer } from '../../support/transcriptionHarness.ts';
import { RATE } from '../local/support/audio.ts';
import { MemoryKeyStore } from '../../../src/shell/node/keyStore.ts';
import { placeholderKey, waitFor } from '../../support/fixtures.ts';

describe('transcription across rotations and dropped sessions', () => {
  let local: LocalServer;
  /** As OpenAI: only one key is accepted. */
  let strict: LocalServer;

  beforeAll(async () => {
    local = await startMatchedServer();
    strict = await startMatchedServer([], { apiKeys: [placeholderKey('valid')] });
  }, 60_000);
  afterAll(() => Promise.all([local?.close(), strict?.close()]));

  it('rotates sessions every few seconds, also mid-utterance, and every sentence appears once, in order', async () => {
    const run = await headless(local, { rotateAfterSeconds: 2 });
    try {
      await playCall(run, conversation(700), 1.5);
      const lines = shown(run.segments);
      expect(lines.map((line) => line.text)).toEqual(sentences);
      expect(lines.every((line) => line.final)).toBe(true);
      const rotations = run.states.filter((s) => s.detail?.startsWith("Rotated the participant's session"));
      expect(rotations.length).toBeGreaterThanOrEqual(2);
    } finally {
      await run.host.dispose();
    }
  }, 90_000);

  it('hands over to a new session while the old one lags seconds behind, losing and doubling nothing', async () => {
    const run = await headless(local, { rotateAfterSeconds: 3 });
    // A slow server: from the second sentence on, the first session's events come 2.5 s late.
    const slow = faultAt(local, 3, { action: 'delay_events', delayMs: 2500 });
    try {
      await playCall(run, conversation(900), 1.5, { during: slow.during });
      expect(slow.firedAt).toBeDefined();
      expect(shown(run.segments).map((line) => line.text)).toEqual(sentences);
      // The handover came while the old session was still seconds behind, before the last sentence (13 s).
      const handovers = run.states.map((s) => /^Rotated the participant's session at (\d+):(\d\d)/.exec(s.detail ?? '')).filter((m) => m !== null);
      expect(Number(handovers[0]![1]) * 60 + Number(handovers[0]![2])).toBeLessThan(13);
    } finally {
      await run.host.dispose();
    }
  }, 90_000);

  it('replaces a session that expires mid-call, catching up from the ring, with nothing lost or doubled', async () => {
    const run = await headless(local, { rotateAfterSeconds: 3000 });
    // In the middle of the third sentence, end the session as OpenAI does at its limit.
    const expire = faultAt(local, 6.2, { action: 'expire_session' });
    try {
      await playCall(run, conversation(900), 2, { during: expire.during });
      const lines = shown(run.segments);
      expect(expire.firedAt).toBeDefined();
      expect(lines.map((line) => line.text)).toEqual(sentences);
      expect(run.states.some((s) => s.status === 'reconnecting' && s.detail?.includes('session expired'))).toBe(true);
      expect(run.states.some((s) => s.status === 'live' && s.detail?.startsWith("Reconnected the participant's session; caught up from"))).toBe(true);
    } finally {
      await run.host.dispose();
    }
  }, 90_000);

  it('notices a session that stops answering, replaces it and sends the turn again', async () => {
    const run = await headless(local, { rotateAfterSeconds: 3000, stallSeconds: 2 });
    const stall = faultAt(local, 4.2, { action: 'stall_events' });
    try {
      await playCall(run, conversation(900), 2, { during: stall.during });
      expect(shown(run.segments).map((line) => line.text)).toEqual(sentences);
      expect(run.states.some((s) => s.status === 'reconnecting' && s.detail?.includes('went silent'))).toBe(true);
    } finally {
      await run.host.dispose();
    }
  }, 90_000);

  it("keeps transcribing, on the call's clock, when the transcription plugin's worker crashes mid-call, hearing again what it missed", async () => {
    const run = await headless(local, { rotateAfterSeconds: 3000 });
    const capture = new WavCaptureService({ speed: 2 });
    const call = new CallController(run.host, capture);
    const wav = writeWav(conversation(1200), RATE);
    try {
      await run.host.start();
      await call.start({ participant: { kind: 'file', url: wav } });
      const finals = () => run.segments.filter((s) => s.final && !s.gap);
      while (finals().length < 2) await new Promise((resolve) => setTimeout(resolve, 50));
      run.host.restart('transcription', 'crashed in a test');
      await capture.whenFinished();
      const deadline = Date.now() + 20_000;
      while (finals().length < sentences.length && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
      await new Promise((resolve) => setTimeout(resolve, 500));
      // Capture replays the audio from where the transcript stopped: every sentence once, in order, no gap.
      const lines = shown(run.segments);
      expect(lines.map((line) => line.text)).toEqual(sentences);
      expect(lines.every((line) => line.final && !line.gap)).toBe(true);
      expect(run.states.some((s) => s.status === 'live' && /^Transcribing the participant again after a plugin restart, from 0:0\d\.$/.test(s.detail ?? ''))).toBe(true);
    } finally {
      await call.stop();
      await run.host.dispose();
    }
  }, 90_000);

  it('waits for a valid key when the engine refuses the key (401), then goes on from where it stopped', async () => {
    const keys = new MemoryKeyStore();
    await keys.set(placeholderKey('revoked'));
    const run = await headless(strict, { rotateAfterSeconds: 3000 }, { keys });
    const capture = new WavCaptureService({ speed: 2 });
    const call = new CallController(run.host, capture);
    const wav = writeWav(conversation(900), RATE);
    try {
      await run.host.start();
      await call.start({ participant: { kind: 'file', url: wav } });
      const waiting = await waitFor(run.host.bus.stream('callState'), (s) => s.status === 'waiting', 15_000, 'waiting for a key');
      expect(waiting.needsKey).toBe(true);
      expect(waiting.detail).toMatch(/refused the API key \(401\)\. Enter a valid key in Settings\. Capture goes on: with a valid key the transcript picks up from where it stopped\.$/);
      expect(call.isWaitingForKey).toBe(true);
      // The user takes a few seconds to find a good key while the participant goes on speaking.
      await new Promise((resolve) => setTimeout(resolve, 2_500));
      await keys.set(placeholderKey('valid'));
      call.resume();
      await capture.whenFinished();
      const deadline = Date.now() + 20_000;
      while (run.segments.filter((s) => s.final).length < sentences.length && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(shown(run.segments).map((line) => line.text)).toEqual(sentences);
      expect(run.segments.some((s) => s.gap)).toBe(false);
      expect(call.isWaitingForKey).toBe(false);
    } finally {
      await call.stop();
      await run.host.dispose();
    }
  }, 90_000);
});

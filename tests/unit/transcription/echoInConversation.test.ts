import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalServer } from '../../../src/local/index.ts';
import { conversation, headless, playCall, sentences, shown, spokenAudio, startMatchedServer } from '../../support/transcriptionHarness.ts';
import { RATE } from '../local/support/audio.ts';

const mine = 'let me check the price list with finance';
const alsoMine = 'that sounds right to me';
const GAP_MS = 3_000;
const LEAD_MS = 600;
const at = (ms: number) => Math.round((ms * RATE) / 1000);

/** Where each of the participant's sentences starts in `conversation(GAP_MS)`, in samples. */
function sentenceStarts(): number[] {
  let next = at(LEAD_MS);
  return sentences.map((text) => {
    const start = next;
    next += spokenAudio(text).length + at(GAP_MS);
    return start;
  });
}

// The text-level backstop behind signal-level echo suppression: here the leak reaches your session untouched (the
// audio is fed to the plugin directly), as echo the suppressor missed would.
describe('echo that reached your session', () => {
  let local: LocalServer;

  beforeAll(async () => {
    local = await startMatchedServer([mine, alsoMine]);
  }, 60_000);
  afterAll(() => local?.close());

  it('is taken out of your lane and out of the conversation the model answers from', async () => {
    const participant = conversation(GAP_MS);
    const you = new Int16Array(participant.length);
    const starts = sentenceStarts();
    you.set(spokenAudio(mine), starts[0] + spokenAudio(sentences[0]).length + at(500));
    // The participant's third sentence leaks from the speakers into your mic, 3 dB down and 20 ms late.
    const leak = (sentence: number) => spokenAudio(sentences[sentence]).forEach((sample, i) => (you[starts[sentence] + at(20) + i] = Math.round(sample * 0.7)));
    leak(2);
    // You are still finishing a sentence when their fifth begins, so your session hears one line of both.
    you.set(spokenAudio(alsoMine), starts[4] + at(20) - spokenAudio(alsoMine).length);
    leak(4);

    const run = await headless(local, { participantName: 'Dana' });
    const admin = local.url.replace(/\/v1$/, '/__admin');
    let items: { type: string; role?: string; text: string }[] = [];
    try {
      await playCall(run, { participant, you }, 2);
      const sessions = (await (await fetch(`${admin}/sessions`)).json()).data as { id: string; type: string }[];
      const yours = sessions.filter((s) => s.type === 'realtime').at(-1)!;
      items = (await (await fetch(`${admin}/sessions/${yours.id}/items`)).json()).data;
    } finally {
      await run.host.dispose();
    }

    const lines = shown(run.segments);
    expect(lines.filter((l) => l.channel === 'participant').map((l) => l.text)).toEqual(sentences);
    expect(lines.filter((l) => l.channel === 'you').map((l) => l.text)).toEqual([mine, alsoMine]);
    // The echo was heard as yours first: this is the backstop at work, not a recognizer that missed it.
    expect(run.segments.some((s) => s.channel === 'you' && s.final && s.text === sentences[2])).toBe(true);
    expect(run.segments.some((s) => s.channel === 'you' && s.final && s.text === `${alsoMine} ${sentences[4]}`)).toBe(true);
    expect(run.states.some((s) => s.detail?.startsWith(`Echo caught: "${sentences[2]}" taken out of your lane`))).toBe(true);
    // The model reads the participant's words as theirs only, and yours are still there.
    const said = items.filter((i) => i.type === 'message' && i.role === 'user').map((i) => i.text);
    expect(said).toContain(mine);
    expect(said).toContain(`[Dana] ${sentences[2]}`);
    expect(said).not.toContain(sentences[2]);
    // A line that was partly yours is there as your words alone, where it was said.
    expect(said).toContain(alsoMine);
    expect(said).not.toContain(`${alsoMine} ${sentences[4]}`);
    expect(said.indexOf(alsoMine)).toBeGreaterThan(said.indexOf(`[Dana] ${sentences[3]}`));
  }, 90_000);
});

import { writeFileSync } from 'node:fs';
import path from 'node:path';
import wavefile from 'wavefile';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalServer, type LocalServer } from '../../../src/local/index.ts';
import { scratchDir } from '../../support/fixtures.ts';
import { runSotto } from '../../support/sottoCli.ts';
import { RATE, speak } from '../local/support/audio.ts';
import { mixIn, silence } from '../local/support/mix.ts';

// Issue 5's echo test: the participant's voice reaches the mic 3 dB quieter and 40 ms later, partly over yours. The
// local server's matched recognizer names each sentence by its audio, so an echo in your lane is heard as the
// participant's sentence and every leaked word is counted. The two sides use no word in common.
const YOU = ['we should ship the pricing page before friday', 'our budget for next quarter looks tight', 'let us meet again on tuesday afternoon', 'can you send over the signed contract'];
const THEM = ['i think my customers want a discount', 'please remind me to call a bank tomorrow morning', 'which invoice did finance approve', 'honestly shipping late worries everyone'];

interface Lanes {
  readonly you: string[];
  readonly participant: string[];
}

/** Who says what when: turns alone, then two stretches of double talk, each side starting halfway through the other's sentence. */
function conversation(spoken: Map<string, Int16Array>): { mic: Int16Array; them: Int16Array } {
  const ms = (text: string) => (spoken.get(text)!.length * 1000) / RATE;
  const lines: { text: string; side: 'you' | 'them'; atMs: number }[] = [];
  let at = 500;
  const alone = (text: string, side: 'you' | 'them') => {
    lines.push({ text, side, atMs: at });
    at += ms(text) + 1000;
  };
  const overlapped = (first: string, side: 'you' | 'them', second: string) => {
    lines.push({ text: first, side, atMs: at }, { text: second, side: side === 'you' ? 'them' : 'you', atMs: at + ms(first) / 2 });
    at += Math.max(ms(first), ms(first) / 2 + ms(second)) + 1000;
  };
  alone(YOU[0]!, 'you');
  alone(THEM[0]!, 'them');
  alone(YOU[1]!, 'you');
  overlapped(YOU[2]!, 'you', THEM[1]!);
  overlapped(THEM[2]!, 'them', YOU[3]!);
  alone(THEM[3]!, 'them');
  const track = (side: 'you' | 'them') => lines.filter((l) => l.side === side).reduce((pcm, l) => mixIn(pcm, spoken.get(l.text)!, l.atMs), silence(at + 500));
  const them = track('them');
  return { mic: mixIn(track('you'), them, 40, -3).subarray(0, them.length), them };
}

function writeWav(pcm: Int16Array, name: string): string {
  const wav = new wavefile.WaveFile();
  wav.fromScratch(1, RATE, '16', pcm);
  const file = path.join(scratchDir('echo-wav'), name);
  writeFileSync(file, wav.toBuffer());
  return file;
}

const words = (lines: string[]) => lines.flatMap((line) => line.split(' ').filter(Boolean));
/** The share of `expected` words (with repeats) found in `heard`. */
function share(expected: string[], heard: string[]): number {
  const left = [...heard];
  let found = 0;
  for (const word of expected) {
    const i = left.indexOf(word);
    if (i < 0) continue;
    left.splice(i, 1);
    found++;
  }
  return found / expected.length;
}

describe('echo suppression in a replayed call (sotto replay against sotto local)', () => {
  let local: LocalServer;
  let mic: string;
  let participant: string;

  beforeAll(async () => {
    const spoken = new Map([...YOU, ...THEM].map((text) => [text, speak(text, 'en-us', 165).map((v) => v >> 1)]));
    const call = conversation(spoken);
    mic = writeWav(call.mic, 'mic.wav');
    participant = writeWav(call.them, 'them.wav');
    local = await startLocalServer({ port: 0, recognizer: { matched: [...spoken].map(([text, pcm24k]) => ({ text, pcm24k })) } });
  }, 30_000);
  afterAll(() => local?.close());

  async function replay(mode: string): Promise<Lanes> {
    const { code, stdout, stderr } = await runSotto(['replay', '--mic', mic, '--participant', participant, '--json', '--speed', '8', '--local-url', local.url, '--echo-suppression', mode], scratchDir('echo'));
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const finals = stdout.trim().split('\n').map((line) => JSON.parse(line)).filter((l) => l.kind === 'segment' && l.final);
    const lane = (channel: string) => finals.filter((l) => l.channel === channel).map((l) => l.text as string);
    return { you: lane('you'), participant: lane('participant') };
  }

  it('keeps your words and leaves out the participant\'s, also while both talk', async () => {
    const [on, off] = await Promise.all([replay('auto'), replay('off')]);
    // Without suppression the echo is heard as the participant's sentences in your lane: the test can see a leak.
    expect(share(words(THEM), words(off.you))).toBeGreaterThan(0.5);
    expect(share(words(THEM), words(on.participant))).toBe(1);
    expect(share(words(THEM), words(on.you))).toBeLessThanOrEqual(0.02);
    expect(share(words(YOU), words(on.you))).toBeGreaterThanOrEqual(0.98);
  }, 60_000);
});

import { writeFileSync } from 'node:fs';
import path from 'node:path';
import wavefile from 'wavefile';
import { startLocalServer, type LocalServer } from '../../src/local/index.ts';
import { RATE, speak } from '../unit/local/support/audio.ts';
import { mixIn, silence } from '../unit/local/support/mix.ts';
import { scratchDir } from './fixtures.ts';
import { convolve, roomImpulse, type Room } from './roomEcho.ts';
import { runSotto } from './sottoCli.ts';

// Issue 5's echo test: the participant's voice reaches the mic 3 dB quieter and some ms later, partly over yours. The
// local server's matched recognizer names each sentence by its audio, so an echo in your lane is heard as the
// participant's sentence and every leaked word is counted. The two sides use no word in common.
export const YOU = ['we should ship the pricing page before friday', 'our budget for next quarter looks tight', 'let us meet again on tuesday afternoon', 'can you send over the signed contract'];
export const THEM = ['i think my customers want a discount', 'please remind me to call a bank tomorrow morning', 'which invoice did finance approve', 'honestly shipping late worries everyone'];

export interface EchoCall {
  /** The local server, knowing every sentence by its audio. */
  readonly local: LocalServer;
  /** 24 kHz mono PCM16 of the mic (your voice and the echo) and of the participant. */
  readonly mic: Int16Array;
  readonly them: Int16Array;
  /** The same, as WAV files. */
  readonly micFile: string;
  readonly themFile: string;
  /** The transcript lanes of `sotto replay` with `--echo-suppression mode`. */
  replay(mode: 'auto' | 'on' | 'off'): Promise<{ you: string[]; participant: string[] }>;
}

/**
 * Turns alone, then two stretches of double talk, each side starting halfway through the other's sentence, after
 * `leadMs` of silence (a live session needs a moment to connect). The echo is the participant's audio `echo` ms later
 * at −3 dB, or heard through a reverberant room.
 */
export async function echoCall(echo: number | Room, leadMs = 500): Promise<EchoCall> {
  // Half scale, so that voice and echo add up without clipping.
  const spoken = new Map([...YOU, ...THEM].map((text) => [text, speak(text, 'en-us', 165).map((v) => v >> 1)]));
  const ms = (text: string) => (spoken.get(text)!.length * 1000) / RATE;
  const lines: { text: string; side: 'you' | 'them'; atMs: number }[] = [];
  let at = leadMs;
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
  const mic = (typeof echo === 'number' ? mixIn(track('you'), them, echo, -3) : mixIn(track('you'), convolve(them, roomImpulse(echo)), 0)).subarray(0, them.length);
  const [micFile, themFile] = [writeWav(mic, 'mic.wav'), writeWav(them, 'them.wav')];
  const local = await startLocalServer({ port: 0, recognizer: { matched: [...spoken].map(([text, pcm24k]) => ({ text, pcm24k })) } });
  return {
    local,
    mic,
    them,
    micFile,
    themFile,
    async replay(mode) {
      const { code, stdout, stderr } = await runSotto(['replay', '--mic', micFile, '--participant', themFile, '--json', '--speed', '8', '--local-url', local.url, '--echo-suppression', mode], scratchDir('echo'));
      if (code !== 0 || stderr) throw new Error(`sotto replay failed (${code}): ${stderr}`);
      const finals = stdout.trim().split('\n').map((line) => JSON.parse(line)).filter((l) => l.kind === 'segment' && l.final);
      const lane = (channel: string) => finals.filter((l) => l.channel === channel).map((l) => l.text as string);
      return { you: lane('you'), participant: lane('participant') };
    },
  };
}

function writeWav(pcm: Int16Array, name: string): string {
  const wav = new wavefile.WaveFile();
  wav.fromScratch(1, RATE, '16', pcm);
  const file = path.join(scratchDir('echo-wav'), name);
  writeFileSync(file, wav.toBuffer());
  return file;
}

export const words = (lines: string[]) => lines.flatMap((line) => line.split(' ').filter(Boolean));

/** The share of `expected` words (with repeats) found in `heard`. */
export function share(expected: string[], heard: string[]): number {
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

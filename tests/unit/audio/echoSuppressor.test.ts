import { beforeAll, describe, expect, it } from 'vitest';
import { EchoSuppressor, suppressEchoIn } from '../../../src/host/common/audio/echoSuppressor.ts';
import { RATE, speak } from '../local/support/audio.ts';
import { concat, cut, mixIn, silence } from '../local/support/mix.ts';
import { convolve, roomImpulse } from '../../support/roomEcho.ts';

const FRAME = 480;
/** Half scale, so that voice and echo add up without clipping. */
const half = (pcm: Int16Array) => pcm.map((v) => v >> 1);

const ms = (pcm: Int16Array) => (pcm.length * 1000) / RATE;
let you: Int16Array;
let them: Int16Array;
/** The participant alone, and both at once. */
let echoOnly: [number, number];
let doubleTalk: [number, number];

beforeAll(() => {
  // You speak, then the participant alone, then both at once (the participant's second sentence over your second).
  const [you1, you2, them1, them2] = ['we should ship the pricing page before friday', 'our budget for next quarter looks tight', 'i think the customer wants a discount', 'please remind me to call the bank tomorrow morning'].map((text) => half(speak(text)));
  them = concat(silence(3000), them1!, silence(1500), them2!, silence(2000));
  const themSecondAt = 3000 + ms(them1!) + 1500;
  you = concat(silence(500), you1!, silence(themSecondAt - 500 - ms(you1!)), you2!, silence(1000));
  echoOnly = [3000, 3000 + ms(them1!)];
  doubleTalk = [themSecondAt, themSecondAt + Math.min(ms(you2!), ms(them2!))];
});

function suppress(mic: Int16Array, ref: Int16Array): { out: Int16Array; suppressor: EchoSuppressor } {
  const suppressor = new EchoSuppressor({ sampleRate: RATE });
  return { out: suppressEchoIn(mic, ref, suppressor, FRAME), suppressor };
}

/** Level (dB re full scale) of `pcm` between two times. */
function level(pcm: Int16Array, fromMs: number, toMs: number): number {
  const part = cut(pcm, fromMs, toMs);
  let squares = 0;
  for (const v of part) squares += (v / 32768) ** 2;
  return 10 * Math.log10(squares / Math.max(1, part.length) + 1e-12);
}

function difference(a: Int16Array, b: Int16Array): Int16Array {
  return Int16Array.from({ length: Math.min(a.length, b.length) }, (_, i) => a[i]! - b[i]!);
}

describe('echo suppressor', () => {
  for (const delayMs of [40, 3.3]) {
    it(`silences the participant's echo (−3 dB, ${delayMs} ms later) and keeps your voice in double talk`, () => {
      const mic = mixIn(you, them, delayMs, -3);
      const { out, suppressor } = suppress(mic, them);
      expect(Math.abs(suppressor.delaySamples! - (delayMs * RATE) / 1000)).toBeLessThanOrEqual(16);
      // The participant alone: the echo, found within its first 200 ms, is gone.
      const [from, to] = echoOnly;
      expect(level(mic, from + 200, to)).toBeGreaterThan(-35);
      expect(level(out, from + 200, to)).toBeLessThan(-90);
      // You alone, before the participant ever spoke: untouched.
      expect(level(difference(out, mic), 0, from)).toBeLessThan(-100);
      // Both at once: what is left of you differs from your voice by far less than the echo did.
      const [fromMs, toMs] = doubleTalk;
      const echoLevel = level(difference(mic, you), fromMs, toMs);
      expect(level(difference(out, you), fromMs, toMs)).toBeLessThan(echoLevel - 12);
      expect(level(out, fromMs, toMs)).toBeGreaterThan(level(you, fromMs, toMs) - 1);
    });
  }

  for (const delayMs of [40, 3.3]) {
    it(`in a small office (RT60 300 ms, direct sound ${delayMs} ms later at −3 dB), learns the room within the participant's first sentence and keeps your voice in double talk`, () => {
      const echo = convolve(them, roomImpulse({ delayMs, rt60Ms: 300 }));
      const mic = mixIn(you.subarray(0, them.length), echo, 0);
      const { out } = suppress(mic, them);
      // The participant alone: after the first second, what is left is faint next to the echo (34–36 dB down; with
      // the direct sound alone cancelled, 14–21).
      const [from, to] = echoOnly;
      expect(level(out, from + 1000, to)).toBeLessThan(level(mic, from + 1000, to) - 25);
      // Both at once: what is left of you differs from your voice by far less than the echo did (11–13 dB less; 2–3
      // with the direct sound alone cancelled), and is about as loud.
      const [fromMs, toMs] = doubleTalk;
      const echoLevel = level(difference(mic, you), fromMs, toMs);
      expect(level(difference(out, you), fromMs, toMs)).toBeLessThan(echoLevel - 8);
      expect(level(out, fromMs, toMs)).toBeGreaterThan(level(you, fromMs, toMs) - 1.5);
    });
  }

  it('never makes the mic louder, in a reverberant room whose echo tail it has not learnt yet', () => {
    let seed = 3;
    const random = () => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed / 2 ** 32 - 0.5;
    };
    // The direct echo 40 ms later at −3 dB, then a 60 ms reverberant tail 10 dB below it.
    const tail = Array.from({ length: 6000 }, (_, k) => (k === 960 ? 0.7 : k > 960 ? random() * 0.03 * Math.exp(-(k - 960) / 1440) : 0));
    const echo = Int16Array.from(them, (_, i) => {
      let sum = 0;
      for (let k = 960; k < tail.length && k <= i; k++) sum += tail[k]! * them[i - k]!;
      return Math.round(sum);
    });
    const mic = mixIn(you.subarray(0, them.length), echo, 0);
    const { out } = suppress(mic, them);
    for (let at = 0; at + 200 <= ms(out); at += 200) expect(level(out, at, at + 200)).toBeLessThanOrEqual(level(mic, at, at + 200) + 1);
  });

  it('leaves the mic alone when the participant does not leak into it (headphones)', () => {
    const { out, suppressor } = suppress(you, them);
    expect(suppressor.delaySamples).toBeUndefined();
    expect(level(difference(out, you.subarray(0, out.length)), 0, (out.length * 1000) / RATE)).toBeLessThan(-100);
  });

  it('costs well under 2% of a core', () => {
    const mic = mixIn(you, them, 40, -3);
    const started = performance.now();
    const { out } = suppress(mic, them);
    const cpuShare = (performance.now() - started) / ((out.length * 1000) / RATE);
    expect(cpuShare).toBeLessThan(0.02);
  });
});

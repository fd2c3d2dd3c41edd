import FFT from 'fft.js';
import { RATE } from '../unit/local/support/audio.ts';

/**
 * A speakers-to-mic path in a small room: the direct sound `delayMs` later at `gainDb`, a few early reflections off
 * the desk and the nearest walls within 20 ms of it, then a diffuse tail, noise decaying by 60 dB over `rt60Ms`.
 */
export interface Room {
  /** When the direct sound reaches the mic (ms): 3–40 ms on real setups. */
  readonly delayMs: number;
  /** Level of the direct sound relative to the participant's audio (dB): −3 on real setups. */
  readonly gainDb?: number;
  /** Reverberation time (ms): 200–400 in a small office. */
  readonly rt60Ms?: number;
  /**
   * Direct-to-reverberant ratio (dB): the direct sound's energy over that of everything after it. 2 dB matches the
   * measured correlations of mic and far end (r 0.74–0.82 at the echo's lag, anchors.md).
   */
  readonly drrDb?: number;
  /** Seed of the reflections and the tail, so a room is the same on every run. */
  readonly seed?: number;
}

/** The room's impulse response at 24 kHz, up to where the tail is 70 dB down. */
export function roomImpulse(room: Room): Float32Array {
  const { delayMs, gainDb = -3, rt60Ms = 300, drrDb = 2, seed = 1 } = room;
  const random = mulberry32(seed);
  const gaussian = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const direct = Math.round((delayMs * RATE) / 1000);
  const tailFrom = direct + Math.round(0.002 * RATE);
  const length = direct + Math.round(((rt60Ms * 70) / 60 / 1000) * RATE);
  const gain = 10 ** (gainDb / 20);
  const impulse = new Float32Array(length);
  // Early reflections: half a dozen distinct paths 1–20 ms behind the direct one, each 10–25% of its amplitude.
  let early = 0;
  for (let r = 0; r < 6; r++) {
    const at = direct + Math.round((0.001 + 0.019 * random()) * RATE);
    impulse[at]! += (random() < 0.5 ? -1 : 1) * (0.1 + 0.15 * random()) * gain;
  }
  for (let i = direct + 1; i < length; i++) early += impulse[i]! ** 2;
  // The diffuse tail: amplitude falls 60 dB over rt60, i.e. by 10^(−3 t / rt60); its first millisecond fades in. It
  // brings the reverberant energy (reflections and tail) to the direct sound's over 10^(drr / 10).
  const tail = new Float32Array(length);
  let tailEnergy = 0;
  for (let i = tailFrom; i < length; i++) {
    const t = (i - tailFrom) / RATE;
    tail[i] = gaussian() * 10 ** ((-3 * t * 1000) / rt60Ms) * Math.min(1, (i - tailFrom) / (0.001 * RATE));
    tailEnergy += tail[i]! ** 2;
  }
  const scale = Math.sqrt(Math.max(0, gain ** 2 / 10 ** (drrDb / 10) - early) / tailEnergy);
  for (let i = tailFrom; i < length; i++) impulse[i]! += scale * tail[i]!;
  impulse[direct] = gain;
  return impulse;
}

/** `signal` heard through `impulse` (FFT convolution), as long as `signal`, clipped to PCM16. */
export function convolve(signal: Int16Array, impulse: Float32Array): Int16Array {
  let size = 2;
  while (size < signal.length + impulse.length) size *= 2;
  const fft = new FFT(size);
  const spectrum = (values: ArrayLike<number>) => {
    const input = new Float64Array(size);
    input.set(values);
    const out = fft.createComplexArray() as number[];
    fft.realTransform(out, input);
    fft.completeSpectrum(out);
    return out;
  };
  const a = spectrum(signal);
  const b = spectrum(impulse);
  const product = fft.createComplexArray() as number[];
  for (let k = 0; k < size; k++) {
    product[2 * k] = a[2 * k]! * b[2 * k]! - a[2 * k + 1]! * b[2 * k + 1]!;
    product[2 * k + 1] = a[2 * k]! * b[2 * k + 1]! + a[2 * k + 1]! * b[2 * k]!;
  }
  const result = fft.createComplexArray() as number[];
  fft.inverseTransform(result, product);
  return Int16Array.from({ length: signal.length }, (_, i) => Math.max(-32768, Math.min(32767, Math.round(result[2 * i]!))));
}

function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

import { RATE } from './audio.ts';

export function silence(ms: number): Int16Array {
  return new Int16Array((ms * RATE) / 1000);
}

export function concat(...parts: Int16Array[]): Int16Array {
  const out = new Int16Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** `base` with `add` mixed in from `atMs`, scaled by `gainDb` (an echo: quieter and later), clipped to PCM16. */
export function mixIn(base: Int16Array, add: Int16Array, atMs: number, gainDb = 0): Int16Array {
  const at = Math.round((atMs * RATE) / 1000);
  const gain = 10 ** (gainDb / 20);
  const out = new Int16Array(Math.max(base.length, at + add.length));
  out.set(base);
  for (let i = 0; i < add.length; i++) out[at + i] = Math.max(-32768, Math.min(32767, Math.round(out[at + i] + add[i] * gain)));
  return out;
}

/** The samples of `pcm` between two times (ms). */
export function cut(pcm: Int16Array, fromMs: number, toMs = (pcm.length * 1000) / RATE): Int16Array {
  return pcm.subarray(Math.round((fromMs * RATE) / 1000), Math.round((toMs * RATE) / 1000));
}

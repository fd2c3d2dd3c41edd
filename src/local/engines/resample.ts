/**
 * 24 kHz PCM16 → 16 kHz float, for the VAD: every 3 input samples give 2 output samples, the second one the mean of
 * its two neighbours (a 2-tap low-pass is enough for speech detection, not for listening). Keeps phase across chunks.
 */
export class Downsample24To16 {
  private carry: number[] = [];

  push(pcm: Int16Array): Float32Array {
    const input = this.carry.length ? Int16Array.from([...this.carry, ...pcm]) : pcm;
    const whole = input.length - (input.length % 3);
    const out = new Float32Array((whole / 3) * 2);
    for (let i = 0, o = 0; i < whole; i += 3, o += 2) {
      out[o] = input[i] / 32768;
      out[o + 1] = (input[i + 1] + input[i + 2]) / 65536;
    }
    this.carry = Array.from(input.subarray(whole));
    return out;
  }
}

/** 24 kHz → 16 kHz PCM16 for recognizers that want 16 kHz (pocketsphinx). */
export function pcm24kTo16k(pcm: Int16Array): Int16Array {
  const floats = new Downsample24To16().push(pcm);
  return Int16Array.from(floats, (v) => Math.max(-32768, Math.min(32767, Math.round(v * 32768))));
}

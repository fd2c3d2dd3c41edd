import FFT from 'fft.js';

const RATE = 24000;
const WINDOW = 512;
/** 10 ms hops at 24 kHz. */
export const HOP = 240;
export const MS_PER_FRAME = (HOP * 1000) / RATE;
/** Band edges in Hz: log-spaced over the speech range that survives Opus, resampling and a speakerphone. */
const LOW_HZ = 150;
const HIGH_HZ = 4000;
export const BANDS = 16;
/** Silence floor (power of a −80 dBFS sine in one band), so silence is flat whatever the noise under it. */
const FLOOR = ((WINDOW / 4) * 10 ** (-80 / 10)) / 2;
/** The value of a silent band. */
export const SILENCE_DB = 10 * Math.log10(FLOOR);

const fft = new FFT(WINDOW);
const hann = Float64Array.from({ length: WINDOW }, (_, i) => 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / WINDOW));
const edges = Array.from({ length: BANDS + 1 }, (_, b) => Math.round(((LOW_HZ * (HIGH_HZ / LOW_HZ) ** (b / BANDS)) * WINDOW) / RATE));

/**
 * Log band energies (dB) of 24 kHz PCM16 every 10 ms: `BANDS` values per frame, frame-major. A gain change only adds
 * a constant, which normalised cross-correlation ignores. Incremental: push audio as it arrives.
 */
export class SpectralFingerprint {
  private pending = new Float64Array(0);
  private readonly rows: number[] = [];
  /** Loudness of each frame: dB of its summed band power. */
  readonly energy: number[] = [];
  private readonly input = new Float64Array(WINDOW);
  private readonly spectrum = fft.createComplexArray() as number[];

  get frames(): number {
    return this.rows.length / BANDS;
  }

  /** Frame-major band energies so far (a live view: it grows as audio is pushed). */
  get values(): readonly number[] {
    return this.rows;
  }

  push(pcm24k: Int16Array): this {
    const merged = new Float64Array(this.pending.length + pcm24k.length);
    merged.set(this.pending);
    for (let i = 0; i < pcm24k.length; i++) merged[this.pending.length + i] = pcm24k[i] / 32768;
    let start = 0;
    for (; start + WINDOW <= merged.length; start += HOP) this.frame(merged.subarray(start, start + WINDOW));
    this.pending = merged.slice(start);
    return this;
  }

  private frame(samples: Float64Array): void {
    for (let i = 0; i < WINDOW; i++) this.input[i] = samples[i] * hann[i];
    fft.realTransform(this.spectrum, this.input);
    let total = 0;
    for (let b = 0; b < BANDS; b++) {
      let power = 0;
      for (let k = edges[b]; k < Math.max(edges[b + 1], edges[b] + 1); k++) power += this.spectrum[2 * k] ** 2 + this.spectrum[2 * k + 1] ** 2;
      this.rows.push(10 * Math.log10(power + FLOOR));
      total += power;
    }
    this.energy.push(10 * Math.log10(total + FLOOR));
  }
}

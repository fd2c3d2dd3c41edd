import { BANDS, SILENCE_DB, SpectralFingerprint } from './spectral-fingerprint.ts';

/** Frames in a searched block (400 ms); also the silence padding either side of each utterance. */
export const BLOCK = 40;
/** Utterance frames within this of the utterance's loudest are speech. */
const SPEECH_RANGE_DB = 40;

/** One utterance's fingerprint, padded with silence so that blocks at its edges can align. */
export class Reference {
  readonly values: Float64Array;
  readonly energy: Float64Array;
  readonly frames: number;
  /** Where speech is, in frames of the unpadded utterance. */
  readonly speechFrom: number;
  readonly speechTo: number;
  /** Per-band prefix sums of values and squared values over frames (fast block normalisation). */
  private readonly sums: Float64Array;
  private readonly squares: Float64Array;

  constructor(pcm24k: Int16Array) {
    const fp = new SpectralFingerprint().push(pcm24k);
    this.frames = fp.frames + 2 * BLOCK;
    this.values = new Float64Array(this.frames * BANDS).fill(SILENCE_DB);
    this.values.set(fp.values, BLOCK * BANDS);
    this.energy = new Float64Array(this.frames).fill(SILENCE_DB);
    this.energy.set(fp.energy, BLOCK);
    const loudest = fp.energy.reduce((a, b) => Math.max(a, b), SILENCE_DB);
    const speech = fp.energy.flatMap((e, i) => (e >= loudest - SPEECH_RANGE_DB ? [i] : []));
    this.speechFrom = speech[0] ?? 0;
    this.speechTo = (speech.at(-1) ?? -1) + 1;
    this.sums = new Float64Array((this.frames + 1) * BANDS);
    this.squares = new Float64Array((this.frames + 1) * BANDS);
    for (let i = 0; i < this.frames * BANDS; i++) {
      this.sums[i + BANDS] = this.sums[i] + this.values[i];
      this.squares[i + BANDS] = this.squares[i] + this.values[i] ** 2;
    }
  }

  /** Best offset and score of a normalised block among all positions of this utterance. */
  bestOffset(block: Float64Array): { frame: number; score: number } {
    const n = BLOCK * BANDS;
    let best = { frame: 0, score: -1 };
    for (let t = 0; t + BLOCK <= this.frames; t++) {
      let spread = 0;
      for (let b = 0; b < BANDS; b++) {
        const sum = this.sums[(t + BLOCK) * BANDS + b] - this.sums[t * BANDS + b];
        spread += this.squares[(t + BLOCK) * BANDS + b] - this.squares[t * BANDS + b] - (sum * sum) / BLOCK;
      }
      if (spread <= 1e-6) continue;
      let dot = 0;
      const base = t * BANDS;
      for (let i = 0; i < n; i++) dot += block[i] * this.values[base + i];
      const score = dot / Math.sqrt(spread);
      if (score > best.score) best = { frame: t, score };
    }
    return best;
  }
}

/** Normalised cross-correlation of two stretches of frames, each band zero-mean (as `normalised`), without copying. */
export function likeness(x: ArrayLike<number>, xFrame: number, y: ArrayLike<number>, yFrame: number, frames: number): number {
  let cross = 0;
  let xx = 0;
  let yy = 0;
  for (let b = 0; b < BANDS; b++) {
    let sx = 0;
    let sy = 0;
    let sxy = 0;
    let sxx = 0;
    let syy = 0;
    for (let i = 0; i < frames; i++) {
      const u = x[(xFrame + i) * BANDS + b];
      const v = y[(yFrame + i) * BANDS + b];
      sx += u;
      sy += v;
      sxy += u * v;
      sxx += u * u;
      syy += v * v;
    }
    cross += sxy - (sx * sy) / frames;
    xx += sxx - (sx * sx) / frames;
    yy += syy - (sy * sy) / frames;
  }
  return xx > 1e-6 && yy > 1e-6 ? cross / Math.sqrt(xx * yy) : 0;
}

/**
 * Copy of `frames` frames from `frame`, each band made zero-mean (so the voice's and the channel's spectral tilt,
 * common to all utterances, does not count as a likeness), then unit-norm; null when flat.
 */
export function normalised(values: ArrayLike<number>, frame: number, frames: number): Float64Array | null {
  const n = frames * BANDS;
  const start = frame * BANDS;
  const out = new Float64Array(n);
  for (let b = 0; b < BANDS; b++) {
    let mean = 0;
    for (let i = b; i < n; i += BANDS) mean += values[start + i];
    mean /= frames;
    for (let i = b; i < n; i += BANDS) out[i] = values[start + i] - mean;
  }
  let norm = 0;
  for (let i = 0; i < n; i++) norm += out[i] * out[i];
  if (norm <= 1e-6) return null;
  const scale = 1 / Math.sqrt(norm);
  for (let i = 0; i < n; i++) out[i] *= scale;
  return out;
}

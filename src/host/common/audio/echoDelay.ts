/** Decimation for the coarse search: 24 kHz → 4 kHz keeps speech's strongest band and costs 1/36 of full rate. */
const DECIMATE = 6;
/** Normalised correlation a delay must reach to be believed. */
const MIN_PEAK = 0.35;

/**
 * Finds how much later, and how much quieter, the reference appears in the mic: normalised cross-correlation over
 * the last `windowSamples`, searched at 4 kHz over every lag up to `maxLag`, then refined at full rate.
 * Fed both signals continuously; `estimate` is cheap enough to run a few times a second.
 */
export class EchoDelay {
  private readonly mic: Float32Array;
  private readonly ref: Float32Array;
  private readonly micCoarse: Float32Array;
  private readonly refCoarse: Float32Array;
  private readonly coarseLag: number;
  private readonly coarseWindow: number;
  private scratch = new Float32Array(0);

  constructor(
    private readonly maxLag: number,
    private readonly windowSamples: number,
  ) {
    this.mic = new Float32Array(windowSamples);
    this.ref = new Float32Array(windowSamples + maxLag + DECIMATE);
    this.coarseLag = Math.ceil(maxLag / DECIMATE);
    this.coarseWindow = Math.floor(windowSamples / DECIMATE);
    this.micCoarse = new Float32Array(this.coarseWindow);
    this.refCoarse = new Float32Array(this.coarseWindow + this.coarseLag);
  }

  /** Appends one frame of each signal (same length, same capture time; a multiple of 6 samples). */
  push(mic: Float32Array, ref: Float32Array): void {
    shiftIn(this.mic, mic);
    shiftIn(this.ref, ref);
    const coarse = mic.length / DECIMATE;
    if (this.scratch.length !== 2 * coarse) this.scratch = new Float32Array(2 * coarse);
    const m = this.scratch.subarray(0, coarse);
    const r = this.scratch.subarray(coarse);
    for (let i = 0; i < coarse; i++) {
      let sm = 0;
      let sr = 0;
      for (let k = 0; k < DECIMATE; k++) {
        sm += mic[i * DECIMATE + k]!;
        sr += ref[i * DECIMATE + k]!;
      }
      m[i] = sm;
      r[i] = sr;
    }
    shiftIn(this.micCoarse, m);
    shiftIn(this.refCoarse, r);
  }

  /** The delay (samples) and gain of the reference in the mic, or undefined when the window shows no clear echo. */
  estimate(): { delay: number; gain: number; peak: number } | undefined {
    const coarse = bestLag(this.micCoarse, this.refCoarse, 0, this.coarseLag);
    if (!coarse || coarse.peak < MIN_PEAK) return undefined;
    const centre = coarse.lag * DECIMATE;
    const fine = bestLag(this.mic, this.ref, Math.max(0, centre - DECIMATE), Math.min(this.maxLag, centre + DECIMATE));
    if (!fine || fine.peak < MIN_PEAK) return undefined;
    return { delay: fine.lag, gain: fine.gain, peak: fine.peak };
  }
}

/**
 * The lag in [from, to] where `ref`, shifted later by it, best matches `mic` (the last `mic.length` samples of
 * both are aligned at lag 0; `ref` holds `to` more samples of history).
 */
function bestLag(mic: Float32Array, ref: Float32Array, from: number, to: number): { lag: number; peak: number; gain: number } | undefined {
  const n = mic.length;
  const end = ref.length;
  let micEnergy = 0;
  for (let i = 0; i < n; i++) micEnergy += mic[i]! * mic[i]!;
  if (micEnergy < 1e-9) return undefined;
  // Energy of ref[end - n - lag, end - lag), slid one lag at a time.
  let refEnergy = 0;
  for (let i = end - n - from; i < end - from; i++) refEnergy += ref[i]! * ref[i]!;
  let best: { lag: number; peak: number; gain: number } | undefined;
  for (let lag = from; lag <= to; lag++) {
    const start = end - n - lag;
    if (lag > from) refEnergy += ref[start]! * ref[start]! - ref[start + n]! * ref[start + n]!;
    if (refEnergy < 1e-9) continue;
    let dot = 0;
    for (let i = 0; i < n; i++) dot += mic[i]! * ref[start + i]!;
    const peak = dot / Math.sqrt(micEnergy * refEnergy);
    if (!best || peak > best.peak) best = { lag, peak, gain: dot / refEnergy };
  }
  return best;
}

function shiftIn(buffer: Float32Array, frame: Float32Array): void {
  buffer.copyWithin(0, frame.length);
  buffer.set(frame, buffer.length - frame.length);
}

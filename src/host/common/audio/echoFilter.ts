import FFT from 'fft.js';

/**
 * An adaptive FIR filter of `partitions` × `block` taps, run in the frequency domain: partitioned-block NLMS with
 * overlap-save (the design of Speex's MDF and WebRTC's AEC3 filter). Long enough for a room's reverberation, it
 * costs a few FFTs per block and a complex multiply per bin and partition, where a time-domain filter of the same
 * length would cost taps × block multiplications.
 *
 * Two sets of weights, as in Speex's MDF: the background adapts on every block it is given, fast, so it learns the
 * room from the participant's first words, and is thrown off by your voice in double talk; the foreground, which
 * gives the echo that is removed, takes the background's weights only once they have proved better (`adopt`), and
 * the background starts again from the foreground's when it has gone astray (`revert`).
 *
 * Fed one block at a time: `estimate` with the newest reference samples, then `adapt` with what the background
 * left of the mic.
 */
export class EchoFilter {
  /** Filter length in samples. */
  readonly taps: number;
  private readonly fft: FFT;
  private readonly size: number;
  private readonly bins: number;
  /** Reference spectra of the last `partitions` blocks (re, im per bin), newest at `newest`. */
  private readonly spectra: Float64Array[];
  private readonly weights: Float64Array[];
  private readonly background: Float64Array[];
  private newest = 0;
  /** The partition besides the first whose update is constrained this block. */
  private constrained = 1;
  /** Per bin: the reference's power over the filter's span, the NLMS normaliser. */
  private readonly power: Float64Array;
  private readonly real: Float64Array;
  private readonly complex: Float64Array;
  private readonly time: Float64Array;
  private readonly error: Float64Array;
  private readonly regularisation: number;

  /**
   * @param regularisationRms per-bin power added to the normaliser: the reference power below which steps stop
   *   growing, so that a faint reference with your voice in the error does not pull the filter far.
   */
  constructor(
    private readonly block: number,
    private readonly partitions: number,
    regularisationRms: number,
  ) {
    let size = 2;
    while (size < 2 * block) size *= 2;
    this.size = size;
    this.bins = size / 2 + 1;
    this.taps = block * partitions;
    this.fft = new FFT(size);
    this.spectra = Array.from({ length: partitions }, () => new Float64Array(2 * this.bins));
    this.weights = Array.from({ length: partitions }, () => new Float64Array(2 * this.bins));
    this.background = Array.from({ length: partitions }, () => new Float64Array(2 * this.bins));
    this.power = new Float64Array(this.bins);
    this.real = new Float64Array(size);
    this.complex = new Float64Array(2 * size);
    this.time = new Float64Array(2 * size);
    this.error = new Float64Array(2 * this.bins);
    this.regularisation = partitions * size * regularisationRms ** 2;
  }

  /** Samples of reference `estimate` needs: the block and the FFT's overlap before it. */
  get window(): number {
    return this.size;
  }

  /**
   * Starts again as a single tap of `gain` at `tap` (< block). `past(p)` gives the reference window (as `estimate`
   * takes it) of the block p blocks before the next one.
   */
  reset(tap: number, gain: number, past: (blocksAgo: number) => Float32Array): void {
    for (const w of this.weights) w.fill(0);
    const w = this.weights[0]!;
    for (let k = 0; k < this.bins; k++) {
      const angle = (-2 * Math.PI * k * tap) / this.size;
      w[2 * k] = gain * Math.cos(angle);
      w[2 * k + 1] = gain * Math.sin(angle);
    }
    this.revert();
    this.resume(past);
  }

  /** Takes up the reference after blocks it was not given: the spectra of the past blocks, from `past` as in `reset`. */
  resume(past: (blocksAgo: number) => Float32Array): void {
    for (let p = 1; p < this.partitions; p++) this.transform(past(p), this.spectra[(this.newest + 1 - p + this.partitions) % this.partitions]!);
  }

  /** The foreground takes the background's weights. */
  adopt(): void {
    for (let p = 0; p < this.partitions; p++) this.weights[p]!.set(this.background[p]!);
  }

  /** The background starts again from the foreground's weights. */
  revert(): void {
    for (let p = 0; p < this.partitions; p++) this.background[p]!.set(this.weights[p]!);
  }

  /**
   * The echo of the newest block, as the foreground (`out`) and the background (`backgroundOut`) see it:
   * `reference` holds the last `window` samples of the reference, the block's own last; each output gets `block`
   * samples.
   */
  estimate(reference: Float32Array, out: Float32Array, backgroundOut: Float32Array): void {
    const { bins, partitions, spectra, power } = this;
    this.newest = (this.newest + 1) % partitions;
    this.transform(reference, spectra[this.newest]!);
    power.fill(this.regularisation);
    for (let p = 0; p < partitions; p++) {
      const x = spectra[(this.newest - p + partitions) % partitions]!;
      for (let k = 0; k < bins; k++) power[k]! += x[2 * k]! ** 2 + x[2 * k + 1]! ** 2;
    }
    this.filter(this.weights, out);
    this.filter(this.background, backgroundOut);
  }

  private filter(weights: Float64Array[], out: Float32Array): void {
    const { bins, partitions, spectra, complex } = this;
    complex.fill(0);
    for (let p = 0; p < partitions; p++) {
      const x = spectra[(this.newest - p + partitions) % partitions]!;
      const w = weights[p]!;
      for (let k = 0; k < bins; k++) {
        const xr = x[2 * k]!;
        const xi = x[2 * k + 1]!;
        const wr = w[2 * k]!;
        const wi = w[2 * k + 1]!;
        complex[2 * k]! += xr * wr - xi * wi;
        complex[2 * k + 1]! += xr * wi + xi * wr;
      }
    }
    this.inverse();
    const from = this.size - this.block;
    for (let i = 0; i < this.block; i++) out[i] = this.time[2 * (from + i)]!;
  }

  /** One NLMS step of the background, of size `step` (0..1), toward removing `errorBlock` (the mic less its estimate). */
  adapt(errorBlock: Float32Array, step: number): void {
    const { bins, partitions, spectra, background: weights, power, block, size, complex, real, time } = this;
    real.fill(0);
    real.set(errorBlock, size - block);
    this.fft.realTransform(complex, real);
    const error = this.error;
    error.set(complex.subarray(0, 2 * bins));
    for (let p = 0; p < partitions; p++) {
      const x = spectra[(this.newest - p + partitions) % partitions]!;
      const w = weights[p]!;
      // The gradient, conj(X)·E per bin, normalised. Made causal and `block` long (zeroed beyond, so that circular
      // wrap-around never enters the filter) for the first partition and one other in turn, as Speex's MDF does
      // (alternately unconstrained MDF): two FFTs per block instead of two per partition, converging about as fast.
      for (let k = 0; k < bins; k++) {
        const xr = x[2 * k]!;
        const xi = x[2 * k + 1]!;
        const er = error[2 * k]!;
        const ei = error[2 * k + 1]!;
        const scale = step / power[k]!;
        complex[2 * k] = (xr * er + xi * ei) * scale;
        complex[2 * k + 1] = (xr * ei - xi * er) * scale;
      }
      if (p === 0 || p === this.constrained) {
        this.inverse();
        for (let i = 0; i < block; i++) real[i] = time[2 * i]!;
        real.fill(0, block);
        this.fft.realTransform(complex, real);
      }
      for (let k = 0; k < 2 * bins; k++) w[k]! += complex[k]!;
    }
    this.constrained = (this.constrained % (partitions - 1 || 1)) + 1;
  }

  private transform(samples: Float32Array, into: Float64Array): void {
    this.real.set(samples.subarray(samples.length - this.size));
    this.fft.realTransform(this.complex, this.real);
    into.set(this.complex.subarray(0, 2 * this.bins));
  }

  /** `complex`'s bins 0..size/2, mirrored into a real signal's full spectrum, to `time` (real parts at even indices). */
  private inverse(): void {
    const { complex, size } = this;
    for (let k = 1; k < size / 2; k++) {
      complex[2 * (size - k)] = complex[2 * k]!;
      complex[2 * (size - k) + 1] = -complex[2 * k + 1]!;
    }
    this.fft.inverseTransform(this.time, complex);
  }
}

/** Half-width of the windowed-sinc kernel, in input samples (±16 taps matched sox at 51 dB in the harness). */
const HALF_WIDTH = 16;
/** Kernel table entries per input sample; lookups interpolate linearly between them. */
const TABLE_STEPS = 512;

export type FrameSink = (pcm: ArrayBuffer, rms: number, firstSample: number) => void;

/**
 * Streaming downmix and resampling to mono PCM16 in fixed-size frames: Hann-windowed sinc at any input rate,
 * cutoff 0.92 × output Nyquist. Runs in the capture worklet, where it must not allocate per quantum.
 */
export class Pcm16Resampler {
  readonly ratio: number;
  private readonly kernel: Float32Array;
  private buffer: Float32Array;
  private length = HALF_WIDTH;
  private position = HALF_WIDTH;
  private readonly frame: Int16Array<ArrayBuffer>;
  private filled = 0;
  private squares = 0;
  private produced = 0;

  constructor(
    inputRate: number,
    outputRate: number,
    private readonly frameSamples: number,
    private readonly sink: FrameSink,
  ) {
    this.ratio = inputRate / outputRate;
    const cutoff = (0.92 * 0.5) / Math.max(1, this.ratio);
    this.kernel = new Float32Array(HALF_WIDTH * TABLE_STEPS + 2);
    for (let i = 0; i < this.kernel.length; i++) {
      const d = i / TABLE_STEPS;
      const x = 2 * cutoff * d;
      const sinc = d === 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
      const window = d >= HALF_WIDTH ? 0 : 0.5 * (1 + Math.cos((Math.PI * d) / HALF_WIDTH));
      this.kernel[i] = 2 * cutoff * sinc * window;
    }
    this.buffer = new Float32Array(4 * HALF_WIDTH + 1024);
    this.frame = new Int16Array(frameSamples);
  }

  /** Appends one block of planar input (any number of channels, mixed to mono) and emits every full frame. */
  push(channels: readonly Float32Array[], frames = channels[0]?.length ?? 0): void {
    this.reserve(frames);
    const out = this.buffer;
    if (channels.length === 0) out.fill(0, this.length, this.length + frames);
    else {
      const scale = 1 / channels.length;
      for (let i = 0; i < frames; i++) {
        let sum = 0;
        for (const channel of channels) sum += channel[i]!;
        out[this.length + i] = sum * scale;
      }
    }
    this.length += frames;
    this.resample();
  }

  private resample(): void {
    const { buffer, kernel } = this;
    const reach = HALF_WIDTH;
    while (this.position + reach < this.length) {
      const t = this.position;
      const first = Math.ceil(t - reach);
      const last = Math.floor(t + reach);
      let y = 0;
      for (let k = first; k <= last; k++) {
        const index = Math.abs(t - k) * TABLE_STEPS;
        const whole = index | 0;
        const fraction = index - whole;
        y += buffer[k]! * (kernel[whole]! + (kernel[whole + 1]! - kernel[whole]!) * fraction);
      }
      this.write(y);
      this.position += this.ratio;
    }
    const drop = Math.floor(this.position) - HALF_WIDTH - 1;
    if (drop > 0) {
      buffer.copyWithin(0, drop, this.length);
      this.length -= drop;
      this.position -= drop;
    }
  }

  private write(y: number): void {
    const clamped = y > 1 ? 1 : y < -1 ? -1 : y;
    this.squares += clamped * clamped;
    this.frame[this.filled++] = Math.max(-32768, Math.min(32767, Math.round(clamped * 32768)));
    if (this.filled === this.frameSamples) this.emit();
  }

  private emit(): void {
    const pcm = this.frame.buffer.slice(0);
    this.sink(pcm, Math.sqrt(this.squares / this.frameSamples), this.produced);
    this.produced += this.frameSamples;
    this.filled = 0;
    this.squares = 0;
  }

  private reserve(frames: number): void {
    if (this.length + frames <= this.buffer.length) return;
    const grown = new Float32Array(2 * (this.length + frames));
    grown.set(this.buffer.subarray(0, this.length));
    this.buffer = grown;
  }
}

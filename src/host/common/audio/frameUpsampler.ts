/**
 * Plays 24 kHz PCM16 frames back at the audio context's rate, as a worklet output must, by linear interpolation.
 * It starts one frame behind, so a frame that completes mid-quantum never leaves the output short; what a
 * Realtime session hears of it is resampled to 24 kHz again, which removes the interpolation's images.
 */
export class FrameUpsampler {
  private readonly queue: Float32Array;
  private length = 0;
  private position = 0;
  private started = false;

  constructor(
    private readonly frameRate: number,
    private readonly outputRate: number,
    private readonly frameSamples: number,
  ) {
    this.queue = new Float32Array(frameSamples * 8);
  }

  write(pcm: Int16Array): void {
    // Past a backlog of 8 frames the oldest go: the output must stay close to live.
    if (this.length + pcm.length > this.queue.length) this.drop(this.length + pcm.length - this.queue.length);
    for (let i = 0; i < pcm.length; i++) this.queue[this.length + i] = pcm[i]! / 32768;
    this.length += pcm.length;
    if (this.length >= 2 * this.frameSamples) this.started = true;
  }

  /** Fills `out` (silence until the first two frames arrived, or when they ran out). */
  read(out: Float32Array): void {
    const step = this.frameRate / this.outputRate;
    for (let i = 0; i < out.length; i++) {
      const whole = Math.floor(this.position);
      if (!this.started || whole + 1 >= this.length) {
        out[i] = 0;
        continue;
      }
      const fraction = this.position - whole;
      out[i] = this.queue[whole]! + (this.queue[whole + 1]! - this.queue[whole]!) * fraction;
      this.position += step;
    }
    const used = Math.floor(this.position);
    if (used > 0) this.drop(used);
  }

  private drop(samples: number): void {
    this.queue.copyWithin(0, samples, this.length);
    this.length -= samples;
    this.position = Math.max(0, this.position - samples);
  }
}

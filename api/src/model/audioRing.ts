import type { AudioFrame } from './audio.ts';

/**
 * The last few seconds of one side's audio: capture replays them to a restarted transcriber, and a transcriber to a
 * new session, so that audio no one has transcribed yet is not lost.
 */
export class AudioRing {
  private readonly frames: AudioFrame[] = [];

  constructor(private readonly keepMs: number) {}

  push(frame: AudioFrame): void {
    this.frames.push(frame);
    const horizon = frame.capturedAt - this.keepMs;
    let drop = 0;
    while (drop < this.frames.length && this.frames[drop].capturedAt < horizon) drop++;
    if (drop) this.frames.splice(0, drop);
  }

  /** Frames captured at or after `fromMs` (epoch ms), oldest first. */
  since(fromMs: number): AudioFrame[] {
    return this.frames.filter((frame) => frame.capturedAt >= fromMs);
  }

  /** Capture time of the oldest frame still held, or undefined when empty. */
  oldest(): number | undefined {
    return this.frames[0]?.capturedAt;
  }
}

import { Downsample24To16 } from './resample.ts';
import type { VoiceActivityDetector } from './vad.ts';

export interface SegmenterSettings {
  /** Speech starts at this probability… */
  threshold: number;
  /** …and has ended after this long under `threshold - 0.15`. */
  minSilenceMs: number;
  /** Shorter bursts are not speech (clicks, breaths). */
  minSpeechMs: number;
}

export interface SegmentEvents {
  /** A speech segment is confirmed (it has lasted `minSpeechMs`); `startMs` is its real onset. */
  started(index: number, startMs: number): void;
  /** Speech continues: `speechMs` of this segment have been decoded so far. */
  progress(index: number, speechMs: number): void;
  ended(index: number, startMs: number, endMs: number): void;
}

export const DEFAULT_SEGMENTER: SegmenterSettings = { threshold: 0.5, minSilenceMs: 300, minSpeechMs: 250 };

/**
 * Splits a 24 kHz PCM16 stream into speech segments with a VAD and hysteresis. All work, including the callers' own
 * steps given to `run`, happens in arrival order on one queue, so events and commits never overtake audio.
 */
export class SpeechSegmenter {
  private queue: Promise<unknown> = Promise.resolve();
  private readonly downsample = new Downsample24To16();
  private pending = new Float32Array(0);
  private frameIndex = 0;
  private segmentIndex = 0;
  private onsetMs: number | null = null;
  private confirmed = false;
  private silenceSinceMs: number | null = null;

  constructor(
    private readonly vad: VoiceActivityDetector,
    private readonly events: SegmentEvents,
    public settings: SegmenterSettings = DEFAULT_SEGMENTER,
  ) {}

  get inSpeech(): boolean {
    return this.confirmed;
  }

  push(pcm24k: Int16Array): void {
    void this.run(() => this.process(pcm24k));
  }

  /** Runs `step` after all audio pushed so far has been analysed. */
  run<T>(step: () => T | Promise<T>): Promise<T> {
    const next = this.queue.then(step);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Ends the current segment at `atMs` (a manual commit cuts it there). */
  cut(atMs: number): void {
    if (this.confirmed && this.onsetMs !== null) this.events.ended(this.segmentIndex++, this.onsetMs, atMs);
    this.onsetMs = null;
    this.confirmed = false;
    this.silenceSinceMs = null;
  }

  private async process(pcm24k: Int16Array): Promise<void> {
    const samples = this.downsample.push(pcm24k);
    const merged = new Float32Array(this.pending.length + samples.length);
    merged.set(this.pending);
    merged.set(samples, this.pending.length);
    const size = this.vad.frameSamples;
    let offset = 0;
    for (; offset + size <= merged.length; offset += size) {
      const probability = await this.vad.probability(merged.slice(offset, offset + size));
      this.step(probability, (this.frameIndex * size * 1000) / this.vad.sampleRate, ((this.frameIndex + 1) * size * 1000) / this.vad.sampleRate);
      this.frameIndex++;
    }
    this.pending = merged.slice(offset);
  }

  private step(probability: number, frameStartMs: number, frameEndMs: number): void {
    const { threshold, minSilenceMs, minSpeechMs } = this.settings;
    if (probability >= threshold) {
      this.silenceSinceMs = null;
      this.onsetMs ??= frameStartMs;
      if (!this.confirmed && frameEndMs - this.onsetMs >= minSpeechMs) {
        this.confirmed = true;
        this.events.started(this.segmentIndex, this.onsetMs);
      }
    } else if (this.onsetMs !== null && probability < threshold - 0.15) {
      this.silenceSinceMs ??= frameStartMs;
      if (frameEndMs - this.silenceSinceMs >= minSilenceMs) {
        if (this.confirmed) this.events.ended(this.segmentIndex++, this.onsetMs, this.silenceSinceMs);
        this.onsetMs = null;
        this.confirmed = false;
        this.silenceSinceMs = null;
        return;
      }
    }
    if (this.confirmed && this.onsetMs !== null) this.events.progress(this.segmentIndex, frameEndMs - this.onsetMs);
  }
}

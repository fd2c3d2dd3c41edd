/** Turns the speech segments of one session into text. Segments are numbered from 0 in the order the VAD finds them. */
export interface RecognizerStream {
  /**
   * Speech of segment `index` continues (`speechMs` decoded so far): text deltas to send now, if any. `audio(from)`
   * gives the segment's audio so far from its sample `from` (0: where `ended` will start it).
   */
  progress(index: number, speechMs: number, audio: (from: number) => Int16Array): string[];
  /** The segment ended; `pcm24k` is its audio. Resolves the deltas still owed and the segment's full text. */
  ended(index: number, pcm24k: Int16Array): Promise<{ deltas: string[]; text: string }>;
}

export interface Recognizer {
  readonly name: string;
  /** `null` when usable; otherwise what is missing and how to install it. */
  readonly unavailable: string | null;
  /** A stream for one session; scripted recognizers may script each session type differently. */
  open(sessionType: 'realtime' | 'transcription'): RecognizerStream;
}

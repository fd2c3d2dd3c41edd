import type { ConversationItem } from 'openai/resources/realtime/realtime';
import { newId } from '../ids.ts';
import type { RecognizerStream } from '../engines/recognizer.ts';
import { DEFAULT_SEGMENTER, SpeechSegmenter } from '../engines/segmenter.ts';
import type { VoiceActivityDetector } from '../engines/vad.ts';
import { AudioStore, SAMPLES_PER_MS } from './audio-store.ts';
import type { RealtimeConversation } from './conversation.ts';
import type { Outbox } from './outbox.ts';
import type { SessionConfig } from './session-config.ts';

/** What the input buffer needs from its session. */
export interface InputAudioHost {
  readonly outbox: Outbox;
  readonly conversation: RealtimeConversation;
  config(): SessionConfig;
  /** Fault injection: delays (ms) for the next items' transcription results. */
  readonly completionDelays: number[];
  /** Why transcription can't run (engine missing), or null. */
  readonly recognizerUnavailable: string | null;
  error(code: string, message: string, param?: string | null, eventId?: string | null): void;
  /** A user audio turn was committed by server VAD; `transcript` resolves when it is recognised. */
  turnDetected(itemId: string, transcript: Promise<string>): void;
}

interface PendingItem {
  id: string;
  segments: Array<Promise<string>>;
}

const MIN_COMMIT_MS = 100;
const SEGMENT_PADDING_MS = 200;
/** There is no turn-end model offline: semantic_vad is server VAD with a pause length that follows `eagerness`. */
const SEMANTIC_SILENCE_MS: Record<string, number> = { high: 250, auto: 500, medium: 500, low: 800 };

/**
 * The input audio buffer of one session: VAD segmentation of everything received, speech_started/stopped and
 * auto-commit under server_vad/semantic_vad, manual commit and clear, and transcription events per committed item.
 */
export class InputAudio {
  private readonly audio = new AudioStore();
  private readonly segmenter: SpeechSegmenter;
  private bufferStart = 0;
  private item: PendingItem | null = null;
  private readonly segmentItem = new Map<number, { itemId: string; startMs: number }>();

  constructor(
    private readonly host: InputAudioHost,
    vad: VoiceActivityDetector,
    private readonly recognizer: RecognizerStream,
  ) {
    this.segmenter = new SpeechSegmenter(vad, {
      started: (index, startMs) => this.segmentStarted(index, startMs),
      progress: (index, speechMs) => this.segmentProgress(index, speechMs),
      ended: (index, startMs, endMs) => this.segmentEnded(index, startMs, endMs),
    });
    this.configure();
  }

  /** Applies the session's turn-detection settings to the segmenter (semantic_vad: a silence length per eagerness). */
  configure(): void {
    const turn = this.host.config().audio.input.turn_detection;
    if (turn?.type === 'server_vad') this.segmenter.settings = { ...DEFAULT_SEGMENTER, threshold: turn.threshold ?? 0.5, minSilenceMs: turn.silence_duration_ms ?? 200 };
    else if (turn?.type === 'semantic_vad') this.segmenter.settings = { ...DEFAULT_SEGMENTER, minSilenceMs: SEMANTIC_SILENCE_MS[turn.eagerness ?? 'auto'] ?? 500 };
    else this.segmenter.settings = DEFAULT_SEGMENTER;
  }

  append(pcm: Int16Array): void {
    void this.segmenter.run(() => this.audio.append(pcm));
    this.segmenter.push(pcm);
    void this.segmenter.run(() => this.checkIdle());
  }

  /** server_vad `idle_timeout_ms`: that long without speech → `timeout_triggered`, and the silent turn is committed. */
  private checkIdle(): void {
    const turn = this.host.config().audio.input.turn_detection;
    const idleMs = turn?.type === 'server_vad' ? turn.idle_timeout_ms : null;
    if (!idleMs || this.segmenter.inSpeech) return;
    const since = this.bufferStart / SAMPLES_PER_MS;
    const now = this.audio.total / SAMPLES_PER_MS;
    if (now - since < idleMs) return;
    const item = this.pending();
    this.host.outbox.send({ type: 'input_audio_buffer.timeout_triggered', audio_start_ms: Math.round(since), audio_end_ms: Math.round(now), item_id: item.id });
    this.host.turnDetected(item.id, this.commitItem(this.audio.total));
  }

  /** Resolves once all audio received so far has been analysed. */
  settled(): Promise<void> {
    return this.segmenter.run(() => undefined);
  }

  commit(eventId: string | undefined): void {
    void this.segmenter.run(() => {
      const bufferedMs = (this.audio.total - this.bufferStart) / SAMPLES_PER_MS;
      if (bufferedMs < MIN_COMMIT_MS) {
        this.host.error('input_audio_buffer_commit_empty', `Error committing input audio buffer: buffer too small. Expected at least ${MIN_COMMIT_MS}ms of audio, but buffer only has ${bufferedMs.toFixed(2)}ms of audio.`, null, eventId);
        return;
      }
      this.segmenter.cut(this.audio.total / SAMPLES_PER_MS);
      this.commitItem(this.audio.total);
    });
  }

  clear(): void {
    void this.segmenter.run(() => {
      this.segmenter.cut(this.audio.total / SAMPLES_PER_MS);
      this.item = null;
      this.bufferStart = this.audio.total;
      this.audio.dropBefore(this.bufferStart);
      this.host.outbox.send({ type: 'input_audio_buffer.cleared' });
    });
  }

  private vadMode(): boolean {
    return this.host.config().audio.input.turn_detection !== null;
  }

  private transcribing(): boolean {
    return this.host.config().audio.input.transcription !== null;
  }

  private pending(): PendingItem {
    this.item ??= { id: newId('item', 11), segments: [] };
    return this.item;
  }

  private segmentStarted(index: number, startMs: number): void {
    const item = this.pending();
    this.segmentItem.set(index, { itemId: item.id, startMs });
    if (!this.vadMode()) return;
    const padding = this.host.config().audio.input.turn_detection?.prefix_padding_ms ?? 300;
    const audioStartMs = Math.max(this.bufferStart / SAMPLES_PER_MS, startMs - padding);
    this.host.outbox.send({ type: 'input_audio_buffer.speech_started', audio_start_ms: Math.round(audioStartMs), item_id: item.id });
  }

  private segmentProgress(index: number, speechMs: number): void {
    const owner = this.segmentItem.get(index);
    if (!owner) return;
    this.sendDeltas(owner.itemId, this.recognizer.progress(index, speechMs, (skip) => this.segmentAudio(owner.startMs, this.audio.total, skip)));
  }

  /** A segment's audio up to `toSample` (less its first `skip` samples), with a little of the silence before it: recognizers decode better so. */
  private segmentAudio(startMs: number, toSample: number, skip = 0): Int16Array {
    const from = Math.max(this.bufferStart, Math.round((startMs - SEGMENT_PADDING_MS) * SAMPLES_PER_MS));
    return this.audio.slice(from + skip, Math.min(this.audio.total, toSample));
  }

  private segmentEnded(index: number, startMs: number, endMs: number): void {
    const owner = this.segmentItem.get(index);
    this.segmentItem.delete(index);
    const item = this.item;
    if (!owner || !item || owner.itemId !== item.id) return;
    const pcm = this.segmentAudio(startMs, Math.round((endMs + SEGMENT_PADDING_MS) * SAMPLES_PER_MS));
    const recognised = this.host.recognizerUnavailable
      ? Promise.resolve({ deltas: [], text: '' })
      : this.recognizer.ended(index, pcm).catch((error: unknown) => {
          console.error('[sotto local] recognizer failed', error);
          return { deltas: [], text: '' };
        });
    item.segments.push(
      recognised.then(({ deltas, text }) => {
        this.sendDeltas(item.id, deltas);
        return text;
      }),
    );
    if (!this.vadMode()) return;
    this.host.outbox.send({ type: 'input_audio_buffer.speech_stopped', audio_end_ms: Math.round(endMs), item_id: item.id });
    this.host.turnDetected(item.id, this.commitItem(Math.round(endMs * SAMPLES_PER_MS)));
  }

  /** Commits the pending item up to `endSample`; resolves its transcript. */
  private commitItem(endSample: number): Promise<string> {
    const item = this.pending();
    const seconds = Math.ceil((endSample - this.bufferStart) / (SAMPLES_PER_MS * 1000));
    const realtimeItem: ConversationItem = { id: item.id, object: 'realtime.item', type: 'message', status: 'completed', role: 'user', content: [{ type: 'input_audio' }] };
    const previous = this.host.conversation.add(realtimeItem);
    this.host.outbox.send({ type: 'input_audio_buffer.committed', item_id: item.id, previous_item_id: previous });
    this.host.outbox.send({ type: 'conversation.item.added', previous_item_id: previous, item: realtimeItem });
    this.host.outbox.send({ type: 'conversation.item.done', previous_item_id: previous, item: realtimeItem });
    const held = this.host.completionDelays.shift();
    const transcript = Promise.all(item.segments)
      .then((texts) => texts.filter(Boolean).join(' '))
      .then((text) => (held ? new Promise<string>((resolve) => setTimeout(() => resolve(text), held)) : text));
    void transcript.then((text) => {
      this.host.conversation.transcripts.set(item.id, text);
      if (!this.transcribing()) return;
      if (this.host.recognizerUnavailable) {
        this.host.outbox.send({
          type: 'conversation.item.input_audio_transcription.failed', item_id: item.id, content_index: 0,
          error: { type: 'transcription_error', code: 'local_transcription_unavailable', message: this.host.recognizerUnavailable },
        });
        return;
      }
      this.host.outbox.send({ type: 'conversation.item.input_audio_transcription.completed', item_id: item.id, content_index: 0, transcript: text, usage: { type: 'duration', seconds }, logprobs: null });
    });
    this.item = null;
    this.bufferStart = endSample;
    this.audio.dropBefore(endSample);
    return transcript;
  }

  private sendDeltas(itemId: string | undefined, deltas: string[]): void {
    if (!itemId || !this.transcribing() || this.host.recognizerUnavailable) return;
    for (const delta of deltas) this.host.outbox.send({ type: 'conversation.item.input_audio_transcription.delta', item_id: itemId, content_index: 0, delta, logprobs: null });
  }
}

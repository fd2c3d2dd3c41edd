import type { AudioFrame, CallChannel, RealtimeConnection, RealtimeServerEvent, RealtimeTransport, TranscriptSegment } from '@sotto/api';
import { toBase64 } from './base64.ts';
import { TranscriptAssembler } from './transcriptAssembler.ts';

export interface LiveSessionOptions {
  readonly channel: CallChannel;
  readonly transport: RealtimeTransport;
  readonly speaker?: string;
  readonly startPaddingMs: number;
  /** Epoch ms of the start of the call. */
  readonly callEpoch: () => number;
}

/**
 * One Realtime session of one side: what it has heard, what it has finished, and which of its lines it owns.
 * Several can live at once during a rotation; each owns the speech that starts on its side of the handover.
 */
export class LiveSession {
  /** Epoch ms of the first audio this session received. */
  audioStartMs: number | undefined;
  /** While set, only speech that starts before (retiring) or at/after (taking over) this call time belongs here. */
  ownsBefore: number | undefined;
  ownsFrom: number | undefined;
  private speaking = false;
  private readonly open = new Map<string, TranscriptSegment>();
  /** Turns heard but not yet transcribed, by item id → epoch ms where their audio starts. */
  private readonly inFlight = new Map<string, number>();
  private readonly assembler: TranscriptAssembler;
  private lastEventAt = Date.now();
  /** Epoch ms where the last turn this session finished ends. */
  completedUntilMs: number | undefined;
  /** Wall time of the first loud frame sent since the server last said anything. */
  private loudSinceEventAt: number | undefined;
  private quietSinceAt: number | undefined;
  /** Ends the session as failed; wired by its owner. */
  end: (why: string) => void = () => {};

  constructor(
    readonly connection: RealtimeConnection,
    readonly options: LiveSessionOptions,
  ) {
    this.assembler = new TranscriptAssembler(options.channel, () => ((this.audioStartMs ?? options.callEpoch()) - options.callEpoch()) / 1000, options.speaker, options.startPaddingMs);
    // Over WebRTC the captured track is already live, so the server's clock starts when the call connects.
    if (options.transport === 'webrtc') connection.state$.subscribe((state) => state.status === 'open' && (this.audioStartMs ??= Date.now()));
  }

  get isSpeaking(): boolean {
    return this.speaking;
  }

  /** Lines started but not finished. */
  get unfinished(): readonly TranscriptSegment[] {
    return [...this.open.values()];
  }

  /**
   * Epoch ms up to which everything this session heard is transcribed: the start of its earliest turn still in
   * flight, or its last frame when none is. Audio from there on must be given to a successor.
   */
  acknowledgedUntil(lastFrameMs: number | undefined): number | undefined {
    return this.inFlight.size ? Math.min(...this.inFlight.values()) : (lastFrameMs ?? this.audioStartMs);
  }

  send(frame: AudioFrame): void {
    this.audioStartMs ??= frame.capturedAt;
    this.connection.send({ type: 'input_audio_buffer.append', audio: toBase64(frame.pcm) });
  }

  /** Notes what the session was just given: speech or quiet, by the audio's own level. */
  noteLevel(loud: boolean, now = Date.now()): void {
    if (loud) {
      this.loudSinceEventAt ??= now;
      this.quietSinceAt = undefined;
    } else this.quietSinceAt ??= now;
  }

  /**
   * How long the server has owed us something, if it does: the end of speech it is still calling speech, the
   * transcript of a finished turn, or any sign that it heard speech at all.
   */
  overdueMs(now = Date.now()): number | undefined {
    if (this.speaking) return this.quietSinceAt === undefined ? undefined : now - this.quietSinceAt;
    if (this.inFlight.size) return now - this.lastEventAt;
    return this.loudSinceEventAt === undefined ? undefined : now - this.loudSinceEventAt;
  }

  /** Turns a server event into a line this session owns, or nothing. */
  handle(event: RealtimeServerEvent): TranscriptSegment | undefined {
    this.lastEventAt = Date.now();
    this.loudSinceEventAt = undefined;
    const itemId = event.item_id as string | undefined;
    if (event.type === 'input_audio_buffer.speech_started') {
      this.speaking = true;
      if (itemId) this.inFlight.set(itemId, (this.audioStartMs ?? this.options.callEpoch()) + Number(event.audio_start_ms ?? 0));
    }
    if (event.type === 'input_audio_buffer.speech_stopped') this.speaking = false;
    if (itemId && (event.type === 'conversation.item.input_audio_transcription.completed' || event.type === 'conversation.item.input_audio_transcription.failed')) this.inFlight.delete(itemId);
    const segment = this.assembler.handle(event);
    if (!segment || !this.owns(segment)) return undefined;
    if (segment.final) {
      this.open.delete(segment.itemId);
      this.completedUntilMs = Math.max(this.completedUntilMs ?? 0, this.options.callEpoch() + segment.end * 1000);
    }
    else this.open.set(segment.itemId, segment);
    return segment;
  }

  private owns(segment: TranscriptSegment): boolean {
    if (this.ownsBefore !== undefined && segment.start >= this.ownsBefore) return false;
    if (this.ownsFrom !== undefined && segment.start < this.ownsFrom) return false;
    return true;
  }
}

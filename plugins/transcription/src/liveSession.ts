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

interface Span {
  readonly start: number;
  readonly end: number;
}

/** Finals remembered for a successor's handover; far more than a handover overlap holds. */
const KEEP_DELIVERED = 50;

/** Two sessions' lines are the same turn when they share most of the shorter one's time (each session finds its own edges). */
function sameTurn(a: Span, b: Span): boolean {
  const overlap = Math.min(a.end, b.end) - Math.max(a.start, b.start);
  return overlap > 0 && overlap >= 0.5 * Math.max(0.001, Math.min(a.end - a.start, b.end - b.start));
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
  /** Lines heard before this session owned that time (a newcomer listening during a handover), latest version each. */
  private readonly withheld = new Map<string, TranscriptSegment>();
  /** The last finals this session delivered, as call-time spans. */
  private readonly delivered: Span[] = [];
  /** Spans a predecessor delivered: a line of this session overlapping one is the same turn, already shown. */
  private covered: readonly Span[] = [];
  /** Epoch ms of the latest audio the server has reported on (speech started or stopped). */
  heardUntilMs: number | undefined;
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

  /** Whether the server still owes a transcript for a turn it heard. */
  get owesTurns(): boolean {
    return this.inFlight.size > 0;
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
    const audioAt = (ms: unknown) => (this.audioStartMs ?? this.options.callEpoch()) + Number(ms ?? 0);
    if (event.type === 'input_audio_buffer.speech_started') {
      this.speaking = true;
      this.heardUntilMs = Math.max(this.heardUntilMs ?? 0, audioAt(event.audio_start_ms));
      if (itemId) this.inFlight.set(itemId, audioAt(event.audio_start_ms));
    }
    if (event.type === 'input_audio_buffer.speech_stopped') {
      this.speaking = false;
      this.heardUntilMs = Math.max(this.heardUntilMs ?? 0, audioAt(event.audio_end_ms));
    }
    if (itemId && (event.type === 'conversation.item.input_audio_transcription.completed' || event.type === 'conversation.item.input_audio_transcription.failed')) this.inFlight.delete(itemId);
    const segment = this.assembler.handle(event);
    if (!segment) return undefined;
    if (this.ownsFrom !== undefined && segment.start < this.ownsFrom) {
      // The predecessor owns this turn; kept in case it never delivers it (a lagging server, a session that died).
      this.withheld.set(segment.itemId, segment);
      return undefined;
    }
    return this.accept(segment);
  }

  /** Takes over the time before the handover once the predecessor has retired: its unshown lines, and any still to come. */
  adopt(predecessor: LiveSession | undefined): TranscriptSegment[] {
    this.covered = predecessor?.delivered ?? [];
    this.ownsFrom = undefined;
    const lines = [...this.withheld.values()];
    this.withheld.clear();
    return lines.map((line) => this.accept(line)).filter((line) => line !== undefined);
  }

  /** Withheld lines the predecessor has not delivered (yet). */
  pendingWithheld(predecessor: LiveSession): TranscriptSegment[] {
    return [...this.withheld.values()].filter((line) => !predecessor.delivered.some((span) => sameTurn(span, line)));
  }

  private accept(segment: TranscriptSegment): TranscriptSegment | undefined {
    if (this.ownsBefore !== undefined && segment.start >= this.ownsBefore) return undefined;
    if (this.covered.some((span) => sameTurn(span, segment))) return undefined;
    if (segment.final) {
      this.open.delete(segment.itemId);
      this.completedUntilMs = Math.max(this.completedUntilMs ?? 0, this.options.callEpoch() + segment.end * 1000);
      if (this.delivered.push({ start: segment.start, end: segment.end }) > KEEP_DELIVERED) this.delivered.shift();
    } else this.open.set(segment.itemId, segment);
    return segment;
  }
}

import { callClock, type CallStatus, type EchoSuppression, type RealtimeConnection, type SottoApi, type TranscriptSegment } from '@sotto/api';
import { EchoBackstop } from './echoBackstop.ts';

/**
 * What the two sessions of one call share inside this worker: the call's time origin (the first captured frame
 * of either side), the user's session, which hears every final participant line, and the recent lines of both
 * sides, which the echo backstop compares.
 */
export class CallContext {
  private epochMs: number | undefined;
  private userSession: RealtimeConnection | undefined;
  private channels = 0;
  private readonly lines: TranscriptSegment[] = [];
  /** Catches echo that got past signal-level suppression; none when echo suppression is off. */
  private backstop: EchoBackstop | undefined = new EchoBackstop();
  private status: CallStatus = 'live';
  /** The session whose conversation holds each of your recent final lines, so echo can be taken out of it too. */
  private readonly yourItems = new Map<string, RealtimeConnection>();
  private statusWatch: { unsubscribe(): void } | undefined;

  constructor(private readonly api: SottoApi) {}

  join(): void {
    this.channels += 1;
  }

  /** True when the last channel left, so the next call starts afresh. */
  leave(): boolean {
    this.channels -= 1;
    if (this.channels === 0) this.statusWatch?.unsubscribe();
    return this.channels === 0;
  }

  /** The echo suppression setting: off turns the text-level backstop off too. */
  setEchoSuppression(mode: EchoSuppression | undefined): void {
    if (mode === 'off') this.backstop = undefined;
  }

  /**
   * After a final line of either side is published: your lines it shows to hold the participant's words, heard
   * through the speakers, are published again without them (or retracted when they were only echo), and the status
   * detail says what was taken out of your lane.
   */
  private screen(segment: TranscriptSegment): void {
    const api = this.api;
    if (!this.backstop) return;
    this.statusWatch ??= api.streams.callState.events$.subscribe((state) => (this.status = state.status));
    for (const { corrected, echoed, source } of this.backstop.screen(segment)) {
      api.streams.transcript.publish(corrected);
      this.keep(corrected);
      this.takeEchoFromModel(corrected);
      const detail = `Echo caught: "${echoed}" taken out of your lane; ${source.speaker ?? 'the participant'} said it at ${callClock(source.start)}.`;
      api.log.info(detail);
      api.streams.callState.publish({ status: this.status === 'reconnecting' ? 'reconnecting' : 'live', detail });
    }
  }

  private fixed = false;

  /** The host's call clock, when it gives one: it outlives this worker, so times stay right after a restart. */
  setEpoch(epochMs: number): void {
    this.epochMs = epochMs;
    this.fixed = true;
  }

  noteFrame(capturedAtMs: number): void {
    if (!this.fixed && (this.epochMs === undefined || capturedAtMs < this.epochMs)) this.epochMs = capturedAtMs;
  }

  /** Epoch ms of the start of the call (now, until the first frame arrives). */
  epoch(): number {
    return this.epochMs ?? Date.now();
  }

  setUserSession(connection: RealtimeConnection): void {
    this.userSession = connection;
  }

  /** Every line either side publishes: final ones are kept for context, and screened for echo in your lane. */
  remember(segment: TranscriptSegment, heardBy?: RealtimeConnection): void {
    if (heardBy && segment.channel === 'you' && segment.final && !segment.gap) {
      this.yourItems.set(segment.itemId, heardBy);
      if (this.yourItems.size > 50) this.yourItems.delete(this.yourItems.keys().next().value!);
    }
    this.keep(segment);
    this.screen(segment);
  }

  /**
   * The model answers from your session's conversation, where an echoed line sits as your audio: the participant's
   * words would read as yours. An item that was only echo is deleted; one with words of yours left is replaced by
   * them as text, in its place.
   */
  private takeEchoFromModel(corrected: TranscriptSegment): void {
    const session = this.yourItems.get(corrected.itemId);
    if (!session) return;
    this.yourItems.delete(corrected.itemId);
    session.send({ type: 'conversation.item.delete', item_id: corrected.itemId });
    if (corrected.text && !corrected.retracted) {
      session.send({ type: 'conversation.item.create', ...(corrected.previousItemId ? { previous_item_id: corrected.previousItemId } : {}), item: { type: 'message', role: 'user', content: [{ type: 'input_text', text: corrected.text }] } });
    }
  }

  /** Final lines of both sides, the last 50, so a replacement of your session can be given the recent context. */
  private keep(segment: TranscriptSegment): void {
    if (!segment.final && !segment.retracted) return;
    const known = this.lines.findIndex((line) => line.itemId === segment.itemId && line.channel === segment.channel);
    if (known >= 0) this.lines.splice(known, 1);
    if (segment.gap || !segment.text || segment.retracted) return;
    this.lines.push(segment);
    if (this.lines.length > 50) this.lines.shift();
  }

  recentLines(count: number): readonly TranscriptSegment[] {
    return [...this.lines].sort((a, b) => a.start - b.start).slice(-count);
  }

  /** Seed goal 2: the user's conversation holds both sides, marked so the model knows who spoke. */
  relayParticipantLine(segment: TranscriptSegment): void {
    if (!segment.text) return;
    this.userSession?.send({
      type: 'conversation.item.create',
      item: { type: 'message', role: 'user', content: [{ type: 'input_text', text: `[${segment.speaker ?? 'Participant'}] ${segment.text}` }] },
    });
  }
}

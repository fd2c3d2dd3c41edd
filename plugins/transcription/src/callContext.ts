import type { RealtimeConnection, TranscriptSegment } from '@sotto/api';

/**
 * What the two sessions of one call share inside this worker: the call's time origin (the first captured frame
 * of either side) and the user's session, which hears every final participant line.
 */
export class CallContext {
  private epochMs: number | undefined;
  private userSession: RealtimeConnection | undefined;
  private channels = 0;
  private readonly lines: TranscriptSegment[] = [];

  join(): void {
    this.channels += 1;
  }

  /** True when the last channel left, so the next call starts afresh. */
  leave(): boolean {
    this.channels -= 1;
    return this.channels === 0;
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

  /** Final lines of both sides, the last 50, so a replacement of your session can be given the recent context. */
  remember(segment: TranscriptSegment): void {
    if (!segment.final || segment.gap || !segment.text) return;
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

import type { CallChannel, TranscriptSegment } from '@sotto/api';

/** How far before a line in progress its audio is replayed: voice detection keeps a little before speech too. */
const SPEECH_LEAD_S = 0.3;

/**
 * How far each side's transcript has got: where its last final line ends, and which lines are still in progress.
 * A transcriber that starts again mid-call (after a crash, or a refused key) resumes from there.
 */
export class TranscriptProgress {
  private readonly sides = new Map<CallChannel, { finalEnd: number; open: Map<string, TranscriptSegment> }>();

  note(segment: TranscriptSegment): void {
    const side = this.side(segment.channel);
    if (segment.retracted || segment.final) side.open.delete(segment.itemId);
    else side.open.set(segment.itemId, segment);
    if (segment.final && !segment.retracted) side.finalEnd = Math.max(side.finalEnd, segment.end);
  }

  /** Seconds into the call where untranscribed audio of `channel` begins. */
  resumeFrom(channel: CallChannel): number {
    const side = this.side(channel);
    const starts = [...side.open.values()].map((line) => line.start - SPEECH_LEAD_S);
    return Math.max(0, Math.min(side.finalEnd, ...starts));
  }

  /** Lines in progress on `channel`, forgotten here: a new transcriber hears their audio again. */
  takeUnfinished(channel: CallChannel): TranscriptSegment[] {
    const side = this.side(channel);
    const lines = [...side.open.values()];
    side.open.clear();
    return lines;
  }

  private side(channel: CallChannel) {
    let side = this.sides.get(channel);
    if (!side) this.sides.set(channel, (side = { finalEnd: 0, open: new Map() }));
    return side;
  }
}

import type { TranscriptSegment } from '@sotto/api';

const KEPT = 40;

/** The call's latest final lines from both sides, in the order they became final. */
export class RecentTurns {
  private readonly lines: TranscriptSegment[] = [];

  add(segment: TranscriptSegment): void {
    this.lines.push(segment);
    if (this.lines.length > KEPT) this.lines.shift();
  }

  /** The lines before the one with `itemId` (all of them when it is not kept). */
  before(itemId: string | undefined): readonly TranscriptSegment[] {
    const index = itemId === undefined ? -1 : this.lines.findIndex((s) => s.itemId === itemId);
    return index < 0 ? [...this.lines] : this.lines.slice(0, index);
  }

  lastFrom(channel: TranscriptSegment['channel']): TranscriptSegment | undefined {
    return this.lines.findLast((s) => s.channel === channel);
  }

  clear(): void {
    this.lines.length = 0;
  }
}

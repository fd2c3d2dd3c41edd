import type { TranscriptSegment } from '@sotto/api';

/** Folds a segment into the transcript: a delta or final for a known item replaces that line in place. */
export function foldTranscript(lines: readonly TranscriptSegment[], segment: TranscriptSegment): TranscriptSegment[] {
  const index = lines.findIndex((line) => line.itemId === segment.itemId && line.channel === segment.channel);
  if (index >= 0) {
    const next = [...lines];
    next[index] = segment;
    return next;
  }
  return [...lines, segment];
}

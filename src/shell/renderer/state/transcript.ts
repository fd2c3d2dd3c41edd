import type { TranscriptSegment } from '@sotto/api';

/**
 * Folds a segment into the transcript: a delta or final for a known item replaces that line in place, and a
 * retracted one removes it (a successor session transcribes that audio again).
 */
export function foldTranscript(lines: readonly TranscriptSegment[], segment: TranscriptSegment): TranscriptSegment[] {
  const index = lines.findIndex((line) => line.itemId === segment.itemId && line.channel === segment.channel);
  if (segment.retracted) return index >= 0 ? lines.filter((_, i) => i !== index) : [...lines];
  if (index >= 0) {
    const next = [...lines];
    next[index] = segment;
    return next;
  }
  return [...lines, segment];
}

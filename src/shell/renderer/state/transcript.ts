import type { TranscriptSegment } from '@sotto/api';

/** Where a line starting at `start` goes, so the transcript stays in call order without re-sorting (stable). */
function insertionIndex(lines: readonly TranscriptSegment[], start: number): number {
  let low = 0;
  let high = lines.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (lines[middle].start <= start) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * Folds a segment into the transcript, kept in call order: a delta or final for a known item replaces that line in
 * place, and a retracted one removes it (a successor session transcribes that audio again). Long calls append at
 * the end, so the search for an existing line starts there.
 */
export function foldTranscript(lines: readonly TranscriptSegment[], segment: TranscriptSegment): TranscriptSegment[] {
  let index = -1;
  for (let i = lines.length - 1; i >= 0; i--) {
    if (lines[i].itemId === segment.itemId && lines[i].channel === segment.channel) {
      index = i;
      break;
    }
  }
  const next = index >= 0 ? lines.filter((_, i) => i !== index) : [...lines];
  if (segment.retracted) return next;
  if (index >= 0 && lines[index].start === segment.start) {
    next.splice(index, 0, segment);
    return next;
  }
  next.splice(insertionIndex(next, segment.start), 0, segment);
  return next;
}

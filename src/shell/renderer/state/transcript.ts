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

/** Where `line`, which is in `lines`, is: among the lines that start when it does. */
function indexOf(lines: readonly TranscriptSegment[], line: TranscriptSegment): number {
  for (let i = insertionIndex(lines, line.start) - 1; i >= 0 && lines[i].start === line.start; i--) if (lines[i] === line) return i;
  return lines.lastIndexOf(line);
}

const keyOf = (segment: TranscriptSegment) => `${segment.channel}\n${segment.itemId}`;

/**
 * A fold of one transcript stream into the transcript, kept in call order: a delta or final for a known item replaces
 * that line in place, and a retracted one removes it (a successor session transcribes that audio again). It knows
 * each item's current line, so on a long call a line is found without a scan; it expects the lines it returned last.
 */
export function createTranscriptFold(): (lines: readonly TranscriptSegment[], segment: TranscriptSegment) => TranscriptSegment[] {
  const current = new Map<string, TranscriptSegment>();
  return (lines, segment) => {
    const key = keyOf(segment);
    const known = current.get(key);
    const index = known ? indexOf(lines, known) : -1;
    const next = lines.slice();
    if (index >= 0) next.splice(index, 1);
    if (segment.retracted) {
      current.delete(key);
      return next;
    }
    current.set(key, segment);
    next.splice(index >= 0 && known!.start === segment.start ? index : insertionIndex(next, segment.start), 0, segment);
    return next;
  };
}

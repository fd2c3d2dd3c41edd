import { describe, expect, it } from 'vitest';
import type { TranscriptSegment } from '@sotto/api';
import { createTranscriptFold } from '../../../src/shell/renderer/state/transcript.ts';

const segment = (itemId: string, start: number, extra: Partial<TranscriptSegment> = {}): TranscriptSegment => ({ channel: 'participant', itemId, previousItemId: null, text: itemId, final: true, start, end: start + 1, ...extra });

function fold(segments: TranscriptSegment[]): TranscriptSegment[] {
  const step = createTranscriptFold();
  return segments.reduce<TranscriptSegment[]>(step, []);
}

const ids = (lines: readonly TranscriptSegment[]) => lines.map((l) => `${l.channel}:${l.itemId}`);

describe('the transcript fold', () => {
  it('keeps lines in call order, a late line in its place and equal starts in arrival order', () => {
    const lines = fold([segment('a', 0), segment('c', 4), segment('b', 2), segment('d', 4), segment('e', 1)]);
    expect(ids(lines)).toEqual(['participant:a', 'participant:e', 'participant:b', 'participant:c', 'participant:d']);
  });

  it('replaces a line in place when its item changes, and moves it when its start does', () => {
    const lines = fold([segment('a', 0), segment('b', 2, { final: false, text: 'par' }), segment('c', 4), segment('b', 2, { text: 'partly' }), segment('a', 5)]);
    expect(lines.map((l) => [l.itemId, l.text])).toEqual([
      ['b', 'partly'],
      ['c', 'c'],
      ['a', 'a'],
    ]);
  });

  it('keeps the same item id on the two channels apart', () => {
    const lines = fold([segment('x', 0), segment('x', 1, { channel: 'you' }), segment('x', 0, { text: 'again' })]);
    expect(lines.map((l) => [l.channel, l.text])).toEqual([
      ['participant', 'again'],
      ['you', 'x'],
    ]);
  });

  it('removes a retracted line, which can come back later', () => {
    const lines = fold([segment('a', 0), segment('b', 2), segment('c', 2), segment('b', 2, { retracted: true }), segment('z', 9, { retracted: true })]);
    expect(ids(lines)).toEqual(['participant:a', 'participant:c']);
    const step = createTranscriptFold();
    let again = [segment('a', 0), segment('b', 2), segment('b', 2, { retracted: true }), segment('b', 3, { text: 'b again' })].reduce<TranscriptSegment[]>(step, []);
    again = step(again, segment('b', 3, { text: 'b once more' }));
    expect(again.map((l) => l.text)).toEqual(['a', 'b once more']);
  });

  it('returns a new array and leaves the one it was given as it was', () => {
    const step = createTranscriptFold();
    const first = step([], segment('a', 0));
    const second = step(first, segment('b', 1));
    expect(ids(first)).toEqual(['participant:a']);
    expect(ids(second)).toEqual(['participant:a', 'participant:b']);
  });
});

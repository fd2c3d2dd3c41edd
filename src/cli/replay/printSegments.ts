import type { Observable, Subscription } from 'rxjs';
import type { TranscriptSegment } from '@sotto/api';
import { speakerName } from '../../shell/common/transcriptFormats.ts';

const clock = (seconds: number) => `${String(Math.floor(seconds / 60)).padStart(2, '0')}:${(seconds % 60).toFixed(1).padStart(4, '0')}`;

/** Prints the transcript as it forms: JSON lines (deltas and finals), or final lines as text. */
export function printSegments(transcript$: Observable<TranscriptSegment>, json: boolean, write: (line: string) => void): Subscription {
  return transcript$.subscribe((s) => {
    if (json) write(JSON.stringify({ kind: 'segment', channel: s.channel, text: s.text, final: s.final, start: s.start, end: s.end, item_id: s.itemId }));
    else if (s.final) write(`[${clock(s.start)}] ${speakerName(s)}: ${s.text}`);
  });
}

/** Something that forms over several events (a transcript line, a reply), by its id. */
export interface Progress {
  readonly key: string;
  readonly final: boolean;
}

/** Waits until everything that started (lines, replies) is final and nothing new arrived for `quietMs`, or `maxMs` passed. */
export async function settle(progress$: Observable<Progress>, quietMs: number, maxMs: number): Promise<boolean> {
  const open = new Set<string>();
  let lastEvent = Date.now();
  const subscription = progress$.subscribe((p) => {
    lastEvent = Date.now();
    if (p.final) open.delete(p.key);
    else open.add(p.key);
  });
  const deadline = Date.now() + maxMs;
  try {
    while (Date.now() < deadline) {
      if (open.size === 0 && Date.now() - lastEvent >= quietMs) return true;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return false;
  } finally {
    subscription.unsubscribe();
  }
}

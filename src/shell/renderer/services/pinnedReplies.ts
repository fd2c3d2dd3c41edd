import { createEffect, createRoot } from 'solid-js';
import { replyMarks } from '../state/replyMarks.ts';
import type { Workbench } from '../state/workbench.ts';
import type { CallIds } from './transcriptRecorder.ts';

/**
 * Saves the replies pinned during a call (or just after it) with that call, whenever the pins or their text change.
 * Returns a function that stops saving.
 */
export function savePinnedReplies(wb: Workbench, calls: CallIds): () => void {
  return createRoot((dispose) => {
    const marks = replyMarks(wb);
    // A pin belongs to the call during which it was made, even after the next call starts.
    const callOf = new Map<string, string>();
    const saved = new Map<string, string>();
    createEffect(() => {
      const pinned = marks.pinned();
      const replies = wb.replies();
      for (const id of pinned) if (!callOf.has(id) && calls.latest()) callOf.set(id, calls.latest()!);
      const byCall = new Map<string, typeof replies[number][]>();
      for (const [id, callId] of callOf) {
        const reply = pinned.has(id) ? replies.find((r) => r.id === id) : undefined;
        if (reply) byCall.set(callId, [...(byCall.get(callId) ?? []), reply]);
        else if (!byCall.has(callId)) byCall.set(callId, []);
      }
      for (const [callId, list] of byCall) {
        const json = JSON.stringify(list);
        if (saved.get(callId) === json) continue;
        saved.set(callId, json);
        wb.bridge.savePinnedReplies({ callId, replies: list }).catch((error: Error) => wb.notify('error', `Could not save the pinned replies: ${error.message}`));
      }
    });
    return dispose;
  });
}

import type { CallChannel, RealtimeServerEvent, TranscriptSegment } from '@sotto/api';

interface Item {
  previousItemId: string | null;
  text: string;
  startMs?: number;
  endMs?: number;
}

/**
 * Turns one session's Realtime events into transcript segments: deltas update a line in place, a completion
 * makes it final. Times come from the server's speech detection, shifted to seconds from the start of the call.
 */
export class TranscriptAssembler {
  private readonly items = new Map<string, Item>();

  constructor(
    private readonly channel: CallChannel,
    /** Seconds from the start of the call to the start of this session's audio. */
    private readonly sessionOffset: () => number,
    private readonly speaker?: string,
    /** The server's speech start includes this much audio from before the speech (server_vad's prefix padding). */
    private readonly startPaddingMs = 0,
  ) {}

  handle(event: RealtimeServerEvent): TranscriptSegment | undefined {
    const itemId = event.item_id as string | undefined;
    // Only input-audio events describe transcript lines; response events on the shared session carry item ids too.
    if (!itemId || !(event.type.startsWith('input_audio_buffer.') || event.type.startsWith('conversation.item.input_audio_transcription.'))) return undefined;
    const item = this.item(itemId);
    switch (event.type) {
      case 'input_audio_buffer.speech_started':
        item.startMs = event.audio_start_ms as number;
        return undefined;
      case 'input_audio_buffer.speech_stopped':
        item.endMs = event.audio_end_ms as number;
        return undefined;
      case 'input_audio_buffer.committed':
        item.previousItemId = (event.previous_item_id as string | null | undefined) ?? null;
        return undefined;
      case 'conversation.item.input_audio_transcription.delta':
        item.text += String(event.delta ?? '');
        return this.segment(itemId, item, false);
      case 'conversation.item.input_audio_transcription.completed':
        item.text = String(event.transcript ?? item.text);
        this.items.delete(itemId);
        return this.segment(itemId, item, true);
      default:
        return undefined;
    }
  }

  private item(itemId: string): Item {
    let item = this.items.get(itemId);
    if (!item) {
      item = { previousItemId: null, text: '' };
      this.items.set(itemId, item);
    }
    return item;
  }

  private segment(itemId: string, item: Item, final: boolean): TranscriptSegment {
    const offset = this.sessionOffset();
    const start = offset + ((item.startMs ?? 0) + this.startPaddingMs) / 1000;
    return {
      channel: this.channel,
      itemId,
      previousItemId: item.previousItemId,
      text: item.text.trim(),
      final,
      start: round(start),
      end: round(item.endMs === undefined ? start : offset + item.endMs / 1000),
      ...(this.speaker ? { speaker: this.speaker } : {}),
    };
  }
}

const round = (seconds: number) => Math.round(seconds * 1000) / 1000;

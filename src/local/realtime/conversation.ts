import type { ConversationItem } from 'openai/resources/realtime/realtime';

/** The session's items in order; `previous_item_id` is the id of the item before. */
export class RealtimeConversation {
  private readonly items: ConversationItem[] = [];
  /** Transcripts of audio items, filled in when transcription completes. */
  readonly transcripts = new Map<string, string>();

  /** Adds the item after `previousId` (`'root'` = first; default = last) and returns its predecessor's id. */
  add(item: ConversationItem, previousId?: string | null): string | null {
    let index = this.items.length;
    if (previousId === 'root') index = 0;
    else if (previousId) {
      const at = this.items.findIndex((i) => i.id === previousId);
      if (at >= 0) index = at + 1;
    }
    this.items.splice(index, 0, item);
    return index === 0 ? null : (this.items[index - 1].id ?? null);
  }

  has(id: string): boolean {
    return this.items.some((i) => i.id === id);
  }

  get(id: string): ConversationItem | undefined {
    return this.items.find((i) => i.id === id);
  }

  delete(id: string): boolean {
    const at = this.items.findIndex((i) => i.id === id);
    if (at < 0) return false;
    this.items.splice(at, 1);
    return true;
  }

  /** The text of an item as the responder reads it (typed text, or the transcript of audio). */
  textOf(item: ConversationItem): string {
    if (item.type !== 'message') return item.type === 'function_call_output' ? item.output : '';
    return item.content
      .map((part) => ('text' in part && part.text ? part.text : part.type === 'input_audio' ? (this.transcripts.get(item.id ?? '') ?? part.transcript ?? '') : ''))
      .join(' ')
      .trim();
  }

  /** Every item in order, with the text the responder would read; for the test-only admin route. */
  list(): Array<{ id?: string; type: string; role?: string; text: string }> {
    return this.items.map((item) => ({ id: item.id, type: item.type, ...(item.type === 'message' ? { role: item.role } : {}), text: this.textOf(item) }));
  }

  lastUserText(): string {
    for (let i = this.items.length - 1; i >= 0; i--) {
      const item = this.items[i];
      if (item.type === 'message' && item.role === 'user') return this.textOf(item);
    }
    return '';
  }
}

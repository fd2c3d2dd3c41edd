import type { Conversation } from 'openai/resources/conversations/conversations';
import type { ConversationItem } from 'openai/resources/conversations/items';
import { notFound } from '../http/errors.ts';
import { newId, nowSeconds } from '../ids.ts';

interface StoredConversation {
  object: Conversation;
  items: ConversationItem[];
}

/** Conversations (`/v1/conversations`) and their items, in order. */
export class ConversationStore {
  private readonly conversations = new Map<string, StoredConversation>();

  create(metadata: Record<string, string> | null, items: ConversationItem[]): Conversation {
    const object: Conversation = { id: newId('conv'), object: 'conversation', created_at: nowSeconds(), metadata: metadata ?? {} };
    this.conversations.set(object.id, { object, items: [...items] });
    return object;
  }

  get(id: string): Conversation {
    return this.stored(id).object;
  }

  update(id: string, metadata: Record<string, string>): Conversation {
    const conversation = this.stored(id).object;
    conversation.metadata = metadata;
    return conversation;
  }

  delete(id: string): void {
    this.stored(id);
    this.conversations.delete(id);
  }

  items(id: string): ConversationItem[] {
    return this.stored(id).items;
  }

  append(id: string, items: readonly ConversationItem[]): void {
    this.stored(id).items.push(...items);
  }

  item(id: string, itemId: string): ConversationItem {
    const item = this.stored(id).items.find((i) => 'id' in i && i.id === itemId);
    if (!item) throw notFound('item', itemId);
    return item;
  }

  deleteItem(id: string, itemId: string): void {
    const stored = this.stored(id);
    this.item(id, itemId);
    stored.items = stored.items.filter((i) => !('id' in i) || i.id !== itemId);
  }

  private stored(id: string): StoredConversation {
    const conversation = this.conversations.get(id);
    if (!conversation) throw notFound('conversation', id);
    return conversation;
  }
}

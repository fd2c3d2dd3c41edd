import type { ConversationItem, RealtimeResponse } from 'openai/resources/realtime/realtime';
import { newId } from '../ids.ts';
import type { Responder } from '../responses/responder.ts';
import { words } from '../responses/run.ts';
import type { RealtimeConversation } from './conversation.ts';
import type { Outbox } from './outbox.ts';

export interface ResponseRequestParams {
  conversation?: string;
  input?: Array<Record<string, unknown>>;
  metadata?: Record<string, string> | null;
  instructions?: string;
}

interface Running {
  id: string;
  inConversation: boolean;
  cancelled: boolean;
}

const MAX_METADATA_KEYS = 16;

/**
 * Text responses of a realtime session (`output_modalities: ["text"]`): in the default conversation one at a time,
 * out of band (`conversation: "none"`) in parallel, each streaming word deltas until done or cancelled.
 */
export class RealtimeResponder {
  private readonly running = new Map<string, Running>();
  /** Fault injection: how many of the next responses fail as rate-limited. */
  failures = 0;

  constructor(
    private readonly outbox: Outbox,
    private readonly conversation: RealtimeConversation,
    private readonly responder: Responder,
    private readonly error: (code: string, message: string, param?: string | null, eventId?: string | null) => void,
    private readonly deltaDelayMs = 0,
  ) {}

  async create(params: ResponseRequestParams, eventId?: string, question?: string): Promise<void> {
    const outOfBand = params.conversation === 'none';
    if (params.metadata && Object.keys(params.metadata).length > MAX_METADATA_KEYS) {
      this.error('invalid_value', `Invalid 'response.metadata': too many properties. Expected an object with at most ${MAX_METADATA_KEYS} properties.`, 'response.metadata', eventId);
      return;
    }
    if (!outOfBand && [...this.running.values()].some((r) => r.inConversation)) {
      this.error('conversation_already_has_active_response', 'Conversation already has an active response in progress. Wait until the response is finished before creating a new one.', null, eventId);
      return;
    }
    const run: Running = { id: newId('resp', 10), inConversation: !outOfBand, cancelled: false };
    this.running.set(run.id, run);
    const response: RealtimeResponse = {
      object: 'realtime.response', id: run.id, status: 'in_progress', output: [],
      ...(outOfBand ? {} : { conversation_id: this.conversationId }), output_modalities: ['text'], max_output_tokens: 'inf',
      audio: { output: { format: { type: 'audio/pcm', rate: 24000 }, voice: 'marin' } }, metadata: params.metadata ?? null,
    };
    this.outbox.send({ type: 'response.created', response: { ...response, output: [] } });
    this.outbox.send({ type: 'rate_limits.updated', rate_limits: [{ name: 'requests', limit: 1000, remaining: 999, reset_seconds: 60 }, { name: 'tokens', limit: 50000, remaining: 49950, reset_seconds: 60 }] });
    if (this.failures > 0) {
      this.failures -= 1;
      this.running.delete(run.id);
      const error = { type: 'requests', code: 'rate_limit_exceeded', message: 'Rate limit reached for requests. Please try again in 2s.' };
      this.outbox.send({ type: 'response.done', response: { ...response, status: 'failed', status_details: { type: 'failed', error } } as unknown as RealtimeResponse });
      return;
    }

    const text = question ?? this.questionOf(params.input);
    const plan = this.responder.plan({ text, toolOutputs: [], functionNames: [] });
    const items: ConversationItem[] = plan.kind === 'tool_calls'
      ? plan.calls.map((c) => ({ id: newId('item', 11), object: 'realtime.item', type: 'function_call', status: 'completed', call_id: newId('call', 8), name: c.name, arguments: c.arguments }))
      : [{ id: newId('item', 11), object: 'realtime.item', type: 'message', status: 'completed', role: 'assistant', content: [{ type: 'output_text', text: plan.text }] }];

    for (const [output_index, item] of items.entries()) {
      if (run.cancelled) break;
      await this.stream(run, response, item, output_index);
    }
    const inputTokens = Math.ceil(text.length / 4);
    const outputTokens = Math.ceil(JSON.stringify(response.output).length / 4);
    this.running.delete(run.id);
    this.outbox.send({
      type: 'response.done',
      response: {
        ...response,
        status: run.cancelled ? 'cancelled' : 'completed',
        ...(run.cancelled ? { status_details: { type: 'cancelled', reason: 'client_cancelled' } } : {}),
        usage: {
          total_tokens: inputTokens + outputTokens, input_tokens: inputTokens, output_tokens: outputTokens,
          input_token_details: { text_tokens: inputTokens, audio_tokens: 0, image_tokens: 0, cached_tokens: 0, cached_tokens_details: { text_tokens: 0, audio_tokens: 0, image_tokens: 0 } },
          output_token_details: { text_tokens: outputTokens, audio_tokens: 0 },
        },
      },
    });
  }

  cancel(responseId: string | undefined, eventId?: string): void {
    const run = responseId ? this.running.get(responseId) : [...this.running.values()].at(-1);
    if (!run) {
      this.error('response_cancel_not_active', 'Cancellation failed: no active response found.', null, eventId);
      return;
    }
    run.cancelled = true;
  }

  conversationId: string | undefined;

  private async stream(run: Running, response: RealtimeResponse, item: ConversationItem, output_index: number): Promise<void> {
    const itemId = item.id as string;
    const ids = { response_id: run.id, item_id: itemId, output_index };
    const previous = run.inConversation ? this.conversation.add(item) : null;
    const started = { ...item, status: 'in_progress', ...(item.type === 'message' ? { content: [] } : { arguments: '' }) } as ConversationItem;
    this.outbox.send({ type: 'response.output_item.added', response_id: run.id, output_index, item: started });
    if (run.inConversation) this.outbox.send({ type: 'conversation.item.added', previous_item_id: previous, item: started });
    if (item.type === 'function_call') {
      this.outbox.send({ type: 'response.function_call_arguments.delta', ...ids, call_id: item.call_id as string, delta: item.arguments });
      this.outbox.send({ type: 'response.function_call_arguments.done', ...ids, call_id: item.call_id as string, name: item.name, arguments: item.arguments });
    } else if (item.type === 'message') {
      const full = (item.content[0] as { text: string }).text;
      this.outbox.send({ type: 'response.content_part.added', ...ids, content_index: 0, part: { type: 'text', text: '' } });
      let said = '';
      for (const delta of words(full)) {
        await new Promise((resolve) => (this.deltaDelayMs > 0 ? setTimeout(resolve, this.deltaDelayMs) : setImmediate(resolve)));
        if (run.cancelled) break;
        said += delta;
        this.outbox.send({ type: 'response.output_text.delta', ...ids, content_index: 0, delta });
      }
      (item.content[0] as { text: string }).text = said;
      if (run.cancelled) item.status = 'incomplete';
      this.outbox.send({ type: 'response.output_text.done', ...ids, content_index: 0, text: said });
      this.outbox.send({ type: 'response.content_part.done', ...ids, content_index: 0, part: { type: 'text', text: said } });
    }
    response.output?.push(item);
    this.outbox.send({ type: 'response.output_item.done', response_id: run.id, output_index, item });
    if (run.inConversation) this.outbox.send({ type: 'conversation.item.done', previous_item_id: previous, item });
  }

  /** The question: the last user message of `input` (item references resolved), else of the conversation. */
  private questionOf(input: ResponseRequestParams['input']): string {
    if (!input) return this.conversation.lastUserText();
    for (let i = input.length - 1; i >= 0; i--) {
      const entry = input[i];
      const item = entry.type === 'item_reference' ? this.conversation.get(String(entry.id)) : (entry as unknown as ConversationItem);
      if (item && item.type === 'message' && item.role === 'user') return this.conversation.textOf(item);
    }
    return '';
  }
}

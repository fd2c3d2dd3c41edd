import type { ConversationItem } from 'openai/resources/conversations/items';
import type {
  Response,
  ResponseFileSearchToolCall,
  ResponseFunctionToolCall,
  ResponseOutputItem,
  ResponseOutputMessage,
  ResponseStreamEvent,
} from 'openai/resources/responses/responses';
import { newId, nowSeconds } from '../ids.ts';
import type { NoteDocument } from '../knowledge/notes-index.ts';
import type { Responder } from './responder.ts';
import { lastUserText } from './items.ts';

export type StreamEventBody = ResponseStreamEvent extends infer E ? (E extends unknown ? Omit<E, 'sequence_number'> : never) : never;

export interface ResponseRequest {
  model: string;
  instructions: string | null;
  /** History (conversation or previous response) followed by this request's input. */
  history: ConversationItem[];
  input: ConversationItem[];
  tools: Array<Record<string, unknown> & { type: string }>;
  toolChoice: unknown;
  metadata: Record<string, string> | null;
  previousResponseId: string | null;
  conversationId: string | null;
  maxOutputTokens: number | null;
  /** file_search may read these uploaded files (completed vector-store attachments). */
  searchableFileIds: Set<string>;
  includeSearchResults: boolean;
}

/** Runs one response: the final object plus the SSE events that stream it, in order. */
export function runResponse(request: ResponseRequest, responder: Responder): { response: Response; events: StreamEventBody[] } {
  const base = skeleton(request);
  const events: StreamEventBody[] = [];
  const snapshot = (status: Response['status']) => ({ ...base, status, output: [...base.output] }) as Response;
  events.push({ type: 'response.created', response: snapshot('in_progress') });
  events.push({ type: 'response.in_progress', response: snapshot('in_progress') });

  const question = lastUserText([...request.history, ...request.input]);
  const toolOutputs = request.input.flatMap((i) => (i.type === 'function_call_output' ? [String(i.output)] : []));
  const fileSearch = request.tools.find((t) => t.type === 'file_search');
  const accept = fileSearch ? (note: NoteDocument) => note.fileId !== undefined && request.searchableFileIds.has(note.fileId) : undefined;
  const emit = (item: ResponseOutputItem, streamItem: (index: number) => void) => {
    const index = base.output.length;
    streamItem(index);
    base.output.push(item);
  };

  const functionNames = request.tools.flatMap((t) => (t.type === 'function' ? [String(t.name)] : []));
  const plan = request.toolChoice === 'none' ? responder.plan({ text: question, toolOutputs, functionNames: [], accept }) : responder.plan({ text: question, toolOutputs, functionNames, accept });

  if (fileSearch && toolOutputs.length === 0) {
    const limit = Number(fileSearch.max_num_results ?? 10);
    const hits = responder.search(question, limit, accept);
    const call: ResponseFileSearchToolCall = {
      id: newId('fs'),
      type: 'file_search_call',
      status: 'completed',
      queries: [question],
      results: request.includeSearchResults
        ? hits.map((h) => ({ file_id: h.note.fileId ?? null, filename: h.note.title, score: h.score, text: h.note.body.slice(0, 2000), attributes: {} }))
        : null,
    } as ResponseFileSearchToolCall;
    emit(call, (output_index) => {
      events.push({ type: 'response.output_item.added', output_index, item: { ...call, status: 'in_progress', results: null } as ResponseFileSearchToolCall });
      events.push({ type: 'response.file_search_call.in_progress', output_index, item_id: call.id });
      events.push({ type: 'response.file_search_call.searching', output_index, item_id: call.id });
      events.push({ type: 'response.file_search_call.completed', output_index, item_id: call.id });
      events.push({ type: 'response.output_item.done', output_index, item: call });
    });
  }

  if (plan.kind === 'tool_calls' && request.toolChoice !== 'none') {
    for (const c of plan.calls) {
      const call: ResponseFunctionToolCall = { id: newId('fc'), type: 'function_call', status: 'completed', call_id: newId('call'), name: c.name, arguments: c.arguments };
      emit(call, (output_index) => {
        events.push({ type: 'response.output_item.added', output_index, item: { ...call, status: 'in_progress', arguments: '' } });
        for (const delta of chunks(c.arguments, 16)) events.push({ type: 'response.function_call_arguments.delta', output_index, item_id: call.id, delta } as StreamEventBody);
        events.push({ type: 'response.function_call_arguments.done', output_index, item_id: call.id, name: c.name, arguments: c.arguments } as StreamEventBody);
        events.push({ type: 'response.output_item.done', output_index, item: call });
      });
    }
  } else {
    const text = plan.kind === 'text' ? plan.text : '';
    const source = plan.kind === 'text' ? plan.source : undefined;
    const annotations = source?.fileId ? [{ type: 'file_citation' as const, file_id: source.fileId, filename: source.title, index: text.length }] : [];
    const message: ResponseOutputMessage = {
      id: newId('msg'),
      type: 'message',
      status: 'completed',
      role: 'assistant',
      content: [{ type: 'output_text', text, annotations, logprobs: [] }],
    };
    emit(message, (output_index) => {
      const ids = { item_id: message.id, output_index, content_index: 0 };
      events.push({ type: 'response.output_item.added', output_index, item: { ...message, status: 'in_progress', content: [] } });
      events.push({ type: 'response.content_part.added', ...ids, part: { type: 'output_text', text: '', annotations: [], logprobs: [] } });
      for (const delta of words(text)) events.push({ type: 'response.output_text.delta', ...ids, delta, logprobs: [] });
      annotations.forEach((annotation, annotation_index) => events.push({ type: 'response.output_text.annotation.added', ...ids, annotation_index, annotation }));
      events.push({ type: 'response.output_text.done', ...ids, text, logprobs: [] });
      events.push({ type: 'response.content_part.done', ...ids, part: message.content[0] });
      events.push({ type: 'response.output_item.done', output_index, item: message });
    });
  }

  const inputTokens = tokens(JSON.stringify([request.instructions, request.history, request.input]));
  const outputTokens = tokens(JSON.stringify(base.output));
  Object.assign(base, {
    status: 'completed',
    completed_at: nowSeconds(),
    usage: { input_tokens: inputTokens, input_tokens_details: { cached_tokens: 0, cache_write_tokens: 0 } as { cached_tokens: number }, output_tokens: outputTokens, output_tokens_details: { reasoning_tokens: 0 }, total_tokens: inputTokens + outputTokens },
  });
  events.push({ type: 'response.completed', response: base });
  return { response: base, events };
}

function skeleton(request: ResponseRequest): Response {
  return {
    id: newId('resp'),
    object: 'response',
    created_at: nowSeconds(),
    status: 'in_progress',
    background: false,
    completed_at: null,
    error: null,
    incomplete_details: null,
    instructions: request.instructions,
    max_output_tokens: request.maxOutputTokens,
    max_tool_calls: null,
    model: request.model,
    output: [],
    parallel_tool_calls: true,
    previous_response_id: request.previousResponseId,
    conversation: request.conversationId ? { id: request.conversationId } : null,
    reasoning: { effort: null, summary: null },
    store: true,
    temperature: 1,
    text: { format: { type: 'text' }, verbosity: 'medium' },
    tool_choice: (request.toolChoice ?? 'auto') as Response['tool_choice'],
    tools: request.tools as unknown as Response['tools'],
    top_p: 1,
    truncation: 'disabled',
    metadata: request.metadata ?? {},
  } as unknown as Response;
}

/** Words with their leading space, so the deltas concatenate to the text. */
export function words(text: string): string[] {
  return text.match(/\s*\S+/g) ?? [];
}

function chunks(text: string, size: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

/** A rough token count (≈ 4 characters per token); there is no tokenizer offline. */
function tokens(text: string): number {
  return Math.ceil(text.length / 4);
}

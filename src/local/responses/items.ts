import type { ConversationItem } from 'openai/resources/conversations/items';
import type { ResponseInputItem } from 'openai/resources/responses/responses';
import { badRequest } from '../http/errors.ts';
import { newId } from '../ids.ts';

type Part = Record<string, unknown> & { type: string };

/** One input item (`ResponseInputItem`, or the shorthand `{role, content}`) as the stored item OpenAI keeps. */
export function toItem(raw: unknown, param: string): ConversationItem {
  if (!raw || typeof raw !== 'object') throw badRequest(`Invalid type for '${param}': expected an object.`, param, 'invalid_type');
  const input = raw as Record<string, unknown>;
  const type = (input.type as string | undefined) ?? 'message';
  if (type === 'message') return message(input, param);
  if (type === 'function_call_output') {
    if (typeof input.call_id !== 'string') throw badRequest(`Missing required parameter: '${param}.call_id'.`, `${param}.call_id`, 'missing_required_parameter');
    return { type, id: (input.id as string) ?? newId('fco'), call_id: input.call_id, output: input.output as string, status: 'completed' } as ConversationItem;
  }
  if (type === 'function_call') {
    return { type, id: (input.id as string) ?? newId('fc'), call_id: input.call_id as string, name: input.name as string, arguments: input.arguments as string, status: 'completed' } as ConversationItem;
  }
  if (type === 'file_search_call' || type === 'reasoning') return { ...input, id: (input.id as string) ?? newId('fs') } as unknown as ConversationItem;
  throw badRequest(`Invalid value: '${type}'. Supported values are: 'message', 'function_call', 'function_call_output'.`, `${param}.type`, 'invalid_value');
}

function message(input: Record<string, unknown>, param: string): ConversationItem {
  const role = input.role as string;
  if (!['user', 'assistant', 'system', 'developer'].includes(role)) {
    throw badRequest(`Invalid value: '${String(role)}'. Supported values are: 'user', 'assistant', 'system', and 'developer'.`, `${param}.role`, 'invalid_value');
  }
  const textType = role === 'assistant' ? 'output_text' : 'input_text';
  const rawContent = typeof input.content === 'string' ? [{ type: textType, text: input.content }] : input.content;
  if (!Array.isArray(rawContent)) throw badRequest(`Missing required parameter: '${param}.content'.`, `${param}.content`, 'missing_required_parameter');
  const content = rawContent.map((part: Part, i) => contentPart(part, `${param}.content[${i}]`));
  return { type: 'message', id: (input.id as string) ?? newId('msg'), status: 'completed', role, content } as ConversationItem;
}

function contentPart(part: Part, param: string): Part {
  switch (part?.type) {
    case 'input_text':
      return { type: 'input_text', text: String(part.text ?? '') };
    case 'output_text':
      return { type: 'output_text', text: String(part.text ?? ''), annotations: (part.annotations as unknown[]) ?? [], logprobs: [] };
    case 'input_image':
      if (typeof part.image_url !== 'string' && typeof part.file_id !== 'string') {
        throw badRequest(`Missing required parameter: '${param}.image_url'.`, `${param}.image_url`, 'missing_required_parameter');
      }
      return { type: 'input_image', detail: (part.detail as string) ?? 'auto', image_url: (part.image_url as string) ?? null, file_id: (part.file_id as string) ?? null };
    case 'input_file':
      return { type: 'input_file', file_id: (part.file_id as string) ?? null, filename: part.filename as string | undefined, file_data: part.file_data as string | undefined };
    default:
      throw badRequest(`Invalid value: '${String(part?.type)}'.`, `${param}.type`, 'invalid_value');
  }
}

/** The request's `input` (string or list) as items. */
export function inputItems(input: unknown): ConversationItem[] {
  if (typeof input === 'string') return [toItem({ role: 'user', content: input }, 'input')];
  if (input === undefined) return [];
  if (!Array.isArray(input)) throw badRequest("Invalid type for 'input': expected a string or an array.", 'input', 'invalid_type');
  return (input as ResponseInputItem[]).map((item, i) => toItem(item, `input[${i}]`));
}

/** The text of the last user message: what the user asked. */
export function lastUserText(items: readonly ConversationItem[]): string {
  for (let i = items.length - 1; i >= 0; i--) {
    const item = items[i];
    if (item.type === 'message' && item.role === 'user') {
      return item.content.map((p) => ('text' in p && typeof p.text === 'string' ? p.text : '')).join(' ').trim();
    }
  }
  return '';
}

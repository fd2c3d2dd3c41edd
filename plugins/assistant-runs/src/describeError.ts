import { APIError } from '@sotto/api/openai';
import type { AssistantAnswer } from '@sotto/api';
import { DEFAULT_MODEL } from './settings.ts';

/** A failed run as the user sees it: a specific message and, where there is one, a fix to take. */
export function describeError(error: unknown, model: string): Pick<AssistantAnswer, 'error' | 'offer'> {
  if (error instanceof APIError) {
    const code = error.code ?? '';
    if (code === 'model_not_found' || (error.status === 404 && /model/i.test(error.message))) {
      const offer = model === DEFAULT_MODEL ? undefined : { title: `Switch to ${DEFAULT_MODEL}`, command: 'assistant-runs.useDefaultModel' };
      return { error: `The model "${model}" is unknown or retired (${code || error.status}).${offer ? ` Switch to ${DEFAULT_MODEL}?` : ''}`, offer };
    }
    if (error.status === 429) {
      if (code === 'insufficient_quota' || code === 'credit_balance_exhausted') return { error: 'Your OpenAI quota is used up (429). Check your plan and billing.' };
      const retry = error.headers?.get('retry-after');
      return { error: `Rate limited (429)${retry ? `: retry after ${retry} s` : ''}. The next question tries again.` };
    }
    if (error.status === 401) return { error: 'The engine refused the API key (401). Enter a valid key in Settings.' };
    if (error.status === undefined) return { error: `Could not reach the engine: ${error.message}` };
    return { error: `The engine rejected the request (${error.status}${code ? ` ${code}` : ''}): ${error.message}` };
  }
  return { error: (error as Error).message ?? String(error) };
}

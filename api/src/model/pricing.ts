import type { Usage } from './call.ts';

/** USD per million tokens. The one price table: edit here when OpenAI's prices change. Unknown models cost nothing here. */
export const pricePerMillion: Readonly<Record<string, { input: number; cachedInput: number; output: number; audioInput?: number; audioOutput?: number }>> = {
  'gpt-6.1-terra': { input: 0.4, cachedInput: 0.04, output: 1.6 },
  'gpt-6-luna': { input: 1.25, cachedInput: 0.125, output: 10 },
  'gpt-5-mini': { input: 0.25, cachedInput: 0.025, output: 2 },
  'gpt-4.1-mini': { input: 0.4, cachedInput: 0.1, output: 1.6 },
  'gpt-4o-mini': { input: 0.15, cachedInput: 0.075, output: 0.6 },
  'gpt-realtime-2.1': { input: 4, cachedInput: 0.4, output: 16, audioInput: 32, audioOutput: 64 },
  'gpt-realtime-2.1-mini': { input: 0.6, cachedInput: 0.06, output: 2.4, audioInput: 10, audioOutput: 20 },
  'gpt-realtime': { input: 4, cachedInput: 0.4, output: 16, audioInput: 32, audioOutput: 64 },
  'gpt-live-transcribe': { input: 2.5, cachedInput: 2.5, output: 10, audioInput: 6 },
  'gpt-4o-transcribe': { input: 2.5, cachedInput: 2.5, output: 10, audioInput: 6 },
};

/** Cost in USD of one usage report; dated model ids (`gpt-4o-mini-2024-07-18`) use their family's price. */
export function costOf(usage: Usage): number {
  if (usage.engine === 'local') return 0;
  const price = pricePerMillion[usage.model] ?? pricePerMillion[usage.model.replace(/-\d{4}-\d{2}-\d{2}$/, '')];
  if (!price) return 0;
  const audioIn = usage.audioInputTokens ?? 0;
  const audioOut = usage.audioOutputTokens ?? 0;
  const textIn = Math.max(0, usage.inputTokens - usage.cachedInputTokens - audioIn);
  const textOut = Math.max(0, usage.outputTokens - audioOut);
  const audio = audioIn * (price.audioInput ?? price.input) + audioOut * (price.audioOutput ?? price.output);
  return (textIn * price.input + usage.cachedInputTokens * price.cachedInput + textOut * price.output + audio) / 1_000_000;
}

/** The `usage` of a Realtime `response.done` or a transcription's `…completed` event, as a usage report. */
export interface RealtimeUsage {
  readonly input_tokens?: number;
  readonly output_tokens?: number;
  readonly input_token_details?: { readonly cached_tokens?: number; readonly audio_tokens?: number };
  readonly output_token_details?: { readonly audio_tokens?: number };
}

export function usageOfRealtime(pluginId: string, model: string, usage: RealtimeUsage, engine?: Usage['engine']): Usage {
  return {
    pluginId,
    model,
    ...(engine ? { engine } : {}),
    inputTokens: usage.input_tokens ?? 0,
    cachedInputTokens: usage.input_token_details?.cached_tokens ?? 0,
    outputTokens: usage.output_tokens ?? 0,
    audioInputTokens: usage.input_token_details?.audio_tokens ?? 0,
    audioOutputTokens: usage.output_token_details?.audio_tokens ?? 0,
  };
}

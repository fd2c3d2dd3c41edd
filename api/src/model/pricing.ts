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
  const uncached = Math.max(0, usage.inputTokens - usage.cachedInputTokens);
  const audio = (usage.audioInputTokens ?? 0) * (price.audioInput ?? 0) + (usage.audioOutputTokens ?? 0) * (price.audioOutput ?? 0);
  return (uncached * price.input + usage.cachedInputTokens * price.cachedInput + usage.outputTokens * price.output + audio) / 1_000_000;
}

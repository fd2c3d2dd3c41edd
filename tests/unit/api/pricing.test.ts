import { describe, expect, it } from 'vitest';
import { costOf, pricePerMillion, usageOfRealtime } from '@sotto/api';

describe('costOf', () => {
  const usage = { pluginId: 'p', model: 'gpt-4o-mini', inputTokens: 1_000_000, cachedInputTokens: 400_000, outputTokens: 100_000 };

  it('prices uncached, cached and output tokens from the one price table', () => {
    const p = pricePerMillion['gpt-4o-mini'];
    expect(costOf(usage)).toBeCloseTo(0.6 * p.input + 0.4 * p.cachedInput + 0.1 * p.output, 10);
    expect(costOf({ ...usage, model: 'gpt-4o-mini-2024-07-18' })).toBe(costOf(usage));
  });

  it('prices the audio part of Realtime usage at the audio rate', () => {
    const usage = usageOfRealtime('transcription', 'gpt-realtime', { input_tokens: 1_000_000, output_tokens: 0, input_token_details: { cached_tokens: 0, audio_tokens: 600_000 } });
    const p = pricePerMillion['gpt-realtime'];
    expect(costOf(usage)).toBeCloseTo(0.4 * p.input + 0.6 * p.audioInput!, 10);
  });

  it('counts the local engine and unknown models as free', () => {
    expect(costOf({ ...usage, engine: 'local' })).toBe(0);
    expect(costOf({ ...usage, model: 'sotto-local-notes' })).toBe(0);
  });
});

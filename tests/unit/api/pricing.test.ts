import { describe, expect, it } from 'vitest';
import { costOf, pricePerMillion } from '@sotto/api';

describe('costOf', () => {
  const usage = { pluginId: 'p', model: 'gpt-4o-mini', inputTokens: 1_000_000, cachedInputTokens: 400_000, outputTokens: 100_000 };

  it('prices uncached, cached and output tokens from the one price table', () => {
    const p = pricePerMillion['gpt-4o-mini'];
    expect(costOf(usage)).toBeCloseTo(0.6 * p.input + 0.4 * p.cachedInput + 0.1 * p.output, 10);
    expect(costOf({ ...usage, model: 'gpt-4o-mini-2024-07-18' })).toBe(costOf(usage));
  });

  it('counts the local engine and unknown models as free', () => {
    expect(costOf({ ...usage, engine: 'local' })).toBe(0);
    expect(costOf({ ...usage, model: 'sotto-local-notes' })).toBe(0);
  });
});

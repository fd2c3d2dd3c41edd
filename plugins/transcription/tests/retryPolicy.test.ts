import { describe, expect, it } from 'vitest';
import { CancellationTokenSource, PluginError } from '@sotto/api';
import { isFinal, ordinal, retryDelayMs, withRetries } from '../src/retryPolicy.ts';

describe('retry policy for minting and reconnecting', () => {
  it('never retries what the user must fix', () => {
    expect(isFinal(new PluginError('E_UNAUTHORIZED', 'bad key'))).toBe(true);
    expect(isFinal(new PluginError('E_QUOTA', 'no quota'))).toBe(true);
    expect(isFinal(new PluginError('E_UPSTREAM', 'server error (503)'))).toBe(false);
    expect(isFinal(new PluginError('E_RATE_LIMITED', 'slow down'))).toBe(false);
  });

  it("waits as long as a 429 asks, else backs off with jitter", () => {
    expect(retryDelayMs(new PluginError('E_RATE_LIMITED', 'The local engine is rate limiting requests; retry after 2 s.'), 1)).toBe(2000);
    expect(retryDelayMs(new PluginError('E_UPSTREAM', 'x'), 1, () => 0.5)).toBe(500);
    expect(retryDelayMs(new PluginError('E_UPSTREAM', 'x'), 3, () => 0.5)).toBe(2000);
    expect(retryDelayMs(new PluginError('E_UPSTREAM', 'x'), 10, () => 1)).toBe(9600);
  });

  it('counts tries for the user', () => {
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22].map(ordinal)).toEqual(['1st', '2nd', '3rd', '4th', '11th', '12th', '13th', '21st', '22nd']);
  });

  it('stops at a final error and after the last attempt', async () => {
    const token = new CancellationTokenSource().token;
    let calls = 0;
    await expect(withRetries(async () => { calls++; throw new PluginError('E_UNAUTHORIZED', 'no'); }, token, () => {})).rejects.toThrow('no');
    expect(calls).toBe(1);
    const retries: number[] = [];
    let n = 0;
    const value = await withRetries(async () => (++n < 3 ? Promise.reject(new PluginError('E_RATE_LIMITED', 'retry after 0.01 s')) : 'ok'), token, (next) => retries.push(next));
    expect([value, retries]).toEqual(['ok', [2, 3]]);
  });
});

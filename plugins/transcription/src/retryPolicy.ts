import type { CancellationToken, PluginError } from '@sotto/api';

export const MAX_ATTEMPTS = 5;

/** Errors that retrying cannot fix: the user has to act (a valid key, a plan with quota, a permission). */
export function isFinal(error: unknown): boolean {
  const code = (error as PluginError).code;
  return code === 'E_UNAUTHORIZED' || code === 'E_QUOTA' || code === 'E_PERMISSION' || code === 'E_INVALID_INPUT';
}

/** How long to wait before attempt `attempt + 1`: the engine's retry-after when it gave one, else backoff with jitter. */
export function retryDelayMs(error: unknown, attempt: number, random = Math.random): number {
  const retryAfter = /retry after (\d+(?:\.\d+)?) s/.exec((error as Error).message ?? '');
  if ((error as PluginError).code === 'E_RATE_LIMITED' && retryAfter) return Number(retryAfter[1]) * 1000;
  const base = Math.min(8_000, 500 * 2 ** (attempt - 1));
  return Math.round(base * (0.8 + 0.4 * random()));
}

export function ordinal(n: number): string {
  const suffix = n % 10 === 1 && n % 100 !== 11 ? 'st' : n % 10 === 2 && n % 100 !== 12 ? 'nd' : n % 10 === 3 && n % 100 !== 13 ? 'rd' : 'th';
  return `${n}${suffix}`;
}

/** Resolves after `ms`, or as soon as the call ends. */
export function sleep(ms: number, token: CancellationToken): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    token.onCancellationRequested(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/**
 * Runs `attempt` until it succeeds, the error is final, the attempts run out or the call ends. Before each retry
 * `onRetry` says which try comes next and why, so the user sees "reconnecting… 2nd try".
 */
export async function withRetries<T>(attempt: () => Promise<T>, token: CancellationToken, onRetry: (nextTry: number, waitMs: number, error: Error) => void): Promise<T> {
  for (let tries = 1; ; tries++) {
    try {
      return await attempt();
    } catch (error) {
      if (isFinal(error) || tries >= MAX_ATTEMPTS || token.isCancellationRequested) throw error;
      const wait = retryDelayMs(error, tries);
      onRetry(tries + 1, wait, error as Error);
      await sleep(wait, token);
      if (token.isCancellationRequested) throw error;
    }
  }
}

import { PluginError } from '@sotto/api';

/** Rejects with E_TIMEOUT when `promise` takes longer than `ms`. Comlink calls to a dead worker never settle. */
export function withDeadline<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new PluginError('E_TIMEOUT', `${what} did not answer within ${ms} ms.`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

import type { LocalEngine } from '../shell/node/engine.ts';

/** Starts the in-process local engine on first use and reuses it; resolves undefined (with a reason logged) if it cannot run. */
export function lazyLocalEngine(log: (message: string) => void = console.error): LocalEngine & { stop(): Promise<void> } {
  let started: Promise<{ url: string; close(): Promise<void> } | undefined> | undefined;
  const engine = () => {
    started ??= import('../local/index.ts')
      .then(({ startLocalServer }) => startLocalServer({ port: 0 }))
      .catch((error: Error) => {
        log(`The local engine could not start: ${error.message}`);
        return undefined;
      });
    return started.then((server) => server?.url);
  };
  return Object.assign(engine, { stop: async () => (await started)?.close() });
}

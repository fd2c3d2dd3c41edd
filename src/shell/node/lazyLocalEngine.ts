import type { LocalEngine } from './engine.ts';

export interface RunningLocalServer {
  readonly url: string;
  close(): Promise<void>;
}

/**
 * Starts the local engine on first use and reuses it. The composition root (CLI or Electron main) passes how to
 * start it, so the shell never depends on the local server's code. Resolves undefined, with the reason logged,
 * when it cannot run.
 */
export function lazyLocalEngine(start: () => Promise<RunningLocalServer>, log: (message: string) => void = console.error): LocalEngine & { stop(): Promise<void> } {
  let started: Promise<RunningLocalServer | undefined> | undefined;
  const engine = () => {
    started ??= start().catch((error: Error) => {
      log(`The local engine could not start: ${error.message}`);
      return undefined;
    });
    return started.then((server) => server?.url);
  };
  return Object.assign(engine, { stop: async () => (await started)?.close() });
}

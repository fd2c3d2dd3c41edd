import { Worker } from 'node:worker_threads';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import type { Endpoint } from 'comlink';
import type { PluginDescription } from '../common/pluginDescription.ts';
import type { LaunchedWorker, WorkerLauncher } from '../common/services.ts';
import { bundlePlugin } from './bundlePlugin.ts';

/**
 * Runs plugins in worker_threads, for tests and headless runs (`sotto replay`). Node workers are NOT a sandbox:
 * they share the process's rights. The headless host therefore runs only built-in or user-approved plugins.
 */
export class NodeWorkerLauncher implements WorkerLauncher {
  constructor(private readonly cacheDir: string) {}

  async launch(description: PluginDescription): Promise<LaunchedWorker> {
    const file = await bundlePlugin(description, this.cacheDir);
    const worker = this.spawn(file, description);
    let terminating = false;
    let exitListener: ((reason: string) => void) | undefined;
    worker.on('error', (error) => exitListener?.(`${error.name}: ${error.message}`));
    worker.on('exit', (code) => !terminating && exitListener?.(`exit code ${code}`));
    return {
      endpoint: nodeEndpoint(worker) as Endpoint,
      terminate: () => {
        terminating = true;
        void worker.terminate();
      },
      onExit: (listener) => (exitListener = listener),
    };
  }

  /** Starts the thread; a subclass may watch it (the long-call test measures each worker's heap). */
  protected spawn(file: string, _description: PluginDescription): Worker {
    return new Worker(file, { resourceLimits: { maxOldGenerationSizeMb: 512 }, stdout: false, stderr: false });
  }
}

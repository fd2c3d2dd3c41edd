import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import type { Endpoint } from 'comlink';
import type { PluginDescription } from '../common/pluginDescription.ts';
import type { LaunchedWorker, WorkerLauncher } from '../common/services.ts';
import { bundlePlugin } from './bundlePlugin.ts';

/**
 * A thread booted ahead of need: Node takes ~30 ms to start one, most of a plugin's activation. It loads the
 * plugin's bundle when told which, and says when the bundle's runtime is listening.
 */
const SPARE_THREAD = `const { parentPort } = require('node:worker_threads');
parentPort.once('message', ({ load }) => import(load).then(() => parentPort.postMessage({ loaded: true }), (error) => setTimeout(() => { throw error; })));`;

/**
 * Runs plugins in worker_threads, for tests and headless runs (`sotto replay`). Node workers are NOT a sandbox:
 * they share the process's rights. The headless host therefore runs only built-in or user-approved plugins.
 */
export class NodeWorkerLauncher implements WorkerLauncher {
  private spare: Worker | undefined;

  constructor(private readonly cacheDir: string) {}

  async launch(description: PluginDescription): Promise<LaunchedWorker> {
    const file = await bundlePlugin(description, this.cacheDir);
    const worker = this.spawn(file, description);
    let terminating = false;
    let exitReason: string | undefined;
    let exitListener: ((reason: string) => void) | undefined;
    const exited = (reason: string) => (exitListener ? exitListener(reason) : (exitReason ??= reason));
    worker.on('error', (error) => exited(`${error.name}: ${error.message}`));
    worker.on('exit', (code) => !terminating && exited(`exit code ${code}`));
    // The host talks only once the bundle listens; a bundle that fails to load is reported as the thread's exit.
    await new Promise<void>((resolve) => {
      const settled = () => {
        for (const event of ['message', 'error', 'exit'] as const) worker.off(event, settled);
        resolve();
      };
      for (const event of ['message', 'error', 'exit'] as const) worker.on(event, settled);
    });
    return {
      endpoint: nodeEndpoint(worker) as Endpoint,
      terminate: () => {
        terminating = true;
        void worker.terminate();
      },
      onExit: (listener) => {
        exitListener = listener;
        if (exitReason !== undefined) listener(exitReason);
      },
    };
  }

  /** Starts the plugin's thread (the spare, and boots the next spare); a subclass may watch it (the long-call test). */
  protected spawn(file: string, _description: PluginDescription): Worker {
    const worker = this.spare ?? bootThread();
    this.spare = bootThread();
    worker.ref();
    worker.postMessage({ load: pathToFileURL(file).href });
    return worker;
  }
}

function bootThread(): Worker {
  const worker = new Worker(SPARE_THREAD, { eval: true, resourceLimits: { maxOldGenerationSizeMb: 512 }, stdout: false, stderr: false });
  // A spare never keeps the process alive.
  worker.unref();
  return worker;
}

import type { Endpoint } from 'comlink';
import { PluginError } from '@sotto/api';
import type { PluginDescription } from '../common/pluginDescription.ts';
import type { LaunchedWorker, WorkerLauncher } from '../common/services.ts';

/**
 * Runs each plugin in its own module Web Worker. The worker script is served with a CSP of `connect-src 'none'`,
 * so the plugin has no network of its own; the host's `net` service is its only way out.
 */
export class WebWorkerLauncher implements WorkerLauncher {
  async launch(description: PluginDescription): Promise<LaunchedWorker> {
    if (!description.bundle) throw new PluginError('E_UNAVAILABLE', `Plugin "${description.id}" has no worker bundle.`);
    const worker = new Worker(description.bundle, { type: 'module', name: `plugin:${description.id}` });
    let exitListener: ((reason: string) => void) | undefined;
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      exitListener?.(event.message || 'the worker script failed to load or threw');
    });
    return {
      endpoint: worker as unknown as Endpoint,
      terminate: () => worker.terminate(),
      onExit: (listener) => (exitListener = listener),
    };
  }
}

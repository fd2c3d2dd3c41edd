import { expose, type Endpoint } from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import type { PluginModule } from '../plugin.ts';
import { createPluginShape } from './pluginShape.ts';

type NodeProcess = { getBuiltinModule?(id: 'node:worker_threads'): { parentPort: Parameters<typeof nodeEndpoint>[0] | null } };

/** Where this worker talks to its host: `parentPort` under Node's worker_threads, `self` in a Web Worker. */
function hostEndpoint(): Endpoint {
  const nodeProcess = (globalThis as { process?: NodeProcess }).process;
  const parentPort = nodeProcess?.getBuiltinModule?.('node:worker_threads').parentPort;
  if (parentPort) return nodeEndpoint(parentPort);
  return globalThis as unknown as Endpoint;
}

/** Entry of every plugin worker bundle: serves the plugin to the host over Comlink. */
export function startPluginWorker(module: PluginModule | { default: PluginModule }): void {
  const plugin = 'activate' in module ? module : module.default;
  expose(createPluginShape(plugin), hostEndpoint());
}

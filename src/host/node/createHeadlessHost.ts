import { container as rootContainer } from 'tsyringe';
import { PluginError } from '@sotto/api';
import type { PluginDescription } from '../common/pluginDescription.ts';
import { PluginHost } from '../common/pluginHost.ts';
import { MemorySettings } from '../common/memorySettings.ts';
import { defaultSupervisionPolicy, tokens, type HostLog, type RealtimeGateway, type ShellGateway, type SupervisionPolicy, type WorkerLauncher } from '../common/services.ts';
import { NodeWorkerLauncher } from './nodeWorkerLauncher.ts';
import { WsRealtimeGateway } from './wsRealtimeGateway.ts';

export interface HeadlessHostOptions {
  readonly catalog: readonly PluginDescription[];
  readonly cacheDir: string;
  readonly settings?: MemorySettings;
  readonly gateway?: ShellGateway;
  readonly log?: HostLog;
  readonly policy?: Partial<SupervisionPolicy>;
  readonly realtime?: RealtimeGateway;
  /** worker_threads by default. */
  readonly launcher?: WorkerLauncher;
}

const noGateway: ShellGateway = {
  mintClientSecret: async () => {
    throw new PluginError('E_UNAVAILABLE', 'This headless host has no engine to mint client secrets.');
  },
  fetch: async () => {
    throw new PluginError('E_UNAVAILABLE', 'This headless host has no network gateway.');
  },
};

/** A plugin host in plain Node with worker_threads: used by tests and by `sotto replay`. */
export function createHeadlessHost(options: HeadlessHostOptions): PluginHost {
  const scope = rootContainer.createChildContainer();
  scope.register(tokens.Catalog, { useValue: options.catalog });
  scope.register(tokens.WorkerLauncher, { useValue: options.launcher ?? new NodeWorkerLauncher(options.cacheDir) });
  scope.register(tokens.HostSettings, { useValue: options.settings ?? new MemorySettings() });
  scope.register(tokens.ShellGateway, { useValue: options.gateway ?? noGateway });
  scope.register(tokens.HostLog, { useValue: options.log ?? { log: (id, level, message) => console[level === 'info' ? 'log' : level](`[${id}] ${message}`) } });
  scope.register(tokens.SupervisionPolicy, { useValue: { ...defaultSupervisionPolicy, ...options.policy } });
  scope.register(tokens.RealtimeGateway, { useValue: options.realtime ?? new WsRealtimeGateway() });
  return scope.resolve(PluginHost);
}

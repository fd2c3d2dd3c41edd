import type { Subscription } from 'rxjs';
import { PluginError, unwrap } from '../common/errors.ts';
import type { Emitter } from '../common/event.ts';
import { toDisposable, type Disposable } from '../common/disposable.ts';
import { checkDeclared, type RegistrationKind } from '../manifest/declared.ts';
import type { PluginManifest } from '../manifest/types.ts';
import type { SettingChange } from '../model/services.ts';
import type { PanelProvider, SottoApi } from '../plugin.ts';
import type { HostShape } from '../rpc/shapes.ts';
import { API_VERSION } from '../version.ts';
import type { ProviderRegistry } from './providerRegistry.ts';
import { createStreams } from './streams.ts';
import { attachRealtime, connectRealtime } from './realtime.ts';
import { createEngine } from './engine.ts';
import { invokeTool } from './tools.ts';

export interface ApiState {
  readonly registry: ProviderRegistry;
  readonly settings: Map<string, unknown>;
  readonly settingChanges: Emitter<SettingChange>;
}

/** Builds the typed API a plugin sees from the host's wire shape. Shared by real workers and the test host. */
export function createPluginApi(manifest: PluginManifest, host: HostShape, state: ApiState): SottoApi {
  const register = (kind: RegistrationKind, id: string, provider: unknown, extra?: () => void): Disposable => {
    const undeclared = checkDeclared(manifest, kind, id);
    if (undeclared) throw new PluginError(undeclared.code, undeclared.message);
    state.registry.add(kind, id, provider);
    void host.$register(kind, id).then((result) => {
      if (!result.ok) void host.$log('error', result.error.message);
    });
    return toDisposable(() => {
      extra?.();
      state.registry.delete(kind, id);
      void host.$unregister(kind, id);
    });
  };

  const registerPanel = (id: string, provider: PanelProvider): Disposable => {
    const disposable = register('panels', id, provider, () => subscription.unsubscribe());
    const subscription: Subscription = provider.model$.subscribe((model) => void host.$panelModel(id, model));
    return disposable;
  };

  return {
    version: API_VERSION,
    streams: createStreams(host),
    commands: {
      register: (id, handler) => register('commands', id, handler),
      execute: async <T>(fullId: string, ...args: unknown[]) => unwrap(await host.$executeCommand(fullId, args)) as T,
    },
    panels: { register: registerPanel },
    capture: { registerSource: (id, provider) => register('captureSources', id, provider) },
    transcribers: { register: (id, provider) => register('transcribers', id, provider) },
    replies: { registerProvider: (id, provider) => register('replyProviders', id, provider) },
    tools: {
      register: (name, tool) => register('assistantTools', name, tool),
      list: async () => unwrap(await host.$listTools()),
      invoke: (name, input, options) => invokeTool(host, name, input, options),
    },
    settings: {
      get: <T>(key: string) => state.settings.get(key) as T | undefined,
      all: <T extends object>() => Object.fromEntries(state.settings) as T,
      onDidChange: state.settingChanges.event,
    },
    secrets: { mintClientSecret: async (kind, session) => unwrap(await host.$mintSecret(kind, session)) },
    net: { fetch: async (url, init) => unwrap(await host.$fetch(url, init)) },
    engine: createEngine(host),
    files: { read: async (key) => unwrap(await host.$readUserFiles(key)) },
    realtime: { connect: (options) => connectRealtime(host, options), attach: (name) => attachRealtime(host, name) },
    log: {
      info: (message) => void host.$log('info', message),
      warn: (message) => void host.$log('warn', message),
      error: (message, error) => void host.$log('error', error ? `${message}: ${error instanceof Error ? error.message : String(error)}` : message),
    },
  };
}

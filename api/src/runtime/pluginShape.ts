import { CancellationTokenSource } from '../common/cancellation.ts';
import { capture, PluginError, type Result } from '../common/errors.ts';
import { Emitter } from '../common/event.ts';
import type { Disposable } from '../common/disposable.ts';
import type { RegistrationKind } from '../manifest/declared.ts';
import type { SettingChange } from '../model/services.ts';
import type { PluginContext, PluginModule } from '../plugin.ts';
import type { HostShape, PluginInit, PluginShape } from '../rpc/shapes.ts';
import { adaptArgs } from './adaptArgs.ts';
import { createPluginApi } from './createApi.ts';
import { ProviderRegistry } from './providerRegistry.ts';
import { streamsOpened } from './streams.ts';

/** The worker side of one plugin: activation, provider calls with cancellation, settings updates. */
export function createPluginShape(module: PluginModule): PluginShape {
  const registry = new ProviderRegistry();
  const settings = new Map<string, unknown>();
  const settingChanges = new Emitter<SettingChange>();
  const calls = new Map<number, CancellationTokenSource>();
  let context: PluginContext | undefined;

  const deactivate = async (): Promise<void> => {
    const errors: unknown[] = [];
    try {
      await module.deactivate?.();
    } catch (error) {
      errors.push(error);
    }
    for (const item of (context?.subscriptions ?? []).splice(0).reverse()) {
      try {
        (item as Disposable).dispose();
      } catch (error) {
        errors.push(error);
      }
    }
    if (errors.length) throw errors[0];
  };

  return {
    async $activate(init: PluginInit, host: HostShape): Promise<Result<void>> {
      for (const [key, value] of Object.entries(init.settings)) settings.set(key, value);
      const api = createPluginApi(init.manifest, host, { registry, settings, settingChanges });
      context = { id: init.manifest.id, version: init.manifest.version, manifest: init.manifest, subscriptions: [] };
      const activeContext = context;
      return capture(async () => {
        await module.activate(activeContext, api);
        await streamsOpened();
      });
    },
    $deactivate: () => capture(deactivate),
    async $invoke(kind: RegistrationKind, id: string, method: string, args: unknown[], callId: number): Promise<Result<unknown>> {
      const source = new CancellationTokenSource();
      calls.set(callId, source);
      try {
        return await capture(() => {
          const provider = registry.get(kind, id);
          if (kind === 'commands') return (provider as (...a: unknown[]) => unknown)(...args);
          const fn = (provider as Record<string, unknown>)[method];
          if (typeof fn !== 'function') throw new PluginError('E_NOT_FOUND', `${kind} "${id}" has no method "${method}".`);
          return fn.apply(provider, [...adaptArgs(kind, method, args), source.token]);
        });
      } finally {
        calls.delete(callId);
        source.dispose();
      }
    },
    async $cancel(callId: number) {
      calls.get(callId)?.cancel();
    },
    async $settingsChanged(changes: SettingChange[]) {
      for (const change of changes) {
        settings.set(change.key, change.value);
        settingChanges.fire(change);
      }
    },
    async $ping() {
      return true;
    },
  };
}

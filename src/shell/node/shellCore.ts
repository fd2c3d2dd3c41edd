import path from 'node:path';
import { buildCatalog } from '../../host/node/catalog/buildCatalog.ts';
import { bundlePlugin } from '../../host/node/bundlePlugin.ts';
import type { PluginDescription } from '../../host/common/pluginDescription.ts';
import type { ShellInfo } from '../common/bridge.ts';
import { BridgeService } from './bridgeService.ts';
import { Engine, OPENAI_BASE_URL, type LocalEngine } from './engine.ts';
import type { KeyStore } from './keyStore.ts';
import type { SettingsStore } from './settingsStore.ts';
import { TranscriptStore } from './transcriptStore.ts';

export interface ShellCoreOptions {
  readonly shell: ShellInfo['shell'];
  /** Folder holding plugins/ and api/. */
  readonly appRoot: string;
  readonly userPlugins: string;
  readonly cacheDir: string;
  /** Where saved calls go. */
  readonly callsDir: string;
  readonly settings: SettingsStore;
  readonly keys: KeyStore;
  readonly localEngine: LocalEngine;
  /** Where the page loads a plugin's worker bundle from. */
  readonly bundleUrl: (pluginId: string) => string;
  readonly openaiBaseURL?: string;
}

export interface ShellCore {
  readonly catalog: readonly PluginDescription[];
  readonly bridge: BridgeService;
  /** Path of a plugin's worker bundle, built on first request and cached. */
  pluginBundle(pluginId: string): Promise<string>;
  /** Origins the page may connect to: OpenAI and the engine in use. */
  engineOrigins(): Promise<string[]>;
}

/** What both shells share: the validated plugin catalog, bundles, the engine and the bridge service. */
export async function createShellCore(options: ShellCoreOptions): Promise<ShellCore> {
  const found = await buildCatalog([
    { dir: path.join(options.appRoot, 'plugins'), builtin: true },
    { dir: options.userPlugins, builtin: false },
  ]);
  const catalog = found.map((p) => (p.manifest ? { ...p, bundle: options.bundleUrl(p.id) } : p));
  const pluginBundle = (id: string) => {
    const plugin = catalog.find((p) => p.id === id);
    if (!plugin) return Promise.reject(new Error(`No plugin "${id}" is installed.`));
    return bundlePlugin(plugin, options.cacheDir, path.join(options.appRoot, 'api'));
  };
  const engine = new Engine(options.keys, options.localEngine, options.openaiBaseURL);
  const bridge = new BridgeService({ shell: options.shell, catalog: () => catalog, settings: options.settings, keys: options.keys, engine, transcripts: new TranscriptStore(options.callsDir) });
  // Bundle ahead of the first activation so enabling a plugin does not wait for a build.
  void (async () => {
    for (const plugin of catalog) if (plugin.manifest) await pluginBundle(plugin.id).catch(() => undefined);
  })();
  return {
    catalog,
    bridge,
    pluginBundle,
    async engineOrigins() {
      const choice = await engine.choose();
      // The OpenAI endpoint is allowed even before a key is set: a key entered mid-call must work without a reload.
      return [...new Set([new URL(options.openaiBaseURL ?? OPENAI_BASE_URL).origin, ...(choice.baseURL ? [new URL(choice.baseURL).origin] : [])])];
    },
  };
}

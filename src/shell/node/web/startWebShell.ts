import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import Conf from 'conf';
import { buildCatalog } from '../../../host/node/catalog/buildCatalog.ts';
import { bundlePlugin } from '../../../host/node/bundlePlugin.ts';
import type { PluginDescription } from '../../../host/common/pluginDescription.ts';
import { BridgeService } from '../bridgeService.ts';
import { Engine, OPENAI_BASE_URL, type LocalEngine } from '../engine.ts';
import { EnvFirstKeyStore, type KeyStore } from '../keyStore.ts';
import { osKeychain } from '../osKeychain.ts';
import { builtinPluginsDir, cacheDir, configDir, rendererDir, userPluginsDir } from '../paths.ts';
import { ConfSettingsStore, type ConfLike } from '../settingsStore.ts';
import { ensureRendererBuilt } from './rendererBuild.ts';
import { createWebServer } from './webServer.ts';

export interface WebShellOptions {
  readonly port?: number;
  readonly env?: NodeJS.ProcessEnv;
  readonly localEngine: LocalEngine;
  /** Replaces the OS keychain (tests use a memory store). */
  readonly keys?: KeyStore;
  readonly openaiBaseURL?: string;
  readonly log?: (message: string) => void;
}

export interface WebShell {
  /** The URL to open, with the launch token in its fragment (fragments never reach server logs). */
  readonly url: string;
  readonly origin: string;
  readonly token: string;
  close(): Promise<void>;
}

/** `sotto serve`: the workbench in any browser, backed by this process as its shell. */
export async function startWebShell(options: WebShellOptions): Promise<WebShell> {
  const env = options.env ?? process.env;
  const log = options.log ?? console.log;
  await ensureRendererBuilt(log);
  const token = randomBytes(24).toString('base64url');
  const bundles = cacheDir(env);
  const found = await buildCatalog([
    { dir: builtinPluginsDir, builtin: true },
    { dir: userPluginsDir(env), builtin: false },
  ]);
  const catalog: PluginDescription[] = found.map((p) => (p.manifest ? { ...p, bundle: `/plugins/${encodeURIComponent(p.id)}/worker.mjs?token=${token}` } : p));
  const bundleFor = (id: string) => {
    const plugin = catalog.find((p) => p.id === id);
    if (!plugin) throw new Error(`No plugin "${id}"`);
    return bundlePlugin(plugin, bundles);
  };
  const conf = new Conf<Record<string, unknown>>({ cwd: configDir(env), configName: 'settings', projectName: 'sotto' }) as unknown as ConfLike;
  const keys = options.keys ?? new EnvFirstKeyStore(await osKeychain(), env);
  const engine = new Engine(keys, options.localEngine, options.openaiBaseURL);
  const bridge = new BridgeService({ shell: 'web', catalog: () => catalog, settings: new ConfSettingsStore(conf), keys, engine });
  const engineOrigins = async () => {
    const choice = await engine.choose();
    return [new URL(OPENAI_BASE_URL).origin, ...(choice.baseURL ? [new URL(choice.baseURL).origin] : [])];
  };
  const server = createWebServer({ bridge, token, rendererDir, pluginBundle: bundleFor, engineOrigins });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(options.port ?? 0, '127.0.0.1', resolve));
  void Promise.all(catalog.filter((p) => p.manifest).map((p) => bundleFor(p.id).catch(() => undefined)));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: `${origin}/#token=${token}`,
    origin,
    token,
    close: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}

import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import Conf from 'conf';
import type { LocalEngine } from '../engine.ts';
import { EnvFirstKeyStore, type KeyStore } from '../keyStore.ts';
import { osKeychain } from '../osKeychain.ts';
import { appRoot, cacheDir, configDir, rendererDir, userPluginsDir } from '../paths.ts';
import { createShellCore } from '../shellCore.ts';
import { ConfSettingsStore, type ConfLike } from '../settingsStore.ts';
import path from 'node:path';
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
  await ensureRendererBuilt(options.log ?? console.log);
  const token = randomBytes(24).toString('base64url');
  const conf = new Conf<Record<string, unknown>>({ cwd: configDir(env), configName: 'settings', projectName: 'sotto' }) as unknown as ConfLike;
  const core = await createShellCore({
    shell: 'web',
    appRoot,
    userPlugins: userPluginsDir(env),
    cacheDir: cacheDir(env),
    callsDir: path.join(configDir(env), 'calls'),
    settings: new ConfSettingsStore(conf),
    keys: options.keys ?? new EnvFirstKeyStore(await osKeychain(), env),
    localEngine: options.localEngine,
    bundleUrl: (id) => `/plugins/${encodeURIComponent(id)}/worker.mjs?token=${token}`,
    openaiBaseURL: options.openaiBaseURL,
  });
  const server = createWebServer({ bridge: core.bridge, token, rendererDir, pluginBundle: core.pluginBundle, engineOrigins: core.engineOrigins });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(options.port ?? 0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: `${origin}/#token=${token}`,
    origin,
    token,
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}

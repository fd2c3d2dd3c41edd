import { net, protocol } from 'electron';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { pluginWorkerCsp, workbenchCsp } from '../common/csp.ts';

export const APP_ORIGIN = 'sotto://app';

/** Must run before `app` is ready: makes sotto:// a secure, standard scheme so workers and fetch work on it. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: 'sotto', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

export interface AppProtocolOptions {
  readonly rendererDir: string;
  readonly pluginBundle: (pluginId: string) => Promise<string>;
  readonly engineOrigins: () => Promise<string[]>;
}

async function serveFile(file: string, headers: Record<string, string>): Promise<Response> {
  const response = await net.fetch(pathToFileURL(file).href);
  const merged = new Headers(response.headers);
  for (const [key, value] of Object.entries(headers)) merged.set(key, value);
  return new Response(response.body, { status: response.status, headers: merged });
}

/** Serves the workbench and plugin bundles from sotto://app with the same CSPs as the web shell; never file://. */
export function handleAppProtocol(options: AppProtocolOptions): void {
  protocol.handle('sotto', async (request) => {
    const url = new URL(request.url);
    if (url.host !== 'app') return new Response('Not found', { status: 404 });
    const plugin = /^\/plugins\/([a-z0-9.@-]+)\/worker\.mjs$/.exec(url.pathname);
    if (plugin) return serveFile(await options.pluginBundle(plugin[1]), { 'content-security-policy': pluginWorkerCsp, 'content-type': 'text/javascript' });
    const relative = url.pathname === '/' ? 'index.html' : decodeURIComponent(url.pathname.slice(1));
    const file = path.resolve(options.rendererDir, relative);
    if (!file.startsWith(path.resolve(options.rendererDir) + path.sep)) return new Response('Forbidden', { status: 403 });
    const headers: Record<string, string> = relative === 'index.html' ? { 'content-security-policy': workbenchCsp(await options.engineOrigins()) } : {};
    return serveFile(file, headers);
  });
}

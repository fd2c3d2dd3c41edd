import type { ErrorDto } from '../common/errors.ts';
import type { PluginManifest, SecretKind } from './types.ts';

/** The capability rule for `api.net.fetch`: only origins the manifest declares, compared exactly. */
export function checkNetworkPermission(manifest: PluginManifest, url: string): ErrorDto | undefined {
  let origin: string;
  try {
    origin = new URL(url).origin;
  } catch {
    return { code: 'E_INVALID_INPUT', message: `"${url}" is not an absolute URL.` };
  }
  const declared = manifest.permissions?.network ?? [];
  if (declared.some((entry) => new URL(entry).origin === origin)) return undefined;
  return {
    code: 'E_PERMISSION',
    message: `Plugin "${manifest.id}" may not reach ${origin}: add it to permissions.network in its package.json (declared: ${declared.join(', ') || 'none'}).`,
  };
}

export function checkSecretPermission(manifest: PluginManifest, kind: SecretKind): ErrorDto | undefined {
  if (manifest.permissions?.secrets?.includes(kind)) return undefined;
  return { code: 'E_PERMISSION', message: `Plugin "${manifest.id}" may not mint ${kind} client secrets: declare "${kind}" in permissions.secrets.` };
}

export function checkEnginePermission(manifest: PluginManifest): ErrorDto | undefined {
  if (manifest.permissions?.engine === true) return undefined;
  return { code: 'E_PERMISSION', message: `Plugin "${manifest.id}" may not call the engine: set "engine": true in permissions.` };
}

export function checkToolsPermission(manifest: PluginManifest): ErrorDto | undefined {
  if (manifest.permissions?.tools === true) return undefined;
  return { code: 'E_PERMISSION', message: `Plugin "${manifest.id}" may not run other plugins' tools: set "tools": true in permissions.` };
}

/** A user file is readable only through a setting the manifest lists in permissions.userFiles and declares in its configuration. */
export function checkUserFilePermission(manifest: PluginManifest, key: string): ErrorDto | undefined {
  if (manifest.permissions?.userFiles?.includes(key) && manifest.contributes?.configuration?.properties[key]) return undefined;
  return { code: 'E_PERMISSION', message: `Plugin "${manifest.id}" may not read the file named by setting "${key}": list it in permissions.userFiles and declare it in contributes.configuration.` };
}

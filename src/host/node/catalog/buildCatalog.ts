import path from 'node:path';
import type { PluginManifest } from '@sotto/api/manifest';
import type { PluginDescription } from '../../common/pluginDescription.ts';
import { discoverPlugins, type PluginRoot } from './discoverPlugins.ts';
import { validateManifest } from './validateManifest.ts';

/**
 * Discovers and validates plugins under the roots. A broken plugin is kept, with its errors, so the workbench
 * can show it; it never stops the others. Built-in roots come first, so a user plugin cannot shadow a built-in id.
 */
export async function buildCatalog(roots: readonly PluginRoot[]): Promise<PluginDescription[]> {
  const found = await discoverPlugins([...roots].sort((a, b) => Number(b.builtin) - Number(a.builtin)));
  const owners = new Map<string, string>();
  return found.map((plugin) => {
    const json = (typeof plugin.packageJson === 'object' && plugin.packageJson) || {};
    const raw = json as Partial<PluginManifest> & { displayName?: string; description?: string };
    const fallbackId = typeof raw.id === 'string' && raw.id ? raw.id : path.basename(plugin.location);
    const errors = plugin.readError ? [plugin.readError] : validateManifest(plugin.packageJson, plugin.location);
    const owner = owners.get(fallbackId);
    if (owner) errors.push(`id: "${fallbackId}" is already used by the plugin in ${owner}`);
    else owners.set(fallbackId, plugin.location);
    return {
      id: owner ? `${fallbackId}@${path.basename(plugin.location)}` : fallbackId,
      version: typeof raw.version === 'string' ? raw.version : '0.0.0',
      displayName: raw.displayName ?? fallbackId,
      description: raw.description ?? '',
      builtin: plugin.builtin,
      location: plugin.location,
      manifest: errors.length ? undefined : (raw as PluginManifest),
      errors,
    };
  });
}

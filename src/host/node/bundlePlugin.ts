import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, rename, stat } from 'node:fs/promises';
import path from 'node:path';
import { rolldown, type Plugin } from 'rolldown';
import { PluginError } from '@sotto/api';
import type { PluginDescription } from '../common/pluginDescription.ts';

/** Where @sotto/api's sources live when running from the repository; packaged apps pass their own. */
export const defaultApiRoot = path.resolve(import.meta.dirname, '../../../api');
const ENTRY = '\0sotto-plugin-entry';

/** Paths, sizes and modification times of a tree: cheap to compute, and changes whenever an edit is saved. */
async function treeFingerprint(dir: string, hash = createHash('sha256')): Promise<ReturnType<typeof createHash>> {
  const entries = await readdir(dir, { withFileTypes: true });
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) await treeFingerprint(full, hash);
    else {
      const info = await stat(full);
      hash.update(`${full}\0${info.size}\0${info.mtimeMs}\n`);
    }
  }
  return hash;
}

/** Keeps plugin code to its own files and @sotto/api, as the design card requires; the bundle then needs nothing else. */
function onlySottoApi(location: string, pluginId: string): Plugin {
  const inside = (file: string | undefined) => !!file && path.resolve(file).startsWith(location + path.sep);
  return {
    name: 'sotto-only-api',
    resolveId(source, importer) {
      if (source === ENTRY) return ENTRY;
      if (!inside(importer) || source.startsWith('.') || source.startsWith('/')) return null;
      if (source === '@sotto/api' || source.startsWith('@sotto/api/')) return null;
      throw new PluginError('E_PERMISSION', `Plugin "${pluginId}" imports "${source}" in ${path.relative(location, importer!)}: plugins may import only @sotto/api and their own files.`);
    },
  };
}

/**
 * Bundles a plugin with the worker runtime into one ES module that both Web Workers and worker_threads load.
 * Bundles are cached by the fingerprint of the plugin and of @sotto/api, so an unchanged plugin is not rebuilt.
 */
export async function bundlePlugin(description: PluginDescription, cacheDir: string, apiRoot = defaultApiRoot): Promise<string> {
  const manifest = description.manifest;
  if (!manifest) throw new PluginError('E_UNAVAILABLE', `Plugin "${description.id}" is invalid and cannot be bundled.`);
  const hash = await treeFingerprint(path.join(apiRoot, 'src'), await treeFingerprint(description.location));
  const file = path.join(cacheDir, `${description.id}-${hash.digest('hex').slice(0, 16)}.mjs`);
  if (existsSync(file)) return file;
  await mkdir(cacheDir, { recursive: true });
  const main = path.join(description.location, manifest.main);
  const entry = `import * as plugin from ${JSON.stringify(main)};\nimport { startPluginWorker } from '@sotto/api/runtime';\nstartPluginWorker(plugin);\n`;
  const bundle = await rolldown({
    input: ENTRY,
    platform: 'browser',
    resolve: { alias: { '@sotto/api': path.join(apiRoot, 'src') } },
    plugins: [onlySottoApi(description.location, description.id), { name: 'sotto-entry', load: (id) => (id === ENTRY ? entry : null) }],
    logLevel: 'silent',
  });
  try {
    const temp = `${file}.${process.pid}.tmp`;
    await bundle.write({ file: temp, format: 'es', sourcemap: 'inline' });
    await rename(temp, file);
  } finally {
    await bundle.close();
  }
  return file;
}

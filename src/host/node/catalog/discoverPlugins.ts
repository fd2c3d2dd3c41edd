import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

export interface PluginRoot {
  readonly dir: string;
  readonly builtin: boolean;
}

/** A plugin folder as found on disk, before validation. */
export interface FoundPlugin {
  readonly location: string;
  readonly builtin: boolean;
  readonly packageJson?: unknown;
  readonly readError?: string;
}

/** Lists every folder with a package.json under the roots. Nothing is executed. A missing root is skipped. */
export async function discoverPlugins(roots: readonly PluginRoot[]): Promise<FoundPlugin[]> {
  const found: FoundPlugin[] = [];
  for (const root of roots) {
    const entries = await readdir(root.dir, { withFileTypes: true }).catch(() => []);
    for (const entry of entries.filter((e) => e.isDirectory() || e.isSymbolicLink()).sort((a, b) => a.name.localeCompare(b.name))) {
      const location = path.join(root.dir, entry.name);
      const text = await readFile(path.join(location, 'package.json'), 'utf8').catch(() => undefined);
      if (text === undefined) continue;
      try {
        found.push({ location, builtin: root.builtin, packageJson: JSON.parse(text) });
      } catch (error) {
        found.push({ location, builtin: root.builtin, readError: `package.json is not valid JSON: ${(error as Error).message}` });
      }
    }
  }
  return found;
}

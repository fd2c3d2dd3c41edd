// Bundles the CLI's TypeScript into one ES module under .cache/cli, rebuilt only when a source changes, so that
// `sotto` starts in a fraction of the time that compiling every file on each start takes.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../../..');
const outDir = path.join(root, '.cache/cli');
const sources = ['src', 'api/src', 'packages/cli/lib', 'tsconfig.base.json', 'tsconfig.json', 'package.json'];

function fingerprint(entry, hash) {
  let info;
  try {
    info = statSync(entry);
  } catch {
    return;
  }
  if (!info.isDirectory()) return hash.update(`${entry}\0${info.size}\0${info.mtimeMs}\n`);
  for (const name of readdirSync(entry).sort()) if (name !== 'node_modules') fingerprint(path.join(entry, name), hash);
}

/** Keeps each module's own location: paths derived from import.meta.dirname must not move into .cache. */
const keepModulePaths = {
  name: 'sotto-keep-module-paths',
  transform(code, id) {
    if (!code.includes('import.meta.dirname')) return null;
    return { code: code.replaceAll('import.meta.dirname', JSON.stringify(path.dirname(id))), map: null };
  },
};

/**
 * Returns the bundle for the current sources, building it if needed. Each build goes to its own folder and is
 * renamed into place, so concurrent starts never load a half-written bundle.
 */
export async function ensureCliBundle() {
  const hash = createHash('sha256');
  for (const source of sources) fingerprint(path.join(root, source), hash);
  const stamp = hash.digest('hex').slice(0, 16);
  const dir = path.join(outDir, stamp);
  const entry = path.join(dir, 'main.mjs');
  if (existsSync(entry)) return entry;
  const { rolldown } = await import('rolldown');
  const bundle = await rolldown({
    input: path.join(root, 'src/cli/main.ts'),
    platform: 'node',
    cwd: root,
    tsconfig: path.join(root, 'tsconfig.json'),
    // Packages load from node_modules as usual; only the project's own TypeScript is bundled.
    external: (id) => !id.startsWith('.') && !path.isAbsolute(id) && !id.startsWith('@sotto/') && !id.startsWith('@oxc-project/runtime') && !id.startsWith('\0'),
    plugins: [keepModulePaths],
    logLevel: 'silent',
  });
  const temp = `${dir}.${process.pid}.tmp`;
  await bundle.write({ dir: temp, format: 'es', entryFileNames: 'main.mjs', chunkFileNames: '[name]-[hash].mjs', sourcemap: true });
  await bundle.close();
  try {
    renameSync(temp, dir);
  } catch {
    rmSync(temp, { recursive: true, force: true });
  }
  // Old builds may still be running (a long `sotto serve` loads chunks lazily), so only day-old ones go.
  for (const old of readdirSync(outDir)) {
    const folder = path.join(outDir, old);
    if (old !== stamp && Date.now() - statSync(folder).mtimeMs > 86_400_000) rmSync(folder, { recursive: true, force: true });
  }
  return entry;
}

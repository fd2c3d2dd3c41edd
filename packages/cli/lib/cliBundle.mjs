// Bundles the CLI's TypeScript into one ES module under .cache/cli, rebuilt only when a source changes, so that
// `sotto` starts in a fraction of the time that compiling every file on each start takes.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
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

export async function ensureCliBundle() {
  const hash = createHash('sha256');
  for (const source of sources) fingerprint(path.join(root, source), hash);
  const stamp = hash.digest('hex');
  const entry = path.join(outDir, 'main.mjs');
  const stampFile = path.join(outDir, '.sources');
  if (existsSync(entry) && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) return entry;
  const { rolldown } = await import('rolldown');
  const bundle = await rolldown({
    input: path.join(root, 'src/cli/main.ts'),
    platform: 'node',
    cwd: root,
    tsconfig: path.join(root, 'tsconfig.json'),
    // Packages load from node_modules as usual; only the project's own TypeScript is bundled.
    external: (id) => !id.startsWith('.') && !path.isAbsolute(id) && !id.startsWith('@sotto/') && !id.startsWith('\0'),
    plugins: [keepModulePaths],
    logLevel: 'silent',
  });
  mkdirSync(outDir, { recursive: true });
  await bundle.write({ dir: outDir, format: 'es', entryFileNames: 'main.mjs', chunkFileNames: '[name]-[hash].mjs', sourcemap: true });
  await bundle.close();
  writeFileSync(stampFile, stamp);
  return entry;
}

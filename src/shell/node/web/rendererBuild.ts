import { createHash } from 'node:crypto';
import { readFile, readdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { appRoot, rendererDir } from '../paths.ts';

const sources = ['src/shell/renderer', 'src/shell/common', 'src/host/common', 'src/host/browser', 'api/src', 'vite.renderer.config.mts'];
const stampFile = path.join(rendererDir, '.sources');

async function fingerprint(entry: string, hash: ReturnType<typeof createHash>): Promise<void> {
  const info = await stat(entry).catch(() => undefined);
  if (!info) return;
  if (!info.isDirectory()) {
    hash.update(`${entry}\0${info.size}\0${info.mtimeMs}\n`);
    return;
  }
  for (const name of (await readdir(entry)).sort()) await fingerprint(path.join(entry, name), hash);
}

/** Builds the workbench with Vite when its sources changed since the last build; otherwise does nothing. */
export async function ensureRendererBuilt(log: (message: string) => void = console.log): Promise<void> {
  const hash = createHash('sha256');
  hash.update('production\n');
  for (const source of sources) await fingerprint(path.join(appRoot, source), hash);
  const current = hash.digest('hex');
  if ((await readFile(stampFile, 'utf8').catch(() => '')) === current) return;
  log('Building the workbench (first run or sources changed)…');
  const started = Date.now();
  const { build } = await import('vite');
  // Vite picks Solid's development build unless NODE_ENV is "production", and vitest sets it to "test": the tests
  // would time a slower workbench than users run.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: path.join(appRoot, 'vite.renderer.config.mts'), logLevel: 'warn' });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
  await writeFile(stampFile, current);
  log(`Workbench built in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
}

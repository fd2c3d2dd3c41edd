// Sotto's layering rule: every source file belongs to a layer (by its folder), and each layer may import only
// the layers listed for it. Written as a rule, in the manner of VS Code's code-layering check, so that the
// architecture is enforced by `npm run lint` instead of by memory.
import { builtinModules } from 'node:module';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');
const builtins = new Set(builtinModules);

/** Folder prefix (relative to the repo root) → layer name. The longest matching prefix wins. */
const layerOfFolder = [
  ['api/src/', 'api'],
  ['src/host/common/', 'host-common'],
  ['src/host/browser/', 'host-browser'],
  ['src/host/node/', 'host-node'],
  ['src/shell/common/', 'shell-common'],
  ['src/shell/node/', 'shell-node'],
  ['src/shell/electron/', 'shell-electron'],
  ['src/shell/renderer/', 'shell-renderer'],
  ['src/local/', 'local'],
  ['src/cli/', 'cli'],
  ['bench/', 'bench'],
];

/**
 * What each layer may import. `node` = Node built-ins, `electron`, `npm:<name>` = one npm package, `npm:*` = any.
 * Plugins may import only @sotto/api and files of their own plugin (checked separately).
 */
const allowed = {
  // openai: the SDK that @sotto/api/openai hands plugins, wired to api.engine.fetch; csv-parse behind @sotto/api/data.
  api: ['api', 'npm:rxjs', 'npm:comlink', 'npm:openai', 'npm:csv-parse'],
  // fft.js: the echo suppressor's frequency-domain filter (plain JavaScript, so it runs in the AudioWorklet too).
  'host-common': ['host-common', 'api', 'npm:rxjs', 'npm:tsyringe', 'npm:comlink', 'npm:@cfworker/json-schema', 'npm:fft.js'],
  'host-browser': ['host-browser', 'host-common', 'api', 'npm:rxjs', 'npm:tsyringe', 'npm:comlink'],
  'host-node': ['host-node', 'host-common', 'api', 'node', 'npm:*'],
  'shell-common': ['shell-common', 'host-common', 'api'],
  'shell-node': ['shell-node', 'shell-common', 'host-node', 'host-common', 'api', 'node', 'npm:*'],
  'shell-electron': ['shell-electron', 'shell-node', 'shell-common', 'host-node', 'host-common', 'api', 'local', 'node', 'electron', 'npm:*'],
  // @tanstack/solid-virtual: the transcript's virtualised list.
  'shell-renderer': ['shell-renderer', 'shell-common', 'host-browser', 'host-common', 'api', 'npm:solid-js', 'npm:rxjs', 'npm:tsyringe', 'npm:reflect-metadata', 'npm:@cfworker/json-schema', 'npm:marked', 'npm:@tanstack/solid-virtual'],
  local: ['local', 'node', 'npm:*'],
  cli: ['cli', 'bench', 'file:forge.config.ts', 'shell-node', 'shell-common', 'host-node', 'host-common', 'local', 'api', 'node', 'npm:*'],
};

const rel = (file) => path.relative(root, file).split(path.sep).join('/');

function layerOf(file) {
  const r = rel(file);
  const plugin = /^plugins\/([^/]+)\//.exec(r);
  if (plugin) return r.includes('/tests/') ? `plugin-test:${plugin[1]}` : `plugin:${plugin[1]}`;
  let best;
  for (const [prefix, layer] of layerOfFolder) if (r.startsWith(prefix) && (!best || prefix.length > best[0].length)) best = [prefix, layer];
  return best?.[1];
}

function packageName(spec) {
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

function targetOf(spec, fromFile) {
  if (spec.startsWith('.') || spec.startsWith('/')) return layerOf(path.resolve(path.dirname(fromFile), spec)) ?? `file:${rel(path.resolve(path.dirname(fromFile), spec))}`;
  if (spec.startsWith('node:') || builtins.has(spec.split('/')[0])) return 'node';
  if (spec === 'electron' || spec.startsWith('electron/')) return 'electron';
  if (spec === '@sotto/api' || spec.startsWith('@sotto/api/')) return spec === '@sotto/api/testing' ? 'api-testing' : 'api';
  return `npm:${packageName(spec)}`;
}

function permitted(layer, target) {
  if (layer.startsWith('plugin:')) return target === layer || target === 'api';
  if (layer.startsWith('plugin-test:')) return target === `plugin:${layer.slice(12)}` || target === layer || target === 'api' || target === 'api-testing' || target === 'npm:vitest';
  const list = allowed[layer];
  if (!list) return true;
  if (target === 'api-testing') return false;
  if (list.includes(target)) return true;
  return target.startsWith('npm:') && list.includes('npm:*');
}

export default {
  rules: {
    imports: {
      meta: { type: 'problem', schema: [], messages: { denied: '{{layer}} may not import {{spec}} ({{target}}). See tools/eslint/layers.mjs.' } },
      create(context) {
        const file = context.filename;
        const layer = layerOf(file);
        if (!layer) return {};
        const check = (node, source) => {
          if (!source || typeof source.value !== 'string') return;
          const target = targetOf(source.value, file);
          if (!permitted(layer, target)) context.report({ node, messageId: 'denied', data: { layer, spec: source.value, target } });
        };
        return {
          ImportDeclaration: (node) => check(node, node.source),
          ExportAllDeclaration: (node) => check(node, node.source),
          ExportNamedDeclaration: (node) => node.source && check(node, node.source),
          ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source),
        };
      },
    },
  },
};

import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'vite';
import type { CliCommand } from '../command.ts';
import { repoRoot } from '../paths.ts';

/**
 * Builds the Electron bundles (main, preload, workbench) with Forge's own Vite configuration, without touching the
 * Electron binary, so the desktop build can be checked on machines where Electron cannot run.
 */
export const buildCommand: CliCommand = {
  name: 'build',
  summary: 'Build the Electron main, preload and workbench bundles into .vite/',
  usage: 'Usage: sotto build\n\nBuilds with the configuration in forge.config.ts (what `electron-forge package` would build), without the Electron binary.',
  async run() {
    // Forge keeps its config generator internal (not in package exports), so it is loaded by path.
    const generatorFile = pathToFileURL(path.join(repoRoot, 'node_modules/@electron-forge/plugin-vite/dist/ViteConfig.js')).href;
    const { default: ViteConfigGenerator } = await import(generatorFile);
    const { vitePluginConfig } = await import('../../../forge.config.ts');
    const generator = new ViteConfigGenerator(vitePluginConfig, repoRoot, true);
    for (const config of [...(await generator.getBuildConfigs()), ...(await generator.getRendererConfig())]) {
      await build({ configFile: false, logLevel: 'warn', ...config });
    }
    console.log('Built .vite/build (main, preload) and .vite/renderer (workbench).');
    return 0;
  },
};

import type { ForgeConfig } from '@electron-forge/shared-types';
import { MakerZIP } from '@electron-forge/maker-zip';
import { VitePlugin } from '@electron-forge/plugin-vite';
import { FusesPlugin } from '@electron-forge/plugin-fuses';
import { FuseV1Options, FuseVersion } from '@electron/fuses';

/** Builds of the Electron shell: main and preload bundles, and the same workbench page the web shell serves. */
export const vitePluginConfig = {
  build: [
    { entry: 'src/shell/electron/main.ts', config: 'vite.main.config.mts', target: 'main' as const },
    { entry: 'src/shell/electron/preload.ts', config: 'vite.preload.config.mts', target: 'preload' as const },
  ],
  renderer: [{ name: 'main_window', config: 'vite.renderer.config.mts' }],
};

const config: ForgeConfig = {
  packagerConfig: {
    name: 'Sotto',
    appBundleId: 'dev.sotto.app',
    asar: true,
    extendInfo: { NSMicrophoneUsageDescription: 'Sotto transcribes your microphone and the call audio to help you answer.' },
  },
  makers: [new MakerZIP({}, ['darwin', 'linux'])],
  plugins: [
    new VitePlugin(vitePluginConfig),
    new FusesPlugin({
      version: FuseVersion.V1,
      [FuseV1Options.RunAsNode]: false,
      [FuseV1Options.EnableCookieEncryption]: true,
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
      [FuseV1Options.EnableNodeCliInspectArguments]: false,
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
      [FuseV1Options.OnlyLoadAppFromAsar]: true,
    }),
  ],
};

export default config;

import 'reflect-metadata';
import { app, BrowserWindow } from 'electron';
import Store from 'electron-store';
import path from 'node:path';
import { EnvFirstKeyStore } from '../node/keyStore.ts';
import { createShellCore } from '../node/shellCore.ts';
import { ConfSettingsStore, type ConfLike } from '../node/settingsStore.ts';
import { APP_ORIGIN, handleAppProtocol, registerAppScheme } from './appProtocol.ts';
import { serveBridge } from './ipc.ts';
import { SafeStorageKeyStore } from './safeStorageKeyStore.ts';
import { allowDisplayCapture } from './displayCapture.ts';
import { hardenApp, lockDownSession, secureWebPreferences } from './security.ts';
import { lazyLocalEngine } from '../node/lazyLocalEngine.ts';

// The Electron main process is kept minimal: it composes the shell services shared with the web shell,
// serves the workbench over sotto://, checks every IPC sender, and owns the API key.
registerAppScheme();
hardenApp();

let mainWindow: BrowserWindow | undefined;

async function createMainWindow(): Promise<void> {
  const appRoot = app.getAppPath();
  const local = lazyLocalEngine(() => import('../../local/index.ts').then(({ startLocalServer }) => startLocalServer({ port: 0 })));
  app.on('will-quit', () => void local.stop());
  const core = await createShellCore({
    shell: 'electron',
    appRoot,
    userPlugins: path.join(app.getPath('userData'), 'plugins'),
    cacheDir: path.join(app.getPath('userData'), 'bundles'),
    callsDir: path.join(app.getPath('userData'), 'calls'),
    settings: new ConfSettingsStore(new Store<Record<string, unknown>>({ name: 'settings' }) as unknown as ConfLike),
    keys: new EnvFirstKeyStore(new SafeStorageKeyStore()),
    localEngine: local,
    // OPENAI_BASE_URL, as the SDK reads it: an OpenAI-compatible endpoint (a proxy) used when a key is set.
    openaiBaseURL: process.env.OPENAI_BASE_URL || undefined,
    bundleUrl: (id) => `${APP_ORIGIN}/plugins/${encodeURIComponent(id)}/worker.mjs`,
  });
  lockDownSession();
  allowDisplayCapture();
  handleAppProtocol({ rendererDir: path.join(appRoot, '.vite/renderer/main_window'), pluginBundle: core.pluginBundle, engineOrigins: core.engineOrigins });
  serveBridge(core.bridge, (event) => !!mainWindow && event.sender === mainWindow.webContents);
  mainWindow = new BrowserWindow({ width: 1280, height: 820, title: 'Sotto', show: false, webPreferences: secureWebPreferences(path.join(appRoot, '.vite/build/preload.cjs')) });
  mainWindow.once('ready-to-show', () => mainWindow?.show());
  mainWindow.on('closed', () => (mainWindow = undefined));
  await mainWindow.loadURL(`${APP_ORIGIN}/index.html`);
}

app.whenReady().then(createMainWindow, (error: Error) => {
  console.error(`Sotto could not start: ${error.message}`);
  app.exit(1);
});
app.on('window-all-closed', () => app.quit());

import { app, session, shell, type BrowserWindow, type WebContents } from 'electron';
import { APP_ORIGIN } from './appProtocol.ts';

export const isAppUrl = (url: string | undefined): boolean => !!url && (url === APP_ORIGIN || url.startsWith(`${APP_ORIGIN}/`));

/** Electron's defaults approve every permission request; Sotto grants only audio capture, only to its own page. */
export function lockDownSession(): void {
  const appSession = session.defaultSession;
  appSession.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const mediaTypes = 'mediaTypes' in details ? (details.mediaTypes ?? []) : [];
    callback(permission === 'media' && isAppUrl(details.requestingUrl) && mediaTypes.length > 0 && mediaTypes.every((type) => type === 'audio'));
  });
  appSession.setPermissionCheckHandler((_contents, permission, requestingOrigin) => permission === 'media' && isAppUrl(requestingOrigin));
}

/** No navigation away from the workbench and no new windows; external https links open in the browser. */
export function guardContents(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https://')) void shell.openExternal(url);
    return { action: 'deny' };
  });
}

export function hardenApp(): void {
  app.enableSandbox();
  app.on('web-contents-created', (_event, contents) => guardContents(contents));
}

export const secureWebPreferences = (preload: string): Electron.WebPreferences => ({
  preload,
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  backgroundThrottling: false,
});

export type { BrowserWindow };

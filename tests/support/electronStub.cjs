// A stand-in for the `electron` module, used only to run the built Electron main in plain Node where the Electron
// binary cannot be installed. It records what main asks Electron to do, then exercises the recorded handlers the
// way Electron would, and prints the observations as JSON for the test to check.
const Module = require('node:module');
const fs = require('node:fs');
const path = require('node:path');
const os = require('node:os');

const seen = { schemes: [], ipcChannels: [], windows: [], loaded: [], sandboxEnabled: false, checks: {} };
const ipcHandlers = new Map();
let protocolHandler;
let permissionRequest;
let permissionCheck;
let displayMediaRequest;
const userData = fs.mkdtempSync(path.join(os.tmpdir(), 'sotto-electron-'));

class WebContents {
  constructor() {
    this.listeners = {};
  }
  on(event, fn) {
    this.listeners[event] = fn;
  }
  setWindowOpenHandler(fn) {
    this.windowOpen = fn;
  }
}

const appListeners = {};

class BrowserWindow {
  constructor(options) {
    this.webContents = new WebContents();
    for (const listener of appListeners['web-contents-created'] ?? []) listener({}, this.webContents);
    seen.windows.push(options);
    BrowserWindow.last = this;
  }
  once() {}
  on() {}
  show() {}
  async loadURL(url) {
    seen.loaded.push(url);
    setTimeout(() => runChecks(this).catch((error) => finish({ error: String(error.stack) })), 0);
  }
}

const electron = {
  app: {
    enableSandbox: () => (seen.sandboxEnabled = true),
    on: (event, fn) => (appListeners[event] ??= []).push(fn),
    whenReady: () => Promise.resolve(),
    getAppPath: () => process.env.SOTTO_APP_ROOT,
    getPath: () => userData,
    getVersion: () => '0.0.0-stub',
    getName: () => 'Sotto',
    exit: (code) => finish({ error: `app.exit(${code})` }),
    quit: () => {},
  },
  BrowserWindow,
  ipcMain: { handle: (channel, fn) => (seen.ipcChannels.push(channel), ipcHandlers.set(channel, fn)), on: () => {} },
  protocol: { registerSchemesAsPrivileged: (schemes) => seen.schemes.push(...schemes), handle: (_scheme, fn) => (protocolHandler = fn) },
  net: { fetch: async (url) => new Response(fs.readFileSync(new URL(url)), { headers: { 'content-type': 'text/html' } }) },
  session: {
    defaultSession: {
      setPermissionRequestHandler: (fn) => (permissionRequest = fn),
      setPermissionCheckHandler: (fn) => (permissionCheck = fn),
      setDisplayMediaRequestHandler: (fn) => (displayMediaRequest = fn),
    },
  },
  desktopCapturer: { getSources: async () => [{ id: 'screen:0:0', name: 'Entire screen' }] },
  safeStorage: { isEncryptionAvailable: () => false, getSelectedStorageBackend: () => 'basic_text' },
  shell: { openExternal: async () => {} },
};

const load = Module._load;
Module._load = function (request, ...rest) {
  return request === 'electron' ? electron : load.call(this, request, ...rest);
};

async function runChecks(window) {
  const getInfo = ipcHandlers.get('sotto:getInfo');
  const frame = (url) => ({ sender: window.webContents, senderFrame: { url } });
  seen.checks.ownFrame = await getInfo(frame('sotto://app/index.html'));
  seen.checks.foreignUrl = await getInfo(frame('https://evil.example/'));
  seen.checks.foreignSender = await getInfo({ sender: new WebContents(), senderFrame: { url: 'sotto://app/index.html' } });
  const ask = (permission, details) => new Promise((resolve) => permissionRequest(window.webContents, permission, resolve, details));
  seen.checks.permissions = {
    audio: await ask('media', { requestingUrl: 'sotto://app/index.html', mediaTypes: ['audio'] }),
    video: await ask('media', { requestingUrl: 'sotto://app/index.html', mediaTypes: ['audio', 'video'] }),
    foreignAudio: await ask('media', { requestingUrl: 'https://evil.example/', mediaTypes: ['audio'] }),
    geolocation: await ask('geolocation', { requestingUrl: 'sotto://app/index.html' }),
    checkOwn: permissionCheck(window.webContents, 'media', 'sotto://app'),
    checkNotifications: permissionCheck(window.webContents, 'notifications', 'sotto://app'),
  };
  const display = (url) => new Promise((resolve) => displayMediaRequest({ frame: { url }, videoRequested: true }, resolve));
  seen.checks.displayCapture = { own: await display('sotto://app/index.html'), foreign: await display('https://evil.example/') };
  const page = await protocolHandler(new Request('sotto://app/index.html'));
  seen.checks.pageCsp = page.headers.get('content-security-policy');
  const escape = await protocolHandler(new Request('sotto://app/..%2F..%2Fpackage.json'));
  seen.checks.escapeStatus = escape.status;
  const navigate = {};
  window.webContents.listeners['will-navigate']?.({ preventDefault: () => (navigate.prevented = true) }, 'https://evil.example/');
  seen.checks.navigationBlocked = navigate.prevented === true;
  seen.checks.windowOpen = window.webContents.windowOpen?.({ url: 'https://example.com/' });
  finish(seen);
}

function finish(result) {
  process.stdout.write(`\nSTUB-RESULT ${JSON.stringify(result)}\n`);
  process.exit(0);
}

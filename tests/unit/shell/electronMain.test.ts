import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { ipcChannel, bridgeMethods, engineChannels } from '../../../src/shell/common/bridge.ts';
import { repoRoot } from '../../support/fixtures.ts';

const run = promisify(execFile);
const bin = path.join(repoRoot, 'node_modules/.bin');

interface StubResult {
  schemes: { scheme: string; privileges: Record<string, boolean> }[];
  ipcChannels: string[];
  windows: { webPreferences: Record<string, unknown> }[];
  loaded: string[];
  sandboxEnabled: boolean;
  checks: Record<string, unknown> & { permissions: Record<string, boolean> };
  error?: string;
}

// The Electron binary cannot be installed here, so the real built main.cjs runs in Node against a recording
// stand-in for the `electron` module (tests/support/electronStub.cjs), which then plays Electron's part.
describe('the built Electron main process', () => {
  let result: StubResult;

  beforeAll(async () => {
    await run(path.join(bin, 'sotto'), ['build'], { cwd: repoRoot, env: { ...process.env, PATH: `${bin}:${process.env.PATH}` } });
    const { stdout } = await run(path.join(bin, 'node'), ['-r', path.join(repoRoot, 'tests/support/electronStub.cjs'), path.join(repoRoot, '.vite/build/main.cjs')], {
      cwd: repoRoot,
      env: { ...process.env, SOTTO_APP_ROOT: repoRoot, OPENAI_API_KEY: 'sk-test-stub-0123456789abcdef' },
      timeout: 30_000,
    });
    result = JSON.parse(stdout.split('STUB-RESULT ')[1]);
    expect(result.error).toBeUndefined();
  }, 90_000);

  it('opens one hardened window on its own protocol', () => {
    expect(result.sandboxEnabled).toBe(true);
    expect(result.windows).toHaveLength(1);
    expect(result.windows[0].webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, nodeIntegrationInWorker: false, webSecurity: true });
    expect(result.loaded).toEqual(['sotto://app/index.html']);
    expect(result.schemes).toEqual([{ scheme: 'sotto', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
  });

  it('serves every bridge method over IPC, only to its own frame', () => {
    expect(result.ipcChannels.sort()).toEqual([...bridgeMethods.map(ipcChannel), ...Object.values(engineChannels)].sort());
    expect(result.checks.ownFrame).toMatchObject({ ok: true, value: { shell: 'electron', engine: 'openai', hasKey: true } });
    expect(JSON.stringify(result.checks.ownFrame)).not.toContain('sk-test-stub');
    expect(result.checks.foreignUrl).toEqual({ ok: false, error: { code: 'E_FORBIDDEN', message: 'This frame may not use the Sotto bridge.' } });
    expect(result.checks.foreignSender).toEqual({ ok: false, error: { code: 'E_FORBIDDEN', message: 'This frame may not use the Sotto bridge.' } });
  });

  it('grants audio capture only, only to its own page', () => {
    expect(result.checks.permissions).toEqual({ audio: true, video: false, foreignAudio: false, geolocation: false, checkOwn: true, checkNotifications: false });
  });

  it('answers getDisplayMedia with a desktopCapturer source, only for its own page', () => {
    expect(result.checks.displayCapture).toEqual({ own: { video: { id: 'screen:0:0', name: 'Entire screen' } }, foreign: {} });
  });

  it('serves the page with a strict CSP, refuses path escapes, navigation and new windows', () => {
    expect(result.checks.pageCsp).toContain("default-src 'none'");
    expect(result.checks.pageCsp).toContain("script-src 'self'");
    expect(result.checks.pageCsp).not.toContain('unsafe');
    expect(result.checks.escapeStatus).toBe(403);
    expect(result.checks.navigationBlocked).toBe(true);
    expect(result.checks.windowOpen).toEqual({ action: 'deny' });
  });
});

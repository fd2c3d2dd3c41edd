import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firstValueFrom } from 'rxjs';
import { buildCatalog } from '../../../src/host/node/catalog/buildCatalog.ts';
import { createHeadlessHost } from '../../../src/host/node/createHeadlessHost.ts';
import { MemorySettings } from '../../../src/host/common/memorySettings.ts';
import type { PluginHost } from '../../../src/host/common/pluginHost.ts';
import type { PluginState } from '../../../src/host/common/pluginDescription.ts';
import { fixturePluginsDir, scratchDir, waitFor } from '../../support/fixtures.ts';

const statusOf = (states: readonly PluginState[], id: string) => states.find((s) => s.description.id === id)!;

describe('plugin host with real worker_threads', () => {
  let host: PluginHost;
  const settings = new MemorySettings({ enabled: { echo: true, throws: true, hangs: true, undeclared: true, fetcher: true, invalid: true } });
  const fetched: string[] = [];

  beforeAll(async () => {
    const catalog = await buildCatalog([{ dir: fixturePluginsDir, builtin: false }]);
    host = createHeadlessHost({
      catalog,
      cacheDir: scratchDir('bundles'),
      settings,
      gateway: {
        mintClientSecret: async () => ({ value: 'ek_test', expiresAt: 0, baseUrl: 'http://127.0.0.1:9/v1', kind: 'transcription', session: {} }),
        fetch: async (_plugin, url) => {
          fetched.push(url);
          return { status: 200, headers: {}, body: 'ok' };
        },
      },
      log: { log: () => {} },
      policy: { heartbeatMs: 100, unresponsiveMs: 1_500, restartDelayMs: 50, callTimeoutMs: 5_000 },
    });
    await host.start();
  });

  afterAll(() => host.dispose());

  it('reports an invalid manifest with specific errors and never loads its code', async () => {
    const invalid = statusOf(await firstValueFrom(host.plugins$), 'invalid');
    expect(invalid.status).toBe('invalid');
    expect(invalid.error).toContain('engines.sotto: the plugin needs the Sotto API ^9.0.0, but this Sotto provides 1.0.0');
    expect(invalid.error).toContain("contributes.commands[0]: must have required property 'title'");
    expect(invalid.error).toContain('contributes.assistantTools[0].name: must match pattern');
  });

  it('activates a good plugin, runs its command and applies a setting change live', async () => {
    expect(statusOf(await firstValueFrom(host.plugins$), 'echo').status).toBe('active');
    expect(await host.executeCommand('echo.say', 'a', 'b')).toBe('hello: a b');
    settings.set('echo', 'greeting', 'hi');
    await waitFor(host.contributions.panels$, (panels) => panels.get('echo.status')?.kind === 'markdown' && JSON.stringify(panels.get('echo.status')).includes('**hi**'));
    expect(await host.executeCommand('echo.say', 'c')).toBe('hi: c');
  });

  it('fans stream events through workers: a question in, a reply out', async () => {
    const reply = waitFor(host.bus.stream('replies'), (r) => r.questionId === 'q1');
    host.bus.publish('questions', { id: 'q1', text: 'what is the price?', at: Date.now(), source: 'gate' });
    expect((await reply).text).toBe('echo what is the price?');
  });

  it('shows a plugin that throws in activate as failed while the others keep working', async () => {
    const throws = statusOf(await firstValueFrom(host.plugins$), 'throws');
    expect(throws.status).toBe('failed');
    expect(throws.error).toContain('fixture refuses to start');
    expect(await host.executeCommand('hangs.ping')).toBe('pong');
  });

  it('rejects registration of an id the manifest does not declare', async () => {
    const state = statusOf(await firstValueFrom(host.plugins$), 'undeclared');
    expect(state.status).toBe('failed');
    expect(state.error).toContain('registered commands "sneaky", which its package.json does not declare in contributes.commands (declared: declared)');
  });

  it('detects a hung worker, rejects its pending call and restarts it', async () => {
    await expect(host.executeCommand('hangs.hang')).rejects.toThrow(/stopped responding/);
    await waitFor(host.plugins$, (s) => statusOf(s, 'hangs').status === 'active' && statusOf(s, 'hangs').restarts === 1, 10_000, 'restart');
    expect(await host.executeCommand('hangs.ping')).toBe('pong');
  });

  it('restarts a crashed worker with its contributions', async () => {
    expect(await host.executeCommand('echo.crash')).toBe('crashing');
    await waitFor(host.plugins$, (s) => statusOf(s, 'echo').restarts === 1 && statusOf(s, 'echo').status === 'active', 10_000, 'restart');
    expect(await host.executeCommand('echo.say', 'back')).toBe('hi: back');
  });

  it('carries audio on a transferred port and cancels tool calls by id', async () => {
    const channel = new MessageChannel();
    const segment = waitFor(host.bus.stream('transcript'), (s) => s.itemId === 'count');
    const done = host.invoke('echo', 'transcribers', 'counter', 'transcribe', [{ channel: 'you', format: { encoding: 'pcm16', sampleRate: 24000, channels: 1 }, port: channel.port2 }], { transfer: [channel.port2] });
    await new Promise((r) => setTimeout(r, 50));
    for (let seq = 0; seq < 3; seq++) {
      const pcm = new ArrayBuffer(960);
      channel.port1.postMessage({ n: { seq, pcm, rms: 0, capturedAt: Date.now() } }, [pcm]);
      expect(pcm.byteLength).toBe(0);
    }
    channel.port1.postMessage({ c: true });
    expect((await segment).text).toBe('3 frames, 2880 bytes');
    await done;

    const abort = new AbortController();
    const waiting = host.invoke('echo', 'assistantTools', 'wait_tool', 'invoke', [{}], { signal: abort.signal });
    setTimeout(() => abort.abort(), 50);
    expect(await waiting).toBe('cancelled');
  });

  it('lets a plugin reach only the origins it declared, through the host', async () => {
    await expect(host.executeCommand('fetcher.via-host', 'http://127.0.0.1:10/x')).rejects.toThrow('Plugin "fetcher" may not reach http://127.0.0.1:10');
    expect(await host.executeCommand('fetcher.via-host', 'http://127.0.0.1:9/y')).toBe('reached: 200 ok');
    expect(fetched).toEqual(['http://127.0.0.1:9/y']);
  });

  it('disables a plugin live, disposing what it registered, and enables it again', async () => {
    await host.setEnabled('echo', false);
    expect(statusOf(await firstValueFrom(host.plugins$), 'echo').status).toBe('disabled');
    expect(host.contributions.panels$.value.has('echo.status')).toBe(false);
    await expect(host.executeCommand('echo.say')).rejects.toThrow('Plugin "echo" is disabled.');
    await host.setEnabled('echo', true);
    expect(statusOf(await firstValueFrom(host.plugins$), 'echo').status).toBe('active');
    expect(await host.executeCommand('echo.say', 'again')).toBe('hi: again');
  });
});

import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalServer, type LocalServer } from '../../../src/local/index.ts';
import { buildCatalog } from '../../../src/host/node/catalog/buildCatalog.ts';
import { BridgeService } from '../../../src/shell/node/bridgeService.ts';
import { Engine } from '../../../src/shell/node/engine.ts';
import { MemoryKeyStore } from '../../../src/shell/node/keyStore.ts';
import { TranscriptStore } from '../../../src/shell/node/transcriptStore.ts';
import type { SettingsSnapshot } from '../../../src/shell/common/bridge.ts';
import { bridgeHeader, engineFetchPath, engineRequestHeader, engineStatusHeader } from '../../../src/shell/common/bridge.ts';
import { createWebServer } from '../../../src/shell/node/web/webServer.ts';
import { EngineStreams } from '../../../src/shell/node/engineStreams.ts';
import { fixturePluginsDir, scratchDir } from '../../support/fixtures.ts';

describe('plugins\' engine requests stream through both shells', () => {
  let local: LocalServer;
  let server: Server;
  let origin: string;
  let bridge: BridgeService;
  const token = 'launch-token-for-this-test';

  beforeAll(async () => {
    local = await startLocalServer({ port: 0, textDeltaDelayMs: 30, responder: { replies: [{ text: 'alpha beta gamma delta epsilon zeta' }, { text: 'alpha beta gamma delta epsilon zeta' }] } });
    const catalog = await buildCatalog([{ dir: fixturePluginsDir, builtin: false }]);
    let snapshot: SettingsSnapshot = { enabled: {}, values: {} };
    const settings = { path: 'memory', read: () => snapshot, write: (next: SettingsSnapshot) => void (snapshot = next) };
    const keys = new MemoryKeyStore();
    bridge = new BridgeService({ shell: 'web', catalog: () => catalog, settings, keys, engine: new Engine(keys, async () => local.url), transcripts: new TranscriptStore(scratchDir('calls')) });
    server = createWebServer({ bridge, token, rendererDir: scratchDir('renderer'), pluginBundle: () => Promise.reject(new Error('unused')), engineOrigins: async () => [] });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server?.closeAllConnections();
    server?.close();
    await local?.close();
  });

  const post = (pluginId: string, withToken = true) =>
    fetch(origin + engineFetchPath, {
      method: 'POST',
      headers: { ...(withToken ? { [bridgeHeader]: token } : {}), [engineRequestHeader]: JSON.stringify({ pluginId, path: '/responses', method: 'POST', headers: { 'content-type': 'application/json' } }) },
      body: JSON.stringify({ model: 'sotto-local-notes', input: 'hi', stream: true }),
    });

  it('refuses a call without the launch token, and a plugin without permissions.engine', async () => {
    expect((await post('engine-user', false)).status).toBe(403);
    const refused = await post('fetcher');
    expect(refused.status).toBe(403);
    expect((await refused.json()).error.message).toContain('may not call the engine');
  });

  it('streams the engine\'s SSE as it is produced, with the engine\'s status', async () => {
    const response = await post('engine-user');
    expect(response.headers.get(engineStatusHeader)).toBe('200');
    const arrivals: number[] = [];
    const started = Date.now();
    let text = '';
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      arrivals.push(Date.now() - started);
      text += new TextDecoder().decode(chunk);
    }
    expect(text).toContain('event: response.completed');
    expect(arrivals.length).toBeGreaterThan(3);
    expect(arrivals.at(-1)! - arrivals[0]).toBeGreaterThan(100);
  });

  it('Electron: reads the body chunk by chunk over IPC-style calls, and cancels', async () => {
    const streams = new EngineStreams((pluginId, request, signal) => bridge.engineFetch(pluginId, request, signal));
    const body = new TextEncoder().encode(JSON.stringify({ model: 'sotto-local-notes', input: 'hi', stream: true }));
    const head = await streams.start('engine-user', { path: '/responses', method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(head.status).toBe(200);
    const first = await streams.read(head.id);
    expect(first.done).toBe(false);
    expect(new TextDecoder().decode(first.chunk)).toContain('response.created');
    streams.cancel(head.id);
    expect(await streams.read(head.id)).toEqual({ done: true });
    await expect(streams.start('fetcher', { path: '/responses', method: 'GET', headers: {} })).rejects.toThrow(/may not call the engine/);
  });
});

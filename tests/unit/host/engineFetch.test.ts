import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestHost } from '@sotto/api/testing';
import { startLocalServer, type LocalServer } from '../../../src/local/index.ts';
import { buildCatalog } from '../../../src/host/node/catalog/buildCatalog.ts';
import { createHeadlessHost } from '../../../src/host/node/createHeadlessHost.ts';
import { MemorySettings } from '../../../src/host/common/memorySettings.ts';
import type { PluginHost } from '../../../src/host/common/pluginHost.ts';
import { Engine } from '../../../src/shell/node/engine.ts';
import { MemoryKeyStore } from '../../../src/shell/node/keyStore.ts';
import { headlessGateway } from '../../../src/shell/node/headlessGateway.ts';
import manifest from '../../fixtures/plugins/engine-user/package.json' with { type: 'json' };
import plugin from '../../fixtures/plugins/engine-user/src/index.ts';
import { fixturePluginsDir, scratchDir } from '../../support/fixtures.ts';

const words = 'one two three four five six seven eight';

/** Stands in for api.openai.com on loopback and records what reached it. */
function recordingEngine(seen: IncomingHttpHeaders[]): Promise<Server> {
  const server = createServer((request, response) => {
    seen.push(request.headers);
    request.resume().on('end', () => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ id: 'resp_1', object: 'response', created_at: 1, status: 'completed', model: 'm', output: [{ type: 'message', id: 'msg_1', role: 'assistant', status: 'completed', content: [{ type: 'output_text', text: 'from openai', annotations: [] }] }] }));
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

describe('api.engine.fetch: plugins reach the engine through the host, the key stays in the shell', () => {
  let local: LocalServer;
  let host: PluginHost;
  let openai: Server;
  const keys = new MemoryKeyStore();
  const seen: IncomingHttpHeaders[] = [];

  beforeAll(async () => {
    local = await startLocalServer({ port: 0, textDeltaDelayMs: 40, responder: { replies: [{ text: words }, { text: words }, { text: words }] } });
    openai = await recordingEngine(seen);
    const engine = new Engine(keys, async () => local.url, `http://127.0.0.1:${(openai.address() as AddressInfo).port}/v1`);
    const catalog = (await buildCatalog([{ dir: fixturePluginsDir, builtin: false }])).filter((p) => p.id === 'engine-user');
    const settings = new MemorySettings({ enabled: { 'engine-user': true } });
    host = createHeadlessHost({
      catalog,
      cacheDir: scratchDir('bundles'),
      settings,
      gateway: { mintClientSecret: () => Promise.reject(new Error('unused')), fetch: () => Promise.reject(new Error('unused')), ...headlessGateway(engine, (id) => settings.values(id)) },
      log: { log: () => {} },
    });
    await host.start();
  });

  afterAll(async () => {
    await host?.dispose();
    await local?.close();
    openai?.close();
  });

  it('streams an SSE body chunk by chunk into the worker as a real Response', async () => {
    const result = await host.executeCommand<{ status: number; type: string; chunks: { at: number; text: string }[] }>('engine-user.stream', 'hello');
    expect(result.status).toBe(200);
    expect(result.type).toContain('text/event-stream');
    const text = result.chunks.map((c) => c.text).join('');
    expect(text).toContain('event: response.completed');
    // Deltas are paced 40 ms apart by the server: they must not arrive all at once at the end.
    const deltas = result.chunks.filter((c) => c.text.includes('response.output_text.delta'));
    expect(deltas.length).toBeGreaterThan(3);
    expect(deltas.at(-1)!.at - deltas[0].at).toBeGreaterThan(150);
  });

  it('runs the official SDK in the worker against the local engine', async () => {
    const result = await host.executeCommand<{ text: string; apiKey: string }>('engine-user.sdk', 'hi');
    expect(result.text).toBe(words);
    expect(result.apiKey).toBe('injected-by-host');
  });

  it('adds the real key in the shell when the engine is OpenAI; the worker only ever has the placeholder', async () => {
    await keys.set('sk-test-secret-0123456789');
    try {
      const result = await host.executeCommand<{ text: string; apiKey: string }>('engine-user.sdk', 'hi');
      expect(result.text).toBe('from openai');
      expect(seen.at(-1)!.authorization).toBe('Bearer sk-test-secret-0123456789');
      expect(JSON.stringify(result)).not.toContain('sk-test-secret');
    } finally {
      await keys.clear();
    }
  });

  it('aborting in the worker ends the stream', async () => {
    expect(await host.executeCommand('engine-user.abort', 'hello')).toBe('AbortError');
  });

  it('refuses other plugins\' tools to a plugin without permissions.tools', async () => {
    await expect(host.executeCommand('engine-user.listTools')).rejects.toThrow(/may not run other plugins' tools: set "tools": true/);
  });

  it('refuses a plugin without permissions.engine, and paths outside the engine', async () => {
    const { permissions: _, ...withoutEngine } = manifest;
    const test = createTestHost(plugin, { manifest: withoutEngine as never, engine: { kind: 'local', baseURL: local.url } });
    await test.activate();
    await expect(test.executeCommand('stream', 'x')).rejects.toThrow(/may not call the engine: set "engine": true/);
    const engine = new Engine(keys, async () => local.url);
    await expect(engine.send('/../admin', { method: 'GET', headers: {} })).rejects.toThrow(/not a path under the engine/);
    await expect(engine.send('//evil.example/v1', { method: 'GET', headers: {} })).rejects.toThrow(/not a path under the engine/);
  });
});

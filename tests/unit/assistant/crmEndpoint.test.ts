import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCatalog } from '../../../src/host/node/catalog/buildCatalog.ts';
import { createHeadlessHost } from '../../../src/host/node/createHeadlessHost.ts';
import { MemorySettings } from '../../../src/host/common/memorySettings.ts';
import type { PluginHost } from '../../../src/host/common/pluginHost.ts';
import { builtinPluginsDir, scratchDir } from '../../support/fixtures.ts';

// The example's declared origin: the optional HTTP CRM answers there, and only there.
const ORIGIN = 'http://127.0.0.1:8765';

describe('crm-lookup: the optional HTTP CRM at its declared origin', () => {
  let crm: Server;
  let host: PluginHost;
  const settings = new MemorySettings({ enabled: { 'crm-lookup': true }, values: { 'crm-lookup': { endpoint: ORIGIN } } });
  const asked: string[] = [];

  beforeAll(async () => {
    crm = createServer((request, response) => {
      asked.push(request.url ?? '');
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify([{ name: 'Omar Haddad', company: 'Umbrella', stage: 'Proposal', notes: 'Asked about SSO' }]));
    });
    await new Promise<void>((resolve) => crm.listen(8765, '127.0.0.1', resolve));
    const catalog = (await buildCatalog([{ dir: builtinPluginsDir, builtin: true }])).filter((p) => p.id === 'crm-lookup');
    host = createHeadlessHost({
      catalog,
      cacheDir: scratchDir('bundles'),
      settings,
      gateway: {
        mintClientSecret: () => Promise.reject(new Error('unused')),
        fetch: async (_plugin, url, init) => {
          const response = await fetch(url, { method: init?.method, headers: init?.headers, body: init?.body });
          return { status: response.status, headers: Object.fromEntries(response.headers), body: await response.text() };
        },
      },
      log: { log: () => {} },
    });
    await host.start();
  });

  afterAll(async () => {
    await host?.dispose();
    crm?.close();
  });

  it('asks the endpoint when there is no export, and refuses any other origin', async () => {
    expect(await host.tools.invoke('crm_lookup', { query: 'Umbrella' })).toEqual({
      found: true,
      records: [{ name: 'Omar Haddad', email: '', company: 'Umbrella', dealStage: 'Proposal', lastContact: '', notes: 'Asked about SSO' }],
    });
    expect(asked).toEqual(['/contacts?q=Umbrella']);
    settings.set('crm-lookup', 'endpoint', 'http://127.0.0.1:8766');
    await new Promise((r) => setTimeout(r, 50));
    await expect(host.tools.invoke('crm_lookup', { query: 'Umbrella' })).rejects.toThrow(/may not reach http:\/\/127.0.0.1:8766: add it to permissions.network/);
  });
});

import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { AssistantAnswer } from '@sotto/api';
import { startLocalServer, type LocalServer } from '../../src/local/index.ts';
import type { LocalServerOptions } from '../../src/local/options.ts';
import { buildCatalog } from '../../src/host/node/catalog/buildCatalog.ts';
import { createHeadlessHost } from '../../src/host/node/createHeadlessHost.ts';
import { MemorySettings } from '../../src/host/common/memorySettings.ts';
import type { PluginHost } from '../../src/host/common/pluginHost.ts';
import { Engine } from '../../src/shell/node/engine.ts';
import { MemoryKeyStore } from '../../src/shell/node/keyStore.ts';
import { headlessGateway } from '../../src/shell/node/headlessGateway.ts';
import { builtinPluginsDir, fixturePluginsDir, repoRoot, scratchDir, waitFor } from './fixtures.ts';

export const crmExport = path.join(repoRoot, 'plugins/crm-lookup/tests/fixtures/crm.csv');

export interface AssistantHost {
  readonly local: LocalServer;
  readonly host: PluginHost;
  readonly settings: MemorySettings;
  /** Setting a key switches the engine to `openaiBaseURL`. */
  readonly keys: MemoryKeyStore;
  /** What plugins logged, as `pluginId: message`. */
  readonly logs: string[];
  /** JSON bodies of every POST /responses the plugins sent, as they crossed the gateway. */
  readonly responseRequests: Record<string, unknown>[];
  /** Resolves with the answer `id` once it is final. */
  finalAnswer(id: string, ms?: number): Promise<AssistantAnswer>;
  close(): Promise<void>;
}

/** The assistant and CRM plugins (and the misbehaving-tools fixture) in a headless host against `sotto local`. */
export async function startAssistantHost(
  options: { local?: LocalServerOptions; values?: Record<string, Record<string, unknown>>; onResponseRequest?: (body: Record<string, unknown>) => void; openaiBaseURL?: string } = {},
): Promise<AssistantHost> {
  const knowledge = scratchDir('knowledge');
  mkdirSync(knowledge, { recursive: true });
  writeFileSync(path.join(knowledge, 'pricing.md'), '# Pricing\n\nThe enterprise plan costs 42 euros per seat per month, billed yearly.\n');
  const local = await startLocalServer({ port: 0, faults: true, ...options.local });
  const keys = new MemoryKeyStore();
  const engine = new Engine(keys, async () => local.url, options.openaiBaseURL);
  const catalog = [...(await buildCatalog([{ dir: builtinPluginsDir, builtin: true }])), ...(await buildCatalog([{ dir: fixturePluginsDir, builtin: false }]))].filter((p) =>
    ['assistant-runs', 'crm-lookup', 'slow-tools'].includes(p.id),
  );
  const settings = new MemorySettings({
    enabled: { 'crm-lookup': true, 'slow-tools': true },
    values: { 'assistant-runs': { knowledgeFolder: knowledge, transcriptBatchSeconds: 1, ...options.values?.['assistant-runs'] }, 'crm-lookup': { exportFile: crmExport, ...options.values?.['crm-lookup'] } },
  });
  const gateway = headlessGateway(engine, (id) => settings.values(id));
  const responseRequests: Record<string, unknown>[] = [];
  const logs: string[] = [];
  const host = createHeadlessHost({
    catalog,
    cacheDir: scratchDir('bundles'),
    settings,
    gateway: {
      mintClientSecret: () => Promise.reject(new Error('no realtime here')),
      fetch: () => Promise.reject(new Error('no network here')),
      ...gateway,
      engineFetch: (pluginId, request, signal) => {
        if (request.method === 'POST' && request.path === '/responses' && request.body) {
          const body = JSON.parse(new TextDecoder().decode(request.body));
          responseRequests.push(body);
          options.onResponseRequest?.(body);
        }
        return gateway.engineFetch(pluginId, request, signal);
      },
    },
    log: { log: (pluginId, _level, message) => void logs.push(`${pluginId}: ${message}`) },
  });
  await host.start();
  const finalAnswer = (id: string, ms = 10_000) => waitFor(host.bus.stream('answers'), (a) => a.id === id && a.final, ms, `final answer ${id}`);
  return {
    local,
    host,
    settings,
    keys,
    logs,
    responseRequests,
    finalAnswer,
    async close() {
      await host.dispose();
      await local.close();
    },
  };
}

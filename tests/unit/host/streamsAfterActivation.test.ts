import { afterAll, describe, expect, it } from 'vitest';
import { firstValueFrom, filter, timeout } from 'rxjs';
import { buildCatalog } from '../../../src/host/node/catalog/buildCatalog.ts';
import { createHeadlessHost } from '../../../src/host/node/createHeadlessHost.ts';
import { MemorySettings } from '../../../src/host/common/memorySettings.ts';
import type { PluginHost } from '../../../src/host/common/pluginHost.ts';
import { fixturePluginsDir, scratchDir } from '../../support/fixtures.ts';

// Host calls and the activation result travel on different ports; on a loaded machine the result used to win, and
// lines published at once (`sotto replay --transcript`) were lost. Activation now waits for the subscriptions.
describe('streams a plugin subscribes to in activate', () => {
  let host: PluginHost | undefined;
  afterAll(() => host?.dispose());

  it('hear what is published as soon as activation resolves', async () => {
    const catalog = (await buildCatalog([{ dir: fixturePluginsDir, builtin: true }])).filter((p) => p.id === 'echo');
    host = createHeadlessHost({ catalog, cacheDir: scratchDir('bundles'), settings: new MemorySettings(), log: { log: () => {} } });
    for (let round = 0; round < 12; round++) {
      await host.setEnabled('echo', false);
      await host.setEnabled('echo', true);
      await host.ensureActive('echo');
      const reply = firstValueFrom(host.bus.stream('replies').pipe(filter((r) => r.questionId === `q${round}`), timeout(2_000)));
      host.bus.publish('questions', { id: `q${round}`, text: 'hello', at: Date.now(), source: 'manual' });
      expect((await reply).text).toBe('echo hello');
    }
  });
});

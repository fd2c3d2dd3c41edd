import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { buildCatalog } from '../../../src/host/node/catalog/buildCatalog.ts';
import { createHeadlessHost } from '../../../src/host/node/createHeadlessHost.ts';
import { MemorySettings } from '../../../src/host/common/memorySettings.ts';
import { repoRoot, scratchDir, waitFor } from '../../support/fixtures.ts';

const run = promisify(execFile);
const bin = (name: string) => path.join(repoRoot, 'node_modules/.bin', name);

describe('sotto new-plugin', () => {
  it('scaffolds a plugin that passes its own test and loads from the user plugins folder', async () => {
    const userPlugins = scratchDir('user-plugins');
    const env = { ...process.env, PATH: `${path.join(repoRoot, 'node_modules/.bin')}:${process.env.PATH}`, SOTTO_USER_PLUGINS: userPlugins };
    const created = await run(bin('sotto'), ['new-plugin', 'deal-notes'], { cwd: repoRoot, env });
    expect(created.stdout).toContain(path.join(userPlugins, 'deal-notes'));
    await expect(run(bin('sotto'), ['new-plugin', 'Deal Notes'], { cwd: repoRoot, env })).rejects.toMatchObject({ code: 2 });

    const tested = await run(bin('vitest'), ['run', '--root', path.join(userPlugins, 'deal-notes')], { cwd: repoRoot, env: { ...env, CI: 'true' } });
    expect(tested.stdout).toMatch(/Tests\s+.*2 passed/);

    const catalog = await buildCatalog([{ dir: userPlugins, builtin: false }]);
    expect(catalog.map((p) => [p.id, p.errors])).toEqual([['deal-notes', []]]);
    const settings = new MemorySettings();
    const host = createHeadlessHost({ catalog, cacheDir: scratchDir('bundles'), settings, log: { log: () => {} } });
    try {
      await host.setEnabled('deal-notes', true);
      expect(await host.executeCommand('deal-notes.greet', 'Dana')).toBe('Hello, Dana!');
      host.bus.publish('transcript', { channel: 'you', itemId: 'a', previousItemId: null, text: 'hi', final: true, start: 0, end: 1 });
      await waitFor(host.contributions.panels$, (p) => p.get('deal-notes.lines')?.kind === 'markdown');
    } finally {
      await host.dispose();
    }
  }, 40_000);
});

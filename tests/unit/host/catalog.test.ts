import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCatalog } from '../../../src/host/node/catalog/buildCatalog.ts';
import { fixturePluginsDir, scratchDir } from '../../support/fixtures.ts';

describe('plugin catalog', () => {
  it('keeps the built-in plugin when a user plugin reuses its id, and says which one clashed', async () => {
    const builtin = scratchDir('builtin');
    const user = scratchDir('user');
    cpSync(path.join(fixturePluginsDir, 'echo'), path.join(builtin, 'echo'), { recursive: true });
    cpSync(path.join(fixturePluginsDir, 'echo'), path.join(user, 'echo-copy'), { recursive: true });
    const catalog = await buildCatalog([
      { dir: user, builtin: false },
      { dir: builtin, builtin: true },
    ]);
    const [original, copy] = [catalog.find((p) => p.id === 'echo')!, catalog.find((p) => p.id !== 'echo')!];
    expect(original.builtin).toBe(true);
    expect(original.errors).toEqual([]);
    expect(copy.id).toBe('echo@echo-copy');
    expect(copy.errors).toEqual([`id: "echo" is already used by the plugin in ${path.join(builtin, 'echo')}`]);
    expect(copy.manifest).toBeUndefined();
  });

  it('reports a package.json that is not JSON, or not a manifest, without stopping the others', async () => {
    const dir = scratchDir('broken');
    mkdirSync(path.join(dir, 'garbled'));
    writeFileSync(path.join(dir, 'garbled', 'package.json'), '{ "id": ');
    mkdirSync(path.join(dir, 'bare'));
    writeFileSync(path.join(dir, 'bare', 'package.json'), JSON.stringify({ id: 'bare', version: '1.0.0' }));
    cpSync(path.join(fixturePluginsDir, 'echo'), path.join(dir, 'echo'), { recursive: true });
    const catalog = await buildCatalog([{ dir, builtin: false }]);
    expect(catalog.find((p) => p.id === 'garbled')!.errors[0]).toMatch(/^package\.json is not valid JSON/);
    expect(catalog.find((p) => p.id === 'bare')!.errors).toEqual(["package.json: must have required property 'main'", "package.json: must have required property 'engines'"]);
    expect(catalog.find((p) => p.id === 'echo')!.errors).toEqual([]);
  });
});

import path from 'node:path';
import { parseArgs } from 'node:util';
import { userPluginsDir } from '../../shell/node/paths.ts';
import { UsageError, type CliCommand } from '../command.ts';
import { repoRoot } from '../paths.ts';
import { PLUGIN_ID, scaffoldPlugin } from '../newPlugin/scaffold.ts';

export const newPluginCommand: CliCommand = {
  name: 'new-plugin',
  summary: 'Create a plugin (manifest, entry, test, README) in your plugins folder',
  usage: [
    'Usage: sotto new-plugin <name> [--dir DIR]',
    '',
    'Writes <DIR>/<name>: package.json, src/index.ts with activate, tests/plugin.test.ts using @sotto/api/testing, README.md.',
    '  --dir DIR   where to create it (default: your plugins folder, $SOTTO_USER_PLUGINS or ~/.config/sotto/plugins)',
  ].join('\n'),
  async run(argv) {
    const { values, positionals } = parseArgs({ args: argv, options: { dir: { type: 'string' } }, allowPositionals: true });
    const [id] = positionals;
    if (!id || !PLUGIN_ID.test(id)) throw new UsageError('Give the plugin a name of lowercase words joined by dashes, e.g. `sotto new-plugin deal-notes`.');
    const target = await scaffoldPlugin(id, path.resolve(values.dir ?? userPluginsDir()), path.join(repoRoot, 'api'));
    console.log(`Created ${target}\nTest it:  npx vitest run --root ${JSON.stringify(target)}\nThen turn it on in Sotto's Plugins view.`);
    return 0;
  },
};

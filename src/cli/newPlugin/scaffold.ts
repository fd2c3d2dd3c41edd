import { mkdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** A plugin id is also its folder name: lowercase words joined by dashes. */
export const PLUGIN_ID = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

const title = (id: string) => id.split('-').map((w) => w[0].toUpperCase() + w.slice(1)).join(' ');

function files(id: string, apiRoot: string): Record<string, string> {
  const manifest = {
    name: `sotto-plugin-${id}`,
    id,
    displayName: title(id),
    description: `${title(id)}: a Sotto plugin.`,
    version: '0.1.0',
    type: 'module',
    main: 'src/index.ts',
    engines: { sotto: '^1.0.0' },
    activationEvents: ['onStartup'],
    contributes: {
      configuration: { title: title(id), properties: { greeting: { title: 'Greeting', type: 'string', default: 'Hello', minLength: 1 } } },
      commands: [{ id: 'greet', title: `${title(id)}: say hello` }],
      panels: [{ id: 'lines', title: title(id), location: 'side' }],
    },
  };
  return {
    'package.json': `${JSON.stringify(manifest, null, 2)}\n`,
    'src/index.ts': `import { definePlugin, rx } from '@sotto/api';

export default definePlugin({
  activate(context, api) {
    const lines = api.streams.transcript.events$.pipe(
      rx.filter((segment) => segment.final),
      rx.scan((count) => count + 1, 0),
      rx.map((count) => ({ kind: 'markdown' as const, text: \`\${api.settings.get<string>('greeting')}! **\${count}** lines so far.\` })),
      rx.startWith({ kind: 'empty' as const, message: 'Waiting for the call to start.' }),
    );
    context.subscriptions.push(
      api.commands.register('greet', (name) => \`\${api.settings.get<string>('greeting')}, \${String(name ?? 'world')}!\`),
      api.panels.register('lines', { model$: lines }),
    );
  },
});
`,
    'tests/plugin.test.ts': `import { createTestHost } from '@sotto/api/testing';
import manifest from '../package.json' with { type: 'json' };
import plugin from '../src/index.ts';

// describe/it/expect/vi are vitest globals (see vitest.config.mts), so the plugin needs no dependencies of its own.
describe('${id}', () => {
  it('greets with the configured greeting', async () => {
    const host = createTestHost(plugin, { manifest: manifest as never, settings: { greeting: 'Hi' } });
    await host.activate();
    expect(await host.executeCommand('greet', 'Dana')).toBe('Hi, Dana!');
  });

  it('counts final transcript lines in its panel', async () => {
    const host = createTestHost(plugin, { manifest: manifest as never });
    await host.activate();
    host.publish('transcript', { channel: 'participant', itemId: 'a', previousItemId: null, text: 'hi', final: true, start: 0, end: 1 });
    await vi.waitFor(() => expect(host.panel('lines')).toEqual({ kind: 'markdown', text: 'Hello! **1** lines so far.' }));
  });
});
`,
    // A plain object: the config loads without resolving any package from the plugin's folder.
    'vitest.config.mts': `// @sotto/api resolves to the Sotto that created this plugin; change the path if Sotto moves.
const api = ${JSON.stringify(path.join(apiRoot, 'src'))};

export default {
  resolve: { alias: [{ find: /^@sotto\\/api\\/(\\w+)$/, replacement: \`\${api}/$1/index.ts\` }, { find: /^@sotto\\/api$/, replacement: \`\${api}/index.ts\` }] },
  test: { globals: true, include: ['tests/**/*.test.ts'] },
};
`,
    'README.md': `# ${title(id)}

A Sotto plugin. It counts the call's transcript lines in a side panel and has a command that greets you.

- \`package.json\` declares everything the plugin contributes: settings, commands, panels. Sotto checks it before the
  plugin's code runs, and refuses a registration the manifest does not declare.
- \`src/index.ts\` is the entry: \`activate(context, api)\` registers what the manifest declares. Import only \`@sotto/api\`.
- \`tests/plugin.test.ts\` runs the plugin in memory with \`createTestHost\` from \`@sotto/api/testing\`.

Run its test from your Sotto checkout: \`npx vitest run --root <this folder>\`.
Turn it on in Sotto's Plugins view (user plugins start off). See plugins/crm-lookup in Sotto for a fuller example:
an assistant tool, a user file, a network permission.
`,
  };
}

/** Writes a new plugin folder `<dir>/<id>`; refuses to overwrite an existing one. */
export async function scaffoldPlugin(id: string, dir: string, apiRoot: string): Promise<string> {
  const target = path.join(dir, id);
  if (await stat(target).catch(() => undefined)) throw new Error(`${target} already exists.`);
  for (const [file, text] of Object.entries(files(id, apiRoot))) {
    await mkdir(path.dirname(path.join(target, file)), { recursive: true });
    await writeFile(path.join(target, file), text);
  }
  return target;
}

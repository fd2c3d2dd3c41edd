#!/usr/bin/env node
// Entry of the `sotto` command. Refuse old Node loudly instead of failing somewhere deep inside.
const [major] = process.versions.node.split('.').map(Number);
if (major < 22) {
  console.error(
    `sotto needs Node.js 22 or newer; this is ${process.version}.\n` +
      'Run it through npm (npx sotto, npm start), which uses the Node 24 that `npm ci` installs, ' +
      'or install Node 24 LTS yourself.',
  );
  process.exit(1);
}
const { ensureCliBundle } = await import('../lib/cliBundle.mjs');
const entry = await ensureCliBundle();
await import(entry);

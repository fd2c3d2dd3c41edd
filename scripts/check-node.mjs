// Fails fast when a script would silently run on the system's old Node instead of the project's Node 24.
const [major] = process.versions.node.split('.').map(Number);
if (major < 22) {
  console.error(`Sotto's scripts need Node.js >= 22 but got ${process.version}. Run \`npm ci\` (it installs Node 24 from npm) and use npm scripts.`);
  process.exit(1);
}

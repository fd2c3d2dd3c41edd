import path from 'node:path';

/** The repository (or installed app) root: where package.json, plugins/ and api/ live. */
export const repoRoot = path.resolve(import.meta.dirname, '../..');

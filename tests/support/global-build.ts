import { ensureRendererBuilt } from '../../src/shell/node/web/rendererBuild.ts';

/** Builds the workbench once before the browser tests, so no test pays for it inside its timeout. */
export default async function setup(): Promise<void> {
  await ensureRendererBuilt(() => {});
}

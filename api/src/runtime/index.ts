export { startPluginWorker } from './startPluginWorker.ts';
export { createPluginShape } from './pluginShape.ts';
export type { AudioInputDto } from './adaptArgs.ts';

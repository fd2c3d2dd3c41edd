import type { ShellGateway } from '../../host/common/services.ts';
import { replyOf } from '@sotto/api/rpc';
import type { Engine } from './engine.ts';
import { readUserFiles } from './userFiles.ts';

/**
 * The engine and user-file services of a headless host (`sotto replay`, tests): the same Engine as the shells,
 * in-process. The host has already checked the plugin's permissions.
 */
export function headlessGateway(engine: Engine, values: (pluginId: string) => Record<string, unknown>): Required<Pick<ShellGateway, 'engineInfo' | 'engineFetch' | 'readUserFiles'>> {
  return {
    async engineInfo() {
      const choice = await engine.choose();
      if (!choice.baseURL) throw new Error(choice.detail);
      return { kind: choice.kind, baseURL: choice.baseURL };
    },
    engineFetch: async (_pluginId, request, signal) => replyOf(await engine.send(request.path, { ...request, headers: { ...request.headers }, signal })),
    readUserFiles: (pluginId, key) => readUserFiles(values(pluginId)[key], key),
  };
}
